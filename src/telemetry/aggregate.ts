/**
 * The statistics of a set of access-log events, per app, channel and build: checks (manifest
 * requests, 304s included), the devices that polled (`d=` on checks and beacons), downloads, the
 * outcomes devices reported, where each device stands with each build (running it, deferred,
 * not in the cohort, failed, rolled back), and adoption over time in fixed or adaptive buckets.
 * Pure: events in, numbers out; memory grows with devices and buckets, never with lines.
 */
import { BEACON_RESULTS, parseBeaconPath, TELEMETRY_ID, type BeaconResult } from '../protocol/beacon.js';
import { CHANNEL_NAME } from '../protocol/ids.js';
import type { LogEvent, LogLine } from './log-event.js';

/** Where an artifact belongs, from the store's release records (and the channels serving it). */
export interface ArtifactOrigin {
  app: string;
  build_id: string;
  /** The one channel whose manifest names the build; null when none or several (reported as `*`). */
  channel: string | null;
  /** Its version code: a check's `v=` (the version a device runs) is mapped to the build by it. */
  version_code?: number;
}

/** Fixed bucket sizes; `auto` picks one from the span of the logs (at most MAX_AUTO_BUCKETS buckets). */
export type BucketSize = 'minute' | '5m' | '15m' | 'hour' | '6h' | 'day' | 'week';
export const BUCKET_SIZES: readonly BucketSize[] = ['minute', '5m', '15m', 'hour', '6h', 'day', 'week'];

export interface AggregateOptions {
  /** sha256 hex of an artifact -> its build. */
  artifacts: ReadonlyMap<string, ArtifactOrigin>;
  by: BucketSize | 'auto';
  /** Only events at or after / before these instants (ms); absent: no bound. */
  since?: number;
  until?: number;
  /**
   * With a limit: a device whose latest word on a build is installed (or booted) longer than this
   * before the newest log line, and that has not confirmed a boot of it, is counted in `timed_out`.
   */
  confirmWithinMs?: number;
}

/** Distinct devices per reported outcome of a build (protocol/beacon.ts BEACON_RESULTS). */
export type Outcomes = Record<BeaconResult, number>;

/** Where the channel's devices stand with one build, each device once (the counts add up to the channel's devices). */
export interface BuildFleet {
  /** Run it: their latest word (a check's `v=`, or an installed, booted or healthy beacon) names it. */
  running: number;
  /** Of those running it, the ones that confirmed a boot of it (a booted or healthy beacon). */
  confirmed: number;
  /** Not running it; their latest word about it is a deferral, per reason (ota.defer.wifi, ota.defer.window, ...). */
  deferred: Record<string, number>;
  /** Not offered it, per reason (ota.ineligible.cohort, ...). */
  ineligible: Record<string, number>;
  /** Not running it after a failed download, install or verification. */
  failed: number;
  /** Went back from it (boot validation or the platform). */
  rolled_back: number;
  /** Polled, nothing said about this build. */
  other: number;
}

export interface BuildStats {
  build_id: string;
  downloads: number;
  /** Beacons once per device: ok (installed) and fail. */
  installs: { ok: number; fail: number };
  verify_fail: number;
  /** Failure reasons (`r=`) of fail, verify_fail and rolled_back beacons, with counts. */
  reasons: Record<string, number>;
  /** Distinct devices per outcome reported. */
  outcomes: Outcomes;
  /** Share of the channel's devices that run it at the end of the logs (fleet.running / devices). */
  adoption: number;
  /** (fail + verify_fail + rolled_back) / (ok + fail + verify_fail): failed attempts; 0 without any. */
  failure_ratio: number;
  fleet: BuildFleet;
  /** Only with AggregateOptions.confirmWithinMs: installed, not confirmed within it (rollout plans count these as failures). */
  timed_out?: number;
}

export interface BucketStats {
  /** ISO time the bucket starts. */
  start: string;
  checks: number;
  downloads: number;
  installs: { ok: number; fail: number };
  verify_fail: number;
  /** Distinct devices that checked or reported in the bucket. */
  devices: number;
  /** Distinct devices seen from the first bucket to the end of this one: adoption's denominator. */
  devices_so_far: number;
  /**
   * Per build: the share of the devices seen so far that run it at the bucket's end. (Before
   * 0.x this was the share of the bucket's own devices whose latest `ok` beacon named it, which
   * counted a device that never reported as not there at all.)
   */
  adoption: Record<string, number>;
  /** Per build, the outcomes reported in the bucket (each device once per build and outcome). */
  outcomes: Record<string, Outcomes>;
}

