import { planChange, type ChannelAction } from '../core/channel.js';
import type { BuildRef, InstallWindow } from '../protocol/schemas.js';
import { fleetBuckets, inCohort } from '../protocol/cohort.js';
import type { ManifestPayload } from '../protocol/schemas.js';
import { CancelledError, VerificationError } from '../errors.js';
import type { ChannelHead, Repository } from '../repo/repository.js';
import { layout } from '../repo/layout.js';
import type { CdnFields } from '../cdn/cdn.js';
import { cdnAfterPublish, cdnUnchanged } from './cdn.js';
import { changeContext, checkManifestTtl, type PlanNotice, type ReleaseDeps } from './deps.js';
import { anchorOf } from '../core/app-trust.js';
import { checkTarget } from '../protocol/ids.js';
import { buildEvidence, manifestEvidence, readCheckedAppRecord } from './app-record.js';
import { SYNTHETIC_ID_PREFIX } from './simulate.js';

/**
 * The one path every channel change takes: read the channel, plan the transition (pure), show
 * what will change, confirm, then commit with compare-and-swap. Used by promote, rollout,
 * rollback and refresh.
 */
export interface ChangeRequest {
  app: string;
  channel: string;
  dryRun: boolean;
  /** Ask before publishing (promote, rollout, rollback); refresh changes nothing devices act on. */
  confirm: boolean;
  /** Builds the action once the current channel state is known. */
  action: (head: ChannelHead | null, repo: Repository) => Promise<ChannelAction>;
}

export interface Preview {
  fleet: number;
  in_cohort_before: number;
  in_cohort_after: number;
}

export interface ChangeResult extends CdnFields {
  app: string;
  channel: string;
  action: ChannelAction['action'];
  changed: boolean;
  dry_run: boolean;
  sequence: number;
  from: { build_id: string; version_code: number; percent: number } | null;
  to: { build_id: string; version_code: number; percent: number };
  salt: string;
  expires_at: string;
  /** The channel's install window (device-local) after the change; null: devices install at any time. */
  install_window: InstallWindow | null;
  preview: Preview;
  warnings: string[];
  manifest: string;
  store: string;
}

export async function runChange(deps: ReleaseDeps, req: ChangeRequest): Promise<ChangeResult> {
  const { repo } = deps;
  const ttlWarning = checkManifestTtl(deps.manifestTtlSeconds);
  checkTarget(req.app, req.channel);
  const head = await readVerifiedHead(repo, req.app, req.channel);
  const action = await req.action(head, repo);
  // The app record must accept what the channel publishes and what it is about to (E_APP_RECORD otherwise); the manifest names it.
  const evidence = [...(head ? manifestEvidence(head.payload) : []), ...buildEvidence(req.app, publishedBy(action))];
  const appRecord = await readCheckedAppRecord(repo, req.app, evidence);
  const plan = planChange(head?.payload ?? null, action, changeContext(deps, appRecord && anchorOf(appRecord)));
  // Hashing the synthetic fleet (10,000 ids by default) is most of a change's own CPU time: it is
  // done when the preview is first read (the plan summary shown, a --json result, a caller reading
  // it), never for a run that shows neither (the CLI's --quiet). The same numbers either way.
  let preview: Preview | undefined;
  const result: ChangeResult = {
    app: req.app,
    channel: req.channel,
    action: action.action,
    changed: plan.changed,
    dry_run: req.dryRun,
    // A no-op publishes nothing: report the channel as it is.
    sequence: plan.changed ? plan.payload.sequence : head!.payload.sequence,
    from: plan.record.from,
    to: plan.record.to,
    salt: plan.payload.salt,
    expires_at: plan.changed ? plan.payload.expires_at : head!.payload.expires_at,
    install_window: (plan.changed ? plan.payload : head!.payload).constraints.install_window ?? null,
    get preview() {
      return (preview ??= previewCohort(head?.payload ?? null, plan.payload, deps.previewFleet));
    },
    set preview(value) {
      preview = value;
    },
    warnings: ttlWarning ? [...plan.warnings, ttlWarning] : plan.warnings,
    manifest: layout.manifest(req.app, req.channel),
    store: repo.store.url,
  };
  cdnUnchanged(deps, result);
  if (!plan.changed) return result;

  const notice: PlanNotice = {
    app: req.app,
    channel: req.channel,
    // Read when shown (it holds the preview).
    get summary() {
      return describeChange(result);
    },
    warnings: result.warnings,
  };
  deps.onPlan?.(notice);
  if (req.dryRun) return result;
  await confirmPublish(deps, req.confirm, notice);
  const published = await repo.commit(head, plan, undefined, (w) => {
    result.warnings = [...result.warnings, w];
    deps.onWarning?.(w);
  });
  result.sequence = published.sequence;
  await cdnAfterPublish(deps, published, result);
  return result;
}

