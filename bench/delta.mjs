#!/usr/bin/env node
// Delta patch bench (docs/delta.md): otactl's esp_delta_ota patches against the full image and
// against Debian's bsdiff 4.3 (bzip2) on the same pairs, and generation time for a 1.5 MiB pair.
// Goals: a small source change gives a patch under 10 % of the image; generation under 5 s.
//
//   node bench/delta.mjs [--json]
//   import { run } from './delta.mjs'; const res = await run();
//
// Pairs: the real ESP-IDF hello_world image (ESP32, vendored in test/artifacts/esp/fixtures) and
// variants of it as a next build would bring (test/artifacts/esp/delta-images.mjs), plus the same
// app grown to 1.5 MiB with code-like bytes and then changed. Every otactl patch is applied back
// (the TypeScript applier) and must give the new image. bsdiff: skipped when not installed
// (scripts/install-test-deps.sh installs it). Times are wall time of one run, on whatever else
// the machine is doing.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(repoRoot, 'dist', p)).href);
const images = await import(pathToFileURL(path.join(repoRoot, 'test/artifacts/esp/delta-images.mjs')).href);

const SMALL_GOAL = 0.1;
const TIME_GOAL_S = 5;
const MiB = 1 << 20;

function hasBsdiff() {
  return spawnSync('bsdiff', [], { encoding: 'utf8' }).error === undefined;
}

function bsdiffSize(dir, base, target) {
  const [b, t, p] = ['base', 'new', 'patch'].map((n) => path.join(dir, n));
  writeFileSync(b, base);
  writeFileSync(t, target);
  const t0 = process.hrtime.bigint();
  execFileSync('bsdiff', [b, t, p]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { size: statSync(p).size, seconds };
}

export async function run() {
  const { makeEspDelta } = await dist('artifacts/esp/delta/index.js');
  const { applyEspDelta } = await dist('protocol/esp-delta.js');
  const hello = images.hello();
  const big = images.grow(hello, 1.5 * MiB);
  const pairs = [
    { name: 'version string only', small: true, base: hello, target: images.variant(hello, { version: 'v1.0.1' }) },
    { name: 'version + 60 code words', small: true, base: hello, target: images.variant(hello, { version: 'v1.0.1', words: 60, seed: 3 }) },
    { name: 'small change: 20 words + 1 KB inserted', small: true, base: hello, target: images.variant(hello, { version: 'v1.1.0', words: 20, insert: 1000, seed: 5 }) },
    { name: 'large rewrite: 4000 words + 20 KB', small: false, base: hello, target: images.variant(hello, { version: 'v2', words: 4000, insert: 20000, seed: 9 }) },
    { name: '1.5 MiB: 200 words + 4 KB inserted', small: true, timed: true, base: big, target: images.variant(big, { version: 'v1.2.0', words: 200, insert: 4096, seed: 13 }) },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'otactl-bench-delta-'));
  const withBsdiff = hasBsdiff();
  const rows = [];
  try {
    for (const p of pairs) {
      const t0 = process.hrtime.bigint();
      const patch = makeEspDelta(p.base, p.target, images.validationHash(p.base));
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const sha = createHash('sha256').update(p.target).digest('hex');
      const back = applyEspDelta(p.base, patch, { baseValidationHash: images.validationHash(p.base), expectedSha256: sha });
      if (!back.equals(p.target)) throw new Error(`${p.name}: the patch does not give the new image`);
      const bs = withBsdiff ? bsdiffSize(dir, p.base, p.target) : null;
      rows.push({
        pair: p.name,
        image_bytes: p.target.length,
        otactl_bytes: patch.length,
        otactl_share: patch.length / p.target.length,
        otactl_seconds: seconds,
        bsdiff_bytes: bs?.size ?? null,
        bsdiff_share: bs ? bs.size / p.target.length : null,
        bsdiff_seconds: bs?.seconds ?? null,
        small_change: p.small,
        timed: p.timed === true,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const small = rows.filter((r) => r.small_change);
  const timed = rows.find((r) => r.timed);
  return {
    name: 'delta',
    rows,
    bsdiff: withBsdiff ? execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'bsdiff'], { encoding: 'utf8' }).trim() || 'installed' : 'not installed',
    goals: {
      small_change_share: SMALL_GOAL,
      small_change_max_share: Math.max(...small.map((r) => r.otactl_share)),
      generation_seconds: TIME_GOAL_S,
      generation_1_5_mib_seconds: timed.otactl_seconds,
    },
    ok: small.every((r) => r.otactl_share < SMALL_GOAL) && timed.otactl_seconds < TIME_GOAL_S,
  };
}

const pct = (x) => (x === null ? '     -' : `${(100 * x).toFixed(1).padStart(5)}%`);

export function printTable(res) {
  const head = `  ${'pair'.padEnd(40)} ${'image'.padStart(9)} ${'otactl'.padStart(8)} ${''.padStart(6)} ${'bsdiff'.padStart(8)} ${''.padStart(6)} ${'gen s'.padStart(6)} ${'bsdiff s'.padStart(8)}`;
  const lines = res.rows.map((r) =>
    `  ${r.pair.padEnd(40)} ${String(r.image_bytes).padStart(9)} ${String(r.otactl_bytes).padStart(8)} ${pct(r.otactl_share)} ${String(r.bsdiff_bytes ?? '-').padStart(8)} ${pct(r.bsdiff_share)} ${r.otactl_seconds.toFixed(2).padStart(6)} ${(r.bsdiff_seconds ?? 0).toFixed(2).padStart(8)}`);
  const g = res.goals;
  return [
    `Delta patches (esp_delta_ota: bsdiff-style + heatshrink w8/l7) vs full image vs Debian bsdiff ${res.bsdiff} (bzip2)`,
    head,
    ...lines,
    `  small changes: largest patch ${pct(g.small_change_max_share).trim()} of the image (goal < ${100 * g.small_change_share}%); 1.5 MiB pair generated in ${g.generation_1_5_mib_seconds.toFixed(2)} s (goal < ${g.generation_seconds} s): ${res.ok ? 'within' : 'OVER'}`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await run();
  process.stdout.write(process.argv.includes('--json') ? JSON.stringify(result, null, 2) + '\n' : printTable(result) + '\n');
  if (!result.ok) process.exitCode = 1;
}
