import { randomBytes, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide, type Decision, type DeviceConditions, type DeviceFacts } from '../protocol/decision.js';
import { localTimeAt } from '../protocol/install-window.js';
import type { BuildRef, ManifestPayload } from '../protocol/schemas.js';
import { checkUrl, telemetryId, type BeaconResult } from '../protocol/beacon.js';
import { DEVICE_ID_RULE, deviceIdProblem } from '../protocol/ids.js';
import { OtaError, ValidationError } from '../errors.js';
import { sendBeacon } from './beacon.js';
import { bootOutcome, bootStep, CONFIRMED, DEFAULT_BOOT_LIMITS, type BootAction, type BootEvent, type BootLimits, type RollbackReason } from './boot-validation.js';
import { checkSigner, downloadVerified, removeFile } from './download.js';
import { installFileViaDelta, pickDelta, type RunningImage } from './delta.js';
import type { DeviceEvent, DeviceEventName, DeviceEventSink } from './events.js';
import { DeviceFetchError, fetchCapped } from './fetcher.js';
import { MAX_MANIFEST_BYTES, checkManifestFresh, openManifest, type TrustState } from './manifest.js';
import { MemoryStateStore, type DeviceState, type DeviceStateStore, type InstalledBuild } from './state.js';

/**
 * The device side in TypeScript (the Kotlin and C templates follow the same steps): fetch the
 * manifest with If-None-Match, verify it, decide, stream the artifact to a file verifying SHA-256,
 * size and signer, then hand the verified file to the platform installer. State that must survive
 * a reboot (highest sequence, ETag, cached manifest, boot validation) goes through a DeviceStateStore.
 *
 * Boot validation (./boot-validation.ts): an installed build is pending until it has itself
 * fetched and verified the channel manifest; failed checks, restarts or time before that call
 * `rollback`, so a build that can no longer update does not strand the device.
 */
export interface UpdaterOptions {
  manifestUrl: string;
  trusted: Map<string, KeyObject>;
  /** Installs a verified artifact (the file is removed once this returns). Throwing reports ota.install.fail. */
  install: (file: string, build: BuildRef) => Promise<void>;
  /** Where the state lives (default: in memory, i.e. lost on restart). */
  state?: DeviceStateStore;
  /** Folder for artifacts being downloaded (default: a folder in the OS temp dir). */
  downloadDir?: string;
  /** When set, a manifest for another app or channel is refused. */
  app?: string;
  channel?: string;
  /** Signer fingerprint the installed app is signed with; a build signed otherwise is never installed. */
  expectedSigner?: string;
  maxManifestBytes?: number;
  /** A request that sends nothing for this long fails (default 15 s). */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  /**
   * The device's IANA time zone, for the manifest's install window (local wall-clock time from
   * `now`). Absent: this process's zone. null: not known, so UTC is used and each check that meets
   * a window reports `ota.time.utc_assumed`. A `local_time` in the check's conditions wins over both.
   */
  timeZone?: string | null;
  /** The decision function (default: decide() of src/core); a native core can stand in. */
  decide?: (manifest: ManifestPayload, device: DeviceFacts, conditions: DeviceConditions) => Decision;
  onEvent?: DeviceEventSink;
  /**
   * Report to the access logs, for `otactl stats` and rollout plans (docs/telemetry.md); default
   * true. Every manifest request carries the device's telemetry id and the version code it runs
   * (`?d=..&v=..`), and each outcome is a beacon beside the manifest: installed (ok), fail,
   * verify_fail, booted, healthy, rolled_back, deferred and ineligible (once per build and reason
   * per process). Best effort, never awaited on the update path. false: the plain manifest URL, no beacons.
   */
  beacons?: boolean;
  /** The value sent as `d` (default: telemetryId(device_id), protocol/beacon.ts); e.g. an HMAC of the id under a fleet secret when ids are sensitive. */
  telemetryId?: string;
  /** How long a newly installed build has to verify a manifest itself (default DEFAULT_BOOT_LIMITS: 3 restarts, 5 failed checks, 24 h). */
  bootLimits?: BootLimits;
  /** The installed build verified the channel manifest itself: it works (e.g. drop the previous version kept for a rollback). */
  markValid?: (build: InstalledBuild) => Promise<void>;
  /**
   * The installed build did not verify a manifest within the limits: put the previous build back
   * and restart. The state already says `rolled_back`; without this hook the rollback is only reported.
   */
  rollback?: (build: InstalledBuild, reason: RollbackReason) => Promise<void>;
  /**
   * ESP simulation: the image the device runs. When the build lists an `esp_delta_ota` patch made
   * against it, the patch is fetched and applied instead of the full image (./delta.ts); any
   * failure (`ota.delta.fail`) falls back to the full download.
   */
  runningImage?: () => Promise<RunningImage | null>;
}

