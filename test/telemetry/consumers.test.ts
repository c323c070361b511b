/**
 * What `otactl stats` writes for another program, read by that program: the HTML report by headless
 * Chromium, the Athena SQL by SQLite (python3's sqlite3, with the few Trino functions it uses).
 *
 * `stats --html` in a real browser: a report aggregated from 90 minutes of generated logs (adaptive
 * buckets: minutes), with a channel history, rendered by headless Chromium (scripts/install-test-deps.sh
 * installs it). The DOM must hold the summary sentence and the three charts with their data; the
 * screenshots at a phone and a desktop width must show the charts drawn (their colours on the
 * canvas, the newest data inside the viewport), not only a file that exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { BEACON_RESULTS } from '../../src/protocol/beacon.js';
import { StatsAggregator, type ArtifactOrigin, type StatsReport } from '../../src/telemetry/aggregate.js';
import { athenaSql } from '../../src/telemetry/athena.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { cloudFrontLog, type Req } from './log-fixtures.js';
import { renderHtml, type ChannelHistory } from '../../src/telemetry/html.js';
import { readPng } from '../helpers/png.js';

const dir = mkdtempSync(join(tmpdir(), 'otactl-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = 'com.example.agent';
const CH = '<script>alert(1)</script>'; // escaped everywhere (a channel name cannot hold it; the renderer must not trust that)
const OLD = 'b-aaaaaaaaaaaa';
const NEW = 'b-bbbbbbbbbbbb';
const T0 = Date.parse('2026-11-01T10:00:00Z');
const MIN = 60_000;

/** 100 devices poll each 10 minutes for 90 minutes; from minute 10, 2 devices a minute install NEW, 1 in 12 of them fails. */
function generatedReport(): StatsReport {
  const artifacts = new Map([
    ['e'.repeat(64), { app: APP, build_id: OLD, channel: 'stable', version_code: 1 }],
    ['f'.repeat(64), { app: APP, build_id: NEW, channel: 'stable', version_code: 2 }],
  ]);
  const agg = new StatsAggregator({ artifacts, by: 'auto' });
  const get = (at: number, path: string, query: string) => agg.add({ at, method: 'GET', path, query, status: 200, rangeStart: null });
  const beacon = (build: string, result: string) => `/apps/${APP}/beacons/${build}/${result}.txt`;
  const version = new Array<number>(100).fill(1);
  let installed = 0;
  for (let m = 0; m < 90; m++) {
    for (let d = m % 10; d < 100; d += 10) get(T0 + m * MIN, `/apps/${APP}/channels/stable/manifest.json`, `d=dev${d}&v=${version[d]}`);
    if (m < 10) continue;
    for (let k = 0; k < 2 && installed < 100; k++, installed++) {
      const q = `d=dev${installed}&c=stable`;
      if (installed % 12 === 11) get(T0 + m * MIN + 1000, beacon(NEW, 'fail'), `${q}&r=ota.install.fail`);
      else {
        get(T0 + m * MIN + 1000, beacon(NEW, 'ok'), q);
        get(T0 + m * MIN + 30_000, beacon(NEW, 'healthy'), q);
        version[installed] = 2;
      }
    }
    if (m === 20) for (let d = 90; d < 100; d++) get(T0 + m * MIN, beacon(NEW, 'deferred'), `d=dev${d}&c=stable&r=ota.defer.wifi`);
  }
  const report = agg.report();
  // The renderer is given the hostile channel name to escape.
  for (const c of report.channels) c.channel = CH;
  return report;
}

const history: ChannelHistory = {
  build_id: NEW,
  plan: { max_failure_rate: 5, state: 'halted', steps: [10, 50, 100], step: 1, reason: 'halted: 8.3% failures' },
  events: [
    { at: '2026-10-30T09:00:00.000Z', action: 'promote', build_id: OLD, percent: 100 },
    { at: '2026-11-01T10:05:00.000Z', action: 'promote', build_id: NEW, percent: 0 },
    { at: '2026-11-01T10:08:00.000Z', action: 'rollout', build_id: NEW, percent: 10, note: 'plan started at 10%' },
    { at: '2026-11-01T10:40:00.000Z', action: 'plan advance', build_id: NEW, percent: 50, note: 'advanced to 50%' },
    { at: '2026-11-01T11:10:00.000Z', action: 'plan halt', build_id: NEW, percent: 50, note: '8.3% failures, above the 5% limit' },
  ],
};

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars', `--user-data-dir=${join(dir, 'profile')}`];

