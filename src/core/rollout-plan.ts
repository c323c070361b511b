/**
 * Staged rollout plans: what one tick does, from the plan, the clock and the install results
 * since the current step began. Pure; `release/rollout-plan.ts` reads the results and publishes.
 *
 *   - fewer than min_samples results        -> hold (nothing is judged on too little)
 *   A result is a device judged at the step: with boot reports (`healthy` given) a confirmed boot,
 *   a failure (fail, verify_fail), a rollback, or an install not confirmed within the plan's
 *   confirm_within_seconds (timed out); an install still inside that time is not judged yet.
 *   Without boot reports (`healthy` undefined: a caller that only counts installs), ok is success.
 *   - failure rate above max_failure_rate   -> halt: the percent is frozen, the plan stops
 *   - healthy, but the step is not over yet -> hold
 *   - healthy and over                      -> advance to the next step (the last one: done)
 */
import { OptionError } from '../errors.js';
import { percentProblem } from '../protocol/ids.js';
import type { RolloutPlan } from '../protocol/schemas.js';

export interface PlanSpec {
  steps: number[];
  everySeconds: number;
  maxFailureRate: number;
  minSamples: number;
  /** Default halt. */
  onFailure?: 'halt' | 'rollback';
  /** Default DEFAULT_CONFIRM_WITHIN_SECONDS. */
  confirmWithinSeconds?: number;
}

export interface Results {
  /** Installed (ok beacons). */
  ok: number;
  fail: number;
  verify_fail: number;
  /** Confirmed boots of the build; undefined when the source has no boot reports (then ok counts as success). */
  healthy?: number;
  rolled_back?: number;
  /** Installed but not confirmed within the plan's confirm_within_seconds. */
  timed_out?: number;
  /** The newest log time the results were read from (ISO); a step is not advanced on logs ending before it does. */
  logs_until?: string | null;
}

/** How long an installed build has to confirm its boot before a plan counts it as timed out (default). */
export const DEFAULT_CONFIRM_WITHIN_SECONDS = 3600;

export type TickDecision =
  | { kind: 'idle'; reason: string }
  | { kind: 'hold'; reason: string }
  | { kind: 'advance'; percent: number; plan: RolloutPlan; reason: string }
  | { kind: 'halt'; plan: RolloutPlan; reason: string }
  | { kind: 'rollback'; reason: string };

/**
 * The longest time a plan may hold a step: a year and a day, as long as a manifest may live
 * (`otactl rollout --every` refuses more). Plans signed before the bound keep reading: their next
 * step is shown as never rather than as a date past the calendar.
 */
export const MAX_PLAN_STEP_SECONDS = 366 * 86_400;

/** The least time a plan holds a step (the signed schema's every_seconds minimum). */
export const MIN_PLAN_STEP_SECONDS = 60;

/**
 * The rules of a plan, whoever makes it (the CLI parses flags into a spec and calls this; the
 * rollout workflow calls it for every caller): steps are percents, strictly increasing; a step
 * lasts 1m..366d; the failure limit is a percent; at least one sample judges a step. Throws
 * OptionError naming the field (exit 2).
 */
export function checkPlanSpec(spec: PlanSpec): void {
  if (spec.steps.length === 0) throw new OptionError('plan', '`plan`: a plan needs at least one step');
  for (const step of spec.steps) {
    const problem = percentProblem(step);
    if (problem !== null) throw new OptionError('plan', `\`plan\`: ${problem}`);
  }
  for (let i = 1; i < spec.steps.length; i++) {
    if (!(spec.steps[i]! > spec.steps[i - 1]!)) throw new OptionError('plan', `\`plan\`: steps must increase: ${spec.steps[i - 1]} then ${spec.steps[i]}`);
  }
  const every = spec.everySeconds;
  if (!Number.isSafeInteger(every) || every < MIN_PLAN_STEP_SECONDS || every > MAX_PLAN_STEP_SECONDS) {
    throw new OptionError('everySeconds', `\`everySeconds\` ${durationText(every)} is outside 1m..366d`);
  }
  const rate = percentProblem(spec.maxFailureRate);
  if (rate !== null) throw new OptionError('maxFailureRate', `\`maxFailureRate\`: ${rate}`);
  if (!Number.isSafeInteger(spec.minSamples) || spec.minSamples < 1) throw new OptionError('minSamples', `\`minSamples\` must be a whole number of at least 1, got ${spec.minSamples}`);
  const onFailure: string = spec.onFailure ?? 'halt';
  if (onFailure !== 'halt' && onFailure !== 'rollback') throw new OptionError('onFailure', `\`onFailure\` "${onFailure}" is not halt or rollback`);
  const confirm = spec.confirmWithinSeconds;
  if (confirm !== undefined && (!Number.isSafeInteger(confirm) || confirm < MIN_PLAN_STEP_SECONDS || confirm > MAX_PLAN_STEP_SECONDS)) {
    throw new OptionError('confirmWithinSeconds', `\`confirmWithinSeconds\` ${durationText(confirm)} is outside 1m..366d`);
  }
}

/** Seconds in the largest unit that holds them exactly: 30s, 90s, 5m, 2h, 366d. */
function durationText(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds <= 0) return `${seconds}s`;
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

