import { createHash } from 'node:crypto';
import { SignerMismatchError, TransitionError } from '../errors.js';
import { canaryDeviceHash } from '../protocol/cohort.js';
import {
  SCHEMA_VERSION,
  type AppRecordAnchor,
  type BuildRef,
  type ChangeAction,
  type ChangeBody,
  type ChangeRecord,
  type Gating,
  type InstallWindow,
  type ManifestBody,
  type ManifestPayload,
  type RolloutBuild,
  type RolloutPlan,
} from '../protocol/schemas.js';

/**
 * Channel state transitions. Pure: the caller passes the current manifest payload, the action and
 * the clock; the result is the next payload and the history record, or a TransitionError.
 * Nothing is half-applied: the command layer writes only a complete, successful plan.
 */
export interface ChangeContext {
  now: Date;
  actor: string;
  expiresInSeconds: number;
  /** Draws a fresh cohort salt (random in production, fixed in tests). */
  newSalt: () => string;
  /** The app record the change is made under, carried by the manifest (absent: none is written). */
  appRecord?: AppRecordAnchor | undefined;
}

export interface PromoteAction {
  action: 'promote';
  app: string;
  channel: string;
  build: BuildRef;
  percent: number;
  wifiOnly: boolean;
  mustInstall: boolean;
  minBattery: number;
  canaryTags: string[];
  canaryDeviceIds: string[];
  salt?: string;
  /** Allow a version code not above the channel's current build. */
  allowLowerVersion: boolean;
  gating: Gating;
  /** APK: the build's verified v3 rotation lineage (its release record's signer_lineage). */
  signerLineage?: string[];
  /** APK: the same for gating.intermediate, which devices below min_current_version install first. */
  intermediateSignerLineage?: string[];
  /** Publish a build signed by another key than the channel's current build (recorded in history). */
  allowSignerChange?: boolean;
  /** Device-local install window; null: none; absent: the channel's current one carries over. */
  installWindow?: InstallWindow | null;
}
export interface RolloutAction {
  action: 'rollout';
  percent: number;
  /** Device-local install window; null: clear it; absent: unchanged. */
  installWindow?: InstallWindow | null;
  /** The plan to carry from now on; absent: a manual rollout ends any plan. */
  plan?: RolloutPlan;
  /** Kept in the history record (a plan tick says why it moved). */
  details?: Record<string, unknown>;
}
export interface RollbackAction {
  action: 'rollback';
  /** Kept in the history record (a plan tick says why it rolled back). */
  details?: Record<string, unknown>;
  /** Defaults to the channel's last safe build. */
  to?: BuildRef;
  forceDowngrade: boolean;
  /** APK: `to`'s verified v3 rotation lineage. */
  signerLineage?: string[];
  /** Go back to a build signed by another key than the current and last safe builds (recorded in history). */
  allowSignerChange?: boolean;
}
export interface RefreshAction {
  action: 'refresh';
}
/**
 * Republishes `current` (the state of the last verified history record, rebuilt by the caller)
 * over a damaged manifest, at `sequence`: above every sequence the store has seen, so devices that
 * accepted the damaged manifest's predecessors do not reject it as a replay.
 */
export interface RepairAction {
  action: 'repair';
  sequence: number;
  /** Why the channel needed repair, kept in the history record. */
  reason: string;
}
export type ChannelAction = PromoteAction | RolloutAction | RollbackAction | RefreshAction | RepairAction;

export interface PlannedChange {
  /** False when the action asks for the state the channel already has (nothing to write). */
  changed: boolean;
  payload: ManifestBody;
  record: ChangeBody;
  /** Platform limits the user should read before publishing. */
  warnings: string[];
}

export function planChange(current: ManifestPayload | null, act: ChannelAction, ctx: ChangeContext): PlannedChange {
  switch (act.action) {
    case 'promote':
      return planPromote(current, act, ctx);
    case 'rollout':
      return planRollout(requireCurrent(current, 'rollout'), act, ctx);
    case 'rollback':
      return planRollback(requireCurrent(current, 'rollback'), act, ctx);
    case 'refresh': {
      const cur = requireCurrent(current, 'refresh');
      return finish(cur, 'refresh', stripChange(cur), ctx, {}, []);
    }
    case 'repair':
      return planRepair(requireCurrent(current, 'repair'), act, ctx);
  }
}

function requireCurrent(current: ManifestPayload | null, what: string): ManifestPayload {
  if (current === null) {
    throw new TransitionError(`nothing to ${what}: no build has been promoted on this channel yet (run otactl promote first)`, 'E_NOT_PROMOTED');
  }
  return current;
}