/** The builds an action names that the channel does not publish yet. */
function publishedBy(action: ChannelAction): (BuildRef | null | undefined)[] {
  if (action.action === 'promote') return [action.build, action.gating.intermediate];
  if (action.action === 'rollback') return [action.to];
  return [];
}

/** Asks the caller before publishing a change devices act on; a no cancels (exit 8). */
export async function confirmPublish(deps: ReleaseDeps, needed: boolean, plan: PlanNotice): Promise<void> {
  if (needed && deps.confirm && !(await deps.confirm(plan))) throw new CancelledError('cancelled; nothing was changed');
}

/**
 * The channel's head with the newest links of its history chain verified: a change is never built
 * on a manifest or a recent chain that does not verify, and the error names the command that
 * recovers. A fixed number of reads however long the history (the request budget, docs/s3.md).
 */
async function readVerifiedHead(repo: Repository, app: string, channel: string): Promise<ChannelHead | null> {
  try {
    const head = await repo.readChannel(app, channel);
    if (head) await repo.verifyRecentHistory(head);
    // A channel with history but no manifest was not never published: its manifest was deleted.
    // Publishing as if it were new would restart the sequence (devices refuse it as a replay) and
    // skip the checks against what devices run (version, signer). One LIST, only when it is absent.
    else if ((await repo.store.list(layout.historyPrefix(app, channel))).length > 0) {
      throw new VerificationError(`${layout.manifest(app, channel)} is missing, but the channel has history records: the store was changed outside otactl.`, 'E_NO_MANIFEST', { app, channel });
    }
    return head;
  } catch (err) {
    if (err instanceof VerificationError) throw new VerificationError(`${err.message} ${repairHint(app, channel)}`, err.code, err.details);
    throw err;
  }
}

export function repairHint(app: string, channel: string): string {
  return `(\`otactl repair app=${app} channel=${channel}\` republishes the last verified state)`;
}

/** How many of a synthetic fleet are in the rollout cohort before and after the change. */
export function previewCohort(before: ManifestPayload | null, after: Pick<ManifestPayload, 'salt' | 'build'>, fleet: number): Preview {
  const afterBuckets = fleetBuckets(after.salt, SYNTHETIC_ID_PREFIX, fleet);
  // A rollout keeps the salt: the buckets are the same, hash the fleet once.
  const beforeBuckets = before === null ? null : before.salt === after.salt ? afterBuckets : fleetBuckets(before.salt, SYNTHETIC_ID_PREFIX, fleet);
  const count = (buckets: Uint16Array | null, percent: number) => (buckets ? buckets.reduce((n, b) => n + (inCohort(b, percent) ? 1 : 0), 0) : 0);
  return {
    fleet,
    in_cohort_before: before ? count(beforeBuckets, before.build.staged_rollout_percent) : 0,
    in_cohort_after: count(afterBuckets, after.build.staged_rollout_percent),
  };
}

export function describeChange(r: ChangeResult): string {
  const from = r.from ? `${r.from.build_id} (v${r.from.version_code}) at ${r.from.percent}%` : '(nothing published)';
  const to = `${r.to.build_id} (v${r.to.version_code}) at ${r.to.percent}%`;
  return [
    `${r.action} ${r.app}/${r.channel}: ${from} -> ${to}`,
    `  simulated fleet of ${r.preview.fleet}: ${r.preview.in_cohort_before} in the rollout cohort before, ${r.preview.in_cohort_after} after`,
    ...(r.install_window ? [`  devices install only from ${r.install_window.start} to ${r.install_window.end} of their local time`] : []),
  ].join('\n');
}
