#!/usr/bin/env node
// CLI bench: start-up, channel-change latency on the file:// store, and device decisions per second.
//
//   node bench/cli.mjs [--runs 21] [--changes 15] [--devices 200000] [--json]
//   import { run, printTable } from './cli.mjs'; const res = await run();
//
// (a) start-up: median wall time of `node bin/otactl.js --version` vs `node -e 0`, interleaved,
//     after one warm-up each; the ratio is the CLI's own start cost (target <= 2x).
// (b) change latency: in a temp dir (keys there too), init, upload two small files, promote one at
//     100%, then time `promote` (alternating the two builds, --allow-lower-version) and `rollout`
//     (alternating percents) as whole CLI processes: median and p95. The same changes again in
//     process through dist/cli/main.js (modules already loaded: config, keys, read + verify, plan,
//     sign, compare-and-swap, history) (target < 150 ms).
// (c) decisions: decide() from dist/protocol/decision.js over the published manifest for N device ids
//     (ids built before the clock starts), and raw cohortBucket() per second.
// Needs dist/ (npm run build). Uses process.hrtime.bigint() throughout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin/otactl.js');
const dist = (p) => pathToFileURL(path.join(repoRoot, 'dist', p)).href;

const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(now() - t0) / 1e6;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function timed(cmd, args, opts = {}) {
  const t0 = now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const ms = msSince(t0);
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// (a) ------------------------------------------------------------------------------------------
function startup(runs) {
  const subjects = [
    ['node -e 0', [process.execPath, ['-e', '0']]],
    ['otactl --version', [process.execPath, [bin, '--version']]],
  ];
  const times = subjects.map(() => []);
  for (const [, [c, a]] of subjects) timed(c, a); // warm-up (page cache, compile cache)
  for (let i = 0; i < runs; i++) {
    subjects.forEach(([name, [c, a]], k) => {
      const r = timed(c, a);
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      times[k].push(r.ms);
    });
  }
  const [base, cli] = times.map(median);
  return { node_ms: base, otactl_ms: cli, ratio: cli / base, runs };
}

// (b) ------------------------------------------------------------------------------------------
function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'otactl-bench-'));
  const env = { PATH: process.env.PATH, HOME: dir, OTACTL_KEY_DIR: path.join(dir, '.keys'), OTACTL_ACTOR: 'bench', NO_COLOR: '1' };
  const cli = (args) => {
    const r = timed(process.execPath, [bin, ...args, '--json', '--quiet'], { cwd: dir, env });
    if (r.status !== 0) throw new Error(`otactl ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    return { ms: r.ms, json: JSON.parse(r.stdout) };
  };
  return { dir, env, cli };
}

async function changes(n) {
  const ws = workspace();
  const app = ['--app', 'bench.app', '--channel', 'stable'];
  try {
    ws.cli(['init']);
    const ids = [];
    for (const [i, code] of [100, 101].entries()) {
      writeFileSync(path.join(ws.dir, `b${i}.bin`), Buffer.from(`bench build ${i} `.repeat(4096)));
      ids.push(ws.cli(['upload', `b${i}.bin`, '--app', 'bench.app', '--kind', 'file', '--version-code', String(code)]).json.build_id);
    }
    ws.cli(['promote', ids[0], ...app, '--rollout', '100', '--yes']);
    // Canaries and gating make the manifest a realistic size for (c).
    ws.cli(['promote', ids[1], ...app, '--rollout', '10', '--yes', '--canary-tag', 'qa', '--canary-device', 'dev-1', '--canary-device', 'dev-2']);

    const promoteArgs = (i) => ['promote', ids[i % 2], ...app, '--rollout', '10', '--allow-lower-version', '--yes'];
    const rolloutArgs = (i) => ['rollout', i % 2 ? '25' : '50', ...app, '--yes'];

    const proc = { promote: [], rollout: [] };
    for (let i = 0; i < n; i++) proc.promote.push(ws.cli(promoteArgs(i)).ms);
    for (let i = 0; i < n; i++) proc.rollout.push(ws.cli(rolloutArgs(i)).ms);

    // In process: the CLI's own main() with dist modules loaded once; its output is swallowed.
    const { main } = await import(dist('cli/main.js'));
    const cfg = path.join(ws.dir, 'otactl.config.json');
    const inproc = { promote: [], rollout: [] };
    // The run's output goes to a sink; its exit code is returned (main() never sets process.exitCode).
    const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });
    const once = async (args) => {
      const t0 = now();
      const code = await main([process.execPath, bin, ...args, '--json', '--quiet', '--config', cfg], { env: ws.env, stdout: sink(), stderr: sink(), signals: false });
      const ms = msSince(t0);
      if (code !== 0) throw new Error(`in-process otactl ${args.join(' ')} exited ${code}`);
      return ms;
    };
    await once(rolloutArgs(1)); // warm-up: lazy imports (config, store, signing) load here
    for (let i = 0; i < n; i++) inproc.promote.push(await once(promoteArgs(i + 1)));
    for (let i = 0; i < n; i++) inproc.rollout.push(await once(rolloutArgs(i)));

    const env = JSON.parse(readFileSync(path.join(ws.dir, 'ota-store/apps/bench.app/channels/stable/manifest.json'), 'utf8'));
    const history = ws.cli(['history', ...app]).json;
    const stat = (xs) => ({ median_ms: median(xs), p95_ms: pct(xs, 95), min_ms: Math.min(...xs), n: xs.length });
    return {
      process: { promote: stat(proc.promote), rollout: stat(proc.rollout) },
      in_process: { promote: stat(inproc.promote), rollout: stat(inproc.rollout) },
      envelope: env,
      history_length: Array.isArray(history) ? history.length : (history.changes ?? history.history ?? []).length,
    };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

// (c) ------------------------------------------------------------------------------------------
async function decisions(envelope, devices) {
  const { decide } = await import(dist('protocol/decision.js'));
  const { cohortBucket } = await import(dist('protocol/cohort.js'));
  const { ManifestPayload } = await import(dist('protocol/schemas.js'));
  const m = ManifestPayload.parse(JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')));
  const ids = Array.from({ length: devices }, (_, i) => `device-${i}`);
  const current = m.last_safe ? m.last_safe.version_code : 0;
  const cond = { wifi: true, battery: 80, charging: false, in_call: false };

  const decideOnce = () => {
    let update = 0;
    const t0 = now();
    for (let i = 0; i < ids.length; i++) {
      if (decide(m, { device_id: ids[i], current_version_code: current }, cond).action === 'update') update++;
    }
    return { s: Number(now() - t0) / 1e9, update };
  };
  const bucketOnce = () => {
    let sum = 0;
    const t0 = now();
    for (let i = 0; i < ids.length; i++) sum += cohortBucket(m.salt, ids[i]);
    return { s: Number(now() - t0) / 1e9, sum };
  };
  // The change preview every promote/rollout computes (simulate_devices, default 10,000 ids, two
  // salts): part of (b)'s latency, timed on its own here.
  const { previewCohort } = await import(dist('release/change.js'));
  const preview = [];
  for (let i = 0; i < 6; i++) {
    const t0 = now();
    previewCohort(m, m, 10_000);
    if (i > 0) preview.push(msSince(t0));
  }
  decideOnce(); // warm-up (JIT)
  bucketOnce();
  const d = [decideOnce(), decideOnce(), decideOnce()];
  const b = [bucketOnce(), bucketOnce(), bucketOnce()];
  const best = (xs) => xs.reduce((a, x) => (x.s < a.s ? x : a));
  return {
    devices,
    percent: m.build.staged_rollout_percent,
    update_share: d[0].update / devices,
    decide_per_s: devices / best(d).s,
    decide_per_s_median: devices / median(d.map((x) => x.s)),
    bucket_per_s: devices / best(b).s,
    bucket_per_s_median: devices / median(b.map((x) => x.s)),
    preview_10k_ms: median(preview),
  };
}

export async function run({ runs = 21, changesN = 15, devices = 200_000 } = {}) {
  const load0 = loadavg(); // a busy machine slows every figure here: recorded with them
  const a = startup(runs);
  const b = await changes(changesN);
  const c = await decisions(b.envelope, devices);
  const r1 = (x) => Math.round(x * 10) / 10;
  const rows = [
    { metric: 'start: node -e 0', value: r1(a.node_ms), unit: 'ms (median)' },
    { metric: 'start: otactl --version', value: r1(a.otactl_ms), unit: 'ms (median)' },
    { metric: 'start: ratio otactl / node', value: Math.round(a.ratio * 100) / 100, unit: 'x', target: '<= 2', ok: a.ratio <= 2 },
    ...['promote', 'rollout'].flatMap((k) => [
      { metric: `${k}: CLI process`, value: r1(b.process[k].median_ms), p95: r1(b.process[k].p95_ms), unit: `ms (median, n=${changesN})` },
      {
        metric: `${k}: in process (main())`,
        value: r1(b.in_process[k].median_ms),
        p95: r1(b.in_process[k].p95_ms),
        unit: `ms (median, n=${changesN})`,
        target: '< 150',
        ok: b.in_process[k].p95_ms < 150,
      },
    ]),
    { metric: '  of which: change preview (10k ids)', value: r1(c.preview_10k_ms), unit: 'ms (median, in process)' },
    { metric: `decide() over ${devices} ids at ${c.percent}%`, value: Math.round(c.decide_per_s), unit: 'decisions/s (best of 3)' },
    { metric: 'cohortBucket()', value: Math.round(c.bucket_per_s), unit: 'buckets/s (best of 3)' },
    { metric: 'decide(): share updating', value: Math.round(c.update_share * 10000) / 100, unit: `% (target ${c.percent}%)` },
  ];
  const { envelope: _e, ...changeStats } = b;
  return { name: 'cli', rows, details: { loadavg_before: load0, loadavg_after: loadavg(), startup: a, changes: changeStats, decisions: c } };
}

export function printTable({ name, rows, details }) {
  const load = details?.loadavg_before;
  const out = [`${name}:${load ? ` (load average ${load.map((x) => x.toFixed(2)).join(' ')} when it started)` : ''}`];
  out.push(['metric'.padEnd(40), 'value'.padStart(12), 'p95'.padStart(8), ' unit'.padEnd(26), 'target'.padEnd(8), 'ok'].join(' '));
  for (const r of rows) {
    out.push(
      [
        r.metric.padEnd(40),
        String(r.value).padStart(12),
        (r.p95 === undefined ? '' : String(r.p95)).padStart(8),
        ` ${r.unit}`.padEnd(26),
        (r.target ?? '').padEnd(8),
        r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
      ].join(' '),
    );
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (k, d) => {
    const i = process.argv.indexOf(`--${k}`);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  const res = await run({ runs: arg('runs', 21), changesN: arg('changes', 15), devices: arg('devices', 200_000) });
  process.stdout.write(printTable(res) + '\n');
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(res, null, 2) + '\n');
}
