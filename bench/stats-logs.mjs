#!/usr/bin/env node
// otactl stats bench: read N gzip CloudFront log lines (checks with 304s, downloads with resumed
// ranges, beacons, from 10,000 devices) and compare with `zcat FILE | wc -l` on the same file in
// the same run (goal <= 3x), and peak memory of the reader + aggregator at 100k and 1M lines
// (goal: flat, it streams).
//
//   node bench/stats-logs.mjs [--lines 100000,1000000] [--json]
//   import { run, printTable } from './stats-logs.mjs'; const res = await run();
//
// Each measurement runs in a fresh child process (node's maxRSS is per process). Needs dist/.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(repoRoot, 'bench/.work/stats-logs');
const dist = (p) => pathToFileURL(path.join(repoRoot, 'dist', p)).href;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Writes a gzip CloudFront log of `lines` requests; deterministic. */
async function writeLog(file, lines) {
  const { formatAccessLogLine, ACCESS_LOG_HEADER } = await import(dist('edge/access-log.js'));
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gz.pipe(out);
  gz.write(ACCESS_LOG_HEADER);
  const start = Date.parse('2026-11-01T00:00:00Z');
  const sha = 'ab'.repeat(32);
  const manifest = '/apps/com.example.agent/channels/stable/manifest.json';
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    // Every size spans the same day: the same buckets and devices, so memory can only grow with lines.
    const at = new Date(start + Math.floor((i * 86_400_000) / lines)).toISOString();
    const index = (i * 7919) % 10000;
    const device = `d${index}`;
    const kind = i % 20;
    const entry = {
      date: at.slice(0, 10), time: at.slice(11, 19), 'x-edge-location': 'FRA56-P1', 'sc-bytes': 900, 'c-ip': '192.0.2.10',
      'cs-method': 'GET', 'cs(Host)': 'd111111abcdef8.cloudfront.net', 'cs(User-Agent)': 'otactl-device/1', 'x-edge-result-type': 'Hit',
      'x-edge-request-id': `req${i}`, 'cs-protocol': 'https', 'time-taken': 0.001,
    };
    // Checks identify the device and the version it runs (issue 21), as every client now sends them.
    if (kind < 15) Object.assign(entry, { 'cs-uri-stem': manifest, 'sc-status': kind < 10 ? 304 : 200, 'cs-uri-query': `d=${device}&v=${index < Math.floor((i * 10000) / lines) ? 2 : 1}` }); // each device moves to 2 once
    else if (kind < 17) Object.assign(entry, { 'cs-uri-stem': `/artifacts/sha256/${sha}`, 'sc-status': kind === 15 ? 200 : 206, 'sc-range-start': kind === 15 ? undefined : (i % 3) * 1000 });
    else Object.assign(entry, { 'cs-uri-stem': `/apps/com.example.agent/beacons/b-abababababab/${kind === 19 ? 'fail' : 'ok'}.txt`, 'sc-status': 200, 'cs-uri-query': `d=${device}&c=stable${kind === 19 ? '&r=E_INSTALL' : ''}` });
    chunk += `${formatAccessLogLine(entry)}\n`;
    if (chunk.length > 1 << 20) {
      if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
      chunk = '';
    }
  }
  gz.end(chunk);
  await new Promise((r) => out.on('finish', r));
}

const READER = `
const { aggregate } = await import(process.argv[1]);
const { readLogs } = await import(process.argv[2]);
const t0 = process.hrtime.bigint();
const r = await aggregate(readLogs(process.argv[3]), { artifacts: new Map([['${'ab'.repeat(32)}', { app: 'com.example.agent', build_id: 'b-abababababab', channel: 'stable', version_code: 2 }], ['${'cd'.repeat(32)}', { app: 'com.example.agent', build_id: 'b-cdcdcdcdcdcd', channel: 'stable', version_code: 1 }]]), by: 'hour' });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
globalThis.gc();
console.log(JSON.stringify({ seconds, max_rss_mib: process.resourceUsage().maxRSS / 1024, heap_after_gc_mib: process.memoryUsage().heapUsed / 2 ** 20, read: r.lines.read, malformed: r.lines.malformed, checks: r.channels[0].checks, downloads: r.channels[0].builds[0].downloads }));
`;

function timeZcat(file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', `zcat "${file}" | wc -l`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`zcat failed: ${r.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, lines: Number(r.stdout.trim()) };
}

function timeReader(file) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', READER, dist('telemetry/aggregate.js'), dist('telemetry/readers.js'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reader failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export async function run() {
  const sizes = String(arg('lines', '100000,1000000')).split(',').map(Number);
  mkdirSync(workDir, { recursive: true });
  const rows = [];
  for (const lines of sizes) {
    const file = path.join(workDir, `cloudfront-${lines}.gz`);
    await writeLog(file, lines);
    // Interleaved, best of 3 each: a shared machine's noise hits both sides alike.
    const zc = [];
    const rd = [];
    for (let i = 0; i < 3; i++) {
      zc.push(timeZcat(file));
      rd.push(timeReader(file));
    }
    const zcat = Math.min(...zc.map((z) => z.seconds));
    const best = rd.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    rows.push({
      lines,
      gzip_mib: Math.round((statSync(file).size / 2 ** 20) * 10) / 10,
      zcat_wc_s: zcat,
      stats_s: best.seconds,
      ratio: best.seconds / zcat,
      max_rss_mib: Math.max(...rd.map((r) => r.max_rss_mib)),
      heap_after_gc_mib: best.heap_after_gc_mib,
      read: best.read,
      checks: best.checks,
      downloads: best.downloads,
    });
  }
  return { rows, rss_growth: rows.length > 1 ? rows.at(-1).max_rss_mib / rows[0].max_rss_mib : 1 };
}

export function printTable(res) {
  const lines = ['lines      gzip MiB  zcat|wc s  stats s  ratio  peak RSS MiB  heap after GC MiB  requests read'];
  for (const r of res.rows) {
    lines.push(`${String(r.lines).padEnd(10)} ${String(r.gzip_mib).padStart(8)}  ${r.zcat_wc_s.toFixed(2).padStart(9)}  ${r.stats_s.toFixed(2).padStart(7)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.max_rss_mib.toFixed(0).padStart(12)}  ${r.heap_after_gc_mib.toFixed(1).padStart(17)}  ${r.read}`);
  }
  lines.push(`peak memory ratio largest/smallest: ${res.rss_growth.toFixed(2)} (flat = ~1)`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const res = await run();
  process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(res, null, 2) : printTable(res)}\n`);
}
