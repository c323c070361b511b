import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aggregate, queryParam, type ArtifactOrigin } from '../../src/telemetry/aggregate.js';
import { readLogs, readLogLines } from '../../src/telemetry/readers.js';
import { cloudFrontLog, s3Line, type Req } from './log-fixtures.js';

const APP = 'com.example.agent';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const UNKNOWN = 'c'.repeat(64);
const BUILD_A = 'b-aaaaaaaaaaaa';
const BUILD_B = 'b-bbbbbbbbbbbb';
const artifacts = new Map<string, ArtifactOrigin>([
  [A, { app: APP, build_id: BUILD_A, channel: 'stable' }],
  [B, { app: APP, build_id: BUILD_B, channel: null }],
]);
const manifest = `/apps/${APP}/channels/stable/manifest.json`;
const beacon = (build: string, result: string) => `/apps/${APP}/beacons/${build}/${result}.txt`;

// Day 1 (CloudFront, gzip, all 33 fields).
const day1: Req[] = [
  { at: '2026-11-01T10:05:00Z', path: manifest, query: 'd=dev1', status: 200 },
  { at: '2026-11-01T10:06:00Z', path: manifest, query: 'd=dev2', status: 304 },
  { at: '2026-11-01T10:07:00Z', path: manifest, status: 304 },
  { at: '2026-11-01T10:08:00Z', path: manifest, status: 200, method: 'HEAD' }, // not a check
  { at: '2026-11-01T10:09:00Z', path: manifest, status: 404 }, // not a check
  { at: '2026-11-01T10:10:00Z', path: `/artifacts/sha256/${A}`, status: 200 },
  { at: '2026-11-01T10:11:00Z', path: `/artifacts/sha256/${A}`, status: 206, range: [0, 999] },
  { at: '2026-11-01T10:12:00Z', path: `/artifacts/sha256/${A}`, status: 206, range: [1000, 2999] }, // continuation
  { at: '2026-11-01T10:13:00Z', path: `/artifacts/sha256/${A}`, status: 404 },
  { at: '2026-11-01T10:14:00Z', path: `/artifacts/sha256/${UNKNOWN}`, status: 200 },
  { at: '2026-11-01T10:20:00Z', path: beacon(BUILD_A, 'ok'), query: 'd=dev1&c=stable', status: 200 },
  { at: '2026-11-01T10:21:00Z', path: beacon(BUILD_A, 'ok'), query: 'd=dev1&c=stable', status: 200 }, // a retry
  { at: '2026-11-01T11:00:00Z', path: beacon(BUILD_A, 'fail'), query: 'd=dev2&c=stable&r=no%20space', status: 200 },
];
const day1Malformed = ['garbage without tabs', ['2026-11-01', '10:30:00', 'FRA', '1', 'ip', 'GET', 'h', manifest, 'abc'].join('\t')];

// Day 2 (CloudFront, plain, a subset of fields in another order).
const day2Fields = ['date', 'time', 'cs-uri-query', 'cs-method', 'sc-status', 'cs-uri-stem', 'sc-range-start'];
const day2: Req[] = [
  { at: '2026-11-02T09:00:00Z', path: manifest, query: 'd=dev3', status: 200 },
  { at: '2026-11-02T09:01:00Z', path: beacon(BUILD_A, 'verify_fail'), query: 'd=dev3&c=stable&r=E_VERIFY', status: 200 },
  { at: '2026-11-02T09:02:00Z', path: beacon(BUILD_A, 'ok'), query: 'd=dev2&c=stable', status: 200 },
];