export function startPlan(buildId: string, spec: PlanSpec, now: Date): RolloutPlan {
  return {
    build_id: buildId,
    steps: [...spec.steps],
    every_seconds: spec.everySeconds,
    max_failure_rate: spec.maxFailureRate,
    min_samples: spec.minSamples,
    step: 0,
    step_started_at: now.toISOString(),
    state: spec.steps.length === 1 ? 'done' : 'running',
    on_failure: spec.onFailure ?? 'halt',
    ...(spec.confirmWithinSeconds === undefined ? {} : { confirm_within_seconds: spec.confirmWithinSeconds }),
    reason: `plan started at ${spec.steps[0]}%`,
  };
}

/** `canRollBack`: the channel has a last safe build to go back to (else a rollback plan halts). */
export function tick(plan: RolloutPlan | undefined, currentBuild: string, results: Results, now: Date, canRollBack = false): TickDecision {
  if (!plan) return { kind: 'idle', reason: 'the channel has no rollout plan' };
  if (plan.build_id !== currentBuild) return { kind: 'idle', reason: `the plan is for ${plan.build_id}, the channel now serves ${currentBuild}` };
  if (plan.state !== 'running') return { kind: 'idle', reason: `the plan is ${planState(plan)}` };
  const { samples, failed, measured: counts } = judge(results);
  const at = `${plan.steps[plan.step]}%`;
  if (samples < plan.min_samples) return { kind: 'hold', reason: `${samples} of ${plan.min_samples} results at ${at} so far` };
  const rate = (failed / samples) * 100;
  const measured = `${round(rate)}% failures (${counts}) at ${at}`;
  if (rate > plan.max_failure_rate) {
    if (plan.on_failure === 'rollback' && canRollBack) return { kind: 'rollback', reason: `${measured}, above the ${plan.max_failure_rate}% limit` };
    const noSafe = plan.on_failure === 'rollback' ? ' (no last safe build to roll back to)' : '';
    // The reason never repeats the decision or state: every renderer puts that in front of it once.
    const reason = `${measured}, above the ${plan.max_failure_rate}% limit${noSafe}`;
    return { kind: 'halt', plan: { ...plan, state: 'halted', reason }, reason };
  }
  const due = stepDue(plan);
  if (due === null || now.getTime() < due.getTime()) return { kind: 'hold', reason: `healthy (${measured}); next step ${due ? `at ${due.toISOString()}` : NEVER}` };
  // Access logs arrive late (CloudFront: typically within an hour): a step is judged on logs that cover it.
  if (results.logs_until !== undefined && (results.logs_until === null || Date.parse(results.logs_until) < due.getTime())) {
    return { kind: 'hold', reason: `healthy so far (${measured}); waiting for logs up to ${due.toISOString()} (the newest line read is ${results.logs_until === null ? 'none' : `at ${results.logs_until}`})` };
  }
  const step = plan.step + 1;
  const percent = plan.steps[step]!;
  const reason = `advanced to ${percent}%: ${measured}`;
  const next: RolloutPlan = { ...plan, step, step_started_at: now.toISOString(), state: step === plan.steps.length - 1 ? 'done' : 'running', reason };
  return { kind: 'advance', percent, plan: next, reason };
}

/** The plan's state and why, e.g. `halted: 10% failures ... above the 2% limit` (a reason signed with the state in front, as older otactl wrote it, is not doubled). */
export function planState(plan: RolloutPlan): string {
  if (!plan.reason) return plan.state;
  return plan.reason.startsWith(`${plan.state}:`) ? plan.reason : `${plan.state}: ${plan.reason}`;
}

/**
 * Where a step's results start counting: the step's start rounded down to the second. Access
 * logs stamp requests to the second, so a result in the very second the step began carries a
 * time before step_started_at's milliseconds and would be dropped.
 */
export function resultsSince(plan: RolloutPlan): Date {
  return new Date(Math.floor(Date.parse(plan.step_started_at) / 1000) * 1000);
}

/** When the next step may come, for status; null when the plan is not running; `after` null when never (stepDue). */
export function nextStep(plan: RolloutPlan): { percent: number; after: string | null } | null {
  if (plan.state !== 'running') return null;
  return { percent: plan.steps[plan.step + 1]!, after: stepDue(plan)?.toISOString() ?? null };
}

const NEVER = 'never (the step interval ends past the last date a clock can show)';

/** When the current step may end; null when that is past the last representable date (a plan signed before MAX_PLAN_STEP_SECONDS). */
function stepDue(plan: RolloutPlan): Date | null {
  const due = new Date(Date.parse(plan.step_started_at) + plan.every_seconds * 1000);
  return Number.isNaN(due.getTime()) ? null : due;
}

/** Judged devices, failures among them, and the counts as words for a reason. */
function judge(r: Results): { samples: number; failed: number; measured: string } {
  if (r.healthy === undefined) {
    const samples = r.ok + r.fail + r.verify_fail;
    return { samples, failed: r.fail + r.verify_fail, measured: `${r.fail} fail, ${r.verify_fail} verify_fail of ${samples} results` };
  }
  const rolledBack = r.rolled_back ?? 0;
  const timedOut = r.timed_out ?? 0;
  const failed = r.fail + r.verify_fail + rolledBack + timedOut;
  return {
    samples: r.healthy + failed,
    failed,
    measured: `${r.fail} fail, ${r.verify_fail} verify_fail, ${rolledBack} rolled back, ${timedOut} not confirmed in time of ${r.healthy + failed} results, ${r.healthy} confirmed boots`,
  };
}

/** How long an install has to confirm its boot under this plan. */
export function confirmWithinSeconds(plan: RolloutPlan): number {
  return plan.confirm_within_seconds ?? DEFAULT_CONFIRM_WITHIN_SECONDS;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
