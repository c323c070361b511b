/**
 * Rollout percents: 0..100 in 0.01 steps. Anything else is rejected, never clamped: a malformed
 * percent must not turn into 0% or 100% (fail closed).
 */
import { percentProblem } from '../protocol/ids.js';

export type PercentResult = { ok: true; value: number } | { ok: false; reason: string };

const PERCENT_TEXT = /^\d{1,3}(\.\d{1,2})?%?$/;

export function parsePercent(text: string): PercentResult {
  const trimmed = text.trim();
  if (!PERCENT_TEXT.test(trimmed)) {
    return { ok: false, reason: `"${text}" is not a percent between 0 and 100 in steps of 0.01` };
  }
  return checkPercent(Number(trimmed.replace('%', '')));
}

export function checkPercent(value: number): PercentResult {
  const problem = percentProblem(value);
  return problem === null ? { ok: true, value: Math.round(value * 100) / 100 } : { ok: false, reason: problem };
}
