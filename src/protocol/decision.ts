import { bucketOfDigest, cohortDigest, inCohort } from './cohort.js';
import { inInstallWindow, minuteOfDay } from './install-window.js';
import type { BuildRef, ManifestPayload } from './schemas.js';

/**
 * What one device does with a verified, fresh manifest. Pure, and the one answer shared by
 * `otactl check`, `otactl simulate` and the device SDK. Reason codes are the seed's event names.
 */
export interface DeviceFacts {
  device_id: string;
  current_version_code: number;
  tags?: string[];
  model?: string;
  chip?: string;
}

/** Live conditions; an unknown condition (undefined) does not block. */
export interface DeviceConditions {
  wifi?: boolean;
  battery?: number;
  charging?: boolean;
  in_call?: boolean;
  free_disk_bytes?: number;
  /**
   * The device's local wall-clock time, HH:MM. Unlike the others, unknown (absent, or not HH:MM)
   * blocks when the manifest has an install window: a device that cannot tell the time defers.
   */
  local_time?: string;
}

export type DecisionAction = 'update' | 'stay' | 'defer';

export type DecisionReason =
  | 'ota.eligible'
  | 'ota.eligible.canary'
  | 'ota.eligible.last_safe'
  | 'ota.eligible.intermediate'
  | 'ota.eligible.force_downgrade'
  | 'ota.skip.current'
  | 'ota.skip.downgrade'
  | 'ota.ineligible.cohort'
  | 'ota.ineligible.model'
  | 'ota.ineligible.chip'
  | 'ota.ineligible.min_version'
  | 'ota.defer.wifi'
  | 'ota.defer.battery'
  | 'ota.defer.call'
  | 'ota.defer.disk'
  | 'ota.defer.outside_install_window';

export interface Decision {
  action: DecisionAction;
  reason: DecisionReason;
  /** The build the device would install (update) or waits for (defer); null when it stays. */
  build: BuildRef | null;
  bucket: number;
  in_cohort: boolean;
  canary: boolean;
  /** Human explanation of the reason. */
  detail: string;
}

interface Target {
  build: BuildRef;
  reason: DecisionReason;
}

export function decide(m: ManifestPayload, device: DeviceFacts, cond: DeviceConditions = {}): Decision {
  const digest = cohortDigest(m.salt, device.device_id);
  const bucket = bucketOfDigest(digest);
  const canary = isCanary(m, device, digest);
  const inRollout = canary || inCohort(bucket, m.build.staged_rollout_percent);
  const base = { bucket, in_cohort: inRollout, canary };
  const stay = (reason: DecisionReason, detail: string): Decision => ({ ...base, action: 'stay', reason, build: null, detail });

  if (m.gating.models.length > 0 && (device.model === undefined || !m.gating.models.includes(device.model))) {
    return stay('ota.ineligible.model', `model ${device.model ?? '(unknown)'} is not among ${m.gating.models.join(', ')}`);
  }
  const chips = m.gating.chips.length > 0 ? m.gating.chips : m.build.chip ? [m.build.chip] : [];
  // Fail closed: a device that does not say its chip does not get chip-specific firmware.
  if (chips.length > 0 && (device.chip === undefined || !chips.includes(device.chip))) {
    return stay('ota.ineligible.chip', `chip ${device.chip ?? '(unknown)'} is not among ${chips.join(', ')}`);
  }

  const target = pickTarget(m, device, inRollout, canary);
  if ('stay' in target) return stay(target.stay, target.detail);

  const { build, reason } = target;
  const deferral = checkWindow(m, reason, cond) ?? checkConstraints(m, build, cond);
  if (deferral) return { ...base, action: 'defer', reason: deferral.reason, build, detail: deferral.detail };
  return { ...base, action: 'update', reason, build, detail: `update ${device.current_version_code} -> ${build.version_code} (${build.build_id})` };
}

/** `digest` is the device's cohort digest: canary device hashes use the same SHA-256(salt ":" id). */
function isCanary(m: ManifestPayload, device: DeviceFacts, digest: Buffer): boolean {
  if (device.tags?.some((t) => m.canary.tags.includes(t))) return true;
  if (m.canary.device_sha256.length === 0) return false;
  return m.canary.device_sha256.includes(digest.toString('hex'));
}

