/**
 * `otactl stats --athena-sql`: past one machine, the figures of `otactl stats` in Amazon Athena over
 * the CloudFront logs in S3. Prints a CREATE TABLE for the 33-field standard log (columns from the
 * same field list `otactl serve` writes), four views and five queries with the rules of
 * aggregate.ts: checks (2xx and 304 on a manifest) and the devices that polled (`d=`), downloads
 * (200, or 206 from byte 0), outcome beacons once per device, what each device runs (a check's
 * `v=`, an installed, booted or healthy beacon, a rolled-back one), and from that per build the
 * fleet (running, confirmed, deferred and not offered per reason, failed, rolled back, other),
 * adoption and failure ratio, and per bucket the devices seen so far and adoption per build.
 * Artifacts and version codes map to builds through a VALUES list of the store's releases.
 *
 * Written in the part of Trino's SQL that SQLite shares, but for six functions (regexp_extract,
 * regexp_like, url_decode, from_iso8601_timestamp, date_trunc, date_add), so that a test runs it
 * through SQLite on generated logs and compares every figure with the aggregator's
 * (test/telemetry/athena-sqlite.py, docs/telemetry.md).
 */
import { ACCESS_LOG_FIELDS } from '../edge/access-log.js';
import { BEACON_RESULTS } from '../protocol/beacon.js';
import type { ArtifactOrigin, BucketSize } from './aggregate.js';

const TYPES: Record<string, string> = {
  date: 'DATE',
  'sc-bytes': 'BIGINT',
  'sc-status': 'INT',
  'cs-bytes': 'BIGINT',
  'time-taken': 'FLOAT',
  'fle-encrypted-fields': 'INT',
  'c-port': 'INT',
  'time-to-first-byte': 'FLOAT',
  'sc-content-len': 'BIGINT',
  'sc-range-start': 'BIGINT',
  'sc-range-end': 'BIGINT',
};

/** `cs(Host)` -> `cs_host`, `cs(Referer)` -> `cs_referrer` (AWS's spelling), `x-edge-location` -> `x_edge_location`. */
export function athenaColumn(field: string): string {
  if (field === 'cs(Referer)') return 'cs_referrer';
  return field.replace(/\((.*)\)/, '_$1').replace(/-/g, '_').toLowerCase();
}

/** The names of the views the SQL creates beside the table. */
export function athenaViews(table: string): { events: string; runs: string; fleet: string; buckets: string } {
  return { events: `${table}_events`, runs: `${table}_device_runs`, fleet: `${table}_fleet`, buckets: `${table}_buckets` };
}

/** A query parameter's first value (`&` is put before the query), as stats reads it. */
const param = (name: string) => `regexp_extract(q, '&${name}=([^&]*)', 1)`;
/** Percent-decoded as URLSearchParams does; a value with a broken escape is kept as sent (url_decode would fail the query). */
const decoded = (x: string) => `CASE WHEN regexp_like(${x}, '%(.?$|[^0-9A-Fa-f]|.[^0-9A-Fa-f])') THEN ${x} ELSE url_decode(${x}) END`;
const sumIf = (cond: string) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

