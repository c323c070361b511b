/**
 * Streaming access-log readers: one line in memory at a time, whatever the file size. A file is
 * gunzipped when it starts with the gzip magic bytes; its format is told from its first line:
 * `#Version`/`#Fields` or tab-separated fields for CloudFront standard logs (which `otactl serve`
 * writes too), `owner bucket [time] ...` for S3 server access logs. A line that cannot be read
 * is yielded as malformed, never thrown.
 */
import { readdir, stat } from 'node:fs/promises';
import { checkRegularFile, openRegularFile } from '../util/regular-file.js';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { ACCESS_LOG_FIELDS, decodeLogValue } from '../edge/access-log.js';
import { StorageError, ValidationError } from '../errors.js';
import type { LogEvent, LogLine } from './log-event.js';

/** The log files under a path: the file itself, or every non-hidden file below a folder, sorted. */
export async function logFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new ValidationError(`no logs at ${path}`, 'E_NO_FILE', { path });
    throw new StorageError(`Cannot read the logs at ${path}: ${err.code ?? err.message}`, 'E_LOGS', { path });
  });
  if (!info.isDirectory()) {
    // Named on purpose, so not skipped like a pipe inside a folder: refused before it can block.
    if (!info.isFile()) checkRegularFile(path);
    return [path];
  }
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await logFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The lines of one file, gunzipped when it is gzip; each chunk's lines come as one batch. */
export async function* fileLines(file: string): AsyncGenerator<string[]> {
  const fh = await openRegularFile(file);
  const magic = Buffer.alloc(2);
  try {
    await fh.read(magic, 0, 2, 0);
  } catch (err) {
    await fh.close();
    throw err;
  }
  yield* linesOf(fh.createReadStream({ start: 0, highWaterMark: 1 << 16 }), isGzip(magic));
}

/** The lines of a byte stream (an S3 object), gunzipped when its first bytes are gzip's magic. */
export async function* streamLines(raw: Readable): AsyncGenerator<string[]> {
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  if (head.length === 0) return;
  const body = Readable.from(
    (async function* () {
      yield head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
    { objectMode: false },
  );
  yield* linesOf(body, isGzip(head));
}

function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

async function* linesOf(raw: Readable, gzip: boolean): AsyncGenerator<string[]> {
  const input = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 16 })) : raw;
  raw.on('error', (err) => input.destroy(err));
  // WHY not readline: batching a chunk's lines costs one await per chunk, not one per line.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop()!;
    yield lines;
  }
  const last = rest + decoder.end();
  if (last !== '') yield [last];
}

/** Events of one file's lines (in batches); the format is told from the first line that is not empty. */
export async function* readLogLines(batches: AsyncIterable<string[]> | Iterable<string[]>): AsyncGenerator<LogLine[]> {
  let read: ((line: string) => LogLine | null) | undefined;
  for await (const batch of batches) {
    const out: LogLine[] = [];
    for (let line of batch) {
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() === '') continue;
      read ??= S3_LINE.test(line) && !line.includes('\t') ? readS3Line : cloudFrontReader();
      const one = read(line);
      if (one) out.push(one);
    }
    yield out;
  }
}

/**
 * Every event of every file under `path`. A file that breaks off (a truncated gzip, a read
 * error) keeps the lines read before the break and counts once as malformed: one bad file
 * among thousands of CDN logs must not stop the statistics.
 */
export async function* readLogs(path: string): AsyncGenerator<LogLine[]> {
  const files = await logFiles(path);
  // One rule for every --logs: nothing to read (no such path, an empty folder, an empty s3 prefix) is a mistake, exit 2.
  if (files.length === 0) throw new ValidationError(`no logs at ${path}: the folder holds no log file`, 'E_NO_FILE', { path });
  for (const file of files) {
    try {
      yield* readLogLines(fileLines(file));
    } catch (err) {
      yield [{ malformed: `${file}: ${(err as Error).message}` }];
    }
  }
}