function pickTarget(
  m: ManifestPayload,
  device: DeviceFacts,
  inRollout: boolean,
  canary: boolean,
): Target | { stay: DecisionReason; detail: string } {
  const current = device.current_version_code;
  const minVersion = m.gating.min_current_version;
  if (minVersion !== null && current < minVersion) {
    const step = m.gating.intermediate;
    if (step && step.version_code > current) {
      return { build: step, reason: 'ota.eligible.intermediate' };
    }
    return { stay: 'ota.ineligible.min_version', detail: `version ${current} is below the minimum ${minVersion} and no intermediate build is offered` };
  }

  if (!inRollout) {
    // Outside the cohort: only the last safe build is offered, and only to devices below it.
    const safe = m.last_safe;
    if (safe && safe.version_code > current) return { build: safe, reason: 'ota.eligible.last_safe' };
    return { stay: 'ota.ineligible.cohort', detail: `bucket outside ${m.build.staged_rollout_percent}% and not below the last safe build` };
  }
  const offered = m.build;
  if (offered.version_code === current) {
    return { stay: 'ota.skip.current', detail: `already on version ${current}` };
  }
  if (offered.version_code < current) {
    if (m.force_downgrade && m.rolled_back_from !== null) {
      return { build: offered, reason: 'ota.eligible.force_downgrade' };
    }
    return { stay: 'ota.skip.downgrade', detail: `offered version ${offered.version_code} is below the installed ${current}; no force_downgrade` };
  }
  return { build: offered, reason: canary ? 'ota.eligible.canary' : 'ota.eligible' };
}

/**
 * The install window comes first: it is the schedule, the other constraints are the moment. It does
 * not hold back a `must_install` build (a critical fix), nor a forced downgrade (a rollback moving
 * devices off a bad build must not wait for the night). Every other target waits for it.
 */
function checkWindow(m: ManifestPayload, reason: DecisionReason, cond: DeviceConditions): { reason: DecisionReason; detail: string } | null {
  const w = m.constraints.install_window;
  if (!w || m.build.must_install || reason === 'ota.eligible.force_downgrade') return null;
  const minute = cond.local_time === undefined ? null : minuteOfDay(cond.local_time);
  if (minute === null) return { reason: 'ota.defer.outside_install_window', detail: `the install window is ${w.start}-${w.end} local time and the device does not know its local time` };
  if (inInstallWindow(w, minute)) return null;
  return { reason: 'ota.defer.outside_install_window', detail: `local time ${cond.local_time} is outside the install window ${w.start}-${w.end}` };
}

function checkConstraints(
  m: ManifestPayload,
  build: BuildRef,
  cond: DeviceConditions,
): { reason: DecisionReason; detail: string } | null {
  if (m.build.wifi_only && cond.wifi === false) {
    return { reason: 'ota.defer.wifi', detail: 'the update is Wi-Fi only and the device is not on Wi-Fi' };
  }
  const min = m.constraints.min_battery;
  if (cond.battery !== undefined && cond.battery < min && cond.charging !== true) {
    return { reason: 'ota.defer.battery', detail: `battery ${cond.battery}% is below ${min}% and the device is not charging` };
  }
  if (m.constraints.defer_in_call && cond.in_call === true) {
    return { reason: 'ota.defer.call', detail: 'the device is in a phone call' };
  }
  if (cond.free_disk_bytes !== undefined && cond.free_disk_bytes < build.size) {
    return { reason: 'ota.defer.disk', detail: `${cond.free_disk_bytes} bytes free, the download needs ${build.size}` };
  }
  return null;
}

/** Manifest freshness rules a device applies after the signature verifies. */
export type FreshnessVerdict =
  | { ok: true }
  | { ok: false; reason: 'ota.manifest.expired' | 'ota.manifest.replay' | 'ota.manifest.wrong_channel'; detail: string };

export function checkFreshness(
  m: ManifestPayload,
  opts: { now: Date; highestSequence?: number; app?: string; channel?: string },
): FreshnessVerdict {
  if ((opts.app !== undefined && m.app !== opts.app) || (opts.channel !== undefined && m.channel !== opts.channel)) {
    return { ok: false, reason: 'ota.manifest.wrong_channel', detail: `manifest is for ${m.app}/${m.channel}, expected ${opts.app}/${opts.channel}` };
  }
  if (Date.parse(m.expires_at) <= opts.now.getTime()) {
    return { ok: false, reason: 'ota.manifest.expired', detail: `manifest expired at ${m.expires_at}` };
  }
  if (opts.highestSequence !== undefined && m.sequence < opts.highestSequence) {
    return { ok: false, reason: 'ota.manifest.replay', detail: `sequence ${m.sequence} is below the highest accepted ${opts.highestSequence}` };
  }
  return { ok: true };
}
