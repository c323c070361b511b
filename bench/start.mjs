#!/usr/bin/env node
// Start bench (issue 20 goal 1): the channel commands as whole processes against `node -e 0`.
//
//   node bench/start.mjs [--runs 11] [--no-node24] [--json]
//   import { run, printTable } from './start.mjs'; const res = await run();
//
// For each runtime (the machine's node, and Node 24 from scripts/node24.sh when it can be had):
// a temp workspace (keys there too) with a file:// store, two uploaded builds, b0 promoted at 100%
// and b1 at 10% with a canary tag and device (a realistic manifest). Then `runs` rounds of, in this
// order: node -e 0, promote b1 --rollout 10, rollout 25, check, status, rollback (back to b0, so
// the next round's promote changes the channel again); every change with --yes --json, as CI runs
// them. Each command's median wall time is divided by the median of the `node -e 0` runs of the
// same rounds (interleaved: a load change on the shared machine moves both); the mean CPU time
// (user + system) of each beside it, which a loaded machine stretches less. One untimed round
// first (page cache, and the V8 compile cache where bin/otactl.js enables it).
// Needs dist/ (npm run build). process.hrtime.bigint() throughout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin/otactl.js');
export const COMMANDS = ['promote', 'rollout', 'rollback', 'check', 'status'];
const TARGET = 2;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * CPU time (user + system) of the waited-for children so far, from /proc/self/stat (Linux; null
 * elsewhere). Ticks of 10 ms: a mean over the rounds, not a median. On a shared, loaded machine
 * wall times stretch with the load while CPU time mostly does not, so both are reported.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // cutime + cstime, USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

function timed(node, args, opts) {
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(node, args, { encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c1 = childrenCpuMs();
  if (r.error) throw new Error(`${node}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${path.basename(node)} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { ms, cpuMs: c0 === null || c1 === null ? null : c1 - c0, stdout: r.stdout };
}

/** The Node 24 binary, or the reason there is none (offline, another OS). */
function node24() {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts/node24.sh')], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return { node: r.stdout.trim() };
  return { missing: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').at(-1) };
}

function runtime(node, runs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'otactl-bench-start-'));
  const env = { PATH: process.env.PATH, HOME: dir, OTACTL_KEY_DIR: path.join(dir, '.keys'), OTACTL_ACTOR: 'bench', NO_COLOR: '1' };
  const cli = (args) => timed(node, [bin, ...args], { cwd: dir, env });
  const app = ['--app', 'bench.app', '--channel', 'stable'];
  try {
    const version = timed(node, ['--version'], {}).stdout.trim();
    cli(['init', '--json']);
    const ids = [100, 101].map((code, i) => {
      writeFileSync(path.join(dir, `b${i}.bin`), Buffer.from(`bench build ${i} `.repeat(4096)));
      return JSON.parse(cli(['upload', `b${i}.bin`, '--app', 'bench.app', '--kind', 'file', '--version-code', String(code), '--json']).stdout).build_id;
    });
    cli(['promote', ids[0], ...app, '--rollout', '100', '--yes', '--json']);
    cli(['promote', ids[1], ...app, '--rollout', '10', '--yes', '--json', '--canary-tag', 'qa', '--canary-device', 'dev-1']);
    cli(['rollback', ...app, '--yes', '--json']);

    const round = {
      'node -e 0': () => timed(node, ['-e', '0'], {}),
      promote: () => cli(['promote', ids[1], ...app, '--rollout', '10', '--yes', '--json']),
      rollout: () => cli(['rollout', '25', ...app, '--yes', '--json']),
      check: () => cli(['check', ...app, '--device', 'dev-7', '--current-version-code', '100', '--json']),
      status: () => cli(['status', '--json']),
      rollback: () => cli(['rollback', ...app, '--yes', '--json']),
    };
    for (const step of Object.values(round)) step(); // warm-up round
    const times = Object.fromEntries(Object.keys(round).map((k) => [k, []]));
    const cpu = Object.fromEntries(Object.keys(round).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      for (const [k, step] of Object.entries(round)) {
        const r = step();
        times[k].push(r.ms);
        cpu[k].push(r.cpuMs);
      }
    }
    const meanCpu = (k) => (cpu[k].includes(null) ? null : cpu[k].reduce((a, b) => a + b, 0) / runs);
    const base = median(times['node -e 0']);
    const baseCpu = meanCpu('node -e 0');
    const commands = Object.fromEntries(
      COMMANDS.map((k) => {
        const c = meanCpu(k);
        return [k, { median_ms: median(times[k]), ratio: median(times[k]) / base, cpu_ms: c, cpu_ratio: c === null || !baseCpu ? null : c / baseCpu }];
      }),
    );
    return { node: version, runs, node_e0_ms: base, node_e0_cpu_ms: baseCpu, commands, samples_ms: times };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ runs = 11, withNode24 = true } = {}) {
  const load0 = loadavg(); // a busy machine slows every figure here: recorded with them
  const runtimes = [runtime(process.execPath, runs)];
  let node24Missing;
  if (withNode24) {
    const n24 = node24();
    if (n24.node) runtimes.push(runtime(n24.node, runs));
    else node24Missing = n24.missing;
  } else node24Missing = 'not asked for (--no-node24)';
  return { name: 'start', target_ratio: TARGET, loadavg_before: load0, loadavg_after: loadavg(), runtimes, ...(node24Missing ? { node24_missing: node24Missing } : {}) };
}

export function printTable({ name, runtimes, loadavg_before, node24_missing, target_ratio }) {
  const r1 = (x) => x.toFixed(1);
  const cpuCell = (ms, ratio) => (ms === null ? 'n/a'.padStart(16) : `${r1(ms)} ms ${ratio.toFixed(2)}x`.padStart(16));
  const head = ['command'.padEnd(12), ...runtimes.map((r) => `${r.node} wall median`.padStart(23) + '   ratio' + '  cpu mean, ratio'.padStart(18))].join(' ');
  const rows = [
    ['node -e 0'.padEnd(12), ...runtimes.map((r) => `${r1(r.node_e0_ms)} ms`.padStart(23) + '   1.00x ' + cpuCell(r.node_e0_cpu_ms, 1))].join(' '),
    ...COMMANDS.map((k) =>
      [
        k.padEnd(12),
        ...runtimes.map((r) => {
          const c = r.commands[k];
          return `${r1(c.median_ms)} ms`.padStart(23) + `   ${c.ratio.toFixed(2)}x${c.ratio <= target_ratio ? ' ' : '!'}` + cpuCell(c.cpu_ms, c.cpu_ratio ?? 0);
        }),
      ].join(' '),
    ),
  ];
  return [
    `${name}: whole-process median of ${runtimes[0]?.runs} interleaved rounds, ratio to node -e 0 (target <= ${target_ratio}x, ! = above)` +
      ` (load average ${loadavg_before.map((x) => x.toFixed(2)).join(' ')} when it started)`,
    head,
    ...rows,
    ...(node24_missing ? [`Node 24: missing (${node24_missing})`] : []),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const res = await run({ runs: i > 0 ? Number(process.argv[i + 1]) : 11, withNode24: !process.argv.includes('--no-node24') });
  process.stdout.write(printTable(res) + '\n');
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(res, null, 2) + '\n');
}
