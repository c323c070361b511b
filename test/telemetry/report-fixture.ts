import type { BucketStats, BuildStats, ChannelStats, StatsReport } from '../../src/telemetry/aggregate.js';

/** A stats report with these channels (and lines read), as the renderers' tests need one. */
export function reportOf(channels: StatsReport['channels'], by: StatsReport['by'] = 'day', lines: Partial<StatsReport['lines']> = {}): StatsReport {
  return { since: null, until: null, by, logs_until: null, lines: { read: 0, malformed: 0, outside: 0, unknown_artifacts: 0, unknown_ranges: 0, ...lines }, channels };
}

const NO_OUTCOMES = { ok: 0, fail: 0, verify_fail: 0, booted: 0, healthy: 0, rolled_back: 0, deferred: 0, ineligible: 0 };

/** A build's numbers: zeros except what is given. */
export function buildOf(b: Partial<BuildStats> & { build_id: string }): BuildStats {
  return {
    downloads: 0,
    installs: { ok: 0, fail: 0 },
    verify_fail: 0,
    reasons: {},
    adoption: 0,
    failure_ratio: 0,
    ...b,
    outcomes: { ...NO_OUTCOMES, ...b.outcomes },
    fleet: { running: 0, confirmed: 0, deferred: {}, ineligible: {}, failed: 0, rolled_back: 0, other: 0, ...b.fleet },
  };
}

/** A bucket: zeros except what is given. */
export function bucketOf(b: Partial<BucketStats> & { start: string }): BucketStats {
  return { checks: 0, downloads: 0, installs: { ok: 0, fail: 0 }, verify_fail: 0, devices: 0, devices_so_far: 0, adoption: {}, outcomes: {}, ...b };
}

export function channelOf(c: Partial<ChannelStats> & { app: string; channel: string }): ChannelStats {
  return { checks: 0, not_modified: 0, devices: 0, checks_without_device: 0, builds: [], buckets: [], ...c };
}