export interface CheckOutcome {
  /** null when no manifest could be accepted. */
  decision: Decision | null;
  /** The build installed by this check. */
  installed?: BuildRef;
  /** The code of what went wrong (`ota.manifest.replay`, `ota.verify.fail`, `ota.install.fail`, ...). */
  error?: string;
}

/** This process's IANA zone, resolved again only when TZ changes (a formatter per check cost ~0.1 ms). */
let ambientZone: { tz: string | undefined; zone: string } | null = null;
function processZone(): string {
  const tz = process.env.TZ;
  if (ambientZone?.tz !== tz || ambientZone === null) ambientZone = { tz, zone: new Intl.DateTimeFormat().resolvedOptions().timeZone };
  return ambientZone.zone;
}

type Emit = (name: DeviceEventName, extra?: Omit<DeviceEvent, 'name' | 'device_id'>) => void;

export class Updater {
  private readonly stateStore: DeviceStateStore;
  private running: Promise<CheckOutcome> | null = null;
  private booted: Promise<BootAction> | null = null;
  private readonly beaconsInFlight = new Set<Promise<boolean>>();
  /** Deferral and ineligibility beacons already sent by this process: build, result, reason. */
  private readonly waitingReported = new Set<string>();
  /** The manifest this instance last verified: its bytes, payload and the trusted keys it was verified under. */
  private verified: { bytes: Buffer; payload: ManifestPayload; trusted: [string, KeyObject][] } | null = null;

  constructor(private readonly opts: UpdaterOptions) {
    this.stateStore = opts.state ?? new MemoryStateStore();
  }

