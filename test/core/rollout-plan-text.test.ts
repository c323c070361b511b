// Issue 18: plan messages say the state once (never "halted: halted: ..."), also for a reason
// signed by an older otactl with the state in front; a plan whose next step falls past the last
// date JavaScript can show reads as never, not a RangeError.
import { describe, expect, it } from 'vitest';
import { nextStep, planState, resultsSince, tick } from '../../src/core/rollout-plan.js';
import type { RolloutPlan } from '../../src/protocol/schemas.js';

const plan = (over: Partial<RolloutPlan> = {}): RolloutPlan => ({
  build_id: 'b-00aa11bb22cc',
  steps: [3, 40, 100],
  every_seconds: 7200,
  max_failure_rate: 5,
  min_samples: 4,
  step: 0,
  step_started_at: '2026-03-04T05:06:07.890Z',
  state: 'running',
  on_failure: 'halt',
  reason: '',
  ...over,
});

describe('plan text', () => {
  it('a halt reason does not carry the state; status and idle ticks put it in front once', () => {
    const d = tick(plan(), 'b-00aa11bb22cc', { ok: 2, fail: 3, verify_fail: 0 }, new Date('2026-03-04T06:00:00Z'));
    expect(d.kind).toBe('halt');
    expect(d.reason).toMatch(/^60% failures/);
    const halted = (d as { plan: RolloutPlan }).plan;
    expect(planState(halted)).toBe(`halted: ${d.reason}`);
    expect(tick(halted, 'b-00aa11bb22cc', { ok: 0, fail: 0, verify_fail: 0 }, new Date()).reason).toBe(`the plan is halted: ${d.reason}`);
  });

  it('an older signed reason with the state already in front is not doubled', () => {
    const old = plan({ state: 'halted', reason: 'halted: 9% failures (9 fail, 0 verify_fail of 100 results) at 3%, above the 5% limit' });
    expect(planState(old)).toBe(old.reason);
    expect(planState(plan({ state: 'done', reason: '' }))).toBe('done');
  });

  it('an interval past the calendar: the next step is never, and a healthy tick holds saying so', () => {
    const far = plan({ every_seconds: 9_000_000_000_000 });
    expect(nextStep(far)).toEqual({ percent: 40, after: null });
    const d = tick(far, 'b-00aa11bb22cc', { ok: 10, fail: 0, verify_fail: 0 }, new Date('2030-01-01T00:00:00Z'));
    expect(d).toMatchObject({ kind: 'hold', reason: expect.stringMatching(/next step never/) });
  });

  it('results count from the step start rounded down to the second', () => {
    expect(resultsSince(plan()).toISOString()).toBe('2026-03-04T05:06:07.000Z');
  });
});
