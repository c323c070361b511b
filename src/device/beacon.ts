/**
 * Result beacons from the device (protocol/beacon.ts has the contract): after an update attempt the
 * device fetches the build's tiny static beacon object, and the CDN's access log records the
 * result, the device's hashed id, its channel and a short reason. `otactl stats` counts them.
 *
 * The id sent is hex SHA-256(salt ":" device_id) with the manifest's cohort salt, the hash the
 * canary list uses: never the raw id, and not linkable across rollouts (a promote draws a new salt).
 * A beacon is best effort: it never throws and never retries forever; updating matters more.
 */
import { beaconQuery, type BeaconResult } from '../protocol/beacon.js';
import { canaryDeviceHash } from '../protocol/cohort.js';
import type { ManifestPayload } from '../protocol/schemas.js';

export interface BeaconReport {
  /** The URL the manifest was fetched from: beacons live beside it in the store. */
  manifestUrl: string;
  /** The verified manifest the attempt followed (app, channel and salt come from it). */
  manifest: Pick<ManifestPayload, 'app' | 'channel' | 'salt'>;
  deviceId: string;
  /** The build installed (ok) or attempted (fail, verify_fail). */
  buildId: string;
  result: BeaconResult;
  /** A short reason for a failure (an error code such as E_VERIFY); cut to 64 characters. */
  reason?: string;
}

/** Where the beacon of a report is: `apps/<app>/beacons/<build>/<result>.txt?d=..&c=..&r=..` beside the manifest. */
export function beaconUrl(report: BeaconReport): string {
  // The manifest is at apps/<app>/channels/<channel>/manifest.json: two levels up is apps/<app>/.
  const url = new URL(`../../beacons/${report.buildId}/${report.result}.txt`, report.manifestUrl);
  url.search = beaconQuery({
    device: canaryDeviceHash(report.manifest.salt, report.deviceId),
    channel: report.manifest.channel,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
  });
  return url.toString();
}

/** Sends the beacon once; true when the CDN answered 2xx. Errors and timeouts give false. */
export async function sendBeacon(report: BeaconReport, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<boolean> {
  try {
    const res = await (opts.fetch ?? fetch)(beaconUrl(report), { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
