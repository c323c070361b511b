/**
 * The channel workflows of the library: promote, rollout, rollback and refresh. Each takes its
 * dependencies and a typed request, resolves what the request names through the repository, and
 * runs the one change path (runChange). Nothing here reads flags, config or the terminal.
 */
import { OptionError } from '../errors.js';
import type { ReleaseDeps } from './deps.js';
import { runChange, type ChangeResult } from './change.js';
import { checkPlanSpec, startPlan, type PlanSpec } from '../core/rollout-plan.js';
import { parseInstallWindow } from '../protocol/install-window.js';
import type { InstallWindow } from '../protocol/schemas.js';
import { publishEspDeltas } from './esp-deltas.js';

interface ChannelTarget {
  app: string;
  channel: string;
  /** Plan and report, publish nothing. */
  dryRun?: boolean;
}

/** Constraint defaults of a promotion (the config file's `defaults` start from these). */
export const PROMOTE_DEFAULTS = { wifiOnly: true, minBattery: 30 } as const;

export interface PromoteRequest extends ChannelTarget {
  /** Build id, unique prefix of one, or unique sha256 prefix. */
  build: string;
  /** 0..100 in 0.01 steps (0 pauses). */
  percent: number;
  wifiOnly?: boolean;
  mustInstall?: boolean;
  minBattery?: number;
  canaryTags?: string[];
  /** Published only hashed. */
  canaryDeviceIds?: string[];
  /** Pins the cohort salt instead of drawing a new one. */
  salt?: string;
  allowLowerVersion?: boolean;
  /** Publish a build signed by another key than the channel's current build, not rotated from it (recorded in history). */
  allowSignerChange?: boolean;
  models?: string[];
  chips?: string[];
  /** Devices below this version code take `intermediate` first. */
  minCurrentVersion?: number;
  intermediate?: string;
  /**
   * When devices may install, in their local time: `"HH:MM-HH:MM"` (may wrap midnight), or an
   * object `{ start, end }`; `"none"` or null: no window. Absent: the channel's current window stays.
   */
  installWindow?: InstallWindowInput;
  /**
   * ESP: delta patches (docs/delta.md) from the channel's current and last safe builds and from
   * this many of the app's newest other builds (default 2; 0: only current and last safe).
   */
  deltaFrom?: number;
  /** ESP: publish no delta patches (default: publish them). */
  noDeltas?: boolean;
}

/** An install window as a caller gives it (checked once, by the protocol's rules). */
export type InstallWindowInput = string | InstallWindow | null;

function readWindow(input: InstallWindowInput | undefined): InstallWindow | null | undefined {
  if (input === undefined || input === null) return input;
  return parseInstallWindow(typeof input === 'string' ? input : `${input.start}-${input.end}`);
}

/**
 * What a promotion request must hold before anything is read: the gating pair and the delta
 * count. The CLI calls it while parsing flags, promote for every caller.
 */
export function checkPromoteRequest(req: Pick<PromoteRequest, 'intermediate' | 'minCurrentVersion' | 'deltaFrom'>): void {
  if (req.intermediate !== undefined && req.minCurrentVersion === undefined) throw new OptionError('intermediate', '`intermediate` needs `minCurrentVersion`');
  if (req.deltaFrom !== undefined && !(Number.isInteger(req.deltaFrom) && req.deltaFrom >= 0)) {
    throw new OptionError('deltaFrom', '`deltaFrom` is a whole number of builds (0 or more)', 'E_INVALID');
  }
}

