import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { ACCESS_LOG_FIELDS } from '../../src/edge/access-log.js';
import { BEACON_RESULTS } from '../../src/protocol/beacon.js';
import { StatsAggregator, type ArtifactOrigin, type StatsReport } from '../../src/telemetry/aggregate.js';
import { athenaColumn, athenaSql } from '../../src/telemetry/athena.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { cloudFrontLog, type Req } from './log-fixtures.js';

// Not run against Athena here (no AWS in the tests): the DDL's shape is checked here, and the views and
// queries are run through SQLite below, with a translation of six functions (athena-sqlite.py).
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

/**
 * The SQL run for real, through SQLite (python3's sqlite3, test/telemetry/athena-sqlite.py: the few
 * Trino functions it uses, and the table read from the files as Athena's SerDe reads them), over a
 * generated fleet's CloudFront logs; every figure compared with the aggregator's on the same files.
 */
describe('--athena-sql computes the figures of stats', () => {
  const app = 'demo';
  const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
  const artifacts = new Map<string, ArtifactOrigin>([
    [sha(1), { app, build_id: 'b-000000000001', channel: 'stable', version_code: 1 }],
    [sha(2), { app, build_id: 'b-000000000002', channel: 'stable', version_code: 2 }],
    [sha(3), { app, build_id: 'b-000000000003', channel: 'beta', version_code: 3 }],
    // Two builds with one version code: a check by either runs no build stats can name.
    [sha(4), { app, build_id: 'b-000000000004', channel: null, version_code: 4 }],
    [sha(5), { app, build_id: 'b-000000000005', channel: null, version_code: 4 }],
  ]);
  let dir: string;
  let files: string[];

  /** A deterministic fleet over two days: every device's requests in time order, a second or more apart. */
  function fleetLogs(): Req[][] {
    let seed = 21;
    const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const t0 = Date.parse('2026-11-01T22:00:00Z');
    const out: Req[] = [];
    const manifest = (ch: string) => `/apps/${app}/channels/${ch}/manifest.json`;
    const beacon = (id: string, result: string) => `/apps/${app}/beacons/${id}/${result}.txt`;
    for (let i = 0; i < 90; i++) {
      const device = i % 3 === 0 ? createHash('sha256').update(`dev-${i}`).digest('hex') : `dev-${i}`;
      const ch = i % 10 === 9 ? 'beta' : 'stable';
      const target = ch === 'beta' ? { id: 'b-000000000003', v: 3, sha: sha(3) } : { id: 'b-000000000002', v: 2, sha: sha(2) };
      let at = t0 + rand(3_600_000 * 20);
      let v = i % 17 === 0 ? 4 : 1; // a few run a version code two builds share
      const req = (r: Omit<Req, 'at'>, gap = 1 + rand(1800)) => {
        at += gap * 1000;
        out.push({ ...r, at: new Date(at).toISOString() });
      };
      const check = (status = rand(3) === 0 ? 200 : 304) => req({ path: manifest(ch), query: `d=${device}&v=${v}`, status });
      const tell = (result: string, reason?: string, q = `d=${device}&c=${ch}`) => req({ path: beacon(target.id, result), query: reason ? `${q}&r=${reason}` : q, status: 200 }, 1 + rand(60));
      for (let k = 1 + rand(3); k > 0; k--) check();
      const fate = i % 9;
      if (fate <= 3) {
        // Installs: download (some resumed), installed, booted, a check by the new build, healthy.
        check(200);
        req({ path: `/artifacts/sha256/${target.sha}`, status: rand(2) ? 200 : 206, ...(rand(2) ? {} : { range: [0, 999] as [number, number] }) });
        if (rand(3) === 0) req({ path: `/artifacts/sha256/${target.sha}`, status: 206, range: [1000, 4999] });
        tell('ok');
        if (rand(4) === 0) tell('ok'); // a retried beacon: not a second install
        tell('booted');
        v = target.v;
        if (fate !== 3) {
          check(200);
          tell('healthy');
        }
      } else if (fate === 4) {
        tell('deferred', rand(2) ? 'ota.defer.wifi' : 'ota.defer.window');
        if (rand(2)) tell('deferred', 'ota.defer.battery');
      } else if (fate === 5) {
        tell('ineligible', 'ota.ineligible.cohort');
      } else if (fate === 6) {
        req({ path: `/artifacts/sha256/${target.sha}`, status: 200 });
        tell(rand(2) ? 'fail' : 'verify_fail', rand(2) ? 'ota.install.fail' : 'sha256');
      } else if (fate === 7) {
        // Installed, then went back to the old build.
        tell('ok');
        tell('booted');
        tell('rolled_back', 'boots');
      } else if (i % 2 === 0) {
        tell('ok', undefined, `d=${device}`); // no channel: under *
      }
      for (let k = rand(4); k > 0; k--) check();
    }
    // Old clients (no d=), ids stats does not take, beacons without d=, other requests.
    out.push(
      { at: '2026-11-02T03:04:05Z', path: manifest('stable'), status: 304 },
      { at: '2026-11-02T03:04:06Z', path: manifest('stable'), query: 'v=1', status: 200 },
      { at: '2026-11-02T03:04:07Z', path: manifest('stable'), query: 'd=not%20an%20id&v=1', status: 200 },
      { at: '2026-11-02T03:04:08Z', path: manifest('stable'), query: 'd=dev-x&v=2', status: 404 },
      { at: '2026-11-02T03:04:09Z', path: beacon('b-000000000002', 'fail'), query: 'c=stable&r=ota.install.fail', status: 200 },
      { at: '2026-11-02T03:04:09Z', path: beacon('b-000000000002', 'fail'), query: 'c=stable', status: 200 },
      { at: '2026-11-02T03:04:10Z', path: beacon('b-000000000002', 'ok'), query: 'd=dev-y&c=Not_A_Channel', status: 404 },
      { at: '2026-11-02T03:04:11Z', path: `/artifacts/sha256/${sha(9)}`, status: 200 },
      { at: '2026-11-02T03:04:12Z', path: manifest('stable'), query: 'd=dev-z&v=1', status: 200, method: 'POST' },
    );
    out.sort((a, b) => a.at.localeCompare(b.at));
    // Two files, as CloudFront delivers them.
    const cut = Math.floor(out.length / 2);
    return [out.slice(0, cut), out.slice(cut)];
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otactl-athena-'));
    files = [];
    for (const [n, reqs] of fleetLogs().entries()) {
      files.push(join(dir, `E2EXAMPLE.2026-11-0${n + 1}.log`));
      await writeFile(files[n]!, cloudFrontLog(reqs));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function statsOf(by: 'hour' | 'day'): Promise<StatsReport> {
    const acc = new StatsAggregator({ artifacts, by });
    for (const f of files) for await (const batch of readLogs(f)) acc.addLines(batch);
    return acc.report();
  }

  function runSql(by: 'hour' | 'day'): { columns: string[]; rows: unknown[][] }[] {
    const sqlFile = join(dir, `stats-${by}.sql`);
    writeFileSync(sqlFile, athenaSql('s3://logs/cf/', artifacts, by));
    const r = spawnSync('python3', [join(__dirname, 'athena-sqlite.py'), sqlFile, ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { selftest: { sql: string; expected: unknown; got: unknown }[]; results: { columns: string[]; rows: unknown[][] }[] };
    for (const t of out.selftest) expect(t.got, t.sql).toEqual(t.expected);
    return out.results;
  }

  type Row = Record<string, any>;
  const records = (q: { columns: string[]; rows: unknown[][] }) => q.rows.map((row) => Object.fromEntries(q.columns.map((c, i) => [c, row[i]])) as Row);
  const round = (x: number) => Math.round(x * 1e9) / 1e9;

  it.each(['hour', 'day'] as const)('per %s: channels, builds, fleet, buckets and adoption alike', async (by) => {
    const report = await statsOf(by);
    const [channels, builds, reasons, buckets, bucketBuilds] = runSql(by).map(records) as [Row[], Row[], Row[], Row[], Row[]];

    // What the logs hold, so the comparison is not of two empty sets.
    const stable = report.channels.find((c) => c.channel === 'stable')!;
    expect(stable.devices).toBeGreaterThan(60);
    expect(stable.checks_without_device).toBe(3);
    const b2 = stable.builds.find((b) => b.build_id === 'b-000000000002')!;
    for (const n of [b2.fleet.running, b2.fleet.confirmed, b2.fleet.failed, b2.fleet.rolled_back, b2.fleet.other, b2.outcomes.verify_fail, b2.outcomes.fail]) expect(n, JSON.stringify(b2)).toBeGreaterThan(0);
    expect(Object.keys(b2.fleet.deferred).length).toBeGreaterThan(1);
    expect(report.channels.map((c) => c.channel)).toEqual(['*', 'beta', 'stable']);

    expect(channels).toEqual(report.channels.map((c) => ({ app: c.app, channel: c.channel, checks: c.checks, not_modified: c.not_modified, devices: c.devices, checks_without_device: c.checks_without_device })));

    const want = report.channels.flatMap((c) =>
      c.builds.map((b) => ({
        app: c.app,
        channel: c.channel,
        build_id: b.build_id,
        downloads: b.downloads,
        ...Object.fromEntries(Object.entries(b.outcomes).map(([k, n]) => [`outcome_${k}`, n])),
        running: b.fleet.running,
        confirmed: b.fleet.confirmed,
        deferred: Object.values(b.fleet.deferred).reduce((a, n) => a + n, 0),
        ineligible: Object.values(b.fleet.ineligible).reduce((a, n) => a + n, 0),
        failed: b.fleet.failed,
        rolled_back: b.fleet.rolled_back,
        other: b.fleet.other,
        devices: c.devices,
        adoption: round(b.adoption),
        failure_ratio: round(b.failure_ratio),
      })),
    );
    expect(builds.map((b) => ({ ...b, adoption: round(b.adoption), failure_ratio: round(b.failure_ratio) }))).toEqual(want);
    // installs and verify_fail are the ok, fail and verify_fail outcomes.
    for (const c of report.channels) for (const b of c.builds) expect([b.installs.ok, b.installs.fail, b.verify_fail]).toEqual([b.outcomes.ok, b.outcomes.fail, b.outcomes.verify_fail]);

    expect(reasons).toEqual(
      report.channels.flatMap((c) =>
        c.builds.flatMap((b) =>
          (['deferred', 'ineligible'] as const).flatMap((state) =>
            Object.entries(b.fleet[state]).sort().map(([reason, devices]) => ({ app: c.app, channel: c.channel, build_id: b.build_id, state, reason, devices })),
          ),
        ),
      ),
    );

    const perBucket = report.channels
      .flatMap((c) => c.buckets.map((k) => ({ bucket: k.start, app: c.app, channel: c.channel, checks: k.checks, downloads: k.downloads, installs_ok: k.installs.ok, installs_fail: k.installs.fail, verify_fail: k.verify_fail, devices: k.devices, devices_so_far: k.devices_so_far })))
      .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.app.localeCompare(b.app) || a.channel.localeCompare(b.channel));
    expect(perBucket.length).toBeGreaterThan(by === 'hour' ? 20 : 1);
    expect(buckets).toEqual(perBucket);

    const perBucketBuild = report.channels
      .flatMap((c) =>
        c.buckets.flatMap((k) =>
          [...new Set([...Object.keys(k.adoption), ...Object.keys(k.outcomes)])].map((build_id) => ({
            bucket: k.start,
            app: c.app,
            channel: c.channel,
            build_id,
            adoption: round(k.adoption[build_id] ?? 0),
            ...Object.fromEntries(BEACON_RESULTS.map((r) => [r, k.outcomes[build_id]?.[r] ?? 0])),
          })),
        ),
      )
      .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.app.localeCompare(b.app) || a.channel.localeCompare(b.channel) || a.build_id.localeCompare(b.build_id));
    expect(perBucketBuild.some((b) => b.adoption > 0 && b.adoption < 1)).toBe(true);
    expect(bucketBuilds.map(({ running: _running, ...b }) => ({ ...b, adoption: round(b.adoption) }))).toEqual(perBucketBuild);
  });
});
