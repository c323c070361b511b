/** Rollout plans through the library on a MemoryStore: start, tick (hold, advance, halt, done), races. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Results } from '../../src/core/rollout-plan.js';
import { promote, rollout, upload } from '../../src/index.js';
import { rolloutTick } from '../../src/release/rollout-plan.js';
import { memoryRelease, scratchDir, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'demo';
const CH = 'stable';
const scratch = scratchDir('plan');

let clock: Date;
let mem: MemoryRelease;
let buildId: string;
/** Install results as beacons would give them: [time, result]. */
let beacons: [number, keyof Results][];

const results = async (since: Date, id: string): Promise<Results> => {
  expect(id).toBe(buildId);
  const r: Results = { ok: 0, fail: 0, verify_fail: 0 };
  for (const [at, kind] of beacons) if (at >= since.getTime()) r[kind]++;
  return r;
};
const report = (n: number, kind: keyof Results) => {
  for (let i = 0; i < n; i++) beacons.push([clock.getTime(), kind]);
};
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
const tickOnce = () => rolloutTick(mem.deps, { app: APP, channel: CH, results });
const channel = async () => (await mem.repo.readChannel(APP, CH))!.payload;

beforeEach(async () => {
  clock = new Date('2026-11-30T12:00:00Z');
  mem = await memoryRelease({ actor: 'cron', deps: { now: () => clock, newSalt: () => 'salt0123456789ab' } });
  beacons = [];
  const file = join(scratch, `b-${Math.random()}.bin`);
  writeFileSync(file, `build ${file}`);
  buildId = (await upload(mem.deps, { file, app: APP, kind: 'file', versionCode: 1, versionName: '1' })).build_id;
  await promote(mem.deps, { app: APP, channel: CH, build: buildId, percent: 0 });
  await rollout(mem.deps, { app: APP, channel: CH, percent: 1, plan: { steps: [1, 5, 100], everySeconds: 3600, maxFailureRate: 2, minSamples: 100 } });
});

