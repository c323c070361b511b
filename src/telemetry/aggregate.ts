/**
 * The statistics of a set of access-log events, per app, channel and build: checks (manifest
 * requests, 304s included), distinct devices where known, downloads, install results and
 * verification failures from beacons, and adoption over time in hour or day buckets.
 * Pure: events in, numbers out; memory grows with devices and buckets, never with lines.
 */
import { parseBeaconPath, type BeaconResult } from '../protocol/beacon.js';
import { CHANNEL_NAME } from '../protocol/ids.js';
import type { LogEvent, LogLine } from './log-event.js';

/** Where an artifact belongs, from the store's release records (and the channels serving it). */
export interface ArtifactOrigin {
  app: string;
  build_id: string;
  /** The one channel whose manifest names the build; null when none or several (reported as `*`). */
  channel: string | null;
}

export type BucketSize = 'hour' | 'day';

export interface AggregateOptions {
  /** sha256 hex of an artifact -> its build. */
  artifacts: ReadonlyMap<string, ArtifactOrigin>;
  by: BucketSize;
  /** Only events at or after / before these instants (ms); absent: no bound. */
  since?: number;
  until?: number;
}

export interface BuildStats {
  build_id: string;
  downloads: number;
  installs: { ok: number; fail: number };
  verify_fail: number;
  /** Failure reasons (`r=`) of fail and verify_fail beacons, with counts. */
  reasons: Record<string, number>;
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
  /** Per build: the share of the bucket's devices whose latest `ok` beacon so far names it. */
  adoption: Record<string, number>;
}

export interface ChannelStats {
  app: string;
  channel: string;
  checks: number;
  /** Of the checks, those answered 304 Not Modified. */
  not_modified: number;
  /** Distinct device ids (`d=`) seen on checks and beacons. */
  devices: number;
  builds: BuildStats[];
  buckets: BucketStats[];
}

export interface StatsReport {
  since: string | null;
  until: string | null;
  by: BucketSize;
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

/** A beacon counts once per device, build and result (a retried beacon is not a second install). */
const MAX_REASONS = 50;
const MANIFEST_PATH = /(?:^|\/)apps\/([^/]+)\/channels\/([^/]+)\/manifest\.json$/;
const ARTIFACT_PATH = /(?:^|\/)artifacts\/sha256\/([0-9a-f]{64})$/;
const ANY_CHANNEL = '*';

interface BuildAcc {
  stats: BuildStats;
  beaconsSeen: Set<string>;
}

interface BucketAcc {
  checks: number;
  downloads: number;
  ok: number;
  fail: number;
  verify_fail: number;
  devices: Set<string>;
}

interface ChannelAcc {
  app: string;
  channel: string;
  checks: number;
  notModified: number;
  devices: Set<string>;
  builds: Map<string, BuildAcc>;
  buckets: Map<number, BucketAcc>;
  /** Per device, its `ok` beacons in time: [at, build_id]. */
  installed: Map<string, [number, string][]>;
}

export class StatsAggregator {
  /** app -> channel -> its numbers. */
  private readonly channels = new Map<string, Map<string, ChannelAcc>>();
  private readonly lines = { read: 0, malformed: 0, outside: 0, unknown_artifacts: 0, unknown_ranges: 0 };

  constructor(private readonly opts: AggregateOptions) {}

  addLine(line: LogLine): void {
    if ('malformed' in line) this.lines.malformed++;
    else this.add(line.event);
  }

  addLines(lines: readonly LogLine[]): void {
    for (const line of lines) this.addLine(line);
  }

  add(e: LogEvent): void {
    this.lines.read++;
    if ((this.opts.since !== undefined && e.at < this.opts.since) || (this.opts.until !== undefined && e.at >= this.opts.until)) {
      this.lines.outside++;
      return;
    }
    if (e.method !== 'GET') return;
    // Cheap suffix tests first: most requests of a busy log are checks.
    const manifest = e.path.endsWith('/manifest.json') ? MANIFEST_PATH.exec(e.path) : null;
    if (manifest) return this.addCheck(e, manifest[1]!, manifest[2]!);
    const artifact = e.path.includes('/sha256/') ? ARTIFACT_PATH.exec(e.path) : null;
    if (artifact) return this.addDownload(e, artifact[1]!);
    const beacon = e.path.endsWith('.txt') ? parseBeaconPath(e.path) : null;
    if (beacon) this.addBeacon(e, beacon.app, beacon.build_id, beacon.result);
  }

