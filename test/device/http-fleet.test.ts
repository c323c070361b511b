import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import type { DeviceEvent } from '../../src/device/events.js';
import { MemoryStateStore } from '../../src/device/state.js';
import { Updater } from '../../src/device/updater.js';
import { loadPublicKey } from '../../src/signing/keys.js';
import { parseAccessLog } from '../../src/edge/access-log.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { seededCliSuite } from '../helpers/run-cli.js';

/**
 * A simulated fleet talking real HTTP to the store served like a CDN: manifests with ETag/304,
 * artifact downloads verified by SHA-256, replay and tamper refusals, and the access log.
 */
interface SimDevice {
  id: string;
  version: number;
  state: MemoryStateStore;
  updater?: Updater;
}

describe('simulated devices over HTTP against otactl serve', () => {
  const ws = seededCliSuite();
  const salt = 'fleet-salt';
  const ch = ['--app', 'demo', '--channel', 'stable'];
  const fleet: SimDevice[] = Array.from({ length: 150 }, (_, i) => ({ id: `esp-${i}`, version: 100, state: new MemoryStateStore() }));
  const events: DeviceEvent[] = [];
  let server: RunningStoreServer;
  const logPath = join(ws.dir, 'access.log');

  async function round(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const d of fleet) {
      const out = await d.updater!.check({ device_id: d.id, current_version_code: d.version }, { wifi: true });
      const key = out.error ?? out.decision!.reason;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, ...ch, '--rollout', '100', '--yes'])).code).toBe(0);
    expect((await ws.run(['promote', ws.b2, ...ch, '--rollout', '20', '--salt', salt, '--yes'])).code).toBe(0);
    server = await serveStore({ root: join(ws.dir, 'ota-store'), port: 0, accessLogPath: logPath });
    const pubDir = join(ws.dir, 'keys');
    const { keyid, key } = await loadPublicKey(join(pubDir, readdirSync(pubDir)[0]!));
    for (const d of fleet) {
      d.updater = new Updater({
        manifestUrl: `${server.url}/apps/demo/channels/stable/manifest.json`,
        trusted: new Map([[keyid, key]]),
        state: d.state,
        downloadDir: join(ws.dir, 'downloads', d.id),
        install: async (_file, build) => {
          d.version = build.version_code; // the platform installer succeeded
        },
        onEvent: (event) => events.push(event),
      });
    }
  });
  afterAll(async () => {
    await server?.close();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('20%: exactly the devices whose bucket is below 2000 download B2 and verify it', async () => {
    const expected = fleet.filter((d) => cohortBucket(salt, d.id) < 2000).map((d) => d.id);
    const counts = await round();
    expect(counts.get('ota.eligible')).toBe(expected.length);
    expect(fleet.filter((d) => d.version === 101).map((d) => d.id)).toEqual(expected);
    expect(counts.get('ota.ineligible.cohort')).toBe(fleet.length - expected.length);
    expect(events.filter((e) => e.name === 'ota.manifest.200')).toHaveLength(fleet.length);
    expect(events.filter((e) => e.name === 'ota.install.ok').map((e) => [e.device_id, e.build_id])).toEqual(expected.map((id) => [id, ws.b2]));
  });

  it('checking again is answered 304 and updated devices skip (idempotent)', async () => {
    const before = events.length;
    const counts = await round();
    const fresh = events.slice(before);
    expect(fresh.filter((e) => e.name === 'ota.manifest.304')).toHaveLength(fleet.length);
    expect(fresh.filter((e) => e.name === 'ota.download.start')).toHaveLength(0);
    expect(counts.get('ota.skip.current')).toBe(fleet.filter((d) => d.version === 101).length);
  });

  it('raising to 60% adds devices over HTTP without moving anyone out', async () => {
    const onB2 = new Set(fleet.filter((d) => d.version === 101).map((d) => d.id));
    expect((await ws.run(['rollout', '60', ...ch, '--yes'])).code).toBe(0);
    await round();
    const now = fleet.filter((d) => d.version === 101).map((d) => d.id);
    for (const id of onB2) expect(now).toContain(id);
    expect(now).toEqual(fleet.filter((d) => cohortBucket(salt, d.id) < 6000).map((d) => d.id));
  });

  it('a tampered artifact is downloaded but never installed (ota.verify.fail)', async () => {
    const up = await ws.run(['promote', ws.b3, ...ch, '--rollout', '100', '--yes', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const sha = (await ws.run(['builds', '--app', 'demo', '--json'])).json().builds.find((b: any) => b.build_id === ws.b3).sha256;
    const artifact = join(ws.dir, 'ota-store', 'artifacts', 'sha256', sha);
    const original = readFileSync(artifact);
    const evil = Buffer.from(original);
    evil[100] = evil[100]! ^ 0xff;
    writeFileSync(artifact, evil);
    try {
      const before = events.length;
      const counts = await round();
      expect(counts.get('ota.verify.fail')).toBe(fleet.length);
      expect(events.slice(before).filter((e) => e.name === 'ota.verify.fail')).toHaveLength(fleet.length);
      expect(fleet.some((d) => d.version === 102)).toBe(false);
    } finally {
      writeFileSync(artifact, original);
    }
    await round();
    expect(fleet.every((d) => d.version === 102)).toBe(true);
  });

  it('an old manifest served again (replay) is rejected by devices that saw a newer one', async () => {
    const manifestPath = join(ws.dir, 'ota-store', 'apps/demo/channels/stable/manifest.json');
    const current = readFileSync(manifestPath);
    expect((await fleet[0]!.state.load()).manifest!.equals(current)).toBe(true); // devices hold the current manifest
    // Publish one more change, then put the previous signed manifest back in place.
    expect((await ws.run(['refresh', ...ch])).code).toBe(0);
    await round();
    writeFileSync(manifestPath, current);
    const before = events.length;
    const counts = await round();
    expect(counts.get('ota.manifest.replay')).toBe(fleet.length);
    expect(events.slice(before).filter((e) => e.name === 'ota.manifest.reject')).toHaveLength(fleet.length);
  });

  it('the access log records every request in CloudFront format', async () => {
    const rows = parseAccessLog(readFileSync(logPath, 'utf8'));
    const manifestRows = rows.filter((r) => r['cs-uri-stem'].endsWith('/manifest.json'));
    expect(manifestRows.filter((r) => r['sc-status'] === '304').length).toBe(events.filter((e) => e.name === 'ota.manifest.304').length);
    const downloads = rows.filter((r) => r['cs-uri-stem'].startsWith('/artifacts/sha256/') && r['sc-status'] === '200');
    expect(downloads.length).toBe(events.filter((e) => e.name === 'ota.download.start').length);
  });
});
