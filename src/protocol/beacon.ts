/**
 * Result beacons: tiny static objects otactl publishes per build, which a device fetches to report
 * how an update went. The CDN answers from its cache and logs the request with its query string,
 * so the access logs carry the results without any server of our own. Pure: names and parsing.
 *
 *   GET <store>/apps/<app>/beacons/<build_id>/<result>.txt?d=<hashed id>&c=<channel>&r=<reason>
 *
 * `d` is hex SHA-256(salt ":" device_id) with the channel's cohort salt (the canary list's hash):
 * never the raw id. `r` is a short reason (at most 64 characters), only for failures.
 */
export const BEACON_RESULTS = ['ok', 'fail', 'verify_fail'] as const;
export type BeaconResult = (typeof BEACON_RESULTS)[number];

export const MAX_BEACON_REASON = 64;

/** The object body: a CDN must answer 200 for the request to be logged as a success. */
export const BEACON_BODY = 'ok\n';

export function beaconKey(app: string, buildId: string, result: BeaconResult): string {
  return `apps/${app}/beacons/${buildId}/${result}.txt`;
}

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

const BEACON_PATH = /(?:^|\/)apps\/([^/]+)\/beacons\/(b-[0-9a-f]{12,64})\/(ok|fail|verify_fail)\.txt$/;

/** Recognises a beacon request by its path (any prefix before `apps/`, as a CDN origin path adds). */
export function parseBeaconPath(path: string): { app: string; build_id: string; result: BeaconResult } | null {
  const m = BEACON_PATH.exec(path);
  return m ? { app: m[1]!, build_id: m[2]!, result: m[3] as BeaconResult } : null;
}