export interface ChannelStats {
  app: string;
  channel: string;
  checks: number;
  /** Of the checks, those answered 304 Not Modified. */
  not_modified: number;
  /** Distinct device ids (`d=`) seen on checks and beacons. */
  devices: number;
  /**
   * Checks that carried no device id (clients that do not identify themselves, e.g. SDKs before
   * check identity): such devices are not in `devices` nor in adoption; the renderers say so.
   */
  checks_without_device: number;
  builds: BuildStats[];
  buckets: BucketStats[];
}

export interface StatsReport {
  since: string | null;
  until: string | null;
  /** The bucket size used (`auto` resolved). */
  by: BucketSize;
  /** The time of the newest request read (any line), null when none: how far the logs reach. */
  logs_until: string | null;
  lines: {
    /** Requests read (malformed lines excluded). */
    read: number;
    malformed: number;
    /** Requests outside --since/--until. */
    outside: number;
    /** Artifact requests whose sha256 is not a build of this store. */
    unknown_artifacts: number;
    /** 206 answers whose range start the log does not record (S3 server logs): not counted as downloads. */
    unknown_ranges: number;
  };
  channels: ChannelStats[];
}

const MAX_REASONS = 50;
/** `auto` coarsens the buckets past this many (a fresh rollout in minutes, a month in days). */
export const MAX_AUTO_BUCKETS = 96;
const MANIFEST_PATH = /(?:^|\/)apps\/([^/]+)\/channels\/([^/]+)\/manifest\.json$/;
const ARTIFACT_PATH = /(?:^|\/)artifacts\/sha256\/([0-9a-f]{64})$/;
const ANY_CHANNEL = '*';
/** What a device runs when its version code is no build of the channel's app that the store knows. */
const UNKNOWN_BUILD = '';

const emptyOutcomes = (): Outcomes => Object.fromEntries(BEACON_RESULTS.map((r) => [r, 0])) as Outcomes;

interface BuildAcc {
  stats: Omit<BuildStats, 'adoption' | 'failure_ratio' | 'fleet' | 'timed_out'>;
  /** A beacon counts once per device, build and result (a retried beacon is not a second install). */
  beaconsSeen: Set<string>;
  /** Per device, its latest word about this build: [at, result, reason]. */
  latest: Map<string, [number, BeaconResult, string]>;
}

interface BucketAcc {
  checks: number;
  downloads: number;
  ok: number;
  fail: number;
  verify_fail: number;
  devices: Set<string>;
  outcomes: Map<string, Outcomes>;
}

interface ChannelAcc {
  app: string;
  channel: string;
  checks: number;
  notModified: number;
  withoutDevice: number;
  /** Device -> when first seen and what it ran over time (one record: one lookup per request). */
  devices: Map<string, DeviceAcc>;
  /** Version code -> build of this channel's app (null: two builds share it). */
  versions: ReadonlyMap<number, string | null>;
  builds: Map<string, BuildAcc>;
  buckets: Map<number, BucketAcc>;
  /** The bucket last counted into (most lines of a log fall in the bucket of the line before). */
  lastStart: number;
  lastBucket: BucketAcc | undefined;
}

interface DeviceAcc {
  first: number;
  /** The bucket it was last added to (a shortcut only: the bucket's set is the truth). */
  lastBucket?: BucketAcc;
  /** What it runs over time: [at, build_id or UNKNOWN_BUILD, confirmed]; consecutive repeats dropped. */
  runs: Run[];
}
type Run = [number, string, boolean];

/** Outcomes that say the device now runs the build, and whether they confirm it (healthy: it validated; booted is not yet). */
const RUNS: Partial<Record<BeaconResult, boolean>> = { ok: false, booted: false, healthy: true };

