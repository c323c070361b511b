import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { beaconKey, beaconQuery, BEACON_BODY } from '../../src/core/beacon.js';
import { aggregate } from '../../src/telemetry/aggregate.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { KEYS, makeStore, request, startServer, type StoreFixture } from '../serve/helpers.js';

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