// Day 2 (S3 server access log).
const day2S3: Req[] = [
  { at: '2026-11-02T12:00:00Z', path: `/artifacts/sha256/${B}`, status: 200 },
  { at: '2026-11-02T12:01:00Z', path: `/artifacts/sha256/${B}`, status: 206 }, // range start not logged by S3
  { at: '2026-11-02T12:02:00Z', path: manifest, query: 'd=dev4', status: 304 },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'otactl-stats-'));
  await mkdir(path.join(dir, 'cf'));
  const text1 = cloudFrontLog(day1).replace(/\n$/, `\n${day1Malformed.join('\n')}\n`);
  await writeFile(path.join(dir, 'cf', 'E2EXAMPLE.2026-11-01-10.abcd.gz'), gzipSync(text1));
  await writeFile(path.join(dir, 'cf', 'E2EXAMPLE.2026-11-02-09.efgh'), cloudFrontLog(day2, day2Fields));
  await writeFile(path.join(dir, '2026-11-02-12-00-00-S3EXAMPLE'), `${day2S3.map(s3Line).join('\n')}\n79a59df9 ota-bucket [02/Nov/2026:12:03:00 +0000] 192.0.2.3 - X REST.GET.OBJECT k "GET /k HTTP/1.1" xyz -\n`);
  await writeFile(path.join(dir, '.hidden'), 'not a log');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('otactl stats: readers and aggregation', () => {
  test('every number of a known set of CloudFront (gzip, plain, #Fields subset) and S3 logs', async () => {
    const report = await aggregate(readLogs(dir), { artifacts, by: 'day' });
    expect(report.logs_until).toBe('2026-11-02T12:02:00.000Z');
    expect(report.lines).toEqual({
      read: day1.length + day2.length + day2S3.length,
      malformed: 3,
      outside: 0,
      unknown_artifacts: 1,
      unknown_ranges: 1,
    });
    expect(report.channels.map((c) => `${c.app}/${c.channel}`)).toEqual([`${APP}/*`, `${APP}/stable`]);
    const [any, stable] = report.channels as [(typeof report.channels)[0], (typeof report.channels)[0]];
    expect(any.builds).toEqual([expect.objectContaining({ build_id: BUILD_B, downloads: 1, installs: { ok: 0, fail: 0 }, verify_fail: 0, reasons: {} })]);
    // One check of day 1 carried no d=: counted as a check, said apart, not guessed into devices.
    expect(stable).toMatchObject({ checks: 5, not_modified: 3, devices: 4, checks_without_device: 1 });
    expect(stable.builds).toEqual([
      expect.objectContaining({ build_id: BUILD_A, downloads: 2, installs: { ok: 2, fail: 1 }, verify_fail: 1, reasons: { 'no space': 1, E_VERIFY: 1 } }),
    ]);
    // dev1 and dev2 installed A (dev2 after a failure); dev3 failed to verify; dev4 only polled.
    expect(stable.builds[0]).toMatchObject({
      adoption: 0.5,
      failure_ratio: 0.5,
      fleet: { running: 2, confirmed: 0, deferred: {}, ineligible: {}, failed: 1, rolled_back: 0, other: 1 },
      outcomes: { ok: 2, fail: 1, verify_fail: 1, booted: 0, healthy: 0 },
    });
    // Adoption over time: of the devices seen so far, those that run A at the bucket's end.
    expect(stable.buckets.map((b) => [b.start, b.checks, b.downloads, b.installs, b.verify_fail, b.devices, b.devices_so_far, b.adoption])).toEqual([
      ['2026-11-01T00:00:00.000Z', 3, 2, { ok: 1, fail: 1 }, 0, 2, 2, { [BUILD_A]: 0.5 }],
      ['2026-11-02T00:00:00.000Z', 2, 0, { ok: 1, fail: 0 }, 1, 3, 4, { [BUILD_A]: 0.5 }],
    ]);
  });

  test('--by hour buckets, and --since/--until leave the rest outside', async () => {
    const since = Date.parse('2026-11-01T10:00:00Z');
    const until = Date.parse('2026-11-01T11:00:00Z');
    const report = await aggregate(readLogs(dir), { artifacts, by: 'hour', since, until });
    expect(report.lines.outside).toBe(1 + day2.length + day2S3.length);
    const stable = report.channels.find((c) => c.channel === 'stable')!;
    expect(stable.buckets.map((b) => [b.start, b.checks, b.installs.ok, b.installs.fail])).toEqual([['2026-11-01T10:00:00.000Z', 3, 1, 0]]);
    expect(stable.builds[0]!.installs).toEqual({ ok: 1, fail: 0 });
  });

  test('a log without headers is read as the 33 standard fields; CRLF and blank lines are fine', async () => {
    const body = cloudFrontLog(day1.slice(0, 2)).split('\n').filter((l) => !l.startsWith('#'));
    const lines = [];
    for await (const batch of readLogLines([body.join('\r\n\r\n').split('\n')])) lines.push(...batch);
    expect(lines).toEqual([
      { event: { at: Date.parse(day1[0]!.at), method: 'GET', path: manifest, query: 'd=dev1', status: 200, rangeStart: null } },
      { event: { at: Date.parse(day1[1]!.at), method: 'GET', path: manifest, query: 'd=dev2', status: 304, rangeStart: null } },
    ]);
  });

  test('an S3 line with a time-zone offset is read in UTC', async () => {
    const line = s3Line({ at: '2026-11-02T12:00:00Z', path: manifest, status: 200 }).replace('[02/Nov/2026:12:00:00 +0000]', '[02/Nov/2026:14:00:00 +0200]');
    const out = [];
    for await (const batch of readLogLines([[line]])) out.push(...batch);
    expect(out).toEqual([{ event: { at: Date.parse('2026-11-02T12:00:00Z'), method: 'GET', path: `/ota-bucket${manifest}`, query: '', status: 200, rangeStart: null } }]);
  });

  test('a missing log path is a usage error, not a crash', async () => {
    await expect(aggregate(readLogs(path.join(dir, 'nope')), { artifacts, by: 'day' })).rejects.toMatchObject({ code: 'E_NO_FILE' });
  });

  test('a truncated gzip file keeps the lines before the break and counts once as malformed', async () => {
    const whole = gzipSync(cloudFrontLog(day1.slice(0, 3)).repeat(2000));
    const file = path.join(dir, 'truncated', 'E.gz');
    await mkdir(path.dirname(file));
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const report = await aggregate(readLogs(file), { artifacts, by: 'day' });
    expect(report.lines.malformed).toBe(1);
    expect(report.lines.read).toBeGreaterThan(0);
    expect(report.lines.read).toBeLessThan(6000);
    await rm(path.dirname(file), { recursive: true });
  });
});

describe('query parameters of logged requests', () => {
  test('the named parameter only, decoded as a URL query is', () => {
    expect(queryParam('d=abc&c=stable', 'd')).toBe('abc');
    expect(queryParam('xd=1&d=2', 'd')).toBe('2');
    expect(queryParam('xd=1', 'd')).toBeUndefined();
    expect(queryParam('r=disk+full%3A%205%25', 'r')).toBe('disk full: 5%');
    expect(queryParam('d=&c=x', 'd')).toBeUndefined();
    expect(queryParam('', 'd')).toBeUndefined();
  });
});