export class StatsAggregator {
  /** app -> channel -> its numbers. */
  private readonly channels = new Map<string, Map<string, ChannelAcc>>();
  private readonly lines = { read: 0, malformed: 0, outside: 0, unknown_artifacts: 0, unknown_ranges: 0 };
  /** app -> version code -> build (null: two builds share it). */
  private readonly versions = new Map<string, Map<number, string | null>>();
  private newest = -Infinity;
  private bucketMs: number;
  /** The last manifest path read and its channel: a log's checks repeat a few paths (no regex, no lookups for them). */
  private lastManifest = '';
  private lastApp = '';
  private lastChannel = '';
  /** Its channel, once a check of it counted (a path only ever answered 404 makes no channel). */
  private lastManifestChannel: ChannelAcc | undefined;

  constructor(private readonly opts: AggregateOptions) {
    this.bucketMs = BUCKET_MS[opts.by === 'auto' ? 'minute' : opts.by];
    for (const o of opts.artifacts.values()) {
      if (o.version_code === undefined) continue;
      let ofApp = this.versions.get(o.app);
      if (!ofApp) this.versions.set(o.app, (ofApp = new Map()));
      ofApp.set(o.version_code, ofApp.has(o.version_code) && ofApp.get(o.version_code) !== o.build_id ? null : o.build_id);
    }
  }

  addLine(line: LogLine): void {
    if ('malformed' in line) this.lines.malformed++;
    else this.add(line.event);
  }

  addLines(lines: readonly LogLine[]): void {
    for (const line of lines) this.addLine(line);
  }

  add(e: LogEvent): void {
    this.lines.read++;
    if (e.at > this.newest) this.newest = e.at;
    if ((this.opts.since !== undefined && e.at < this.opts.since) || (this.opts.until !== undefined && e.at >= this.opts.until)) {
      this.lines.outside++;
      return;
    }
    if (e.method !== 'GET') return;
    // Cheap suffix tests first: most requests of a busy log are checks.
    if (e.path === this.lastManifest) return this.addCheck(e);
    const manifest = e.path.endsWith('/manifest.json') ? MANIFEST_PATH.exec(e.path) : null;
    if (manifest) {
      this.lastManifest = e.path;
      this.lastApp = manifest[1]!;
      this.lastChannel = manifest[2]!;
      this.lastManifestChannel = undefined;
      return this.addCheck(e);
    }
    const artifact = e.path.includes('/sha256/') ? ARTIFACT_PATH.exec(e.path) : null;
    if (artifact) return this.addDownload(e, artifact[1]!);
    const beacon = e.path.endsWith('.txt') ? parseBeaconPath(e.path) : null;
    if (beacon) this.addBeacon(e, beacon.app, beacon.build_id, beacon.result);
  }

  /** A check of the last manifest path read (this.lastApp, this.lastChannel). */
  private addCheck(e: LogEvent): void {
    if (!(e.status === 304 || (e.status >= 200 && e.status < 300))) return;
    const ch = (this.lastManifestChannel ??= this.channel(this.lastApp, this.lastChannel));
    const bucket = this.bucket(ch, e.at);
    ch.checks++;
    bucket.checks++;
    if (e.status === 304) ch.notModified++;
    // Clients write `d=..&v=..` first (protocol/beacon.ts checkQuery): read that without a general parse.
    const q = e.query;
    let device: string | undefined;
    let version = -1;
    const amp = q.startsWith('d=') ? q.indexOf('&', 2) : -2;
    const raw = amp === -2 ? undefined : amp < 0 ? q.slice(2) : q.slice(2, amp);
    if (raw !== undefined && raw !== '' && !raw.includes('%') && !raw.includes('+')) {
      device = raw;
      version = amp >= 0 && q.startsWith('v=', amp + 1) ? digitsAt(q, amp + 3) : versionParam(q);
    } else {
      device = queryParam(q, 'd');
      version = versionParam(q);
    }
    // A device already seen is valid; a new value is checked once.
    const dev = device === undefined ? undefined : (ch.devices.get(device) ?? (TELEMETRY_ID.test(device) ? this.newDevice(ch, device, e.at) : undefined));
    if (dev === undefined) {
      ch.withoutDevice++;
      return;
    }
    if (e.at < dev.first) dev.first = e.at;
    // Most checks repeat a device in the bucket it was last counted in: no set lookup for those.
    if (dev.lastBucket !== bucket) {
      bucket.devices.add(device!);
      dev.lastBucket = bucket;
    }
    if (version >= 0) {
      const build = ch.versions.get(version) ?? UNKNOWN_BUILD;
      // A check by the build itself is a confirmed boot of it.
      runsAppend(dev.runs, e.at, build, build !== UNKNOWN_BUILD);
    }
  }

