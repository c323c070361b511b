#!/usr/bin/env node
// APK inspect bench: how fast otactl verifies a ~48 MiB APK next to the hashing floor and
// apksigner, and whether its memory grows with the APK's size.
//
//   node bench/apk-inspect.mjs [--runs 11]
//   import { run } from './apk-inspect.mjs'; const { name, rows } = await run({ runs: 5 });
//
// Timed (median wall time of N interleaved rounds, after one warm-up run each so the file is in page cache):
//   sha256sum FILE, openssl dgst -sha256 FILE   (the floor: one pass over the bytes)
//   apksigner verify FILE                       (Debian's apksigner, a JVM)
//   otactl inspect FILE --json                  (the CLI; falls back to dist's inspectApk when the
//                                                CLI has no APK inspect yet)
// Peak RSS of the otactl process (/usr/bin/time -f %M) on the 48 MiB and the 4 MiB APK.
// APKs come from test/artifacts/apk/fresh/make-apks.sh (deterministic payloads; run scripts/install-test-deps.sh).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apkDir = process.env.OTACTL_APKS_OUT ?? path.join(repoRoot, 'test/.generated/apks');

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function ensureApks() {
  const r = sh('bash', [path.join(repoRoot, 'test/artifacts/apk/fresh/make-apks.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`make-apks.sh failed (exit ${r.status}); install the tools with scripts/install-test-deps.sh\n${r.stderr}`);
  }
  const big = path.join(apkDir, 'bench-48m.apk');
  const small = path.join(apkDir, 'bench-4m.apk');
  for (const f of [big, small]) if (!existsSync(f)) throw new Error(`${f} missing after make-apks.sh`);
  return { big, small };
}

/**
 * How to run otactl on an APK: the CLI when `inspect --json` prints an APK report, else a node
 * one-liner over dist's inspectApk (building dist first when it lacks the APK verifier).
 */
function otactlCommand(probeFile) {
  const cli = ['node', [path.join(repoRoot, 'bin/otactl.js'), 'inspect', probeFile, '--json']];
  const r = sh(cli[0], cli[1]);
  try {
    const report = JSON.parse(r.stdout);
    if (report && report.kind === 'apk') return { label: 'otactl inspect --json', make: (f) => ['node', [cli[1][0], 'inspect', f, '--json']] };
  } catch {
    /* not wired yet */
  }
  const distApk = path.join(repoRoot, 'dist/artifacts/apk/index.js');
  if (!existsSync(distApk)) {
    const b = sh('npm', ['run', 'build', '--silent']);
    if (b.status !== 0 || !existsSync(distApk)) {
      throw new Error(`otactl has no APK inspect yet: the CLI printed no APK report and \`npm run build\` made no ${distApk}\n${b.stdout}${b.stderr}`);
    }
  }
  const script =
    `import(${JSON.stringify(pathToFileURL(distApk).href)}).then(async (m) => {` +
    ` const { report } = await m.inspectApk(process.argv[1]);` +
    ` process.stdout.write(JSON.stringify(report)); process.exitCode = report.verified ? 0 : 1; })`;
  return { label: 'dist inspectApk (node)', make: (f) => ['node', ['--input-type=module', '-e', script, f]] };
}

function timeOnce(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times the subjects in interleaved rounds (A B C D, A B C D, ...) after one warm-up each, so a
 * machine that speeds up or slows down mid-run shifts every subject alike and the ratios hold.
 */
function benchInterleaved(subjects, runs) {
  const rows = subjects.map(({ label, cmd, args, check }) => ({ label, cmd, args, ok: check(timeOnce(cmd, args)), times: [] }));
  for (let i = 0; i < runs; i++) for (const r of rows) r.times.push(timeOnce(r.cmd, r.args).ms);
  return rows.map((r) => ({ tool: r.label, median_ms: median(r.times), min_ms: Math.min(...r.times), max_ms: Math.max(...r.times), ok: r.ok }));
}

/** Peak RSS (KiB) of a command, median over `runs`, from GNU time's %M. */
function peakRss(cmd, args, runs) {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time missing: run scripts/install-test-deps.sh (package "time")');
  const vals = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KIB=%M', cmd, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
    const m = /PEAK_RSS_KIB=(\d+)/.exec(r.stderr ?? '');
    if (!m) throw new Error(`no peak RSS from /usr/bin/time: ${r.stderr}`);
    vals.push(Number(m[1]));
  }
  return median(vals);
}

export async function run({ runs = 11 } = {}) {
  const { big, small } = ensureApks();
  const otactl = otactlCommand(small);
  const bigMiB = statSync(big).size / 2 ** 20;
  const smallMiB = statSync(small).size / 2 ** 20;
  const exit0 = (r) => r.status === 0;
  const otactlOk = (r) => {
    try {
      return JSON.parse(r.stdout).verified === true;
    } catch {
      return false;
    }
  };
  const [oc, oa] = otactl.make(big);
  const rows = benchInterleaved(
    [
      { label: 'sha256sum', cmd: 'sha256sum', args: [big], check: exit0 },
      { label: 'openssl dgst -sha256', cmd: 'openssl', args: ['dgst', '-sha256', big], check: exit0 },
      { label: 'apksigner verify', cmd: 'apksigner', args: ['verify', big], check: exit0 },
      { label: otactl.label, cmd: oc, args: oa, check: otactlOk },
    ],
    runs,
  );
  const floor = rows[0].median_ms;
  const opensslMs = rows[1].median_ms;
  const apksigner = rows[2].median_ms;
  for (const r of rows) {
    r.file = `bench-48m.apk (${bigMiB.toFixed(1)} MiB)`;
    r.vs_sha256sum = r.median_ms / floor;
    r.vs_openssl = r.median_ms / opensslMs;
    r.vs_apksigner = r.median_ms / apksigner;
    r.mib_per_s = bigMiB / (r.median_ms / 1000);
  }
  const [sc, sa] = otactl.make(small);
  const rssBig = peakRss(oc, oa, Math.min(runs, 3));
  const rssSmall = peakRss(sc, sa, Math.min(runs, 3));
  const otactlRow = rows[3];
  otactlRow.peak_rss_kib_48m = rssBig;
  otactlRow.peak_rss_kib_4m = rssSmall;
  rows.push({
    tool: `${otactl.label}: peak RSS`,
    file: `48 MiB vs 4 MiB (${bigMiB.toFixed(1)} / ${smallMiB.toFixed(1)} MiB)`,
    peak_rss_kib_48m: rssBig,
    peak_rss_kib_4m: rssSmall,
    rss_growth_kib: rssBig - rssSmall,
    // Memory must not grow with the APK: allow noise of 16 MiB between a 4 and a 48 MiB file
    // (a whole-file read would add ~44 MiB).
    ok: rssBig - rssSmall < 16 * 1024,
  });
  return { name: 'apk-inspect', runs, rows };
}

function fmt(n, d = 0) {
  return typeof n === 'number' ? n.toFixed(d) : '';
}

export function printTable({ name, runs, rows }) {
  const out = [`${name}: median of ${runs} runs (wall ms, after a warm-up run), ratios vs sha256sum, openssl and apksigner`];
  out.push(['tool'.padEnd(34), 'median'.padStart(8), 'min'.padStart(8), 'MiB/s'.padStart(7), 'x sha256'.padStart(9), 'x openssl'.padStart(9), 'x apksig'.padStart(9), 'RSS48M'.padStart(9), 'RSS4M'.padStart(9), 'ok'].join(' '));
  for (const r of rows) {
    out.push(
      [
        r.tool.padEnd(34),
        fmt(r.median_ms).padStart(8),
        fmt(r.min_ms).padStart(8),
        fmt(r.mib_per_s).padStart(7),
        fmt(r.vs_sha256sum, 2).padStart(9),
        fmt(r.vs_openssl, 2).padStart(9),
        fmt(r.vs_apksigner, 2).padStart(9),
        (r.peak_rss_kib_48m ? `${fmt(r.peak_rss_kib_48m / 1024, 1)}M` : '').padStart(9),
        (r.peak_rss_kib_4m ? `${fmt(r.peak_rss_kib_4m / 1024, 1)}M` : '').padStart(9),
        r.ok === false ? 'NO' : 'yes',
      ].join(' '),
    );
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 11;
  run({ runs })
    .then((res) => {
      process.stdout.write(printTable(res) + '\n');
      if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(res, null, 1) + '\n');
      if (res.rows.some((r) => r.ok === false)) {
        process.stderr.write('apk-inspect: a check failed (a tool did not verify, or otactl memory grew with APK size)\n');
        process.exitCode = 1;
      }
    })
    .catch((err) => {
      process.stderr.write(`apk-inspect: ${err.stack ?? err}\n`);
      process.exitCode = 1;
    });
}