/** Headless Chromium loads the page; its DOM after parsing. */
function chromiumDom(file: string): string {
  return execFileSync('chromium', [...chromiumFlags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

function screenshot(file: string, width: number, height: number): ReturnType<typeof readPng> {
  const png = join(dir, `shot-${width}.png`);
  execFileSync('chromium', [...chromiumFlags, `--window-size=${width},${height}`, `--screenshot=${png}`, `file://${file}`], { timeout: 120_000, stdio: 'ignore' });
  return readPng(readFileSync(png));
}

/** Pixels close to `rgb`, and how far right the rightmost one is (fraction of the width). */
function colourPixels(img: ReturnType<typeof readPng>, rgb: [number, number, number]): { count: number; rightmost: number } {
  let count = 0;
  let rightmost = 0;
  for (let y = 0; y < img.height; y += 1) {
    for (let x = 0; x < img.width; x += 1) {
      const [r, g, b] = img.rgb(x, y);
      if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 40) {
        count++;
        if (x > rightmost) rightmost = x;
      }
    }
  }
  return { count, rightmost: rightmost / img.width };
}

describe('stats --html in headless Chromium', { timeout: 240_000 }, () => {
  const file = join(dir, 'stats.html');
  let report: StatsReport;
  beforeAll(() => {
    report = generatedReport();
    writeFileSync(file, renderHtml(report, new Date('2026-11-02T00:00:00Z'), new Map([[`${APP}/${CH}`, history]])));
  });

  test('adaptive buckets: 90 minutes of logs are drawn in minutes, a month would be in days', () => {
    expect(report.by).toBe('minute');
    expect(report.channels[0]!.buckets).toHaveLength(90);
    const month = new StatsAggregator({ artifacts: new Map(), by: 'auto' });
    for (let h = 0; h < 30 * 24; h++) month.add({ at: T0 + h * 3_600_000, method: 'GET', path: `/apps/a/channels/c/manifest.json`, query: `d=x${h % 7}`, status: 200, rangeStart: null });
    expect(month.report().by).toBe('day');
  });

  test('self-contained, and the DOM holds the summary sentence and the three charts with their data', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|src=|href=|url\(/i);
    expect(html).toContain("default-src 'none'");
    const dom = chromiumDom(file);
    expect(dom).toContain('<h2>com.example.agent / &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    // One sentence: the verdict and the numbers (92 of 100 run the build; 8 failed; the plan halted).
    const summary = /<p class="summary unhealthy">([^<]*)<\/p>/.exec(dom)?.[1];
    expect(summary).toBe(
      'com.example.agent/&lt;script&gt;alert(1)&lt;/script&gt;: not healthy — b-bbbbbbbbbbbb runs on 92 of 100 devices (92.0 %, 92 confirmed boots), 8 failed; failure rate 8.0 % against a 5 % limit; plan halted at step 2 of 3 (50 %).',
    );
    const figure = (id: string) => new RegExp(`<figure id="${id}-[^"]*">([\\s\\S]*?)</figure>`).exec(dom)?.[1] ?? '';
    // Adoption: a line per build, a titled point per minute bucket; NEW climbs to 92 %.
    const adoption = figure('adoption');
    expect(adoption.match(/<polyline /g)).toHaveLength(2);
    expect(adoption.match(/<circle /g)).toHaveLength(2 * 90);
    expect(adoption).toContain('<title>2026-11-01T11:30:00.000Z b-bbbbbbbbbbbb 92.0% of 100 devices</title>');
    // Failure rate: NEW's points where attempts were reported, and the plan's 5 % limit drawn.
    const failures = figure('failures');
    expect(failures).toContain('data-series="b-bbbbbbbbbbbb"');
    expect(failures.match(/<circle /g)!.length).toBeGreaterThanOrEqual(45);
    expect(failures).toMatch(/<g class="limit"><line [^>]*stroke="#d62728"[^>]*>.*limit 5 %/);
    // Rollout percent: a step line from history, the four changes inside the span marked (the promote before it is the start value).
    const rollout = figure('rollout');
    expect(rollout.match(/<g class="event">/g)).toHaveLength(4);
    expect(rollout).toContain('<title>2026-11-01T11:10:00.000Z plan halt b-bbbbbbbbbbbb at 50%: 8.3% failures, above the 5% limit</title>');
    expect(rollout).toContain('(before this span)');
  });

  test('screenshots at a phone and a desktop width show the charts drawn, with their newest data in view', () => {
    for (const [width, height] of [
      [390, 2600],
      [1280, 2000],
    ] as const) {
      const img = screenshot(file, width, height);
      expect(img.width).toBe(width);
      const oldLine = colourPixels(img, [0x1f, 0x77, 0xb4]); // OLD: falls as devices move to NEW
      const newLine = colourPixels(img, [0xd6, 0x27, 0x28]); // NEW's lines and the limit / halt in red
      expect(oldLine.count, `${width}px: adoption line of ${OLD}`).toBeGreaterThan(100);
      expect(newLine.count, `${width}px: red series`).toBeGreaterThan(100);
      // The charts scale to the width: the last bucket's points are inside the right edge, not cut off.
      expect(oldLine.rightmost).toBeGreaterThan(0.8);
      expect(oldLine.rightmost).toBeLessThan(1);
    }
  });
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