  /** One update check. A check asked for while one runs (a nudge during a poll) joins it. */
  check(device: DeviceFacts, conditions: DeviceConditions): Promise<CheckOutcome> {
    // Not a device id (contract 3): the app's own mistake, refused before any request.
    const problem = deviceIdProblem(device.device_id);
    if (problem !== null) return Promise.reject(new ValidationError(`device id is not valid: ${problem}; ${DEVICE_ID_RULE}`, 'E_DEVICE_ID'));
    this.running ??= this.runCheck(device, conditions).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Call once when the process starts, with the running build's facts: counts a boot of a pending
   * build, or notices that the previous build runs again (`ota.boot.reverted`). The first check
   * does it when it has not been called.
   */
  boot(device: DeviceFacts): Promise<BootAction> {
    this.booted ??= (async () => {
      const { installed } = await this.stateStore.load();
      const running = installed !== undefined && device.current_version_code === installed.version_code;
      return this.bootEvent({ type: 'boot', running_installed: running, now_ms: this.nowMs() }, this.emitter(device), device);
    })();
    // A state store that failed (a full disk) is asked again at the next check, not remembered as failed.
    this.booted.catch(() => {
      this.booted = null;
    });
    return this.booted;
  }

  private emitter(device: DeviceFacts): Emit {
    return (name, extra = {}) => this.opts.onEvent?.({ name, device_id: device.device_id, ...extra });
  }

  private telemetry(device: DeviceFacts): string {
    return this.opts.telemetryId ?? telemetryId(device.device_id);
  }

  /** Sends one beacon in the background (flushBeacons waits for them). */
  private beacon(device: DeviceFacts, buildId: string, result: BeaconResult, reason?: string | null, channel?: string): void {
    if (this.opts.beacons === false) return;
    const report = { manifestUrl: this.opts.manifestUrl, telemetryId: this.telemetry(device), buildId, result, ...(reason ? { reason } : {}) };
    const ch = channel ?? this.opts.channel;
    const sent = sendBeacon(ch === undefined ? report : { ...report, channel: ch }, { fetch: this.opts.fetch });
    this.beaconsInFlight.add(sent);
    void sent.finally(() => this.beaconsInFlight.delete(sent));
  }

  private nowMs(): number {
    return (this.opts.now ?? (() => new Date()))().getTime();
  }

  private async runCheck(device: DeviceFacts, conditions: DeviceConditions): Promise<CheckOutcome> {
    const emit = this.emitter(device);
    emit('ota.check');
    if ((await this.boot(device)) === 'rollback') return { decision: null, error: 'ota.boot.rollback' };
    let manifest: ManifestPayload;
    try {
      manifest = await this.loadManifest(emit, device);
    } catch (err) {
      if (!(err instanceof OtaError)) throw err;
      emit('ota.manifest.reject', { reason: err.code, message: err.message });
      await this.bootEvent({ type: 'check_failed', now_ms: this.nowMs() }, emit, device);
      return { decision: null, error: err.code };
    }
    // The running build fetched and verified the manifest itself: that is what makes it valid.
    if ((await this.bootEvent({ type: 'check_ok', now_ms: this.nowMs() }, emit, device, manifest.channel)) === 'rollback') return { decision: null, error: 'ota.boot.rollback' };
    const decision = (this.opts.decide ?? decide)(manifest, device, this.withLocalTime(manifest, conditions, emit));
    const build = decision.build ?? undefined;
    if (decision.action !== 'update') {
      emit(decision.reason as DeviceEventName, { build_id: build?.build_id });
      this.reportWaiting(device, decision, manifest);
      return { decision };
    }
    emit('ota.eligible', { build_id: build!.build_id, reason: decision.reason });
    const report = (result: BeaconResult, reason?: string) => this.beacon(device, build!.build_id, result, reason, manifest.channel);
    return this.fetchAndInstall(decision, build!, emit, report);
  }

  /** The conditions with the device's local time filled in when the caller did not give it. */
  private withLocalTime(manifest: ManifestPayload, conditions: DeviceConditions, emit: Emit): DeviceConditions {
    if (conditions.local_time !== undefined) return conditions;
    const now = (this.opts.now ?? (() => new Date()))();
    if (this.opts.timeZone === null) {
      if (manifest.constraints.install_window) emit('ota.time.utc_assumed', { message: 'the device does not know its time zone: the install window is read in UTC' });
      return { ...conditions, local_time: localTimeAt(now, 'UTC') };
    }
    return { ...conditions, local_time: localTimeAt(now, this.opts.timeZone ?? processZone()) };
  }

  /**
   * A device that is offered a build but waits (deferred: Wi-Fi, battery, call, disk, window) or is
   * not offered the channel's build (ineligible: cohort, model, chip, minimum version) says so once
   * per build and reason: stats shows those devices apart instead of as not adopted.
   */
  private reportWaiting(device: DeviceFacts, decision: Decision, manifest: ManifestPayload): void {
    const waiting: [BeaconResult, string] | null =
      decision.action === 'defer' && decision.build ? ['deferred', decision.build.build_id] : decision.reason.startsWith('ota.ineligible.') ? ['ineligible', manifest.build.build_id] : null;
    if (waiting === null) return;
    const key = `${waiting[1]}\0${waiting[0]}\0${decision.reason}`;
    if (this.waitingReported.has(key)) return;
    this.waitingReported.add(key);
    this.beacon(device, waiting[1], waiting[0], decision.reason, manifest.channel);
  }

  /** Applies one boot-validation event to the stored state, saves it, then acts (hooks, events, beacons). */
  private async bootEvent(e: BootEvent, emit: Emit, device?: DeviceFacts, channel?: string, installed?: InstalledBuild): Promise<BootAction> {
    const state = await this.stateStore.load();
    const before = state.boot ?? CONFIRMED;
    const { state: after, action, reason } = bootStep(before, e, this.opts.bootLimits ?? DEFAULT_BOOT_LIMITS);
    const build = installed ?? state.installed;
    const next: DeviceState = { ...state, boot: after, installed: after.status === 'confirmed' ? undefined : build };
    if (JSON.stringify([next.boot, next.installed]) !== JSON.stringify([state.boot ?? CONFIRMED, state.installed])) await this.stateStore.save(next);
    if (build === undefined) return action;
    // The installed build started and waits to verify a manifest itself.
    const pendingBoot = action === 'none' && e.type === 'boot' && after.status === 'pending' && after.boots > before.boots;
    const outcome = bootOutcome(action, reason, pendingBoot);
    if (outcome && device) this.beacon(device, build.build_id, outcome.outcome, outcome.reason, channel);
    if (action === 'mark_valid') {
      emit('ota.boot.valid', { build_id: build.build_id });
      await this.opts.markValid?.(build);
    } else if (action === 'rollback') {
      emit('ota.boot.rollback', { build_id: build.build_id, reason: reason ?? undefined });
      await this.opts.rollback?.(build, reason!);
    } else if (action === 'reverted') {
      emit('ota.boot.reverted', { build_id: build.build_id });
    } else if (pendingBoot) {
      emit('ota.boot.pending', { build_id: build.build_id });
    }
    return action;
  }

  /** Resolves when the beacons sent so far have been answered or given up (tests, shutdown). */
  async flushBeacons(): Promise<void> {
    await Promise.all([...this.beaconsInFlight]);
  }

  private async loadManifest(emit: Emit, device: DeviceFacts): Promise<ManifestPayload> {
    const state = await this.stateStore.load();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (state.etag && state.manifest) headers['if-none-match'] = state.etag;
    const res = await fetchCapped({
      url: this.opts.beacons === false ? this.opts.manifestUrl : checkUrl(this.opts.manifestUrl, this.telemetry(device), device.current_version_code),
      purpose: 'manifest',
      maxBytes: this.opts.maxManifestBytes ?? MAX_MANIFEST_BYTES,
      headers,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      fetch: this.opts.fetch,
    });
    let bytes: Buffer;
    if (res.status === 304 && state.manifest) {
      emit('ota.manifest.304');
      bytes = state.manifest;
    } else if (res.status === 200) {
      emit('ota.manifest.200');
      bytes = res.body;
    } else {
      throw new DeviceFetchError('ota.manifest.fetch_failed', `${this.opts.manifestUrl} answered ${res.status}`, { status: res.status });
    }
    const trust: TrustState = { now: (this.opts.now ?? (() => new Date()))(), highestSequence: state.highestSequence, app: this.opts.app, channel: this.opts.channel };
    // Freshness is checked on every use, 304 or not: the cached copy may have expired since.
    const known = this.alreadyVerified(bytes);
    const payload = known ? checkManifestFresh(known, trust) : openManifest(bytes, this.opts.trusted, trust);
    if (!known) this.verified = { bytes, payload, trusted: [...this.opts.trusted] };
    const next: DeviceState = { ...state, highestSequence: Math.max(state.highestSequence, payload.sequence), manifest: bytes, etag: res.headers.get('etag') ?? state.etag };
    if (next.highestSequence !== state.highestSequence || next.etag !== state.etag || !bytes.equals(state.manifest ?? Buffer.alloc(0))) {
      await this.stateStore.save(next);
    }
    return payload;
  }

  /**
   * The payload this instance verified from exactly these bytes under the same trusted keys (a 304
   * answers with the manifest the device holds): signature and schema cannot have changed, so only
   * the freshness checks run again. Other bytes, from the state store or the network, are verified.
   */
  private alreadyVerified(bytes: Buffer): ManifestPayload | null {
    const v = this.verified;
    if (v === null || !v.bytes.equals(bytes)) return null;
    const now = this.opts.trusted;
    if (now.size !== v.trusted.length || v.trusted.some(([id, key]) => now.get(id) !== key)) return null;
    return v.payload;
  }

  private async fetchAndInstall(decision: Decision, build: BuildRef, emit: Emit, report: (result: BeaconResult, reason?: string) => void): Promise<CheckOutcome> {
    const dir = this.opts.downloadDir ?? join(tmpdir(), 'otactl-device');
    let file: string;
    try {
      checkSigner(build, this.opts.expectedSigner); // before a byte is fetched
      await mkdir(dir, { recursive: true });
      file = (await this.deltaFile(build, dir, emit)) ?? (await this.download(build, dir, emit));
    } catch (err) {
      if (!(err instanceof OtaError)) throw err;
      // A fetch that failed or overran the declared size is a failed download; bytes that do not
      // match the manifest (sha256, signer) fail verification.
      const failed = err instanceof DeviceFetchError ? 'ota.download.fail' : 'ota.verify.fail';
      const reason = typeof err.details.reason === 'string' ? err.details.reason : err.code;
      emit(failed, { build_id: build.build_id, reason, message: err.message });
      if (failed === 'ota.verify.fail') report('verify_fail', reason);
      return { decision, error: err.code };
    }
    // Pending before the hand-over: an installer that replaces this process never returns.
    const before = await this.stateStore.load();
    await this.bootEvent({ type: 'installed', now_ms: this.nowMs() }, emit, undefined, undefined, { build_id: build.build_id, version_code: build.version_code });
    try {
      await this.opts.install(file, build);
    } catch (err) {
      await this.stateStore.save({ ...(await this.stateStore.load()), boot: before.boot, installed: before.installed });
      emit('ota.install.fail', { build_id: build.build_id, message: (err as Error).message });
      report('fail', 'ota.install.fail');
      return { decision, error: 'ota.install.fail' };
    } finally {
      await removeFile(file);
    }
    // The installed build proves itself by verifying a manifest on its own (boot validation).
    this.verified = null;
    emit('ota.install.ok', { build_id: build.build_id });
    report('ok');
    return { decision, installed: build };
  }

  private async download(build: BuildRef, dir: string, emit: Emit): Promise<string> {
    emit('ota.download.start', { build_id: build.build_id });
    const { file } = await downloadVerified({
      url: new URL(build.url, this.opts.manifestUrl).toString(),
      build,
      dest: join(dir, `${build.build_id}.${build.kind}`),
      // A name of this check's own: another updater sharing the folder may be installing the same build.
      handOverTo: join(dir, `${build.build_id}.${randomBytes(6).toString('hex')}.${build.kind}`),
      expectedSigner: this.opts.expectedSigner,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      fetch: this.opts.fetch,
    });
    return file;
  }

  /** The build made from a delta patch against the running image, verified; null: download it whole. */
  private async deltaFile(build: BuildRef, dir: string, emit: Emit): Promise<string | null> {
    const running = await this.opts.runningImage?.();
    const delta = running ? pickDelta(build, running) : null;
    if (!running || !delta) return null;
    emit('ota.delta.start', { build_id: build.build_id, reason: delta.from_build_id });
    const got = await installFileViaDelta({ build, delta, running, manifestUrl: this.opts.manifestUrl, dir, idleTimeoutMs: this.opts.idleTimeoutMs, fetch: this.opts.fetch });
    if ('file' in got) return got.file;
    emit('ota.delta.fail', { build_id: build.build_id, reason: got.reason, message: got.message });
    return null;
  }
}
