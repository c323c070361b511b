import { expect, test } from 'vitest';
import { ACCESS_LOG_FIELDS } from '../../src/edge/access-log.js';
import { athenaColumn, athenaSql } from '../../src/telemetry/athena.js';

// Not run against Athena here (no AWS in the tests): the DDL's shape is checked here, and the views and
// queries are run through SQLite in test/telemetry/consumers.test.ts (athena-sqlite.py).
test('--athena-sql: a table of the 33 fields in log order, the LOCATION, and the store\'s builds as VALUES', () => {
  const sql = athenaSql("s3://logs/cf/o'brien/", new Map([['ab'.repeat(32), { app: 'demo', build_id: 'b-abababababab', channel: null }]]), 'hour');
  const columns = [...sql.matchAll(/^ {2}`([a-z_]+)` ([A-Z]+),?$/gm)].map((m) => [m[1], m[2]]);
  expect(columns).toHaveLength(33);
  expect(columns.map((c) => c[0])).toEqual(ACCESS_LOG_FIELDS.map(athenaColumn));
  expect(columns.slice(0, 9)).toEqual([
    ['date', 'DATE'], ['time', 'STRING'], ['x_edge_location', 'STRING'], ['sc_bytes', 'BIGINT'], ['c_ip', 'STRING'],
    ['cs_method', 'STRING'], ['cs_host', 'STRING'], ['cs_uri_stem', 'STRING'], ['sc_status', 'INT'],
  ]);
  expect(columns.slice(-2)).toEqual([['sc_range_start', 'BIGINT'], ['sc_range_end', 'BIGINT']]);
  expect(athenaColumn('cs(Referer)')).toBe('cs_referrer');
  expect(sql).toContain("LOCATION 's3://logs/cf/o''brien/'");
  expect(sql).toContain(`('${'ab'.repeat(32)}', 'demo', 'b-abababababab', '*', NULL)`);
  expect(sql).toContain("date_trunc('hour',");
  expect(sql).toContain('r.status = 200 OR (r.status = 206 AND r.range_start = 0)');
});