function planPromote(current: ManifestPayload | null, act: PromoteAction, ctx: ChangeContext): PlannedChange {
  const warnings: string[] = [];
  if (current && current.build.build_id === act.build.build_id) {
    throw new TransitionError(
      `${act.build.build_id} is already current on ${current.channel} at ${current.build.staged_rollout_percent}%; use otactl rollout to change the percent`,
      'E_ALREADY_CURRENT',
    );
  }
  if (current && act.build.version_code <= current.build.version_code) {
    if (!act.allowLowerVersion) {
      throw new TransitionError(
        `${act.build.build_id} has version code ${act.build.version_code}, not above the current ${current.build.build_id} (${current.build.version_code}); devices would skip it. Pass \`allowLowerVersion\` to promote it anyway`,
        'E_VERSION_NOT_HIGHER',
        { field: 'allowLowerVersion' },
      );
    }
    warnings.push(`version code ${act.build.version_code} is not above the current ${current.build.version_code}: devices already on the current build will not take it`);
  }
  // Devices on the current build install the intermediate (when gated) and then the build: each
  // step must be installable over the one before it.
  const intermediate = act.gating.intermediate;
  const signer = intermediate
    ? {
        ...prefixed('intermediate_', signerStep(current?.build ?? null, intermediate, act.intermediateSignerLineage, act, warnings)),
        ...signerStep(current?.build ?? null, act.build, act.signerLineage, act, warnings),
        ...prefixed('after_intermediate_', signerStep(intermediate, act.build, act.signerLineage, { ...act, fromIntermediate: true }, warnings)),
      }
    : signerStep(current?.build ?? null, act.build, act.signerLineage, act, warnings);
  const salt = act.salt ?? ctx.newSalt();
  const build: RolloutBuild = {
    ...act.build,
    wifi_only: act.wifiOnly,
    must_install: act.mustInstall,
    staged_rollout_percent: act.percent,
  };
  const payload: ManifestBody = {
    schema_version: SCHEMA_VERSION,
    app: act.app,
    channel: act.channel,
    sequence: 0,
    issued_at: '',
    expires_at: '',
    salt,
    build,
    last_safe: current ? lastSafeAfterLeaving(current) : null,
    canary: {
      tags: [...new Set(act.canaryTags)].sort(),
      device_sha256: [...new Set(act.canaryDeviceIds.map((id) => canaryDeviceHash(salt, id)))].sort(),
    },
    force_downgrade: false,
    rolled_back_from: null,
    constraints: withWindow({ min_battery: act.minBattery, defer_in_call: true }, act.installWindow === undefined ? current?.constraints.install_window : act.installWindow),
    gating: act.gating,
  };
  const details = {
    salt_pinned: act.salt !== undefined,
    canary_tags: payload.canary.tags.length,
    canary_devices: payload.canary.device_sha256.length,
    ...signer,
  };
  return finish(current, 'promote', payload, ctx, details, warnings);
}

/**
 * Devices on the channel's current build install the candidate only when it is signed by the same
 * key or by a verified v3 rotation successor of it (Android: INSTALL_FAILED_UPDATE_INCOMPATIBLE).
 * Anything else is E_SIGNER_CHANGED unless allowed, and then it is recorded in the history.
 */
interface SignerStepOptions {
  channel: string;
  allowSignerChange?: boolean | undefined;
  /** `from` is the intermediate devices install before `to` (not the channel's current build). */
  fromIntermediate?: boolean;
}

function signerStep(from: BuildRef | null, to: BuildRef, lineage: string[] | undefined, act: SignerStepOptions, warnings: string[]): Record<string, unknown> {
  const was = from?.signer_fingerprint ?? null;
  const now = to.signer_fingerprint;
  if (was === null || now === null || was === now) return {};
  if ((lineage ?? []).includes(was)) return { signer_rotation: { from: was, to: now } };
  if (!act.allowSignerChange) {
    throw new SignerMismatchError(
      `${to.build_id} is signed by ${now}, but ${from!.build_id}, ${act.fromIntermediate ? 'the intermediate devices install before it' : `current on ${act.channel}`}, by ${was}, and its v3 lineage does not descend from it: ` +
        `devices running ${from!.build_id} refuse it (INSTALL_FAILED_UPDATE_INCOMPATIBLE); pass \`allowSignerChange\` if this is intended; nothing was published`,
      { signer: now, expected: [was], field: 'allowSignerChange' },
      'E_SIGNER_CHANGED',
    );
  }
  warnings.push(`signer changed on ${act.channel} from ${was} to ${now}, accepted by \`allowSignerChange\` and recorded in the history: devices running ${from!.build_id} will refuse ${to.build_id}`);
  return { signer_change: { from: was, to: now } };
}

