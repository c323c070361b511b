// The fleet acceptance run as a bench (examples/fleet-demo/scenario.mjs): 10,000 otactl/device
// Updaters over real HTTP against one spawned `otactl serve`; wall time of the main run and the
// requests per second serve answered while devices checked (counted from its access log).
//
//   node bench/fleet.mjs [--devices 10000] [--concurrency 64] [--threads <cores>]
import { availableParallelism } from 'node:os';
import { run as runScenario } from '../examples/fleet-demo/scenario.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export async function run({ devices = arg('devices', 10_000), concurrency = arg('concurrency', 64), threads = arg('threads', availableParallelism()) } = {}) {
  const r = await runScenario({ devices, concurrency, threads });
  const b = r.bench;
  return {
    devices,
    concurrency,
    threads,
    checks: b.checks,
    wall_seconds: Number(b.wall_seconds.toFixed(1)),
    serve_requests: b.requests,
    serve_requests_per_second: Math.round(b.requests_per_second),
    checks_per_second: Math.round(b.checks / b.device_seconds),
    c_core_decisions: r.c_core.used ? r.c_core.decisions : null,
    c_core_disagreements: r.c_core.disagreements.length,
    rounds: Object.fromEntries(Object.entries(r.phases).map(([k, p]) => [k, { devices: p.devices, seconds: Number(p.seconds.toFixed(1)), requests: p.requests, installs: p.installed.length }])),
  };
}

export function summaryLine(r) {
  return `${r.devices} devices, ${r.checks} checks in ${r.wall_seconds} s (${r.checks_per_second} checks/s at concurrency ${r.concurrency}, ${r.threads ?? 1} device thread(s)); otactl serve answered ${r.serve_requests} requests, ${r.serve_requests_per_second}/s; C core ${r.c_core_decisions ?? 'not used'} decisions, ${r.c_core_disagreements} disagreements`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summaryLine(await run()));
}
