import { decide } from '../protocol/decision.js';
import { localTimeAt } from '../protocol/install-window.js';
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
  /**
   * IANA time zones the fleet is spread over: device n is in zone n mod count (deterministic).
   * Absent: every device uses UTC (what a device that does not know its offset does).
   */
  timeZones?: string[];
  /** The instant decided at (local times come from it); default now. */
  now?: Date;
}

export interface FleetResult {
  devices: number;
  current_version_code: number;
  target_percent: number;
  builds: { build_id: string; version_code: number; role: 'rollout' | 'last_safe' | 'intermediate'; devices: number; share: number }[];
  stay: Record<string, number>;
  /** Devices that would take a build but wait now (counted in `builds` too), by reason. */
  deferred: Record<string, number>;
  /** Per time zone: its local time at `now`, its devices and how many of them wait for the install window. */
  time_zones: { zone: string; local_time: string; devices: number; outside_install_window: number }[];
}

/** Runs the device decision for a synthetic fleet; the same code path as `otactl check`. */
export function simulateFleet(m: ManifestPayload, spec: FleetSpec): FleetResult {
  const taking = new Map<string, number>();
  const stay: Record<string, number> = {};
  const deferred: Record<string, number> = {};
  const now = spec.now ?? new Date();
  const zones = (spec.timeZones?.length ? spec.timeZones : ['UTC']).map((zone) => ({ zone, local_time: localTimeAt(now, zone), devices: 0, outside_install_window: 0 }));
  for (let i = 0; i < spec.devices; i++) {
    const zone = zones[i % zones.length]!;
    zone.devices++;
    const d = decide(
      m,
      {
        device_id: `${spec.idPrefix}${i}`,
        current_version_code: spec.currentVersionCode,
        tags: spec.tags,
        model: spec.model,
        chip: spec.chip ?? m.build.chip ?? undefined,
      },
      { local_time: zone.local_time },
    );
    if (d.action === 'stay' || !d.build) stay[d.reason] = (stay[d.reason] ?? 0) + 1;
    else taking.set(d.build.build_id, (taking.get(d.build.build_id) ?? 0) + 1);
    if (d.action === 'defer') deferred[d.reason] = (deferred[d.reason] ?? 0) + 1;
    if (d.reason === 'ota.defer.outside_install_window') zone.outside_install_window++;
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
  return { devices: spec.devices, current_version_code: spec.currentVersionCode, target_percent: m.build.staged_rollout_percent, builds, stay, deferred, time_zones: zones };
}