function prefixed(prefix: string, details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [`${prefix}${k}`, v]));
}

/** The build a channel falls back to once its current build is replaced. */
function lastSafeAfterLeaving(current: ManifestPayload): BuildRef | null {
  // Only a build that every device was offered counts as safe; a partial rollout is not proven.
  return current.build.staged_rollout_percent === 100 ? toBuildRef(current.build) : current.last_safe;
}

function planRollout(current: ManifestPayload, act: RolloutAction, ctx: ChangeContext): PlannedChange {
  const payload = stripChange(current);
  payload.build = { ...current.build, staged_rollout_percent: act.percent };
  if (act.plan) payload.plan = act.plan;
  else delete payload.plan;
  if (act.installWindow !== undefined) payload.constraints = withWindow(payload.constraints, act.installWindow);
  const was = current.build.staged_rollout_percent;
  const changed =
    act.percent !== was ||
    JSON.stringify(act.plan) !== JSON.stringify(current.plan) ||
    JSON.stringify(payload.constraints.install_window) !== JSON.stringify(current.constraints.install_window);
  const warnings =
    act.percent < was
      ? [
          `lowering ${current.build.build_id} from ${was}% to ${act.percent}% only stops offering it to more devices: devices that already took it keep it (otactl rollback serves the last safe build instead)`,
        ]
      : [];
  const plan = finish(current, 'rollout', payload, ctx, act.details ?? {}, warnings);
  return { ...plan, changed };
}

/** `constraints` with `window` set, or without the member when there is none (absent = any time). */
function withWindow(constraints: ManifestBody['constraints'], window: InstallWindow | null | undefined): ManifestBody['constraints'] {
  const { install_window: _old, ...rest } = constraints;
  return window ? { ...rest, install_window: { start: window.start, end: window.end } } : rest;
}

function planRollback(current: ManifestPayload, act: RollbackAction, ctx: ChangeContext): PlannedChange {
  const target = act.to ?? current.last_safe;
  if (!target) {
    throw new TransitionError(
      `${current.channel} has no last safe build to roll back to (no earlier build reached 100%); name one with \`to\` BUILD`,
      'E_NO_SAFE_BUILD',
      { field: 'to' },
    );
  }
  if (target.build_id === current.build.build_id) {
    // A retried rollback (CI) finds the channel already serving the target to everyone: a no-op.
    if (current.build.staged_rollout_percent === 100 && (current.force_downgrade || !act.forceDowngrade)) {
      return { ...finish(current, 'rollback', stripChange(current), ctx, {}, []), changed: false };
    }
    throw new TransitionError(
      `${target.build_id} is already the current build of ${current.channel} at ${current.build.staged_rollout_percent}%; use otactl rollout to change the percent`,
      'E_ALREADY_CURRENT',
    );
  }
  const bad = current.build;
  if (act.forceDowngrade && bad.signer_fingerprint !== target.signer_fingerprint) {
    throw new TransitionError(
      `\`forceDowngrade\` needs the same signing key: ${target.build_id} is signed by ${short(target.signer_fingerprint)}, ${bad.build_id} by ${short(bad.signer_fingerprint)}`,
      'E_DOWNGRADE_SIGNER',
      { field: 'forceDowngrade' },
    );
  }
  const warnings = rollbackWarnings(bad, target, act.forceDowngrade);
  // Going back to the last safe build's key undoes a signer change; any other key is one, as in promote.
  const lastSafeSigner = current.last_safe?.signer_fingerprint ?? null;
  const signer = target.signer_fingerprint !== null && target.signer_fingerprint === lastSafeSigner ? {} : signerStep(bad, target, act.signerLineage, { channel: current.channel, allowSignerChange: act.allowSignerChange }, warnings);
  const payload = stripChange(current);
  payload.build = {
    ...toBuildRef(target),
    wifi_only: bad.wifi_only,
    must_install: bad.must_install,
    staged_rollout_percent: 100,
  };
  payload.last_safe = toBuildRef(target);
  payload.canary = { tags: [], device_sha256: [] };
  payload.force_downgrade = act.forceDowngrade;
  payload.rolled_back_from = bad.build_id;
  delete payload.plan; // a plan rolls out one build: going back ends it
  return finish(current, 'rollback', payload, ctx, { force_downgrade: act.forceDowngrade, rolled_back_from: bad.build_id, ...signer, ...act.details }, warnings);
}

