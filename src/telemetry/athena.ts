/**
 * `otactl stats --athena-sql`: past one machine, the same counts in Amazon Athena over the
 * CloudFront logs in S3. Prints a CREATE TABLE for the 33-field standard log (columns from the
 * same field list `otactl serve` writes) and one query per bucket, app, channel and build with
 * the rules of aggregate.ts: checks (2xx and 304 on a manifest), downloads (200, or 206 from byte
 * 0), beacon results once per device. Artifacts map to builds through a VALUES list of the
 * store's releases. Adoption over time stays with `otactl stats` (it needs each device's history).
 */
import { ACCESS_LOG_FIELDS } from '../edge/access-log.js';
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

export function athenaSql(location: string, artifacts: ReadonlyMap<string, ArtifactOrigin>, by: Extract<BucketSize, 'hour' | 'day'>, table = 'otactl_cloudfront_logs'): string {
  const columns = ACCESS_LOG_FIELDS.map((f) => `  \`${athenaColumn(f)}\` ${TYPES[f] ?? 'STRING'}`).join(',\n');
  const builds = [...artifacts.entries()].map(([sha, o]) => `(${lit(sha)}, ${lit(o.app)}, ${lit(o.build_id)}, ${lit(o.channel ?? '*')})`);
  const buildRows = builds.length > 0 ? builds.join(',\n    ') : `(${lit('')}, ${lit('')}, ${lit('')}, ${lit('')})`;
  return `-- The CloudFront standard logs (${ACCESS_LOG_FIELDS.length} tab-separated fields; the two # header lines skipped).
CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (
${columns}
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
LOCATION ${lit(location)}
TBLPROPERTIES ('skip.header.line.count' = '2');

-- Checks, downloads and install results per ${by}, app, channel and build (otactl stats' rules, docs/telemetry.md).
WITH builds (sha256, app, build_id, channel) AS (
  VALUES
    ${buildRows}
),
requests AS (
  SELECT
    date_trunc('${by}', from_iso8601_timestamp(concat(CAST("date" AS varchar), 'T', "time", 'Z'))) AS bucket,
    url_decode(cs_uri_stem) AS path,
    -- The log encodes the query's % once more: undo that layer before reading parameters.
    'http://q/?' || replace(coalesce(nullif(cs_uri_query, '-'), ''), '%25', '%') AS q,
    sc_status AS status,
    sc_range_start AS range_start
  FROM ${table}
  WHERE cs_method = 'GET'
),
checks AS (
  SELECT bucket, regexp_extract(path, '/apps/([^/]+)/channels/([^/]+)/manifest\\.json$', 1) AS app,
         regexp_extract(path, '/apps/([^/]+)/channels/([^/]+)/manifest\\.json$', 2) AS channel,
         CAST(NULL AS varchar) AS build_id, count(*) AS checks, 0 AS downloads, 0 AS installs_ok, 0 AS installs_fail, 0 AS verify_fail
  FROM requests
  WHERE regexp_like(path, '/apps/[^/]+/channels/[^/]+/manifest\\.json$') AND ((status BETWEEN 200 AND 299) OR status = 304)
  GROUP BY 1, 2, 3
),
downloads AS (
  SELECT r.bucket, b.app, b.channel, b.build_id, 0 AS checks, count(*) AS downloads, 0 AS installs_ok, 0 AS installs_fail, 0 AS verify_fail
  FROM requests r JOIN builds b ON regexp_extract(r.path, '/artifacts/sha256/([0-9a-f]{64})$', 1) = b.sha256
  WHERE r.status = 200 OR (r.status = 206 AND r.range_start = 0)
  GROUP BY 1, 2, 3, 4
),
beacons AS (
  SELECT bucket, regexp_extract(path, '/apps/([^/]+)/beacons/', 1) AS app,
         coalesce(nullif(url_extract_parameter(q, 'c'), ''), '*') AS channel,
         regexp_extract(path, '/beacons/(b-[0-9a-f]{12,64})/', 1) AS build_id,
         regexp_extract(path, '/(ok|fail|verify_fail)\\.txt$', 1) AS result,
         url_extract_parameter(q, 'd') AS device
  FROM requests
  WHERE regexp_like(path, '/apps/[^/]+/beacons/b-[0-9a-f]{12,64}/(ok|fail|verify_fail)\\.txt$')
),
results AS (
  -- Once per device, build and result (a retried beacon is not a second install); per request without d=.
  SELECT min(bucket) AS bucket, app, channel, build_id, result
  FROM beacons
  GROUP BY app, channel, build_id, result, coalesce(device, CAST(random() AS varchar))
),
installs AS (
  SELECT bucket, app, channel, build_id, 0 AS checks, 0 AS downloads,
         count_if(result = 'ok') AS installs_ok, count_if(result = 'fail') AS installs_fail, count_if(result = 'verify_fail') AS verify_fail
  FROM results
  GROUP BY 1, 2, 3, 4
)
SELECT bucket, app, channel, build_id,
       sum(checks) AS checks, sum(downloads) AS downloads, sum(installs_ok) AS installs_ok, sum(installs_fail) AS installs_fail, sum(verify_fail) AS verify_fail
FROM (SELECT * FROM checks UNION ALL SELECT * FROM downloads UNION ALL SELECT * FROM installs)
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
`;
}

function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
