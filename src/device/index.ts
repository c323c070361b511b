/**
 * The TypeScript device SDK (`import { Updater } from 'otactl/device'`): what a Node device, a
 * gateway or a fleet simulator runs to update itself from an otactl channel.
 */
export { Updater, type UpdaterOptions, type CheckOutcome } from './updater.js';
export type { DeviceEvent, DeviceEventName, DeviceEventSink, DecisionEventName } from './events.js';
export { MemoryStateStore, JsonFileStateStore, initialState, type DeviceState, type DeviceStateStore, type InstalledBuild } from './state.js';
export { bootStep, BootState, CONFIRMED, DEFAULT_BOOT_LIMITS, type BootAction, type BootEvent, type BootLimits, type BootStep, type RollbackReason } from './boot-validation.js';
export { planResume, rangeFrom, resumeOutcome, type ResumePlan, type ResumeResponse, type ResumeAction, type ResumeReason, type ResumeOutcome } from './resume.js';
export { downloadVerified, type DownloadRequest, type DownloadResult } from './download.js';
export { pickDelta, installFileViaDelta, type RunningImage } from './delta.js';
export { applyEspDelta, readEspDeltaHeader, ESP_DELTA_FORMAT } from '../protocol/esp-delta.js';
export { openCapped, fetchCapped, DeviceFetchError, type DeviceFetchCode, type FetchRequest, type CappedResponse } from './fetcher.js';
export { openManifest, fetchManifest, MAX_MANIFEST_BYTES, type TrustState } from './manifest.js';
export { NudgeHandler, decodeNudge, type NudgeHandlerOptions, type NudgeCounters } from './nudge.js';
export { listenForNudges, type NudgeListener } from './mqtt-listener.js';
export { decide, checkFreshness, type Decision, type DecisionAction, type DecisionReason, type DeviceConditions, type DeviceFacts, type FreshnessVerdict } from '../protocol/decision.js';
export { cohortBucket, inCohort } from '../protocol/cohort.js';
export { inInstallWindow, localTimeAt } from '../protocol/install-window.js';
export { keyIdOf } from '../protocol/dsse.js';
export type { ManifestPayload, BuildRef, BuildDelta, InstallWindow } from '../protocol/schemas.js';
export { OtaError, VerificationError } from '../errors.js';
