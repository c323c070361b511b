import type { StatsReport } from '../../src/telemetry/aggregate.js';

/** A stats report with these channels (and lines read), as the renderers' tests need one. */
export function reportOf(channels: StatsReport['channels'], by: StatsReport['by'] = 'day', lines: Partial<StatsReport['lines']> = {}): StatsReport {
  return { since: null, until: null, by, logs_until: null, lines: { read: 0, malformed: 0, outside: 0, unknown_artifacts: 0, unknown_ranges: 0, ...lines }, channels };
}