function planRepair(current: ManifestPayload, act: RepairAction, ctx: ChangeContext): PlannedChange {
  if (act.sequence <= current.sequence) throw new Error(`repair sequence ${act.sequence} must be above ${current.sequence}`);
  return finish(current, 'repair', stripChange(current), ctx, { reason: act.reason }, [], act.sequence);
}

/** What each platform will really do with a rollback, said before it is published. */
export function rollbackWarnings(bad: BuildRef, target: BuildRef, forceDowngrade: boolean): string[] {
  const warnings: string[] = [];
  const goesDown = target.version_code < bad.version_code;
  if (bad.kind === 'apk' && goesDown) {
    warnings.push(
      forceDowngrade
        ? `Android refuses to install a lower versionCode of a release build in place (INSTALL_FAILED_VERSION_DOWNGRADE): devices on ${bad.build_id} will fail the forced downgrade unless the agent uninstalls first, which loses its data. The real remedy is to roll forward: rebuild the safe code with a versionCode above ${bad.version_code}.`
        : `devices already on ${bad.build_id} (versionCode ${bad.version_code}) stay on it: Android refuses versionCode ${target.version_code} over it (INSTALL_FAILED_VERSION_DOWNGRADE). Roll forward with a rebuilt versionCode above ${bad.version_code} to move them.`,
    );
  }
  if (bad.secure_version !== null && target.secure_version !== null && target.secure_version < bad.secure_version) {
    warnings.push(
      `${target.build_id} has secure_version ${target.secure_version}, below ${bad.build_id}'s ${bad.secure_version}: devices with anti-rollback enabled that already run ${bad.build_id} will refuse it.`,
    );
  }
  if (!forceDowngrade && goesDown && bad.kind !== 'apk') {
    warnings.push(`devices already on ${bad.build_id} keep it; pass \`forceDowngrade\` to move them back too`);
  }
  return warnings;
}

function finish(
  current: ManifestPayload | null,
  action: ChangeAction,
  payload: ManifestBody,
  ctx: ChangeContext,
  details: Record<string, unknown>,
  warnings: string[],
  sequence = (current?.sequence ?? 0) + 1,
): PlannedChange {
  const issued = ctx.now;
  const next: ManifestBody = {
    ...payload,
    sequence,
    issued_at: issued.toISOString(),
    expires_at: new Date(issued.getTime() + ctx.expiresInSeconds * 1000).toISOString(),
  };
  // Each manifest names the app record it is made under now, not the one its predecessor was.
  if (ctx.appRecord) next.app_record = ctx.appRecord;
  else delete next.app_record;
  const record: ChangeBody = {
    schema_version: SCHEMA_VERSION,
    app: next.app,
    channel: next.channel,
    sequence,
    action,
    actor: ctx.actor,
    at: issued.toISOString(),
    from: current ? point(current.build) : null,
    to: point(next.build),
    details,
    manifest: next,
    ...(current && sequence !== current.sequence + 1 ? { prev_sequence: current.sequence } : {}),
  };
  return { changed: true, payload: next, record, warnings };
}

function point(build: RolloutBuild) {
  return { build_id: build.build_id, version_code: build.version_code, percent: build.staged_rollout_percent };
}

function stripChange(current: ManifestPayload): ManifestBody {
  const { change: _change, ...rest } = current;
  return structuredClone(rest);
}

export function toBuildRef(build: BuildRef): BuildRef {
  return {
    build_id: build.build_id,
    kind: build.kind,
    version_code: build.version_code,
    version_name: build.version_name,
    url: build.url,
    sha256: build.sha256,
    size: build.size,
    signer_fingerprint: build.signer_fingerprint,
    chip: build.chip ?? null,
    secure_version: build.secure_version ?? null,
  };
}

function short(fp: string | null): string {
  return fp ? `${fp.slice(0, 16)}…` : 'no signer';
}

/** The bytes of a history record, chained to the previous one, and their digest. */
export function sealChange(plan: PlannedChange, prev: string | null): { recordBytes: Buffer; digest: string; payload: ManifestPayload } {
  const record: ChangeRecord = { ...plan.record, prev };
  const recordBytes = Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
  const digest = createHash('sha256').update(recordBytes).digest('hex');
  return { recordBytes, digest, payload: { ...plan.payload, change: digest } };
}
