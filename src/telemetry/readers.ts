/**
 * Streaming access-log readers: one line in memory at a time, whatever the file size. A file is
 * gunzipped when it starts with the gzip magic bytes; its format is told from its first line:
 * `#Version`/`#Fields` or tab-separated fields for CloudFront standard logs (which `otactl serve`
 * writes too), `owner bucket [time] ...` for S3 server access logs. A line that cannot be read
 * is yielded as malformed, never thrown.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ACCESS_LOG_FIELDS, decodeLogValue } from '../store/access-log.js';
import { StorageError, ValidationError } from '../errors.js';
import type { LogEvent, LogLine } from './log-event.js';

/** The log files under a path: the file itself, or every non-hidden file below a folder, sorted. */
export async function logFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new ValidationError(`no logs at ${path}`, 'E_NO_FILE', { path });
    throw new StorageError(`Cannot read the logs at ${path}: ${err.code ?? err.message}`, 'E_LOGS', { path });
  });
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await logFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The lines of one file, gunzipped when it is gzip. */
export async function* fileLines(file: string): AsyncGenerator<string> {
  const fh = await open(file, 'r');
  const magic = Buffer.alloc(2);
  try {
    await fh.read(magic, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(file);
  const input = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => input.destroy(err));
  yield* createInterface({ input, crlfDelay: Infinity });
}

/** Events of one file's lines; the format is told from the first line that is not empty. */
export async function* readLogLines(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<LogLine> {
  let read: ((line: string) => LogLine | null) | undefined;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    read ??= S3_LINE.test(line) && !line.includes('\t') ? readS3Line : cloudFrontReader();
    const out = read(line);
    if (out) yield out;
  }
}

/**
 * Every event of every file under `path`. A file that breaks off (a truncated gzip, a read
 * error) keeps the lines read before the break and counts once as malformed: one bad file
 * among thousands of CDN logs must not stop the statistics.
 */
export async function* readLogs(path: string): AsyncGenerator<LogLine> {
  for (const file of await logFiles(path)) {
    try {
      yield* readLogLines(fileLines(file));
    } catch (err) {
      yield { malformed: `${file}: ${(err as Error).message}` };
    }
  }
}

/** A CloudFront reader: field positions come from the latest `#Fields:` line (33 standard ones without). */
function cloudFrontReader(): (line: string) => LogLine | null {
  let at = positions(ACCESS_LOG_FIELDS);
  return (line) => {
    if (line.startsWith('#')) {
      const m = /^#Fields:\s*(.*)$/.exec(line);
      if (m) at = positions(m[1]!.trim().split(/\s+/));
      return null;
    }
    const v = line.split('\t');
    const field = (i: number) => (i >= 0 && i < v.length ? v[i]! : '-');
    const time = utcMillis(field(at.date), field(at.time));
    const status = Number(field(at.status));
    const method = field(at.method);
    const stem = field(at.stem);
    if (time === null || !Number.isInteger(status) || status < 100 || status > 999 || method === '-' || !stem.startsWith('/')) {
      return { malformed: line };
    }
    const query = field(at.query);
    const range = field(at.rangeStart);
    return {
      event: {
        at: time,
        method,
        path: decodeLogValue(stem),
        // Logged as received, with `%` percent-encoded once more by the log (access-log.ts): undo that layer.
        query: query === '-' ? '' : query.replace(/%25/g, '%'),
        status,
        rangeStart: status === 206 && /^\d+$/.test(range) ? Number(range) : null,
      },
    };
  };
}

function positions(fields: readonly string[]) {
  const i = (name: string) => fields.indexOf(name);
  return {
    date: i('date'),
    time: i('time'),
    method: i('cs-method'),
    stem: i('cs-uri-stem'),
    status: i('sc-status'),
    query: i('cs-uri-query'),
    rangeStart: i('sc-range-start'),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/;

function utcMillis(date: string, time: string): number | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!, +t[3]!);
  return Number.isNaN(ms) ? null : ms;
}

// S3 server access logs: space-separated, with [bracketed] time and "quoted" values.
const S3_LINE = /^\S+ \S+ \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] /;
const S3_TOKEN = /\[[^\]]*\]|"(?:[^"\\]|\\.)*"|\S+/g;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Fields used: [2] time, [8] "METHOD request-uri HTTP/x", [9] status. S3 does not log the range
 * a 206 answered, so rangeStart is null there (see docs/telemetry.md for how 206s are counted).
 */
function readS3Line(line: string): LogLine {
  const tokens = line.match(S3_TOKEN) ?? [];
  const time = s3Millis(tokens[2] ?? '');
  const request = /^"(\S+) (\S+) [^"]*"$/.exec(tokens[8] ?? '');
  const status = Number(tokens[9]);
  if (time === null || !request || !Number.isInteger(status) || status < 100 || status > 999) return { malformed: line };
  const uri = request[2]!;
  const q = uri.indexOf('?');
  const path = q < 0 ? uri : uri.slice(0, q);
  if (!path.startsWith('/')) return { malformed: line };
  const event: LogEvent = { at: time, method: request[1]!, path: decodeLogValue(path), query: q < 0 ? '' : uri.slice(q + 1), status, rangeStart: null };
  return { event };
}

function s3Millis(token: string): number | null {
  const m = /^\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\]$/.exec(token);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (+m[8]! * 60 + +m[9]!) * 60_000;
  return Date.UTC(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!) - offset;
}
