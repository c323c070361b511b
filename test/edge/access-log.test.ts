import { describe, expect, test } from 'vitest';
import {
  ACCESS_LOG_FIELDS,
  ACCESS_LOG_HEADER,
  decodeLogValue,
  encodeLogValue,
  formatAccessLogLine,
  logTimestamp,
  parseAccessLog,
} from '../../src/edge/access-log.js';

describe('ACCESS_LOG_FIELDS', () => {
  test('has the 33 CloudFront standard fields in order', () => {
    expect(ACCESS_LOG_FIELDS).toHaveLength(33);
    expect(ACCESS_LOG_FIELDS.slice(0, 4)).toEqual(['date', 'time', 'x-edge-location', 'sc-bytes']);
    expect(ACCESS_LOG_FIELDS[7]).toBe('cs-uri-stem');
    expect(ACCESS_LOG_FIELDS[13]).toBe('x-edge-result-type');
    expect(ACCESS_LOG_FIELDS.slice(-4)).toEqual(['sc-content-type', 'sc-content-len', 'sc-range-start', 'sc-range-end']);
  });

  test('the header is #Version then #Fields with the same names', () => {
    const [version, fields, rest] = ACCESS_LOG_HEADER.split('\n');
    expect(version).toBe('#Version: 1.0');
    expect(fields).toBe(`#Fields: ${ACCESS_LOG_FIELDS.join(' ')}`);
    expect(rest).toBe('');
  });
});

describe('formatAccessLogLine', () => {
  test('writes 33 tab-separated fields with - for empty', () => {
    const line = formatAccessLogLine({ date: '2026-01-02', 'sc-status': 200, 'cs-uri-query': '' });
    const values = line.split('\t');
    expect(values).toHaveLength(33);
    expect(values[0]).toBe('2026-01-02');
    expect(values[8]).toBe('200');
    expect(values.filter((v) => v === '-')).toHaveLength(31);
  });

  test('encodes what would break the line, and % as CloudFront does', () => {
    const line = formatAccessLogLine({ 'cs(User-Agent)': 'otactl/1.0 (device\tx)\nnext', 'cs-uri-stem': '/a%20b' });
    expect(line.split('\n')).toHaveLength(1);
    const rec = parseAccessLog(line)[0]!;
    expect(rec['cs(User-Agent)']).toBe('otactl/1.0%20(device%09x)%0Anext');
    expect(rec['cs-uri-stem']).toBe('/a%2520b');
    expect(decodeLogValue(decodeLogValue(rec['cs-uri-stem']))).toBe('/a b');
  });

  test('timestamps are UTC date and time', () => {
    expect(logTimestamp(new Date('2026-03-04T05:06:07.890Z'))).toEqual({ date: '2026-03-04', time: '05:06:07' });
  });
});

describe('encodeLogValue / decodeLogValue', () => {
  test('round-trips non-ASCII and punctuation, keeps the safe characters readable', () => {
    const raw = 'Mozilla/5.0 (Linux; Android 14) "é" {x|y}';
    const enc = encodeLogValue(raw);
    expect(enc).toBe('Mozilla/5.0%20(Linux;%20Android%2014)%20%22%C3%A9%22%20%7Bx%7Cy%7D');
    expect(decodeLogValue(enc)).toBe(raw);
  });

  test('never throws on malformed escapes', () => {
    expect(decodeLogValue('100%zz%4')).toBe('100%zz%4');
    expect(decodeLogValue('%FF')).toBe('\uFFFD');
  });
});

describe('parseAccessLog', () => {
  // Shaped like a real CloudFront file: header lines, URL-encoded user agent, HTTPS fields set.
  const realFile = [
    '#Version: 1.0',
    `#Fields: ${ACCESS_LOG_FIELDS.join(' ')}`,
    [
      '2026-05-01', '12:00:01', 'FRA56-P1', '1048998', '203.0.113.7', 'GET', 'd1234abcd.cloudfront.net',
      '/artifacts/sha256/abc', '206', '-', 'Dalvik/2.1.0%20(Linux;%20U;%20Android%2014)', 'v=2&x=%20y', '-',
      'Hit', 'Zk3yQ0q0tBq7f1ZcB0hV2nR8mX1y6p5yFjJ4r8GmQ0x7lqZ2kVb3Ag==', 'updates.example.com', 'https', '211',
      '0.412', '-', 'TLSv1.3', 'TLS_AES_128_GCM_SHA256', 'Hit', 'HTTP/2.0', '-', '-', '51234', '0.002', 'Hit',
      'application/octet-stream', '1048576', '1048576', '2097151',
    ].join('\t'),
    '',
  ].join('\r\n');

  test('reads a CloudFront file: skips header lines, keeps values encoded', () => {
    const [rec, ...rest] = parseAccessLog(realFile);
    expect(rest).toEqual([]);
    expect(rec!['x-edge-location']).toBe('FRA56-P1');
    expect(rec!['sc-status']).toBe('206');
    expect(rec!['cs-uri-query']).toBe('v=2&x=%20y');
    expect(decodeLogValue(rec!['cs(User-Agent)'])).toBe('Dalvik/2.1.0 (Linux; U; Android 14)');
    expect(rec!['sc-range-start']).toBe('1048576');
    expect(rec!['sc-range-end']).toBe('2097151');
    expect(Object.keys(rec!)).toEqual([...ACCESS_LOG_FIELDS]);
  });

  test('follows a #Fields line with fewer fields (older files) and fills the rest with -', () => {
    const text = '#Version: 1.0\n#Fields: date time sc-status cs-uri-stem\n2026-01-01\t00:00:00\t404\t/x\n';
    const [rec] = parseAccessLog(text);
    expect(rec).toMatchObject({ date: '2026-01-01', 'sc-status': '404', 'cs-uri-stem': '/x', 'sc-bytes': '-' });
  });

  test('without a header assumes the standard order', () => {
    const line = formatAccessLogLine({ 'cs-method': 'HEAD', 'sc-status': 304 });
    expect(parseAccessLog(`${line}\n${line}`)).toHaveLength(2);
    expect(parseAccessLog(line)[0]).toMatchObject({ 'cs-method': 'HEAD', 'sc-status': '304', 'c-ip': '-' });
  });
});