  private addDownload(e: LogEvent, sha256: string): void {
    if (e.status === 206 && e.rangeStart === null) {
      this.lines.unknown_ranges++;
      return;
    }
    // A resumed download's later ranges (start > 0) are the same download: not counted again.
    if (!(e.status === 200 || (e.status === 206 && e.rangeStart === 0))) return;
    const origin = this.opts.artifacts.get(sha256);
    if (!origin) {
      this.lines.unknown_artifacts++;
      return;
    }
    const ch = this.channel(origin.app, origin.channel ?? ANY_CHANNEL);
    this.build(ch, origin.build_id).stats.downloads++;
    this.bucket(ch, e.at).downloads++;
  }

  private addBeacon(e: LogEvent, app: string, buildId: string, result: BeaconResult): void {
    const device = deviceParam(e.query);
    // `c=` is whatever a client sent: only a valid channel name is taken as one.
    const named = queryParam(e.query, 'c');
    const ch = this.channel(app, named !== undefined && CHANNEL_NAME.test(named) ? named : ANY_CHANNEL);
    const build = this.build(ch, buildId);
    const reason = queryParam(e.query, 'r') ?? '';
    if (device) {
      // Deferrals and ineligibility are counted per reason: a device deferred by Wi-Fi, then by its window, says both.
      const key = `${device}\0${result}${result === 'deferred' || result === 'ineligible' ? `\0${reason}` : ''}`;
      const latest = build.latest.get(device);
      if (!latest || latest[0] <= e.at) build.latest.set(device, [e.at, result, reason]);
      if (build.beaconsSeen.has(key)) return;
      build.beaconsSeen.add(key);
    }
    const bucket = this.bucket(ch, e.at);
    if (device) {
      const dev = ch.devices.get(device) ?? this.newDevice(ch, device, e.at);
      if (e.at < dev.first) dev.first = e.at;
      bucket.devices.add(device);
      const runs = RUNS[result];
      if (runs !== undefined) runsAppend(dev.runs, e.at, buildId, runs);
      else if (result === 'rolled_back') runsAppend(dev.runs, e.at, UNKNOWN_BUILD, false);
    }
    const outcomes = bucket.outcomes.get(buildId) ?? bucket.outcomes.set(buildId, emptyOutcomes()).get(buildId)!;
    outcomes[result]++;
    build.stats.outcomes[result]++;
    if (result === 'ok') {
      build.stats.installs.ok++;
      bucket.ok++;
    } else if (result === 'fail') {
      build.stats.installs.fail++;
      bucket.fail++;
    } else if (result === 'verify_fail') {
      build.stats.verify_fail++;
      bucket.verify_fail++;
    }
    if (result !== 'fail' && result !== 'verify_fail' && result !== 'rolled_back') return;
    const reasons = build.stats.reasons;
    if (reason && (reason in reasons || Object.keys(reasons).length < MAX_REASONS)) reasons[reason] = (reasons[reason] ?? 0) + 1;
  }

  private newDevice(ch: ChannelAcc, device: string, at: number): DeviceAcc {
    const dev: DeviceAcc = { first: at, runs: [] };
    ch.devices.set(device, dev);
    return dev;
  }

  private channel(app: string, channel: string): ChannelAcc {
    let ofApp = this.channels.get(app);
    if (!ofApp) this.channels.set(app, (ofApp = new Map()));
    let ch = ofApp.get(channel);
    if (!ch) {
      const versions = this.versions.get(app) ?? new Map<number, string | null>();
      ch = { app, channel, checks: 0, notModified: 0, withoutDevice: 0, devices: new Map(), versions, builds: new Map(), buckets: new Map(), lastStart: NaN, lastBucket: undefined };
      ofApp.set(channel, ch);
    }
    return ch;
  }

