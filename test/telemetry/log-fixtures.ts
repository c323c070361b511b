/** Access-log lines of known content, in each format the stats read. */
import { ACCESS_LOG_FIELDS, formatAccessLogLine, type AccessLogEntry } from '../../src/edge/access-log.js';

export interface Req {
  /** ISO instant, UTC. */
  at: string;
  path: string;
  query?: string;
  status: number;
  method?: string;
  range?: [number, number];
}

export function cloudFrontLine(r: Req): string {
  const entry: AccessLogEntry = {
    date: r.at.slice(0, 10),
    time: r.at.slice(11, 19),
    'x-edge-location': 'FRA56-P1',
    'sc-bytes': 1234,
    'c-ip': '192.0.2.10',
    'cs-method': r.method ?? 'GET',
    'cs(Host)': 'd111111abcdef8.cloudfront.net',
    'cs-uri-stem': r.path,
    'sc-status': r.status,
    'cs(User-Agent)': 'otactl-device/1',
    'cs-uri-query': r.query,
    'x-edge-result-type': 'Hit',
    'cs-protocol': 'https',
    'sc-range-start': r.range?.[0],
    'sc-range-end': r.range?.[1],
  };
  return formatAccessLogLine(entry);
}

/** `#Version`/`#Fields` and the lines; `fields` picks a subset in another order (as v2 logs do). */
export function cloudFrontLog(reqs: Req[], fields?: readonly string[]): string {
  if (!fields) return `#Version: 1.0\n#Fields: ${ACCESS_LOG_FIELDS.join(' ')}\n${reqs.map(cloudFrontLine).join('\n')}\n`;
  const rows = reqs.map((r) => {
    const full = cloudFrontLine(r).split('\t');
    return fields.map((f) => full[ACCESS_LOG_FIELDS.indexOf(f as (typeof ACCESS_LOG_FIELDS)[number])]!).join('\t');
  });
  return `#Version: 1.0\n#Fields: ${fields.join(' ')}\n${rows.join('\n')}\n`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An S3 server access log line (path-style request URI, bucket `ota-bucket`). */
export function s3Line(r: Req): string {
  const d = new Date(r.at);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const time = `[${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000]`;
  const uri = `/ota-bucket${r.path}${r.query ? `?${r.query}` : ''}`;
  const method = r.method ?? 'GET';
  return [
    '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
    'ota-bucket',
    time,
    '192.0.2.3',
    '-',
    '3E57427F3EXAMPLE',
    `REST.${method}.OBJECT`,
    r.path.slice(1),
    `"${method} ${uri} HTTP/1.1"`,
    String(r.status),
    '-',
    '2662992',
    '3462992',
    '70',
    '10',
    '"-"',
    '"otactl-device/1"',
    '-',
    's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=',
    'SigV4',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'AuthHeader',
    'ota-bucket.s3.us-west-1.amazonaws.com',
    'TLSv1.2',
    '-',
  ].join(' ');
}