export function athenaSql(location: string, artifacts: ReadonlyMap<string, ArtifactOrigin>, by: Extract<BucketSize, 'hour' | 'day'>, table = 'otactl_cloudfront_logs'): string {
  const v = athenaViews(table);
  const columns = ACCESS_LOG_FIELDS.map((f) => `  \`${athenaColumn(f)}\` ${TYPES[f] ?? 'STRING'}`).join(',\n');
  const builds = [...artifacts.entries()].map(([sha, o]) => `(${lit(sha)}, ${lit(o.app)}, ${lit(o.build_id)}, ${lit(o.channel ?? '*')}, ${o.version_code ?? 'NULL'})`);
  const buildRows = builds.length > 0 ? builds.join(',\n    ') : `(${lit('')}, ${lit('')}, ${lit('')}, ${lit('')}, NULL)`;
  const manifest = `'(^|/)apps/([^/]+)/channels/([^/]+)/manifest\\.json$'`;
  const artifact = `'(^|/)artifacts/sha256/([0-9a-f]{64})$'`;
  const beacon = `'(^|/)apps/([^/]+)/beacons/(b-[0-9a-f]{12,64})/(${BEACON_RESULTS.join('|')})\\.txt$'`;
  const end = (bucket: string) => `date_add('${by}', 1, ${bucket})`;
  const outcomeSums = (prefix: string) => BEACON_RESULTS.map((r) => `${sumIf(`kind = 'beacon' AND counted = 1 AND result = '${r}'`)} AS ${prefix}${r}`).join(',\n         ');
  return `-- The CloudFront standard logs (${ACCESS_LOG_FIELDS.length} tab-separated fields; the two # header lines skipped).
CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (
${columns}
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
LOCATION ${lit(location)}
TBLPROPERTIES ('skip.header.line.count' = '2');

-- Run the statements in order (Athena runs one at a time). The four views hold otactl stats' rules
-- (docs/telemetry.md); the five queries at the end print its figures per channel, build and ${by}.

-- Every request that counts: checks, downloads and beacons, with the device (d=) and what it says it runs.
CREATE OR REPLACE VIEW ${v.events} AS
WITH builds (sha256, app, build_id, channel, version_code) AS (
  VALUES
    ${buildRows}
),
versions AS (
  -- A version code names a build when exactly one build of the app has it.
  SELECT app, version_code, CASE WHEN count(DISTINCT build_id) = 1 THEN min(build_id) ELSE '' END AS build_id
  FROM builds WHERE version_code IS NOT NULL GROUP BY app, version_code
),
requests AS (
  SELECT CASE WHEN regexp_like("time", '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$')
              THEN from_iso8601_timestamp(CAST("date" AS varchar) || 'T' || "time" || 'Z') END AS at,
         cs_uri_stem AS path,
         -- The log encodes the query's % once more: undo that layer before reading parameters.
         '&' || replace(coalesce(nullif(cs_uri_query, '-'), ''), '%25', '%') AS q,
         sc_status AS status,
         sc_range_start AS range_start
  FROM ${table}
  WHERE cs_method = 'GET' AND "date" IS NOT NULL
),
raw AS (
  SELECT at, path, status, range_start, ${param('d')} AS d, ${param('v')} AS v, ${param('c')} AS c, ${param('r')} AS r
  FROM requests WHERE at IS NOT NULL
),
typed AS (
  SELECT at, path, status, range_start, d, c, coalesce(r, '') AS reason,
         CASE WHEN regexp_like(v, '^[0-9]{1,15}$') THEN CAST(v AS bigint) END AS version_code
  FROM (SELECT at, path, status, range_start, v, ${decoded('d')} AS d, ${decoded('c')} AS c, ${decoded('r')} AS r FROM raw) AS decoded_params
),
identified AS (
  -- A device id is 1..64 of [0-9A-Za-z_-]; a channel name as otactl spells them, else the beacon goes under *.
  SELECT at, path, status, range_start, version_code, reason,
         CASE WHEN regexp_like(d, '^[0-9A-Za-z_-]{1,64}$') THEN d END AS device,
         CASE WHEN regexp_like(c, '^[a-z0-9][a-z0-9._-]{0,63}$') THEN c ELSE '*' END AS beacon_channel
  FROM typed
),
checks AS (
  SELECT at, regexp_extract(path, ${manifest}, 2) AS app, regexp_extract(path, ${manifest}, 3) AS channel, device, version_code, status
  FROM identified
  WHERE regexp_like(path, ${manifest}) AND (status BETWEEN 200 AND 299 OR status = 304)
),
beacons AS (
  SELECT at, regexp_extract(path, ${beacon}, 2) AS app, beacon_channel AS channel, regexp_extract(path, ${beacon}, 3) AS build_id,
         regexp_extract(path, ${beacon}, 4) AS result, device, reason, status
  FROM identified
  WHERE regexp_like(path, ${beacon})
),
counted_beacons AS (
  -- Once per device, build and result (deferred and ineligible: per reason too); every request without d=.
  SELECT at, app, channel, build_id, result, device, reason, status,
         CASE WHEN device IS NULL THEN 1
              WHEN row_number() OVER (PARTITION BY app, channel, build_id, device, result, CASE WHEN result IN ('deferred', 'ineligible') THEN reason ELSE '' END ORDER BY at) = 1 THEN 1
              ELSE 0 END AS counted
  FROM beacons
),
events AS (
  -- runs: the build a device says it runs ('' = none this store knows), confirms: 1 when that is a confirmed boot.
  SELECT c.at, 'check' AS kind, c.app, c.channel, CAST(NULL AS varchar) AS build_id, c.device, CAST(NULL AS varchar) AS result, '' AS reason, c.status,
         CASE WHEN c.device IS NOT NULL AND c.version_code IS NOT NULL THEN coalesce(vc.build_id, '') END AS runs,
         CASE WHEN vc.build_id <> '' THEN 1 ELSE 0 END AS confirms, 1 AS counted
  FROM checks c LEFT JOIN versions vc ON vc.app = c.app AND vc.version_code = c.version_code
  UNION ALL
  SELECT r.at, 'download', b.app, b.channel, b.build_id, CAST(NULL AS varchar), CAST(NULL AS varchar), '', r.status, CAST(NULL AS varchar), 0, 1
  FROM identified r JOIN builds b ON regexp_extract(r.path, ${artifact}, 2) = b.sha256
  WHERE r.status = 200 OR (r.status = 206 AND r.range_start = 0)
  UNION ALL
  SELECT at, 'beacon', app, channel, build_id, device, result, reason, status,
         CASE WHEN device IS NULL OR counted = 0 THEN NULL WHEN result IN ('ok', 'booted', 'healthy') THEN build_id WHEN result = 'rolled_back' THEN '' END,
         CASE WHEN result = 'healthy' THEN 1 ELSE 0 END, counted
  FROM counted_beacons
)
SELECT at, date_trunc('${by}', at) AS bucket, kind, app, channel, build_id, device, result, reason, status, runs, confirms, counted
FROM events;

-- What each device runs over time: one row per thing it said, with when it next said something (next_at)
-- and whether its run of that build includes a confirmed boot. At one instant a check comes before a beacon.
CREATE OR REPLACE VIEW ${v.runs} AS
WITH ordered AS (
  SELECT app, channel, device, at, ord, build_id, confirms,
         CASE WHEN build_id = lag(build_id, 1, '#') OVER (PARTITION BY app, channel, device ORDER BY at, ord, build_id) THEN 0 ELSE 1 END AS change,
         lead(at) OVER (PARTITION BY app, channel, device ORDER BY at, ord, build_id) AS next_at
  FROM (SELECT app, channel, device, at, CASE WHEN kind = 'check' THEN 0 ELSE 1 END AS ord, runs AS build_id, confirms
        FROM ${v.events} WHERE runs IS NOT NULL) AS said
),
streaks AS (
  SELECT app, channel, device, at, ord, build_id, confirms, next_at,
         sum(change) OVER (PARTITION BY app, channel, device ORDER BY at, ord, build_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS streak
  FROM ordered
)
SELECT app, channel, device, at, next_at, build_id, max(confirms) OVER (PARTITION BY app, channel, device, streak) AS confirmed
FROM streaks;

-- Every device of a channel once per build of the channel: where it stands with that build at the end of the logs.
CREATE OR REPLACE VIEW ${v.fleet} AS
WITH devices AS (
  SELECT DISTINCT app, channel, device FROM ${v.events} WHERE device IS NOT NULL
),
ends AS (
  SELECT app, channel, device, build_id, confirmed FROM ${v.runs} WHERE next_at IS NULL
),
channel_builds AS (
  SELECT app, channel, build_id FROM ${v.events} WHERE build_id IS NOT NULL
  UNION
  SELECT app, channel, build_id FROM ends WHERE build_id <> ''
),
latest AS (
  -- A device's latest word about a build (retried beacons included).
  SELECT app, channel, build_id, device, result, reason
  FROM (SELECT app, channel, build_id, device, result, reason,
               row_number() OVER (PARTITION BY app, channel, build_id, device ORDER BY at DESC, result) AS nth
        FROM ${v.events} WHERE kind = 'beacon' AND device IS NOT NULL) AS said
  WHERE nth = 1
),
states AS (
  SELECT b.app, b.channel, b.build_id, d.device,
         CASE WHEN d.device IS NULL THEN NULL
              WHEN e.build_id = b.build_id THEN 'running'
              WHEN l.result = 'deferred' THEN 'deferred'
              WHEN l.result = 'ineligible' THEN 'ineligible'
              WHEN l.result IN ('fail', 'verify_fail') THEN 'failed'
              WHEN l.result = 'rolled_back' THEN 'rolled_back'
              ELSE 'other' END AS state,
         CASE WHEN e.build_id = b.build_id THEN e.confirmed ELSE 0 END AS confirmed,
         l.reason
  FROM channel_builds b
  LEFT JOIN devices d ON d.app = b.app AND d.channel = b.channel
  LEFT JOIN ends e ON e.app = d.app AND e.channel = d.channel AND e.device = d.device
  LEFT JOIN latest l ON l.app = b.app AND l.channel = b.channel AND l.build_id = b.build_id AND l.device = d.device
)
SELECT app, channel, build_id, device, state, confirmed,
       CASE WHEN state IN ('deferred', 'ineligible') THEN coalesce(nullif(reason, ''), 'unknown') END AS reason
FROM states;

-- Per ${by}: the requests that count, the devices seen in it and seen so far (adoption's denominator).
CREATE OR REPLACE VIEW ${v.buckets} AS
WITH per_bucket AS (
  SELECT bucket, app, channel,
         ${sumIf("kind = 'check'")} AS checks,
         ${sumIf("kind = 'download'")} AS downloads,
         ${sumIf("kind = 'beacon' AND result = 'ok'")} AS installs_ok,
         ${sumIf("kind = 'beacon' AND result = 'fail'")} AS installs_fail,
         ${sumIf("kind = 'beacon' AND result = 'verify_fail'")} AS verify_fail,
         count(DISTINCT device) AS devices
  FROM ${v.events} WHERE counted = 1
  GROUP BY bucket, app, channel
),
first_seen AS (
  SELECT app, channel, device, min(at) AS first_at FROM ${v.events} WHERE device IS NOT NULL AND counted = 1 GROUP BY app, channel, device
)
SELECT p.bucket, p.app, p.channel, p.checks, p.downloads, p.installs_ok, p.installs_fail, p.verify_fail, p.devices, count(f.device) AS devices_so_far
FROM per_bucket p LEFT JOIN first_seen f ON f.app = p.app AND f.channel = p.channel AND f.first_at < ${end('p.bucket')}
GROUP BY p.bucket, p.app, p.channel, p.checks, p.downloads, p.installs_ok, p.installs_fail, p.verify_fail, p.devices;

-- 1. Per channel: checks, 304s, the devices that polled, and the checks that carried no device id.
SELECT app, channel,
       ${sumIf("kind = 'check'")} AS checks,
       ${sumIf("kind = 'check' AND status = 304")} AS not_modified,
       count(DISTINCT device) AS devices,
       ${sumIf("kind = 'check' AND device IS NULL")} AS checks_without_device
FROM ${v.events}
GROUP BY app, channel
ORDER BY app, channel;

-- 2. Per build: downloads, the devices that reported each outcome, where the channel's devices stand, adoption, failure ratio.
WITH outcomes AS (
  SELECT app, channel, build_id,
         ${sumIf("kind = 'download'")} AS downloads,
         ${outcomeSums('outcome_')}
  FROM ${v.events} WHERE build_id IS NOT NULL
  GROUP BY app, channel, build_id
),
fleet AS (
  SELECT app, channel, build_id, count(device) AS devices,
         ${sumIf("state = 'running'")} AS running,
         sum(confirmed) AS confirmed,
         ${sumIf("state = 'deferred'")} AS deferred,
         ${sumIf("state = 'ineligible'")} AS ineligible,
         ${sumIf("state = 'failed'")} AS failed,
         ${sumIf("state = 'rolled_back'")} AS rolled_back,
         ${sumIf("state = 'other'")} AS other
  FROM ${v.fleet}
  GROUP BY app, channel, build_id
)
SELECT f.app, f.channel, f.build_id, coalesce(o.downloads, 0) AS downloads,
       ${BEACON_RESULTS.map((r) => `coalesce(o.outcome_${r}, 0) AS outcome_${r}`).join(', ')},
       f.running, f.confirmed, f.deferred, f.ineligible, f.failed, f.rolled_back, f.other, f.devices,
       CASE WHEN f.devices = 0 THEN 0 ELSE CAST(f.running AS double) / f.devices END AS adoption,
       CASE WHEN coalesce(o.outcome_ok + o.outcome_fail + o.outcome_verify_fail, 0) = 0 THEN 0
            WHEN o.outcome_fail + o.outcome_verify_fail + o.outcome_rolled_back >= o.outcome_ok + o.outcome_fail + o.outcome_verify_fail THEN 1
            ELSE CAST(o.outcome_fail + o.outcome_verify_fail + o.outcome_rolled_back AS double) / (o.outcome_ok + o.outcome_fail + o.outcome_verify_fail) END AS failure_ratio
FROM fleet f LEFT JOIN outcomes o ON o.app = f.app AND o.channel = f.channel AND o.build_id = f.build_id
ORDER BY f.app, f.channel, f.build_id;

-- 3. Per build, the devices deferred or not offered, per reason (ota.defer.wifi, ota.ineligible.cohort, ...).
SELECT app, channel, build_id, state, reason, count(*) AS devices
FROM ${v.fleet} WHERE reason IS NOT NULL
GROUP BY app, channel, build_id, state, reason
ORDER BY app, channel, build_id, state, reason;

-- 4. Per ${by}: checks, downloads, installs, the devices seen in it and seen so far.
SELECT * FROM ${v.buckets} ORDER BY bucket, app, channel;

-- 5. Per ${by} and build: the share of the devices seen so far that run it at the bucket's end, and the outcomes reported in it.
WITH running AS (
  SELECT b.bucket, b.app, b.channel, r.build_id, count(*) AS running
  FROM ${v.buckets} b
  JOIN ${v.runs} r ON r.app = b.app AND r.channel = b.channel AND r.at < ${end('b.bucket')} AND (r.next_at IS NULL OR r.next_at >= ${end('b.bucket')})
  WHERE r.build_id <> ''
  GROUP BY b.bucket, b.app, b.channel, r.build_id
),
outcomes AS (
  SELECT bucket, app, channel, build_id, ${outcomeSums('')}
  FROM ${v.events} WHERE kind = 'beacon' AND counted = 1
  GROUP BY bucket, app, channel, build_id
),
both_ AS (
  SELECT bucket, app, channel, build_id, running, ${BEACON_RESULTS.map((r) => `0 AS ${r}`).join(', ')} FROM running
  UNION ALL
  SELECT bucket, app, channel, build_id, 0, ${BEACON_RESULTS.join(', ')} FROM outcomes
)
SELECT x.bucket, x.app, x.channel, x.build_id, sum(x.running) AS running,
       CAST(sum(x.running) AS double) / max(b.devices_so_far) AS adoption,
       ${BEACON_RESULTS.map((r) => `sum(x.${r}) AS ${r}`).join(', ')}
FROM both_ x JOIN ${v.buckets} b ON b.bucket = x.bucket AND b.app = x.app AND b.channel = x.channel
GROUP BY x.bucket, x.app, x.channel, x.build_id
ORDER BY x.bucket, x.app, x.channel, x.build_id;
`;
}

function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