  private build(ch: ChannelAcc, buildId: string): BuildAcc {
    let b = ch.builds.get(buildId);
    if (!b) {
      b = {
        stats: { build_id: buildId, downloads: 0, installs: { ok: 0, fail: 0 }, verify_fail: 0, reasons: {}, outcomes: emptyOutcomes() },
        beaconsSeen: new Set(),
        latest: new Map(),
      };
      ch.builds.set(buildId, b);
    }
    return b;
  }

  private bucket(ch: ChannelAcc, at: number): BucketAcc {
    const start = at - (at % this.bucketMs);
    if (start === ch.lastStart) return ch.lastBucket!;
    let b = ch.buckets.get(start);
    if (!b) {
      b = { checks: 0, downloads: 0, ok: 0, fail: 0, verify_fail: 0, devices: new Set(), outcomes: new Map() };
      ch.buckets.set(start, b);
      if (this.opts.by === 'auto' && ch.buckets.size > MAX_AUTO_BUCKETS) {
        this.coarsen();
        // The new bucket may have been merged into a wider one: count into that.
        return this.bucket(ch, at);
      }
    }
    ch.lastStart = start;
    ch.lastBucket = b;
    return b;
  }

  /** `auto`: the next bucket size up, every channel's buckets merged into it (until they fit). */
  private coarsen(): void {
    const all = () => [...this.channels.values()].flatMap((a) => [...a.values()]);
    while (this.bucketMs < BUCKET_MS.week && all().some((ch) => ch.buckets.size > MAX_AUTO_BUCKETS)) {
      this.bucketMs = BUCKET_MS[BUCKET_SIZES[BUCKET_SIZES.findIndex((s) => BUCKET_MS[s] === this.bucketMs) + 1]!];
      for (const ch of all()) {
        const merged = new Map<number, BucketAcc>();
        for (const [start, b] of ch.buckets) {
          const at = start - (start % this.bucketMs);
          const into = merged.get(at);
          if (!into) merged.set(at, b);
          else mergeBucket(into, b);
        }
        ch.buckets = merged;
        ch.lastStart = NaN;
        ch.lastBucket = undefined;
      }
    }
  }

  report(): StatsReport {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const channels = [...this.channels.values()]
      .flatMap((ofApp) => [...ofApp.values()])
      .sort((a, b) => a.app.localeCompare(b.app) || a.channel.localeCompare(b.channel))
      .map((ch) => this.channelReport(ch));
    const by = BUCKET_SIZES.find((s) => BUCKET_MS[s] === this.bucketMs)!;
    return {
      since: iso(this.opts.since),
      until: iso(this.opts.until),
      by,
      logs_until: this.newest === -Infinity ? null : new Date(this.newest).toISOString(),
      lines: { ...this.lines },
      channels,
    };
  }

  private channelReport(ch: ChannelAcc): ChannelStats {
    for (const dev of ch.devices.values()) dev.runs.sort((a, b) => a[0] - b[0]);
    const firstSeen = [...ch.devices.values()].map((d) => d.first).sort((a, b) => a - b);
    const starts = [...ch.buckets.keys()].sort((a, b) => a - b);
    const running = runningPerBucket(ch.devices, starts.map((start) => start + this.bucketMs));
    const buckets = starts.map((start, k): BucketStats => {
      const b = ch.buckets.get(start)!;
      const end = start + this.bucketMs;
      const seen = countBelow(firstSeen, end);
      return {
        start: new Date(start).toISOString(),
        checks: b.checks,
        downloads: b.downloads,
        installs: { ok: b.ok, fail: b.fail },
        verify_fail: b.verify_fail,
        devices: b.devices.size,
        devices_so_far: seen,
        adoption: shares(running[k]!, seen),
        outcomes: Object.fromEntries([...b.outcomes.entries()].sort()),
      };
    });
    const atEnd = runningAt(ch.devices, Infinity);
    // A build devices run but never reported on (installed before these logs) is a build of the channel too.
    for (const id of atEnd.running.keys()) this.build(ch, id);
    return {
      app: ch.app,
      channel: ch.channel,
      checks: ch.checks,
      not_modified: ch.notModified,
      devices: ch.devices.size,
      checks_without_device: ch.withoutDevice,
      builds: [...ch.builds.values()].map((b) => buildReport(b, ch, atEnd, this.opts.confirmWithinMs === undefined ? undefined : this.newest - this.opts.confirmWithinMs)).sort((a, b) => a.build_id.localeCompare(b.build_id)),
      buckets,
    };
  }
}