export async function promote(deps: ReleaseDeps, req: PromoteRequest): Promise<ChangeResult> {
  checkPromoteRequest(req);
  const installWindow = readWindow(req.installWindow);
  let releaseDeltaLeases = async () => undefined as void;
  const change = runChange(deps, {
    ...target(req),
    confirm: true,
    action: async (head, repo) => {
      const rec = await repo.resolveBuild(req.app, req.build);
      const intermediate = req.intermediate === undefined ? null : await repo.resolveBuild(req.app, req.intermediate);
      // A dry run writes nothing, so it makes no patches either.
      const deltas = req.noDeltas || req.dryRun
        ? null
        : await publishEspDeltas(repo, head, rec, { recent: req.deltaFrom, at: deps.now(), onWarning: deps.onWarning });
      if (deltas) releaseDeltaLeases = deltas.release;
      const build = repo.buildRef(rec);
      return {
        action: 'promote',
        app: req.app,
        channel: req.channel,
        build: deltas && deltas.deltas.length > 0 ? { ...build, deltas: deltas.deltas } : build,
        signerLineage: rec.signer_lineage,
        ...(intermediate ? { intermediateSignerLineage: intermediate.signer_lineage } : {}),
        allowSignerChange: req.allowSignerChange ?? false,
        percent: req.percent,
        wifiOnly: req.wifiOnly ?? PROMOTE_DEFAULTS.wifiOnly,
        mustInstall: req.mustInstall ?? false,
        minBattery: req.minBattery ?? PROMOTE_DEFAULTS.minBattery,
        canaryTags: req.canaryTags ?? [],
        canaryDeviceIds: req.canaryDeviceIds ?? [],
        salt: req.salt,
        allowLowerVersion: req.allowLowerVersion ?? false,
        ...(installWindow === undefined ? {} : { installWindow }),
        gating: {
          models: req.models ?? [],
          chips: req.chips ?? [],
          min_current_version: req.minCurrentVersion ?? null,
          intermediate: intermediate === null ? null : repo.buildRef(intermediate),
        },
      };
    },
  });
  // The patches' leases hold off gc until the manifest that names them is committed (or not).
  return change.finally(() => releaseDeltaLeases());
}

export interface RolloutRequest extends ChannelTarget {
  /** With a plan: its first step. */
  percent: number;
  /** Store a staged plan with the channel (`otactl rollout-tick` moves it); absent: a manual rollout, which ends any plan. */
  plan?: PlanSpec;
  /** As in PromoteRequest; absent: unchanged. */
  installWindow?: InstallWindowInput;
}

/** Changes the percent of the current build in place; raising it never moves a device out. */
export async function rollout(deps: ReleaseDeps, req: RolloutRequest): Promise<ChangeResult> {
  const spec = req.plan;
  if (spec) {
    checkPlanSpec(spec);
    if (spec.steps[0] !== req.percent) throw new OptionError('plan', `\`plan\`: the first step (${spec.steps[0]}%) is the percent to start at, not ${req.percent}%`);
  }
  const installWindow = readWindow(req.installWindow);
  const win = installWindow === undefined ? {} : { installWindow };
  return runChange(deps, {
    ...target(req),
    confirm: true,
    action: async (head) =>
      spec && head
        ? { action: 'rollout', percent: req.percent, ...win, plan: startPlan(head.payload.build.build_id, spec, deps.now()), details: { plan: 'started' } }
        : { action: 'rollout', percent: req.percent, ...win },
  });
}

export interface RollbackRequest extends ChannelTarget {
  /** The build to go back to; default the channel's last safe build. */
  to?: string;
  /** Devices already on the bad build go back too (same signer required). */
  forceDowngrade?: boolean;
  /** Go back to a build signed by another key than the current and last safe builds, not rotated from the current one (recorded in history). */
  allowSignerChange?: boolean;
}

export function rollback(deps: ReleaseDeps, req: RollbackRequest): Promise<ChangeResult> {
  return runChange(deps, {
    ...target(req),
    confirm: true,
    action: async (_head, repo) => {
      const to = req.to === undefined ? null : await repo.resolveBuild(req.app, req.to);
      return {
        action: 'rollback',
        ...(to ? { to: repo.buildRef(to), signerLineage: to.signer_lineage } : {}),
        forceDowngrade: req.forceDowngrade ?? false,
        allowSignerChange: req.allowSignerChange ?? false,
      };
    },
  });
}

/** Re-signs the manifest with the next sequence and a fresh expiry; devices act on nothing new. */
export function refresh(deps: ReleaseDeps, req: ChannelTarget): Promise<ChangeResult> {
  return runChange(deps, { ...target(req), confirm: false, action: async () => ({ action: 'refresh' }) });
}

function target(req: ChannelTarget) {
  return { app: req.app, channel: req.channel, dryRun: req.dryRun ?? false };
}