describe('rollout plans', () => {
  it('rollout --plan stores the signed plan at its first step, in the manifest and its history record', async () => {
    const m = await channel();
    expect(m.build.staged_rollout_percent).toBe(1);
    expect(m.plan).toEqual({
      build_id: buildId, steps: [1, 5, 100], every_seconds: 3600, max_failure_rate: 2, min_samples: 100,
      step: 0, step_started_at: '2026-11-30T12:00:00.000Z', state: 'running', on_failure: 'halt', reason: 'plan started at 1%',
    });
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history[0]).toMatchObject({ action: 'rollout', details: { plan: 'started' }, manifest: { plan: { steps: [1, 5, 100] } } });
  });

  it('holds on too few results and before the step is over (writing nothing), advances when both hold, ends done', async () => {
    report(99, 'ok');
    later(10);
    const seq = (await channel()).sequence;
    expect(await tickOnce()).toMatchObject({ decision: 'hold', reason: '99 of 100 results at 1% so far', change: null });
    report(1, 'ok');
    clock = new Date('2026-11-30T12:30:00Z');
    expect(await tickOnce()).toMatchObject({ decision: 'hold', change: null, reason: expect.stringMatching(/healthy .* next step at 2026-11-30T13:00:00.000Z/) });
    expect((await channel()).sequence).toBe(seq);
    clock = new Date('2026-11-30T13:00:00Z');
    const advanced = await tickOnce();
    expect(advanced).toMatchObject({ decision: 'advance', results: { ok: 100, fail: 0, verify_fail: 0 }, change: { to: { percent: 5 } } });
    expect(await channel()).toMatchObject({ sequence: seq + 1, build: { staged_rollout_percent: 5 }, plan: { step: 1, state: 'running', step_started_at: '2026-11-30T13:00:00.000Z' } });
    // Idempotent: the same tick again finds the new step with no results yet.
    expect(await tickOnce()).toMatchObject({ decision: 'hold', reason: '0 of 100 results at 5% so far', change: null });
    report(200, 'ok');
    later(60);
    expect((await tickOnce()).decision).toBe('advance');
    expect(await channel()).toMatchObject({ build: { staged_rollout_percent: 100 }, plan: { step: 2, state: 'done' } });
    expect(await tickOnce()).toMatchObject({ decision: 'idle', change: null });
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history.slice(0, 2).map((r) => [r.to.percent, r.details.plan_tick])).toEqual([[100, 'advance'], [5, 'advance']]);
  });

  it('halts at the first step with enough results over the failure limit: the percent frozen, the reason in history, never advancing', async () => {
    report(90, 'ok');
    report(8, 'fail');
    report(2, 'verify_fail');
    later(5); // early: a failing step halts without waiting for `every`
    const halted = await tickOnce();
    expect(halted).toMatchObject({ decision: 'halt', change: { to: { percent: 1 } } });
    expect(halted.reason).toBe('10% failures (8 fail, 2 verify_fail of 100 results) at 1%, above the 2% limit');
    const m = await channel();
    expect(m).toMatchObject({ build: { staged_rollout_percent: 1 }, plan: { state: 'halted', reason: halted.reason } });
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history[0]!.details).toMatchObject({ plan_tick: 'halt', reason: halted.reason, results: { ok: 90, fail: 8, verify_fail: 2 } });
    report(1000, 'ok');
    later(600);
    expect(await tickOnce()).toMatchObject({ decision: 'idle', change: null });
    expect((await channel()).build.staged_rollout_percent).toBe(1);
  });

  it('--on-failure rollback: past the limit the tick rolls back to the last safe build, the reason in history; without one it halts', async () => {
    const plan = { steps: [1, 100], everySeconds: 3600, maxFailureRate: 2, minSamples: 10, onFailure: 'rollback' as const };
    await rollout(mem.deps, { app: APP, channel: CH, percent: 1, plan });
    report(10, 'fail');
    expect(await tickOnce()).toMatchObject({ decision: 'halt', reason: expect.stringMatching(/\(no last safe build to roll back to\)$/) });

    const safe = buildId;
    await rollout(mem.deps, { app: APP, channel: CH, percent: 100 });
    const file = join(scratch, 'v2.bin');
    writeFileSync(file, 'version two');
    buildId = (await upload(mem.deps, { file, app: APP, kind: 'file', versionCode: 2, versionName: '2' })).build_id;
    await promote(mem.deps, { app: APP, channel: CH, build: buildId, percent: 0 });
    later(1);
    await rollout(mem.deps, { app: APP, channel: CH, percent: 1, plan });
    later(1);
    report(9, 'ok');
    report(1, 'verify_fail');
    const rolled = await tickOnce();
    expect(rolled).toMatchObject({ decision: 'rollback', change: { action: 'rollback', to: { build_id: safe, percent: 100 } } });
    expect(rolled.reason).toBe('10% failures (0 fail, 1 verify_fail of 10 results) at 1%, above the 2% limit');
    const m = await channel();
    expect(m).toMatchObject({ build: { build_id: safe }, rolled_back_from: buildId });
    expect(m.plan).toBeUndefined();
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history[0]).toMatchObject({ action: 'rollback', details: { plan_tick: 'rollback', reason: rolled.reason, results: { ok: 9, verify_fail: 1 } } });
    expect(await tickOnce()).toMatchObject({ decision: 'idle', change: null });
  });

  it('two ticks at once: one advances, the other loses the swap, re-reads and holds', async () => {
    report(150, 'ok');
    later(60);
    const both = await Promise.all([tickOnce(), tickOnce()]);
    expect(both.map((t) => t.decision).sort()).toEqual(['advance', 'hold']);
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history.filter((r) => r.details.plan_tick === 'advance')).toHaveLength(1);
    expect((await channel()).build.staged_rollout_percent).toBe(5);
  });

  it('a manual rollout ends the plan; a bad plan is refused', async () => {
    await rollout(mem.deps, { app: APP, channel: CH, percent: 50 });
    expect((await channel()).plan).toBeUndefined();
    expect(await tickOnce()).toMatchObject({ decision: 'idle', reason: 'the channel has no rollout plan' });
    const plan = { everySeconds: 3600, maxFailureRate: 2, minSamples: 1 };
    await expect(rollout(mem.deps, { app: APP, channel: CH, percent: 5, plan: { ...plan, steps: [5, 5, 10] } })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringMatching(/steps must increase/) });
    await expect(rollout(mem.deps, { app: APP, channel: CH, percent: 1, plan: { ...plan, steps: [5, 10] } })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
