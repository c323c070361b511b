/**
 * The events a device reports, named as the seed systems name them (ota.check, ota.eligible,
 * ota.ineligible.cohort, ota.defer.wifi, ...), each with the build id it concerns when there is one.
 */
import type { DecisionReason } from '../protocol/decision.js';

/** Why a device stays or waits: the decision's own reason is the event name. */
export type DecisionEventName = Exclude<DecisionReason, `ota.eligible${string}`>;

export type DeviceEventName =
  | 'ota.check'
  | 'ota.manifest.200'
  | 'ota.manifest.304'
  | 'ota.manifest.reject'
  | 'ota.eligible'
  | DecisionEventName
  | 'ota.download.start'
  /** A delta patch against the running image is used (reason: the base build); `fail` falls back to the full image. */
  | 'ota.delta.start'
  | 'ota.delta.fail'
  | 'ota.download.fail'
  | 'ota.verify.fail'
  | 'ota.install.ok'
  | 'ota.install.fail'
  /**
   * Boot validation, one set in every client: the installed build started and waits to validate
   * (pending), verified the manifest itself (valid), is being rolled back, or the previous build
   * runs again (reverted). Beacons: booted, healthy, rolled_back (reason: boots, failures,
   * deadline, not_reverted, reverted).
   */
  | 'ota.boot.pending'
  | 'ota.boot.valid'
  | 'ota.boot.rollback'
  | 'ota.boot.reverted'
  /** The device does not know its time zone: it reads the install window in UTC. */
  | 'ota.time.utc_assumed';

export interface DeviceEvent {
  name: DeviceEventName;
  device_id: string;
  /** The build the event concerns (offered, downloaded, installed), when there is one. */
  build_id?: string;
  /** A finer reason: the decision reason (`ota.eligible.canary`) or an error code (`ota.manifest.replay`). */
  reason?: string;
  message?: string;
}

export type DeviceEventSink = (event: DeviceEvent) => void;
