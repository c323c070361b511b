import type { KeyObject } from 'node:crypto';
import { decide, type Decision, type DeviceConditions, type DeviceFacts } from '../core/decision.js';
import type { BuildRef, ManifestPayload } from '../core/schemas.js';
import { VerificationError } from '../errors.js';
import { sha256Hex } from '../util/hash.js';
import { MAX_MANIFEST_BYTES, openManifest } from './manifest.js';

/**
 * The device side in TypeScript (the Kotlin and C templates follow the same steps): fetch the
 * manifest over plain HTTP(S) with If-None-Match, verify it, decide, download, verify SHA-256,
 * size and signer, then hand the bytes to the platform installer. State that must survive a
 * reboot (highest sequence, ETag) lives in DeviceState, persisted by the caller.
 */
export interface DeviceState {
  highestSequence: number;
  etag?: string;
  manifest?: Buffer;
}

export type DeviceEvent =
  | 'ota.check'
  | 'ota.manifest.200'
  | 'ota.manifest.304'
  | 'ota.manifest.reject'
  | 'ota.eligible'
  | 'ota.ineligible'
  | 'ota.defer'
  | 'ota.download.start'
  | 'ota.download.fail'
  | 'ota.verify.fail'
  | 'ota.install.ok';

export interface UpdaterOptions {
  manifestUrl: string;
  trusted: Map<string, KeyObject>;
  /** Signer fingerprint the installed app is signed with; a build signed otherwise is never installed. */
  expectedSigner?: string;
  maxArtifactBytes?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onEvent?: (event: DeviceEvent, detail: Record<string, unknown>) => void;
}

export interface CheckOutcome {
  decision: Decision | null;
  /** Verified artifact bytes, when the decision was to update and everything checked out. */
  artifact?: Buffer;
  error?: string;
}

export class Updater {
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: UpdaterOptions) {
    this.fetch = opts.fetch ?? fetch;
  }

  async check(device: DeviceFacts, conditions: DeviceConditions, state: DeviceState): Promise<CheckOutcome> {
    const emit = (e: DeviceEvent, d: Record<string, unknown> = {}) => this.opts.onEvent?.(e, { device: device.device_id, ...d });
    emit('ota.check');
    let manifest: ManifestPayload;
    try {
      manifest = await this.loadManifest(state, emit);
    } catch (err) {
      const reason = err instanceof VerificationError ? err.code : 'ota.manifest.fetch_failed';
      emit('ota.manifest.reject', { reason });
      return { decision: null, error: reason };
    }
    const decision = decide(manifest, device, conditions);
    if (decision.action === 'stay') {
      emit('ota.ineligible', { reason: decision.reason });
      return { decision };
    }
    if (decision.action === 'defer') {
      emit('ota.defer', { reason: decision.reason, build_id: decision.build?.build_id });
      return { decision };
    }
    emit('ota.eligible', { build_id: decision.build!.build_id, reason: decision.reason });
    const artifact = await this.download(decision.build!, emit);
    return artifact ? { decision, artifact } : { decision, error: 'ota.verify.fail' };
  }

  private async loadManifest(state: DeviceState, emit: (e: DeviceEvent, d?: Record<string, unknown>) => void): Promise<ManifestPayload> {
    const headers: Record<string, string> = {};
    if (state.etag && state.manifest) headers['if-none-match'] = state.etag;
    const res = await this.fetch(this.opts.manifestUrl, { headers });
    let bytes: Buffer;
    if (res.status === 304 && state.manifest) {
      emit('ota.manifest.304');
      bytes = state.manifest;
    } else if (res.ok) {
      bytes = await readCapped(res, MAX_MANIFEST_BYTES);
      emit('ota.manifest.200');
    } else {
      throw new Error(`manifest answered ${res.status}`);
    }
    // Verified on every use, 304 or not: the cached copy may have expired since.
    const payload = openManifest(bytes, this.opts.trusted, { now: (this.opts.now ?? (() => new Date()))(), highestSequence: state.highestSequence });
    state.highestSequence = Math.max(state.highestSequence, payload.sequence);
    state.manifest = bytes;
    state.etag = res.headers.get('etag') ?? state.etag;
    return payload;
  }

  private async download(build: BuildRef, emit: (e: DeviceEvent, d?: Record<string, unknown>) => void): Promise<Buffer | null> {
    const url = new URL(build.url, this.opts.manifestUrl).toString();
    emit('ota.download.start', { build_id: build.build_id });
    let body: Buffer;
    try {
      const res = await this.fetch(url);
      if (!res.ok) throw new Error(`artifact answered ${res.status}`);
      body = await readCapped(res, Math.min(this.opts.maxArtifactBytes ?? Number.MAX_SAFE_INTEGER, build.size));
    } catch (err) {
      emit('ota.download.fail', { build_id: build.build_id, error: (err as Error).message });
      return null;
    }
    const sha = sha256Hex(body);
    if (body.length !== build.size || sha !== build.sha256) {
      emit('ota.verify.fail', { build_id: build.build_id, reason: 'sha256' });
      return null;
    }
    if (this.opts.expectedSigner && build.signer_fingerprint !== this.opts.expectedSigner) {
      emit('ota.verify.fail', { build_id: build.build_id, reason: 'signer' });
      return null;
    }
    return body;
  }
}

/** Reads a response body, refusing more than `limit` bytes (a lying server cannot exhaust memory). */
async function readCapped(res: Response, limit: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limit) throw new VerificationError(`response of ${declared} bytes exceeds ${limit}`, 'ota.download.too_large');
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) throw new VerificationError(`response exceeds ${limit} bytes`, 'ota.download.too_large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
