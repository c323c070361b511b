import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { beaconKey, beaconQuery, BEACON_BODY, BEACON_RESULTS } from '../../src/protocol/beacon.js';
import { createHash } from 'node:crypto';
import { beaconUrl, sendBeacon } from '../../src/device/beacon.js';
import { aggregate } from '../../src/telemetry/aggregate.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { KEYS, makeStore, request, startServer, type StoreFixture } from '../edge/helpers.js';

let store: StoreFixture | undefined;
afterEach(async () => {
  await store?.cleanup();
  store = undefined;
});

test('the log `otactl serve` writes: checks with 304s, a resumed download counted once, beacons with reasons', async () => {
  store = await makeStore();
  const build = 'b-0123456789ab';
  for (const result of ['ok', 'fail'] as const) {
    const file = path.join(store.root, ...beaconKey('demo', build, result).split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, BEACON_BODY);
  }
  const logFile = path.join(store.base, 'access.log');
  const server = await startServer(store.root, { accessLog: undefined, accessLogPath: logFile });
  try {
    const first = await request(server.url, `/${KEYS.manifest}?d=h1`);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect((await request(server.url, `/${KEYS.manifest}?d=h2`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await request(server.url, `/${store.artifactKey}`)).status).toBe(200);
    expect((await request(server.url, `/${store.artifactKey}`, { headers: { range: 'bytes=0-99999' } })).status).toBe(206);
    expect((await request(server.url, `/${store.artifactKey}`, { headers: { range: 'bytes=100000-' } })).status).toBe(206);
    const ok = `/${beaconKey('demo', build, 'ok')}?${beaconQuery({ device: 'h1', channel: 'stable' })}`;
    expect((await request(server.url, ok)).status).toBe(200);
    const fail = `/${beaconKey('demo', build, 'fail')}?${beaconQuery({ device: 'h2', channel: 'stable', reason: 'disk full: 5% left' })}`;
    expect((await request(server.url, fail)).status).toBe(200);
  } finally {
    await server.close();
  }
  const report = await aggregate(readLogs(logFile), {
    artifacts: new Map([[store.artifactHex, { app: 'demo', build_id: build, channel: 'stable' }]]),
    by: 'day',
  });
  expect(report.lines).toMatchObject({ read: 7, malformed: 0 });
  expect(report.channels).toHaveLength(1);
  expect(report.channels[0]).toMatchObject({
    app: 'demo',
    channel: 'stable',
    checks: 2,
    not_modified: 1,
    devices: 2,
    builds: [{ build_id: build, downloads: 2, installs: { ok: 1, fail: 1 }, verify_fail: 0, reasons: { 'disk full: 5% left': 1 } }],
  });
});

test('the device SDK sends beacons beside the manifest, with the hashed id; stats count them; failures never throw', async () => {
  store = await makeStore();
  const build = 'b-0123456789ab';
  for (const result of BEACON_RESULTS) {
    const file = path.join(store.root, ...beaconKey('demo', build, result).split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, BEACON_BODY);
  }
  const logFile = path.join(store.base, 'access.log');
  const server = await startServer(store.root, { accessLog: undefined, accessLogPath: logFile });
  const manifest = { app: 'demo', channel: 'stable', salt: 'salt-1' };
  const report = (deviceId: string, result: (typeof BEACON_RESULTS)[number], reason?: string) => ({
    manifestUrl: `${server.url}/${KEYS.manifest}?d=x`,
    manifest,
    deviceId,
    buildId: build,
    result,
    ...(reason === undefined ? {} : { reason }),
  });
  let downUrl: string;
  try {
    const url = new URL(beaconUrl(report('device-42', 'verify_fail', 'E_VERIFY'.repeat(20))));
    expect(url.pathname).toBe(`/apps/demo/beacons/${build}/verify_fail.txt`);
    // The telemetry id (stable across rollouts), never the raw id.
    expect(url.searchParams.get('d')).toBe(createHash('sha256').update('otactl-device:device-42').digest('hex'));
    expect(url.search).not.toContain('device-42');
    expect(url.searchParams.get('r')).toHaveLength(64);
    expect(await sendBeacon(report('device-1', 'ok'))).toBe(true);
    expect(await sendBeacon(report('device-2', 'ok'))).toBe(true);
    expect(await sendBeacon(report('device-3', 'verify_fail', 'E_VERIFY'))).toBe(true);
    expect(await sendBeacon({ ...report('device-4', 'fail'), buildId: 'b-ffffffffffff' })).toBe(false); // no such object: 404
    downUrl = server.url;
  } finally {
    await server.close();
  }
  expect(await sendBeacon({ ...report('device-5', 'ok'), manifestUrl: `${downUrl}/${KEYS.manifest}` }, { timeoutMs: 5000 })).toBe(false);
  const stats = await aggregate(readLogs(logFile), { artifacts: new Map(), by: 'day' });
  expect(stats.channels.map((c) => [c.channel, c.devices, c.builds])).toEqual([
    [
      'stable',
      4,
      [
        expect.objectContaining({ build_id: build, downloads: 0, installs: { ok: 2, fail: 0 }, verify_fail: 1, reasons: { E_VERIFY: 1 } }),
        expect.objectContaining({ build_id: 'b-ffffffffffff', downloads: 0, installs: { ok: 0, fail: 1 }, verify_fail: 0, reasons: {} }),
      ],
    ],
  ]);
});