  private addCheck(e: LogEvent, app: string, channel: string): void {
    if (!(e.status === 304 || (e.status >= 200 && e.status < 300))) return;
    const ch = this.channel(app, channel);
    const bucket = this.bucket(ch, e.at);
    ch.checks++;
    bucket.checks++;
    if (e.status === 304) ch.notModified++;
    const device = queryParam(e.query, 'd');
    if (device) this.seen(ch, bucket, device);
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
    const device = queryParam(e.query, 'd');
    // `c=` is whatever a client sent: only a valid channel name is taken as one.
    const named = queryParam(e.query, 'c');
    const ch = this.channel(app, named !== undefined && CHANNEL_NAME.test(named) ? named : ANY_CHANNEL);
    const build = this.build(ch, buildId);
    if (device) {
      const key = `${device}\0${result}`;
      if (build.beaconsSeen.has(key)) return;
      build.beaconsSeen.add(key);
    }
    const bucket = this.bucket(ch, e.at);
    if (device) this.seen(ch, bucket, device);
    if (result === 'ok') {
      build.stats.installs.ok++;
      bucket.ok++;
      if (device) append(ch.installed, device, [e.at, buildId]);
      return;
    }
    if (result === 'fail') {
      build.stats.installs.fail++;
      bucket.fail++;
    } else {
      build.stats.verify_fail++;
      bucket.verify_fail++;
    }
    const reason = queryParam(e.query, 'r');
    const reasons = build.stats.reasons;
    if (reason && (reason in reasons || Object.keys(reasons).length < MAX_REASONS)) reasons[reason] = (reasons[reason] ?? 0) + 1;
  }

  private seen(ch: ChannelAcc, bucket: BucketAcc, device: string): void {
    ch.devices.add(device);
    bucket.devices.add(device);
  }

  private channel(app: string, channel: string): ChannelAcc {
    let ofApp = this.channels.get(app);
    if (!ofApp) this.channels.set(app, (ofApp = new Map()));
    let ch = ofApp.get(channel);
    if (!ch) {
      ch = { app, channel, checks: 0, notModified: 0, devices: new Set(), builds: new Map(), buckets: new Map(), installed: new Map() };
      ofApp.set(channel, ch);
    }
    return ch;
  }

  private build(ch: ChannelAcc, buildId: string): BuildAcc {
    let b = ch.builds.get(buildId);
    if (!b) {
      b = { stats: { build_id: buildId, downloads: 0, installs: { ok: 0, fail: 0 }, verify_fail: 0, reasons: {} }, beaconsSeen: new Set() };
      ch.builds.set(buildId, b);
    }
    return b;
  }

  private bucket(ch: ChannelAcc, at: number): BucketAcc {
    const start = bucketStart(at, this.opts.by);
    let b = ch.buckets.get(start);
    if (!b) {
      b = { checks: 0, downloads: 0, ok: 0, fail: 0, verify_fail: 0, devices: new Set() };
      ch.buckets.set(start, b);
    }
    return b;
  }

  report(): StatsReport {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const channels = [...this.channels.values()]
      .flatMap((ofApp) => [...ofApp.values()])
      .sort((a, b) => a.app.localeCompare(b.app) || a.channel.localeCompare(b.channel))
      .map((ch) => this.channelReport(ch));
    return { since: iso(this.opts.since), until: iso(this.opts.until), by: this.opts.by, lines: { ...this.lines }, channels };
  }

  private channelReport(ch: ChannelAcc): ChannelStats {
    const size = BUCKET_MS[this.opts.by];
    for (const events of ch.installed.values()) events.sort((a, b) => a[0] - b[0]);
    const buckets = [...ch.buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([start, b]): BucketStats => ({
        start: new Date(start).toISOString(),
        checks: b.checks,
        downloads: b.downloads,
        installs: { ok: b.ok, fail: b.fail },
        verify_fail: b.verify_fail,
        devices: b.devices.size,
        adoption: adoption(b.devices, ch.installed, start + size),
      }));
    return {
      app: ch.app,
      channel: ch.channel,
      checks: ch.checks,
      not_modified: ch.notModified,
      devices: ch.devices.size,
      builds: [...ch.builds.values()].map((b) => b.stats).sort((a, b) => a.build_id.localeCompare(b.build_id)),
      buckets,
    };
  }
}

const BUCKET_MS: Record<BucketSize, number> = { hour: 3_600_000, day: 86_400_000 };

export function bucketStart(at: number, by: BucketSize): number {
  return at - (at % BUCKET_MS[by]);
}

/** Share of `devices` whose latest `ok` before `end` names each build. */
function adoption(devices: Set<string>, installed: Map<string, [number, string][]>, end: number): Record<string, number> {
  if (devices.size === 0) return {};
  const counts = new Map<string, number>();
  for (const d of devices) {
    const events = installed.get(d);
    let latest: string | undefined;
    for (const [at, build] of events ?? []) if (at < end) latest = build;
    if (latest !== undefined) counts.set(latest, (counts.get(latest) ?? 0) + 1);
  }
  return Object.fromEntries([...counts.entries()].sort().map(([b, n]) => [b, n / devices.size]));
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
