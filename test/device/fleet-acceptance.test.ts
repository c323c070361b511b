import { beforeAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
// @ts-expect-error plain ESM without declarations: the scenario shared with examples/fleet-demo and bench/fleet.mjs
import { C_EVERY, SALT, conditionGroup, isLate, run } from '../../examples/fleet-demo/scenario.mjs';
// @ts-expect-error plain ESM without declarations
import { cCoreMissing } from '../../examples/fleet-demo/c-core.mjs';

/**
 * Issue 12's acceptance run: 10,000 devices (otactl/device Updaters, 500 of them deciding through
 * the compiled C core) over real HTTP against one spawned `otactl serve`. The scenario only reports
 * what happened; every expectation here is computed independently from the cohort contract
 * (cohortBucket with the fixed salt), so the exact sets are known.
 *
 * Item 5's foreign signer uses release records that carry a signer_fingerprint (as an APK upload
 * records it) rather than real APKs: the device compares the signed manifest's signer_fingerprint
 * with the one it expects, and the manifest's sha256 binds the bytes to that record.
 */
const N = 10_000;
const JOINERS = 100;
const SMALL = 200;
const bound = (p: number) => 100 * 3.29 * Math.sqrt((p * (1 - p)) / N); // 99.9% binomial bound, in points

type Round = { devices: number; requests: number; seconds: number; events: Record<string, number>; outcomes: Record<string, number>; installed: { id: string; build: string }[] };
interface Report {
  builds: Record<'B1' | 'B2' | 'B3' | 'BT', string>;
  ids: string[];
  phases: Record<'p10' | 'p10b' | 'p50' | 'p100' | 'rb' | 'forced', Round>;
  on_b2: Record<'at10' | 'at50' | 'at100' | 'afterRollback' | 'final', string[]>;
  installs: Record<string, string[]>;
  c_core: { used: boolean; skipped: string | null; decisions: number; agreed: number; disagreements: unknown[]; devices: number };
  integrity: { tampered: Round; foreign: Round; installs: number };
  attacks: Record<'baseline' | 'replay' | 'expired' | 'unknown_key' | 'tampered_payload' | 'oversized' | 'recovered', Round> & { installs: number };
  bench: { wall_seconds: number; requests: number; requests_per_second: number; checks: number };
}

const cMissing: string | null = cCoreMissing();
if (cMissing) console.warn(`SKIPPING the C-core share of the fleet (all devices decide in TypeScript): ${cMissing}`);

let r: Report;
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('fleet acceptance: 10,000 devices against otactl serve', () => {
  beforeAll(async () => {
    r = await run({ devices: N, joiners: JOINERS, attackers: SMALL, integrity: SMALL });
    const b = r.bench;
    console.log(`fleet: ${b.checks} checks in ${b.wall_seconds.toFixed(1)} s; otactl serve answered ${b.requests} requests, ${b.requests_per_second.toFixed(0)}/s`);
  }, 600_000);

  const bucket = new Map<string, number>();
  const ids = () => r.ids;
  const b = (id: string) => bucket.get(id) ?? bucket.set(id, cohortBucket(SALT, id)).get(id)!;
  const idx = (id: string) => Number(id.slice(4));
  const installsOf = (round: Round, build: string) => sorted(round.installed.filter((x) => x.build === build).map((x) => x.id));

  it('1. B2 at 10% with a fixed salt: exactly the cohort takes it (share within ±0.99 points), deferrals wait, the rest keep B1 and get 304', () => {
    const cohort = ids().filter((id) => b(id) < 1000);
    const waiting = (g: string) => cohort.filter((id) => conditionGroup(idx(id)) === g);
    const { p10, p10b } = r.phases;
    expect(p10.events['ota.manifest.200']).toBe(N);
    expect(p10.outcomes['ota.ineligible.cohort']).toBe(N - cohort.length);
    // 4. constraints: no Wi-Fi, low battery without charging, in a call: deferred with the reason, then proceed
    expect(waiting('no_wifi').length + waiting('low_battery').length + waiting('in_call').length).toBeGreaterThan(0);
    expect(p10.events['ota.defer.wifi'] ?? 0).toBe(waiting('no_wifi').length);
    expect(p10.events['ota.defer.battery'] ?? 0).toBe(waiting('low_battery').length);
    expect(p10.events['ota.defer.call'] ?? 0).toBe(waiting('in_call').length);
    expect(installsOf(p10, r.builds.B2)).toEqual(sorted(cohort.filter((id) => conditionGroup(idx(id)) === 'none')));
    expect(installsOf(p10b, r.builds.B2)).toEqual(sorted([...waiting('no_wifi'), ...waiting('low_battery'), ...waiting('in_call')]));
    expect(p10b.events['ota.manifest.304']).toBe(N);
    expect(p10b.events['ota.manifest.200'] ?? 0).toBe(0);
    expect(p10b.outcomes['ota.ineligible.cohort']).toBe(N - cohort.length);

    expect(sorted(r.on_b2.at10)).toEqual(sorted(cohort));
    const share = (100 * r.on_b2.at10.length) / N;
    expect(Math.abs(share - 10)).toBeLessThanOrEqual(0.99);
  });

  it('2. raised to 50% then 100%: nobody leaves B2, the shares follow the target', () => {
    const at10 = new Set(r.on_b2.at10);
    expect(sorted(r.on_b2.at50)).toEqual(sorted(ids().filter((id) => b(id) < 5000)));
    for (const id of at10) expect(r.on_b2.at50).toContain(id);
    expect(Math.abs((100 * r.on_b2.at50.length) / N - 50)).toBeLessThanOrEqual(bound(0.5));
    expect(installsOf(r.phases.p50, r.builds.B2)).toEqual(sorted(ids().filter((id) => b(id) >= 1000 && b(id) < 5000)));
    const checked = ids().filter((id) => !isLate(idx(id)));
    expect(r.phases.p100.devices).toBe(checked.length);
    expect(sorted(r.on_b2.at100)).toEqual(sorted(new Set([...r.on_b2.at50, ...checked])));
  });

  it('3. rolled back: checks get B1, no further B2 installs, B2 devices stay unless force_downgrade moves them', () => {
    const { rb, forced } = r.phases;
    const onB2 = r.on_b2.at100.length;
    expect(installsOf(rb, r.builds.B2)).toEqual([]);
    expect(sorted(r.on_b2.afterRollback)).toEqual(sorted(r.on_b2.at100));
    expect(rb.outcomes['ota.skip.downgrade']).toBe(onB2);
    // The late devices still on B1 would have taken B2 at 100%; after the rollback they are offered B1.
    expect(rb.outcomes['ota.skip.current']).toBe(N - onB2);
    expect(installsOf(rb, r.builds.B1)).toEqual(sorted(Array.from({ length: JOINERS }, (_, k) => `new-${k}`)));
    expect(forced.outcomes['ota.eligible.force_downgrade']).toBe(onB2);
    expect(installsOf(forced, r.builds.B1)).toEqual(sorted(r.on_b2.at100));
    expect(r.on_b2.final).toEqual([]);
  });

  it('6. idempotent: a device on the build skips, and no device ever installed the same build twice', () => {
    const { p10b, rb, forced } = r.phases;
    expect(p10b.outcomes['ota.skip.current']).toBe(r.on_b2.at10.length - p10b.installed.length);
    for (const [id, builds] of Object.entries(r.installs)) expect(new Set(builds).size, id).toBe(builds.length);
    expect(rb.events['ota.download.start']).toBe(JOINERS);
    expect(forced.outcomes['ota.skip.current']).toBe(N + JOINERS - r.on_b2.at100.length);
  });

  it.skipIf(cMissing !== null)('a share of the fleet decided through the compiled C core, in exact agreement with decide()', () => {
    expect(r.c_core.used).toBe(true);
    expect(r.c_core.devices).toBe(N / C_EVERY);
    expect(r.c_core.disagreements).toEqual([]);
    expect(r.c_core.agreed).toBe(r.c_core.decisions);
    expect(r.c_core.decisions).toBeGreaterThanOrEqual((5 * N) / C_EVERY);
  });

  it('5. integrity: a tampered artifact or a foreign signer aborts, is reported, never installs', () => {
    const { tampered, foreign, installs } = r.integrity;
    expect(tampered.outcomes).toEqual({ 'ota.verify.fail': SMALL });
    expect(tampered.events['ota.download.start']).toBe(SMALL);
    expect(tampered.events['ota.verify.fail']).toBe(SMALL);
    expect(foreign.outcomes).toEqual({ 'ota.verify.fail': SMALL });
    expect(foreign.events['ota.download.start'] ?? 0).toBe(0); // refused before a byte was fetched
    expect(foreign.requests).toBe(SMALL); // the manifest requests only
    expect(installs).toBe(0);
  });

  it('7. attacks: replayed, expired, unknown-key, tampered manifests and an oversized artifact are rejected with zero installs', () => {
    const a = r.attacks;
    expect(a.baseline.outcomes).toEqual({ 'ota.skip.current': SMALL });
    expect(a.replay.outcomes).toEqual({ 'ota.manifest.replay': SMALL });
    expect(a.expired.outcomes).toEqual({ 'ota.manifest.expired': SMALL });
    expect(a.unknown_key.outcomes).toEqual({ E_UNTRUSTED_KEY: SMALL });
    expect(a.tampered_payload.outcomes).toEqual({ E_BAD_SIGNATURE: SMALL });
    for (const k of ['replay', 'expired', 'unknown_key', 'tampered_payload'] as const) expect(a[k].events['ota.manifest.reject']).toBe(SMALL);
    expect(a.oversized.outcomes).toEqual({ 'ota.download.too_large': SMALL });
    expect(a.oversized.events['ota.download.fail']).toBe(SMALL);
    expect(a.installs).toBe(0);
    // the same devices take the genuine build once it is served genuinely
    expect(installsOf(a.recovered, r.builds.B3)).toHaveLength(SMALL);
  });

  it('bench: wall time and serve requests per second are measured', () => {
    expect(r.bench.requests).toBeGreaterThan(6 * N);
    expect(r.bench.requests_per_second).toBeGreaterThan(0);
  });
});
