/**
 * CloudFront standard (legacy) access log format: the 33 tab-separated fields, the two header
 * lines, and a parser. `otactl serve` writes this format so the telemetry code reads local logs
 * and real CloudFront logs (after gunzip) with the same parser.
 *
 * Pure: no I/O. The server owns the stream it writes to.
 */

/** The 33 fields in the order CloudFront writes them. */
export const ACCESS_LOG_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
  'cs(Cookie)',
  'x-edge-result-type',
  'x-edge-request-id',
  'x-host-header',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'x-forwarded-for',
  'ssl-protocol',
  'ssl-cipher',
  'x-edge-response-result-type',
  'cs-protocol-version',
  'fle-status',
  'fle-encrypted-fields',
  'c-port',
  'time-to-first-byte',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'sc-content-len',
  'sc-range-start',
  'sc-range-end',
] as const;

export type AccessLogField = (typeof ACCESS_LOG_FIELDS)[number];

/** One parsed line: every standard field (`-` when absent), plus any extra field a header named. */
export type AccessLogRecord = Record<AccessLogField, string> & Record<string, string>;

export type AccessLogEntry = Partial<Record<AccessLogField, string | number | null | undefined>>;

/** Written once at the top of a log, as CloudFront does in every file. */
export const ACCESS_LOG_HEADER = `#Version: 1.0\n#Fields: ${ACCESS_LOG_FIELDS.join(' ')}\n`;

const EMPTY = '-';

/** Any character `mustEncode` encodes (non-ASCII ones always are). */
const NEEDS_ENCODING = /[^\x21-\x7e]|["#%<>\\^`{|}]/;

/**
 * Percent-encodes what CloudFront encodes in log values: control bytes, space, non-ASCII (as
 * UTF-8 bytes) and `"#%<>\^`{|}`. WHY `%` too: CloudFront logs the request URI as received, so
 * `/a%20b` is logged as `/a%2520b`; decoding a cs-uri-stem twice gives the object key.
 * Tabs and newlines are always encoded, so a value can never break the line.
 */
export function encodeLogValue(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value; // store keys, ids, numbers: nothing to encode
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out += mustEncode(byte) ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

const ENCODED_PUNCTUATION = new Set([...'"#%<>\\^`{|}'].map((c) => c.charCodeAt(0)));

function mustEncode(byte: number): boolean {
  return byte <= 0x20 || byte >= 0x7f || ENCODED_PUNCTUATION.has(byte);
}

/**
 * Undoes one layer of percent-encoding. Malformed escapes are kept as written and invalid UTF-8
 * becomes U+FFFD: real logs contain whatever clients sent, and parsing must not throw.
 */
export function decodeLogValue(value: string): string {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** One log line (no trailing newline): every field encoded, `-` for empty. */
export function formatAccessLogLine(entry: AccessLogEntry): string {
  let line = '';
  for (let i = 0; i < ACCESS_LOG_FIELDS.length; i++) {
    const v = entry[ACCESS_LOG_FIELDS[i]!];
    line += `${i === 0 ? '' : '\t'}${v === undefined || v === null || v === '' ? EMPTY : encodeLogValue(String(v))}`;
  }
  return line;
}

/** The date and time fields: UTC, `YYYY-MM-DD` and `HH:MM:SS`. */
export function logTimestamp(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/**
 * Parses a CloudFront standard log (already gunzipped). Field names come from the `#Fields:`
 * line when present (older files have fewer fields, v2 W3C files a chosen subset); without one
 * the 33 standard fields are assumed. Values are returned as written (still URL-encoded, as
 * Athena reads them); use `decodeLogValue` where the decoded text is needed.
 */
export function parseAccessLog(text: string): AccessLogRecord[] {
  let fields: readonly string[] = ACCESS_LOG_FIELDS;
  const records: AccessLogRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^#Fields:\s*(.*)$/.exec(line);
      if (m) fields = m[1]!.trim().split(/\s+/);
      continue;
    }
    records.push(toRecord(fields, line.split('\t')));
  }
  return records;
}

function toRecord(fields: readonly string[], values: string[]): AccessLogRecord {
  const record: Record<string, string> = {};
  for (const field of ACCESS_LOG_FIELDS) record[field] = EMPTY;
  fields.forEach((field, i) => {
    const v = values[i];
    if (v !== undefined && v !== '') record[field] = v;
  });
  return record as AccessLogRecord;
}
