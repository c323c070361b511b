/**
 * The rollout-plan workflows: one tick of a channel's plan (`otactl rollout-tick`), safe to run
 * from cron or CI as often as wanted and by two runners at once. A tick that holds writes
 * nothing; one that advances or halts publishes through the one change path (compare-and-swap),
 * with the reason and the results in the history record. A runner that loses the swap re-reads
 * the channel and decides again (then it usually holds: the step just began).
 */
import { resultsSince, tick, type Results, type TickDecision } from '../core/rollout-plan.js';
import { ConflictError } from '../errors.js';
import type { RolloutPlan } from '../protocol/schemas.js';
import { runChange, type ChangeResult } from './change.js';
import type { ReleaseDeps } from './deps.js';

export interface TickRequest {
  app: string;
  channel: string;
  dryRun?: boolean;
  /** Results of `buildId` on the channel since `since` (from the access logs), under `plan` (its confirm limit). */
  results: (since: Date, buildId: string, plan: RolloutPlan) => Promise<Results>;
}

export interface TickResult {
  app: string;
  channel: string;
  decision: TickDecision['kind'];
  reason: string;
  results: Results | null;
  /** The published change (advance, halt); null when the tick wrote nothing. */
  change: ChangeResult | null;
}

export async function rolloutTick(deps: ReleaseDeps, req: TickRequest): Promise<TickResult> {
  for (let attempt = 0; ; attempt++) {
    let decision: TickDecision = { kind: 'idle', reason: '' };
    let results: Results | null = null;
    try {
      const change = await runChange(deps, {
        app: req.app,
        channel: req.channel,
        dryRun: req.dryRun ?? false,
        confirm: false,
        action: async (head) => {
          const current = head?.payload;
          const plan = current?.plan;
          if (current && plan && plan.build_id === current.build.build_id && plan.state === 'running') {
            results = await req.results(resultsSince(plan), plan.build_id, plan);
          }
          decision = tick(plan, current?.build.build_id ?? '', results ?? { ok: 0, fail: 0, verify_fail: 0 }, deps.now(), Boolean(current?.last_safe));
          const percent = current?.build.staged_rollout_percent ?? 0;
          const details = { plan_tick: decision.kind, reason: decision.reason, results };
          if (decision.kind === 'advance') return { action: 'rollout', percent: decision.percent, plan: decision.plan, details };
          if (decision.kind === 'halt') return { action: 'rollout', percent, plan: decision.plan, details };
          if (decision.kind === 'rollback') return { action: 'rollback', forceDowngrade: false, details };
          // Hold and idle ask for the state the channel has: the change path publishes nothing.
          return { action: 'rollout', percent, ...(plan ? { plan } : {}) };
        },
      });
      return { app: req.app, channel: req.channel, decision: decision.kind, reason: decision.reason, results, change: change.changed ? change : null };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 2) throw err;
    }
  }
}
