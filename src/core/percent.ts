/**
 * Rollout percents: 0..100 in 0.01 steps. Anything else is rejected, never clamped: a malformed
 * percent must not turn into 0% or 100% (fail closed).
 */
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
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    return { ok: false, reason: `${value} is outside 0..100` };
  }
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-9) {
    return { ok: false, reason: `${value} has finer steps than 0.01` };
  }
  return { ok: true, value: Math.round(value * 100) / 100 };
}
