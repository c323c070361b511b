/**
 * Result beacons from the device (protocol/beacon.ts has the contract): after an update attempt,
 * a boot or a decision not to install, the device fetches the build's tiny static beacon object,
 * and the CDN's access log records the outcome, the device's telemetry id, its channel and a
 * short reason. `otactl stats` and rollout plans count them.
 *
 * The id sent is the device's telemetry id (protocol/beacon.ts `telemetryId`), the value its
 * manifest requests carry too, never the raw id. A beacon is best effort: it never throws and
 * never retries forever; updating matters more.
 */
import { beaconQuery, telemetryId, type BeaconResult } from '../protocol/beacon.js';
import type { ManifestPayload } from '../protocol/schemas.js';

export interface BeaconReport {
  /** The URL the manifest was fetched from: beacons live beside it in the store. */
  manifestUrl: string;
  /** The channel followed; default: the manifest's, else the one in the manifest URL. */
  channel?: string;
  /** The verified manifest the attempt followed (only its channel is used). */
  manifest?: Pick<ManifestPayload, 'channel'>;
  /** The raw device id (hashed here) ... */
  deviceId?: string;
  /** ... or the value to send as is (a fleet's own keyed hash). One of the two is needed. */
  telemetryId?: string;
  /** The build the outcome is about (installed, attempted, booted, waited for). */
  buildId: string;
  result: BeaconResult;
  /** A short reason (an error code such as E_VERIFY, a decision reason); cut to 64 characters. */
  reason?: string;
}

const CHANNEL_IN_URL = /\/channels\/([^/?#]+)\/manifest\.json(?:[?#]|$)/;

/** Where the beacon of a report is: `apps/<app>/beacons/<build>/<result>.txt?d=..&c=..&r=..` beside the manifest. */
export function beaconUrl(report: BeaconReport): string {
  // The manifest is at apps/<app>/channels/<channel>/manifest.json: two levels up is apps/<app>/.
  const url = new URL(`../../beacons/${report.buildId}/${report.result}.txt`, report.manifestUrl);
  const channel = report.channel ?? report.manifest?.channel ?? CHANNEL_IN_URL.exec(report.manifestUrl)?.[1];
  url.search = beaconQuery({
    device: report.telemetryId ?? telemetryId(report.deviceId ?? ''),
    ...(channel === undefined ? {} : { channel: decodeURIComponent(channel) }),
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