/**
 * A logged HTTP status: 100..999, or 0, which CloudFront and otactl serve log as `000` when the
 * client went away before the answer (a request all the same, counted as none of check,
 * download or failure; a beacon is its path, so it counts).
 */
function httpStatus(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,3}$/.test(text)) return null;
  const status = Number(text);
  return status === 0 || status >= 100 ? status : null;
}

/** A CloudFront reader: field positions come from the latest `#Fields:` line (33 standard ones without). */
function cloudFrontReader(): (line: string) => LogLine | null {
  let pick = fieldPicker(ACCESS_LOG_FIELDS);
  return (line) => {
    if (line.startsWith('#')) {
      const m = /^#Fields:\s*(.*)$/.exec(line);
      if (m) pick = fieldPicker(m[1]!.trim().split(/\s+/));
      return null;
    }
    const [date, time, method, stem, statusText, query, range] = pick(line);
    const at = utcMillis(date, time);
    const status = httpStatus(statusText);
    if (at === null || status === null || method === '-' || !stem.startsWith('/')) {
      return { malformed: line };
    }
    return {
      event: {
        at,
        method,
        path: decodeLogValue(stem),
        // Logged as received, with `%` percent-encoded once more by the log (access-log.ts): undo that layer.
        query: query === '-' ? '' : query.includes('%25') ? query.replace(/%25/g, '%') : query,
        status,
        rangeStart: status === 206 && /^\d+$/.test(range) ? Number(range) : null,
      },
    };
  };
}

const WANTED = ['date', 'time', 'cs-method', 'cs-uri-stem', 'sc-status', 'cs-uri-query', 'sc-range-start'] as const;

/**
 * Returns the WANTED fields of a line (`-` when absent), in WANTED's order. WHY not split('\t'):
 * a line has 33 fields and 7 are needed; walking the tabs allocates only those 7 strings.
 */
type Picked = [date: string, time: string, method: string, stem: string, status: string, query: string, rangeStart: string];

function fieldPicker(fields: readonly string[]): (line: string) => Picked {
  const slotOf = new Int8Array(fields.length).fill(-1);
  let last = -1;
  WANTED.forEach((name, slot) => {
    const i = fields.indexOf(name);
    if (i >= 0) {
      slotOf[i] = slot;
      last = Math.max(last, i);
    }
  });
  return (line) => {
    const out = new Array<string>(WANTED.length).fill('-') as Picked;
    let start = 0;
    for (let i = 0; i <= last && start <= line.length; i++) {
      let end = line.indexOf('\t', start);
      if (end < 0) end = line.length;
      const slot = slotOf[i]!;
      if (slot >= 0 && end > start) out[slot] = line.slice(start, end);
      start = end + 1;
    }
    return out;
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDigits(text: string, at: number): boolean {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9;
}
// Log files hold one or two dates: the day's start is parsed once per date seen last.
let lastDate = '';
let lastDayMs: number | null = null;

function utcMillis(date: string, time: string): number | null {
  if (date !== lastDate) {
    const d = DATE.exec(date);
    const ms = d ? Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!) : NaN;
    lastDate = date;
    lastDayMs = Number.isNaN(ms) || !d || new Date(ms).getUTCDate() !== +d[3]! ? null : ms;
  }
  if (lastDayMs === null || time.length !== 8 || time.charCodeAt(2) !== 58 || time.charCodeAt(5) !== 58) return null;
  const n = (i: number) => time.charCodeAt(i) - 48;
  const h = n(0) * 10 + n(1);
  const m = n(3) * 10 + n(4);
  const sec = n(6) * 10 + n(7);
  if (!(isDigits(time, 0) && isDigits(time, 3) && isDigits(time, 6)) || h > 23 || m > 59 || sec > 59) return null;
  return lastDayMs + (h * 3600 + m * 60 + sec) * 1000;
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
  const status = httpStatus(tokens[9]);
  if (time === null || !request || status === null) return { malformed: line };
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
