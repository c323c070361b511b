/**
 * Boot validation: a freshly installed build is `pending` and becomes `confirmed` only after it has
 * itself fetched and verified the channel manifest (signature, app/channel, expiry, sequence).
 * Failed checks, restarts or time before that roll it back, so a build that can no longer update
 * does not strand the device. Pure: the caller persists the state and performs the action
 * (docs/vectors.md, boot.json; the C and Kotlin templates hold the same rule).
 */
import * as z from '../protocol/zod.js';

export const BootState = z.object({
  status: z.enum(['confirmed', 'pending', 'rolled_back']),
  /** Boots of the installed build since it was installed. */
  boots: z.number().int().nonnegative(),
  /** Failed manifest checks by the installed build. */
  failures: z.number().int().nonnegative(),
  /** Wall clock (ms) of its first boot with a known clock; null until then. */
  first_boot_ms: z.number().int().nullable(),
});
export type BootState = z.infer<typeof BootState>;

export interface BootLimits {
  /** Boots allowed before it validates (the next one rolls back). */
  max_boots: number;
  /** Failed checks that roll it back. */
  max_failures: number;
  /** Time from its first boot to validate in; 0: no limit. */
  max_pending_ms: number;
}

/** now_ms null: the clock is not set (no time limit is evaluated on that event). */
export type BootEvent =
  | { type: 'installed'; now_ms: number | null }
  /** running_installed: the running build is the one installed (false: the install did not take, or the platform went back). */
  | { type: 'boot'; running_installed: boolean; now_ms: number | null }
  /** The running build fetched and verified the channel manifest. */
  | { type: 'check_ok'; now_ms: number | null }
  /** A check failed (fetch, signature, freshness...). */
  | { type: 'check_failed'; now_ms: number | null }
  | { type: 'tick'; now_ms: number | null };

export type BootAction = 'none' | 'mark_valid' | 'rollback' | 'reverted';
export type RollbackReason = 'boots' | 'failures' | 'deadline' | 'not_reverted';

export interface BootStep {
  state: BootState;
  action: BootAction;
  reason: RollbackReason | null;
}

export const CONFIRMED: BootState = { status: 'confirmed', boots: 0, failures: 0, first_boot_ms: null };
/** Defaults of the SDK: three restarts, five failed checks, a day. */
export const DEFAULT_BOOT_LIMITS: BootLimits = { max_boots: 3, max_failures: 5, max_pending_ms: 24 * 3600 * 1000 };

const none = (state: BootState): BootStep => ({ state, action: 'none', reason: null });
const rollback = (state: BootState, reason: RollbackReason): BootStep => ({ state: { ...state, status: 'rolled_back' }, action: 'rollback', reason });

function pastDeadline(s: BootState, now: number | null, limits: BootLimits): boolean {
  return limits.max_pending_ms > 0 && now !== null && s.first_boot_ms !== null && now - s.first_boot_ms >= limits.max_pending_ms;
}

export function bootStep(s: BootState, e: BootEvent, limits: BootLimits): BootStep {
  if (e.type === 'installed') return none({ status: 'pending', boots: 0, failures: 0, first_boot_ms: null });
  if (s.status === 'confirmed') return none(s);
  if (s.status === 'rolled_back') {
    if (e.type !== 'boot') return none(s);
    return e.running_installed ? { state: s, action: 'rollback', reason: 'not_reverted' } : { state: CONFIRMED, action: 'reverted', reason: null };
  }
  if (e.type === 'boot') {
    if (!e.running_installed) return { state: CONFIRMED, action: 'reverted', reason: null };
    const next: BootState = { ...s, boots: s.boots + 1, first_boot_ms: s.first_boot_ms ?? e.now_ms };
    if (next.boots > limits.max_boots) return rollback(next, 'boots');
    return pastDeadline(next, e.now_ms, limits) ? rollback(next, 'deadline') : none(next);
  }
  // Until the installed build has booted, checks are the old build's: they say nothing about it.
  if (s.boots === 0) return none(s);
  if (pastDeadline(s, e.now_ms, limits)) return rollback(s, 'deadline');
  if (e.type === 'check_ok') return { state: CONFIRMED, action: 'mark_valid', reason: null };
  if (e.type === 'check_failed') {
    const next = { ...s, failures: s.failures + 1 };
    return next.failures >= limits.max_failures ? rollback(next, 'failures') : none(next);
  }
  return none(s);
}

/**
 * The outcome a boot-validation step reports to the access logs (test/vectors/telemetry.json,
 * boot_outcome): `pendingBoot` is a boot of the pending build that left it pending.
 */
export function bootOutcome(action: BootAction, reason: RollbackReason | null, pendingBoot: boolean): { outcome: 'booted' | 'healthy' | 'rolled_back'; reason: string | null } | null {
  if (action === 'mark_valid') return { outcome: 'healthy', reason: null };
  if (action === 'rollback') return { outcome: 'rolled_back', reason };
  if (action === 'reverted') return { outcome: 'rolled_back', reason: 'reverted' };
  return pendingBoot ? { outcome: 'booted', reason: null } : null;
}
