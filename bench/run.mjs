#!/usr/bin/env node
// Runs every bench of bench/ (`npm run bench`): each module that exports `async run()`.
//
//   node bench/run.mjs [--only cli,esp-inspect] [--skip apk-fuzz]
//
// Known modules run in this order; any other bench/*.mjs that exports run() runs after them. A
// module that is absent or has no run() is skipped with a note; one that throws is reported and
// makes the exit code 1 (the others still run). Each module prints with its own printTable() or
// summaryLine() when it has one. Everything goes to bench/.work/results.json (gitignored).
// Needs dist/ (npm run build); nothing here runs inside vitest.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const KNOWN = ['cli', 'start', 'apk-inspect', 'esp-inspect', 'apk-fuzz', 'nudge-fcm', 'c-decide', 'fleet', 'stats-logs', 'delta'];

function listArg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? new Set(process.argv[i + 1].split(',').map((s) => s.trim()).filter(Boolean)) : null;
}

function render(mod, res) {
  if (typeof mod.printTable === 'function') return mod.printTable(res);
  if (typeof mod.summaryLine === 'function') return mod.summaryLine(res);
  return JSON.stringify(res, null, 2);
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const only = listArg('only');
  const skip = listArg('skip') ?? new Set();
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) {
    throw new Error('dist/ is missing: run npm run build first');
  }
  const others = readdirSync(benchDir)
    .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
    .map((f) => f.slice(0, -4))
    .filter((n) => !KNOWN.includes(n))
    .sort();
  const names = [...KNOWN, ...others];

  const results = {};
  const notes = [];
  let failed = 0;
  for (const name of names) {
    if ((only && !only.has(name)) || skip.has(name)) {
      notes.push(`${name}: not selected`);
      continue;
    }
    const file = path.join(benchDir, `${name}.mjs`);
    if (!existsSync(file)) {
      notes.push(`${name}: skipped (bench/${name}.mjs is not there)`);
      continue;
    }
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.run !== 'function') {
      notes.push(`${name}: skipped (no exported run())`);
      continue;
    }
    process.stdout.write(`\n== ${name}\n`);
    const t0 = process.hrtime.bigint();
    try {
      const res = await mod.run();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      results[name] = { seconds, result: res };
      process.stdout.write(`${render(mod, res)}\n(${seconds.toFixed(1)} s)\n`);
    } catch (err) {
      failed++;
      const message = String(err?.message ?? err);
      results[name] = { error: message };
      process.stdout.write(`${name}: FAILED: ${message.split('\n').slice(0, 6).join('\n  ')}\n`);
    }
  }
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);

  const out = path.join(benchDir, '.work/results.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const cpu = cpus();
  const doc = {
    at: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cpus: cpu.length,
    mem_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadavg_at_end: loadavg(),
    notes,
    results,
  };
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`\nresults: ${path.relative(repoRoot, out)}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
