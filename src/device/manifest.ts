import type { KeyObject } from 'node:crypto';
import { checkFreshness } from '../protocol/decision.js';
import { MANIFEST_PAYLOAD_TYPE, MAX_MANIFEST_BYTES, ManifestPayload } from '../protocol/schemas.js';
import { VerificationError } from '../errors.js';
import { openSignedRecord } from '../protocol/signed-record.js';
import { fetchCapped } from './fetcher.js';

export { MAX_MANIFEST_BYTES };

export interface TrustState {
  now: Date;
  /** Highest sequence this device accepted before (replay protection). */
  highestSequence?: number;
  app?: string;
  channel?: string;
}

/**
 * What a device does with fetched manifest bytes before deciding anything: size cap, signature by
 * a provisioned key, schema, channel, expiry, sequence. Throws VerificationError with the event name.
 */
export function openManifest(bytes: Buffer, trusted: Map<string, KeyObject>, state: TrustState): ManifestPayload {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new VerificationError(`manifest is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit`, 'ota.manifest.too_large');
  }
  const { value } = openSignedRecord(bytes, 'manifest', MANIFEST_PAYLOAD_TYPE, ManifestPayload, trusted);
  return checkManifestFresh(value, state);
}

/**
 * The checks that depend on the moment and the device's history, not on the bytes: channel,
 * expiry, sequence. openManifest runs them after verifying; a payload verified earlier from the
 * very same bytes (a 304) runs them again on its own.
 */
export function checkManifestFresh(value: ManifestPayload, state: TrustState): ManifestPayload {
  const fresh = checkFreshness(value, state);
  if (!fresh.ok) throw new VerificationError(fresh.detail, fresh.reason, { sequence: value.sequence, expires_at: value.expires_at });
  return value;
}

/** Fetches a manifest over HTTP(S) under the size cap; devices use plain HTTPS, never cloud SDKs. */
export async function fetchManifest(url: string, idleTimeoutMs = 10_000): Promise<Buffer> {
  const res = await fetchCapped({ url, purpose: 'manifest', maxBytes: MAX_MANIFEST_BYTES, idleTimeoutMs, headers: { accept: 'application/json' } });
  return res.body;
}
