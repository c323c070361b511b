import { decide } from '../protocol/decision.js';
import type { ManifestPayload } from '../protocol/schemas.js';

/** Synthetic device ids are `<prefix><n>`; the change preview and `otactl simulate` use the same fleet. */
export const SYNTHETIC_ID_PREFIX = 'device-';

export interface FleetSpec {
  devices: number;
  currentVersionCode: number;
  idPrefix: string;
  tags: string[];
  model?: string;
  chip?: string;
}

export interface FleetResult {
  devices: number;
  current_version_code: number;
  target_percent: number;
  builds: { build_id: string; version_code: number; role: 'rollout' | 'last_safe' | 'intermediate'; devices: number; share: number }[];
  stay: Record<string, number>;
}

/** Runs the device decision for a synthetic fleet; the same code path as `otactl check`. */
export function simulateFleet(m: ManifestPayload, spec: FleetSpec): FleetResult {
  const taking = new Map<string, number>();
  const stay: Record<string, number> = {};
  for (let i = 0; i < spec.devices; i++) {
    const d = decide(m, {
      device_id: `${spec.idPrefix}${i}`,
      current_version_code: spec.currentVersionCode,
      tags: spec.tags,
      model: spec.model,
      chip: spec.chip ?? m.build.chip ?? undefined,
    });
    if (d.action === 'stay' || !d.build) stay[d.reason] = (stay[d.reason] ?? 0) + 1;
    else taking.set(d.build.build_id, (taking.get(d.build.build_id) ?? 0) + 1);
  }
  const candidates = [
    { ref: m.build, role: 'rollout' as const },
    ...(m.last_safe ? [{ ref: m.last_safe, role: 'last_safe' as const }] : []),
    ...(m.gating.intermediate ? [{ ref: m.gating.intermediate, role: 'intermediate' as const }] : []),
  ];
  const builds = candidates.map(({ ref, role }) => {
    const devices = taking.get(ref.build_id) ?? 0;
    return { build_id: ref.build_id, version_code: ref.version_code, role, devices, share: (devices / spec.devices) * 100 };
  });
  return { devices: spec.devices, current_version_code: spec.currentVersionCode, target_percent: m.build.staged_rollout_percent, builds, stay };
}