/** `confirmBy`: installs at or before this instant that are not confirmed are timed out. */
function buildReport(b: BuildAcc, ch: ChannelAcc, atEnd: ReturnType<typeof runningAt>, confirmBy?: number): BuildStats {
  const id = b.stats.build_id;
  const fleet: BuildFleet = { running: 0, confirmed: 0, deferred: {}, ineligible: {}, failed: 0, rolled_back: 0, other: 0 };
  let timedOut = 0;
  for (const device of ch.devices.keys()) {
    const runs = atEnd.of.get(device);
    if (runs?.[0] === id) {
      fleet.running++;
      if (runs[1]) fleet.confirmed++;
      const latest = b.latest.get(device);
      if (!runs[1] && confirmBy !== undefined && latest && (latest[1] === 'ok' || latest[1] === 'booted') && latest[0] <= confirmBy) timedOut++;
      continue;
    }
    const [, result, reason] = b.latest.get(device) ?? [0, undefined, ''];
    if (result === 'deferred') fleet.deferred[reason || 'unknown'] = (fleet.deferred[reason || 'unknown'] ?? 0) + 1;
    else if (result === 'ineligible') fleet.ineligible[reason || 'unknown'] = (fleet.ineligible[reason || 'unknown'] ?? 0) + 1;
    else if (result === 'fail' || result === 'verify_fail') fleet.failed++;
    else if (result === 'rolled_back') fleet.rolled_back++;
    else fleet.other++;
  }
  const o = b.stats.outcomes;
  const attempts = o.ok + o.fail + o.verify_fail;
  return {
    ...b.stats,
    adoption: ch.devices.size === 0 ? 0 : fleet.running / ch.devices.size,
    failure_ratio: attempts === 0 ? 0 : Math.min(1, (o.fail + o.verify_fail + o.rolled_back) / attempts),
    fleet,
    ...(confirmBy === undefined ? {} : { timed_out: timedOut }),
  };
}

