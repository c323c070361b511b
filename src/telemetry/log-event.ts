/**
 * One request from an access log, whatever the format it came from (CloudFront standard logs,
 * `otactl serve` logs, S3 server access logs): only what the statistics need.
 */
export interface LogEvent {
  /** Milliseconds since the epoch (UTC). */
  at: number;
  method: string;
  /** The object path as requested, percent-decoded once (a leading `/`, any CDN prefix kept). */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  status: number;
  /** First byte of a 206 answer; null when not a range answer or when the format does not say (S3). */
  rangeStart: number | null;
}

/** What a reader yields per line: an event, or a line that could not be read (counted, skipped). */
export type LogLine = { event: LogEvent } | { malformed: string };
