#!/usr/bin/env node
// The fleet demo: 10,000 simulated devices against `otactl serve`, printed as numbers.
//
//   npm run build && node examples/fleet-demo/run.mjs [--devices 10000] [--concurrency 64]
import { run } from './scenario.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const devices = arg('devices', 10_000);
const bound = (p) => (100 * 3.29 * Math.sqrt((p * (1 - p)) / devices)).toFixed(2); // 99.9% binomial bound, points
const pct = (n) => `${((100 * n) / devices).toFixed(2)}%`;
const r = await run({ devices, concurrency: arg('concurrency', 64), log: (line) => console.log(`  ${line}`) });
const p = r.phases;
const count = (round, key) => round.outcomes[key] ?? round.events[key] ?? 0;

console.log(`
1. B2 promoted at 10% (salt ${r.salt}): ${r.on_b2.at10.length} devices on B2 = ${pct(r.on_b2.at10.length)} (99.9% bound: 10 ± ${bound(0.1)} points)
   first check deferred: ${count(p.p10, 'ota.defer.wifi')} no Wi-Fi, ${count(p.p10, 'ota.defer.battery')} low battery, ${count(p.p10, 'ota.defer.call')} in a call; all installed on the re-check
   re-check: ${count(p.p10b, 'ota.manifest.304')} answered 304, ${count(p.p10b, 'ota.ineligible.cohort')} kept B1 (ota.ineligible.cohort)
2. 50%: ${r.on_b2.at50.length} on B2 = ${pct(r.on_b2.at50.length)} (bound: 50 ± ${bound(0.5)}); 100% (${p.p100.devices} checked): ${r.on_b2.at100.length} on B2; nobody left B2
3. rolled back: ${p.rb.installed.filter((x) => x.build === r.builds.B2).length} B2 installs, ${count(p.rb, 'ota.skip.downgrade')} stay on B2, ${p.rb.installed.length} fresh devices took B1;
   force_downgrade: ${count(p.forced, 'ota.eligible.force_downgrade')} moved back to B1, ${r.on_b2.final.length} left on B2
5. integrity: tampered artifact ${JSON.stringify(r.integrity.tampered.outcomes)}, foreign signer ${JSON.stringify(r.integrity.foreign.outcomes)}, installs ${r.integrity.installs}
6. idempotency: no device installed a build twice: ${Object.values(r.installs).every((b) => new Set(b).size === b.length)}
7. attacks (installs ${r.attacks.installs}): replay ${JSON.stringify(r.attacks.replay.outcomes)}, expired ${JSON.stringify(r.attacks.expired.outcomes)},
   unknown key ${JSON.stringify(r.attacks.unknown_key.outcomes)}, tampered payload ${JSON.stringify(r.attacks.tampered_payload.outcomes)},
   oversized artifact ${JSON.stringify(r.attacks.oversized.outcomes)}
C core: ${r.c_core.used ? `${r.c_core.devices} devices, ${r.c_core.decisions} decisions, ${r.c_core.agreed} agree with decide(), ${r.c_core.disagreements.length} differ` : `NOT USED: ${r.c_core.skipped}`}
bench: ${r.bench.checks} checks in ${r.bench.wall_seconds.toFixed(1)} s; otactl serve answered ${r.bench.requests} requests = ${r.bench.requests_per_second.toFixed(0)}/s`);