export const BUCKET_MS: Record<BucketSize, number> = {
  minute: 60_000,
  '5m': 300_000,
  '15m': 900_000,
  hour: 3_600_000,
  '6h': 21_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export function bucketStart(at: number, by: BucketSize): number {
  return at - (at % BUCKET_MS[by]);
}

function mergeBucket(into: BucketAcc, b: BucketAcc): void {
  into.checks += b.checks;
  into.downloads += b.downloads;
  into.ok += b.ok;
  into.fail += b.fail;
  into.verify_fail += b.verify_fail;
  for (const d of b.devices) into.devices.add(d);
  for (const [build, o] of b.outcomes) {
    const t = into.outcomes.get(build);
    if (!t) into.outcomes.set(build, o);
    else for (const r of BEACON_RESULTS) t[r] += o[r];
  }
}

/** The decimal version code at `from` up to `&` or the end; -1 when it is not 1..15 digits. */
function digitsAt(q: string, from: number): number {
  let n = 0;
  let i = from;
  for (; i < q.length; i++) {
    const c = q.charCodeAt(i);
    if (c === 38) break; // &
    if (c < 48 || c > 57 || i - from >= 15) return -1;
    n = n * 10 + (c - 48);
  }
  return i === from ? -1 : n;
}

/** `v=` anywhere in the query, as a version code; -1 when absent or not a number. */
function versionParam(q: string): number {
  const v = queryParam(q, 'v');
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : -1;
}

/** A device id from a request: `d=` when it is a telemetry id (anything else is not taken as one). */
function deviceParam(query: string): string | undefined {
  const d = queryParam(query, 'd');
  return d !== undefined && TELEMETRY_ID.test(d) ? d : undefined;
}

/** Per device at most this many changes of what it runs are kept (the newest): memory stays bounded by devices. */
const MAX_RUNS_PER_DEVICE = 64;

function runsAppend(list: Run[], at: number, build: string, confirmed: boolean): void {
  const last = list[list.length - 1];
  if (!last) return void list.push([at, build, confirmed]);
  // Same build, in order: only a confirmation can add to what is known (no allocation: most checks repeat).
  if (last[1] === build && last[0] <= at) {
    if (confirmed && !last[2]) last[2] = true;
    return;
  }
  list.push([at, build, confirmed]);
  if (list.length > MAX_RUNS_PER_DEVICE) compactRuns(list);
}

/** Logs read out of order leave repeats: sorted, repeats merged; a device that really flips builds keeps its newest changes. */
function compactRuns(list: Run[]): void {
  list.sort((a, b) => a[0] - b[0]);
  let n = 0;
  for (const e of list) {
    const prev = n > 0 ? list[n - 1]! : undefined;
    if (prev && prev[1] === e[1]) prev[2] ||= e[2];
    else list[n++] = e;
  }
  list.length = n;
  if (n > MAX_RUNS_PER_DEVICE / 2) list.splice(0, n - MAX_RUNS_PER_DEVICE / 2);
}

/** Per device, what it runs just before `end` (and whether confirmed); per build, how many run it. */
function runningAt(devices: Map<string, DeviceAcc>, end: number): { of: Map<string, [string, boolean]>; running: Map<string, number> } {
  const of = new Map<string, [string, boolean]>();
  const running = new Map<string, number>();
  for (const [device, { runs: events }] of devices) {
    let build: string | undefined;
    let confirmed = false;
    for (const [at, b, c] of events) {
      if (at >= end) break;
      confirmed = b === build ? confirmed || c : c;
      build = b;
    }
    if (build === undefined || build === UNKNOWN_BUILD) continue;
    of.set(device, [build, confirmed]);
    running.set(build, (running.get(build) ?? 0) + 1);
  }
  return { of, running };
}

/**
 * Per bucket end (ascending), per build, how many devices run it just before that end: what
 * runningAt(devices, end).running says for each end, in one pass over each device's runs (a run
 * holds from its instant up to the next one's, so it adds 1 to a range of ends).
 */
function runningPerBucket(devices: Map<string, DeviceAcc>, ends: readonly number[]): Map<string, number>[] {
  const diff = new Map<string, Int32Array>();
  const add = (build: string, from: number, to: number) => {
    if (from >= to || build === UNKNOWN_BUILD) return;
    let d = diff.get(build);
    if (!d) diff.set(build, (d = new Int32Array(ends.length + 1)));
    d[from]!++;
    d[to]!--;
  };
  for (const { runs } of devices.values()) {
    // runs are sorted by instant (channelReport); ends after a run's instant see it, until the next run's.
    for (let i = 0; i < runs.length; i++) {
      const next = runs[i + 1];
      add(runs[i]![1], countAtOrBelow(ends, runs[i]![0]), next ? countAtOrBelow(ends, next[0]) : ends.length);
    }
  }
  const out = ends.map(() => new Map<string, number>());
  for (const [build, d] of diff) {
    let n = 0;
    for (let k = 0; k < ends.length; k++) {
      n += d[k]!;
      if (n > 0) out[k]!.set(build, n);
    }
  }
  return out;
}

/** How many of the sorted `values` are at or below `at`. */
function countAtOrBelow(values: readonly number[], at: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shares(counts: Map<string, number>, of: number): Record<string, number> {
  if (of === 0) return {};
  return Object.fromEntries([...counts.entries()].sort().map(([b, n]) => [b, n / of]));
}

/** How many of the sorted `values` are below `end`. */
function countBelow(values: readonly number[], end: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first value of `name` in a query string (`+` and percent-escapes decoded, as URLSearchParams does). */
export function queryParam(query: string, name: string): string | undefined {
  if (query === '') return undefined;
  const key = `${name}=`;
  let at = query.startsWith(key) ? 0 : query.indexOf(`&${key}`) + 1;
  if (at <= 0 && !query.startsWith(key)) return undefined;
  at += key.length;
  const end = query.indexOf('&', at);
  const raw = end < 0 ? query.slice(at) : query.slice(at, end);
  if (raw === '') return undefined;
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  return new URLSearchParams(`${key}${raw}`).get(name) ?? undefined;
}

/** Folds every line of an async source into a report. */
export async function aggregate(lines: AsyncIterable<readonly LogLine[]>, opts: AggregateOptions): Promise<StatsReport> {
  const acc = new StatsAggregator(opts);
  for await (const batch of lines) acc.addLines(batch);
  return acc.report();
}
