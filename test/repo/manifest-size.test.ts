import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planChange, type ChangeContext } from '../../src/core/channel.js';
import { Repository } from '../../src/repo/repository.js';
import { DEVICE_MANIFEST_CAPS, ESP_MANIFEST_CAP, OTHER_MANIFEST_CAP } from '../../src/repo/manifest-size.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { FileStore } from '../../src/store/file-store.js';
import { promote } from '../../src/index.js';
import { buildRef, promoteAction } from '../core/_fixtures.js';
import { memoryRelease } from '../helpers/memory-release.js';
import { appDesc, buildApp } from '../artifacts/esp/builder.js';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { cliWorkspace } from '../helpers/run-cli.js';
import { p256 } from '../helpers/keys.js';
import { changeContext } from '../helpers/change-context.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-size-'));
  dirs.push(dir);
  const { privateKey, publicKey } = p256();
  const keyid = keyIdOf(publicKey);
  const repo = new Repository(new FileStore(dir), { trusted: new Map([[keyid, publicKey]]), signing: async () => [{ keyid, privateKey }] });
  return { dir, repo };
}

const ctx: ChangeContext = changeContext({ actor: 'ci', expiresInSeconds: 3600, newSalt: () => 'feedfacefeedface' });
const esp = buildRef(100, { kind: 'esp-app', chip: 'esp32', signer_fingerprint: null, url: '../artifacts/100.bin' });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `device-${i}`);

describe('the signed manifest against the device agents\' caps', () => {
  it('the caps are the templates\' own (ESP-IDF 16 KiB, ESP8266 8 KiB less one, Android and TS 1 MiB)', () => {
    expect(DEVICE_MANIFEST_CAPS).toEqual({ 'esp-idf': 16384, 'arduino-esp8266': 8191, android: 1 << 20, typescript: 1 << 20 });
    expect(ESP_MANIFEST_CAP).toBe(8191);
    expect(OTHER_MANIFEST_CAP).toBe(1 << 20);
  });

  it('ESP firmware: 150 canary device ids make the envelope larger than ESP devices read: E_MANIFEST_TOO_LARGE, nothing written', async () => {
    const { dir, repo } = setup();
    const plan = planChange(null, promoteAction(esp, { app: 'demo', canaryDeviceIds: ids(150) }), ctx);
    const err = await repo.commit(null, plan).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_MANIFEST_TOO_LARGE', details: { cap: 8191 } });
    expect((err as Error).message).toMatch(/demo\/stable is \d{5} bytes; ESP devices read at most 8191 .*canary device ids \(150,/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ESP firmware: a long canary tag too; a manifest under the cap is published', async () => {
    const { dir, repo } = setup();
    const long = planChange(null, promoteAction(esp, { app: 'demo', canaryTags: ['t'.repeat(7000)] }), ctx);
    await expect(repo.commit(null, long)).rejects.toMatchObject({ code: 'E_MANIFEST_TOO_LARGE' });
    expect(readdirSync(dir)).toEqual([]);
    const warnings: string[] = [];
    await repo.commit(null, planChange(null, promoteAction(esp, { app: 'demo', canaryDeviceIds: ids(20) }), ctx), undefined, (w) => warnings.push(w));
    expect((await repo.readChannel('demo', 'stable'))?.payload.canary.device_sha256).toHaveLength(20);
    expect(warnings).toEqual([]);
  });

  it('another kind over the Android/TS cap is published with a warning in the result and to onWarning', async () => {
    const seen: string[] = [];
    const r = await memoryRelease({ deps: { onWarning: (w) => seen.push(w) } });
    const { build_id } = await r.build(1);
    const result = await promote(r.deps, { app: 'demo', channel: 'stable', build: build_id, percent: 10, canaryTags: ['t'.repeat(OTHER_MANIFEST_CAP)] });
    expect(result.sequence).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/is \d{7} bytes; Android and TypeScript agents read at most 1048576/);
    expect(result.warnings).toContain(seen[0]);
  });
});

describe('otactl promote of ESP firmware with too many canary devices', { timeout: 120_000 }, () => {
  it('exit 2 E_MANIFEST_TOO_LARGE naming size, cap and what to trim; the store unchanged; 20 canary devices publish', async () => {
    const ws = cliWorkspace();
    expect((await ws.run(['init'])).code).toBe(0);
    const fw = ws.file('fw.bin', buildApp('esp32s3', { desc: appDesc({ version: '1.0.0', secureVersion: 1, project: 'sensor' }), seed: 1 }));
    const up = await ws.run(['upload', fw, '--app', 'sensor', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const store = join(ws.dir, 'ota-store');
    const before = treeSnapshot(store);
    const canaries = (n: number) => ids(n).flatMap((id) => ['--canary-device', id]);
    const promote = (n: number) => ws.run(['promote', up.json().build_id, '--app', 'sensor', '--channel', 'stable', '--rollout', '10', '--yes', '--json', ...canaries(n)]);
    const r = await promote(150);
    expectCleanFailure(r, 2, 'E_MANIFEST_TOO_LARGE');
    expect(r.json().error.message).toMatch(/sensor\/stable is \d{5} bytes; ESP devices read at most 8191 .*trim the canary device ids \(150,/);
    expect(treeSnapshot(store)).toBe(before);
    const fits = await promote(20);
    expect(fits.code, fits.stderr).toBe(0);
    expect(fits.stderr).not.toMatch(/warning/);
  });
});
