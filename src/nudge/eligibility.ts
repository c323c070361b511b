/**
 * --eligible-only: which listed devices the channel's current manifest would move. The cohort is
 * public (salt, percent and hashed canary ids are in the manifest), so otactl answers with the
 * devices' own decide() (src/protocol/decision.ts). What otactl cannot know is assumed in the device's
 * favour: a model or chip the manifest gates on is assumed to match, and without a version the
 * device is taken to be behind the offered build.
 */
import { decide } from '../protocol/decision.js';
import type { ManifestPayload } from '../protocol/schemas.js';
import type { NudgeTarget } from './transport.js';

export function wouldMove(m: ManifestPayload, target: NudgeTarget): boolean {
  if (target.currentVersionCode === undefined) {
    // Version unknown: the devices the rollout offers its build to (cohort or hashed canary id).
    return decide(m, { device_id: target.deviceId, current_version_code: 0 }).in_cohort;
  }
  const chip = m.gating.chips[0] ?? m.build.chip ?? undefined;
  const model = m.gating.models[0];
  const decision = decide(m, { device_id: target.deviceId, current_version_code: target.currentVersionCode, ...(model ? { model } : {}), ...(chip ? { chip } : {}) });
  // A deferral (battery, Wi-Fi, a call) depends on the moment: the device is worth waking.
  return decision.action !== 'stay';
}
