/**
 * The TypeScript device SDK with delta patches (docs/delta.md), over real HTTP (otactl serve on a
 * file:// store): a device running a base the manifest lists takes the patch; a garbled, missing
 * or misapplied patch falls back to the full image; either way only the build's exact bytes are
 * handed to the installer.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promote, upload } from '../../src/index.js';
import { Updater } from '../../src/device/updater.js';
import type { DeviceEvent } from '../../src/device/events.js';
import type { RunningImage } from '../../src/device/delta.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { layout } from '../../src/repo/layout.js';
import type { ManifestPayload } from '../../src/protocol/schemas.js';
import { memoryRelease, scratchDir, type MemoryRelease } from '../helpers/memory-release.js';
import { hello, validationHash, variant } from '../artifacts/esp/delta-images.mjs';

const dir = scratchDir('device-delta');
const storeDir = join(dir, 'store');
const v1 = hello();
const v2 = variant(v1, { version: 'v1.0.2', words: 30, insert: 200, seed: 2 });
const other = variant(v1, { version: 'v0.9', words: 500, seed: 8 });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let r: MemoryRelease;
let server: RunningStoreServer;
let manifest: ManifestPayload;
let trusted: Map<string, import('node:crypto').KeyObject>;

beforeAll(async () => {
  mkdirSync(storeDir);
  r = await memoryRelease({ store: storeDir });
  const keyid = createHash('sha256').update(r.key.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  trusted = new Map([[keyid, r.key.publicKey]]);
  for (const [i, img] of [v1, v2].entries()) {
    const file = join(dir, `fw${i}.bin`);
    writeFileSync(file, img);
    const b = await upload(r.deps, { file, app: 'sensor', kind: 'esp', versionCode: i + 1, versionName: `1.0.${i + 1}` });
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b.build_id, percent: 100 });
  }
  manifest = (await r.repo.readChannel('sensor', 'stable'))!.payload;
  expect(manifest.build.deltas).toHaveLength(1);
  server = await serveStore({ root: storeDir, port: 0 });
});
afterAll(async () => server?.close());

let n = 0;
async function runCheck(running: RunningImage | null) {
  const events: DeviceEvent[] = [];
  let installed: Buffer | null = null;
  const u = new Updater({
    manifestUrl: `${server.url}/apps/sensor/channels/stable/manifest.json`,
    trusted,
    downloadDir: join(dir, `dl-${n++}`),
    now: () => r.clock.now,
    install: async (file) => void (installed = readFileSync(file)),
    onEvent: (e) => events.push(e),
    runningImage: async () => running,
  });
  const out = await u.check({ device_id: 'dev-1', current_version_code: 1, chip: 'esp32' }, { wifi: true });
  return { out, events: events.map((e) => (e.reason ? `${e.name}:${e.reason}` : e.name)), installed: installed as Buffer | null };
}

const running = (bytes: Buffer, hash = validationHash(bytes)): RunningImage => ({ bytes, validationHash: hash });
const patchPath = () => join(storeDir, layout.artifact(manifest.build.deltas![0]!.sha256));

describe('device SDK: delta patches with a full-image fallback', () => {
  it('a device running the base takes the patch (no full download) and installs the exact build', async () => {
    const { events, installed } = await runCheck(running(v1));
    expect(events).toContain(`ota.delta.start:${manifest.build.deltas![0]!.from_build_id}`);
    expect(events.some((e) => e.startsWith('ota.download.start'))).toBe(false);
    expect(sha(installed!)).toBe(sha(v2));
  });

  it('a device running an image no patch was made from downloads the full image', async () => {
    const { events, installed } = await runCheck(running(other));
    expect(events.some((e) => e.startsWith('ota.delta'))).toBe(false);
    expect(events).toContain('ota.download.start');
    expect(installed!.equals(v2)).toBe(true);
  });

  it('flash that does not match its validation hash: the patched image fails the SHA-256, the full image is installed', async () => {
    const damaged = Buffer.from(v1);
    damaged[5000] = damaged[5000]! ^ 0xff;
    const { events, installed } = await runCheck(running(damaged, validationHash(v1)));
    expect(events).toContain('ota.delta.fail:delta_sha256');
    expect(events).toContain('ota.download.start');
    expect(installed!.equals(v2)).toBe(true);
  });

  it('a garbled patch in the store fails its signed SHA-256; a deleted one fails to download: both fall back', async () => {
    const good = readFileSync(patchPath());
    try {
      const bad = Buffer.from(good);
      bad[100] = bad[100]! ^ 1;
      writeFileSync(patchPath(), bad);
      const garbled = await runCheck(running(v1));
      expect(garbled.events.find((e) => e.startsWith('ota.delta.fail'))).toBeDefined();
      expect(garbled.events).toContain('ota.download.start');
      expect(garbled.installed!.equals(v2)).toBe(true);
      unlinkSync(patchPath());
      const missing = await runCheck(running(v1));
      expect(missing.events.find((e) => e.startsWith('ota.delta.fail'))).toBeDefined();
      expect(missing.installed!.equals(v2)).toBe(true);
    } finally {
      writeFileSync(patchPath(), good);
    }
  });
});
