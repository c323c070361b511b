/**
 * Result beacons and device identity on checks: how a device tells the access logs what it runs and
 * what happened, with no server of ours. Tiny static objects otactl publishes per build; a device
 * fetches one to report an outcome, the CDN answers from its cache and logs the request with its
 * query string. Pure: names, the telemetry id and parsing (docs/telemetry.md, test/vectors/telemetry.json).
 *
 *   GET <store>/apps/<app>/channels/<channel>/manifest.json?d=<telemetry id>&v=<running version code>
 *   GET <store>/apps/<app>/beacons/<build_id>/<result>.txt?d=<telemetry id>&c=<channel>&r=<reason>
 */
import { createHash } from 'node:crypto';
import { assertDeviceId } from './ids.js';

/**
 * The outcomes a device reports, in the order they happen to a build:
 *   ok           installed (the platform installer returned; the seed's ota.install.ok)
 *   fail         download or install failed (ota.install.fail, ota.download.fail)
 *   verify_fail  the download did not match the manifest: hash, size, signer (ota.verify.fail)
 *   booted       the installed build started (pending validation)
 *   healthy      the installed build verified the channel manifest itself and was marked valid (ota.boot.valid)
 *   rolled_back  it did not validate in time and went back, or the platform went back (ota.boot.rollback, ota.boot.reverted)
 *   deferred     offered but waiting: r = the decision reason (ota.defer.wifi, ota.defer.window, ...)
 *   ineligible   not offered to this device: r = the decision reason (ota.ineligible.cohort, ...)
 * `ok`, `fail` and `verify_fail` keep their names from the first beacon format.
 */
export const BEACON_RESULTS = ['ok', 'fail', 'verify_fail', 'booted', 'healthy', 'rolled_back', 'deferred', 'ineligible'] as const;
export type BeaconResult = (typeof BEACON_RESULTS)[number];

export const MAX_BEACON_REASON = 64;

/** The object body: a CDN must answer 200 for the request to be logged as a success. */
export const BEACON_BODY = 'ok\n';

export function beaconKey(app: string, buildId: string, result: BeaconResult): string {
  return `apps/${app}/beacons/${buildId}/${result}.txt`;
}

/**
 * The value a device sends as `d`: lowercase hex SHA-256(UTF-8("otactl-device") || ":" || UTF-8(device_id)).
 * Stable across rollouts and apps, so checks and beacons of one device join and a device counts
 * once; it reveals whether a device whose id one already knows polled (ids are often serial
 * numbers), never the id itself. A fleet whose ids are sensitive passes its own value instead
 * (e.g. HMAC-SHA256 of the id under a fleet secret, in hex): any stable string of 1..64 characters
 * of [0-9A-Za-z_-] is read the same way.
 */
export function telemetryId(deviceId: string): string {
  assertDeviceId(deviceId);
  return createHash('sha256').update('otactl-device:').update(deviceId, 'utf8').digest('hex');
}

/** What `stats` takes as a device identity: short, URL-safe, no separators to confuse a log. */
export const TELEMETRY_ID = /^[0-9A-Za-z_-]{1,64}$/;

export interface BeaconQuery {
  device?: string;
  channel?: string;
  reason?: string;
}

/** The query string a device appends (values URL-encoded; the reason cut to MAX_BEACON_REASON). */
export function beaconQuery(q: BeaconQuery): string {
  const params = new URLSearchParams();
  if (q.device !== undefined) params.set('d', q.device);
  if (q.channel !== undefined) params.set('c', q.channel);
  if (q.reason !== undefined && q.reason !== '') params.set('r', q.reason.slice(0, MAX_BEACON_REASON));
  return params.toString();
}

/**
 * The query a device puts on its manifest requests: who it is and the version code it runs, so
 * `stats` counts every polling device and what it runs, not only those that sent a beacon.
 * CloudFront's default cache policy ignores query strings (one cached object) and logs them.
 */
export function checkQuery(device: string, runningVersionCode: number): string {
  return `d=${encodeURIComponent(device)}&v=${runningVersionCode}`;
}

/** The manifest URL with the check query; a URL that already has a query keeps it after ours. */
export function checkUrl(manifestUrl: string, device: string, runningVersionCode: number): string {
  const q = checkQuery(device, runningVersionCode);
  const at = manifestUrl.indexOf('?');
  return at < 0 ? `${manifestUrl}?${q}` : `${manifestUrl.slice(0, at + 1)}${q}&${manifestUrl.slice(at + 1)}`;
}

const BEACON_PATH = new RegExp(`(?:^|/)apps/([^/]+)/beacons/(b-[0-9a-f]{12,64})/(${BEACON_RESULTS.join('|')})\\.txt$`);

/** Recognises a beacon request by its path (any prefix before `apps/`, as a CDN origin path adds). */
export function parseBeaconPath(path: string): { app: string; build_id: string; result: BeaconResult } | null {
  const m = BEACON_PATH.exec(path);
  return m ? { app: m[1]!, build_id: m[2]!, result: m[3] as BeaconResult } : null;
}
