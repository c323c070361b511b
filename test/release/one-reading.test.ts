/**
 * Issue 17 item 2 / issue 16 item 7, in process: a signed document with two equal member names has
 * two readings (JSON.parse takes the last, cJSON the first), so otactl and the device SDK treat it
 * as damage. The splice: an old signed manifest's members in front of the current one's, in one
 * object. Before the fix it verified as the current manifest here and as the old one on ESP devices.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openManifest } from '../../src/device/manifest.js';
import { APP_PAYLOAD_TYPE, MANIFEST_PAYLOAD_TYPE, RELEASE_PAYLOAD_TYPE } from '../../src/protocol/schemas.js';
import { layout } from '../../src/repo/layout.js';
import { keyIdOf, signEnvelope } from '../../src/protocol/dsse.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promote, repair, rollback, rollout, upload, type MemoryStore } from '../../src/index.js';
import { memoryRelease, scratchDir, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'demo';
const CH = 'stable';
const DAMAGED = { code: 'E_TAMPERED', exitCode: 5, message: expect.stringMatching(/`otactl repair app=demo channel=stable`/) };

/** `{...old members..., ...current members...}`: both envelopes verify on their own. */
const splice = (older: Buffer, current: Buffer) => Buffer.from(`{${older.toString('utf8').trim().slice(1, -1)},${current.toString('utf8').trim().slice(1, -1)}}`);

/** Re-signs a stored envelope's payload after `edit` changed its text (a key holder's mistake, or a foreign writer). */
function resigned(r: MemoryRelease, envelopeBytes: Buffer, type: string, edit: (payload: string) => string): Buffer {
  const env = JSON.parse(envelopeBytes.toString('utf8')) as { payload: string };
  const text = edit(Buffer.from(env.payload, 'base64').toString('utf8'));
  return Buffer.from(JSON.stringify(signEnvelope(type, Buffer.from(text), [{ keyid: keyIdOf(r.key.privateKey), privateKey: r.key.privateKey }])));
}

describe('one reading of every signed document (duplicate member names are damage)', () => {
  let r: MemoryRelease;
  let store: MemoryStore;
  let older: Buffer; // the manifest of sequence 1 (rolled out at 10%)
  let current: Buffer; // sequence 2 (50%)
  let b2: string;

  beforeEach(async () => {
    r = await memoryRelease();
    store = r.store as MemoryStore;
    const b1 = await r.build(1);
    b2 = (await r.build(2)).build_id;
    await promote(r.deps, { app: APP, channel: CH, build: b1.build_id, percent: 100 });
    older = (await store.get(layout.manifest(APP, CH)))!.bytes;
    await promote(r.deps, { app: APP, channel: CH, build: b2, percent: 50 });
    current = (await store.get(layout.manifest(APP, CH)))!.bytes;
  });

  it('the splice is the attack: each half verifies, and JSON.parse alone reads the current one', async () => {
    expect(openManifest(older, r.repo.trustedKeys, { now: r.clock.now }).sequence).toBe(1);
    expect(openManifest(current, r.repo.trustedKeys, { now: r.clock.now }).sequence).toBe(2);
    const lastWins = JSON.parse(splice(older, current).toString('utf8')) as { payload: string };
    expect(lastWins.payload).toBe((JSON.parse(current.toString('utf8')) as { payload: string }).payload);
  });

  it('the device SDK refuses the spliced manifest (neither the old nor the current one)', () => {
    expect(() => openManifest(splice(older, current), r.repo.trustedKeys, { now: r.clock.now })).toThrow(
      expect.objectContaining({ code: 'E_TAMPERED', message: expect.stringMatching(/duplicate member name "payloadType"/) }),
    );
  });

  it('the SDK refuses a correctly signed payload with "sequence" twice', () => {
    const twice = resigned(r, current, MANIFEST_PAYLOAD_TYPE, (t) => t.replace('"sequence": 2', '"sequence": 9,\n  "sequence": 2'));
    expect(twice.equals(current)).toBe(false);
    expect(() => openManifest(twice, r.repo.trustedKeys, { now: r.clock.now })).toThrow(expect.objectContaining({ code: 'E_TAMPERED' }));
  });

  it('promote, rollout and rollback refuse to build on a spliced manifest and name repair; repair restores it', async () => {
    const b3 = (await r.build(3)).build_id;
    store.tamper(layout.manifest(APP, CH), splice(older, current));
    await expect(r.repo.readChannel(APP, CH)).rejects.toMatchObject({ code: 'E_TAMPERED' });
    await expect(rollout(r.deps, { app: APP, channel: CH, percent: 60 })).rejects.toMatchObject(DAMAGED);
    await expect(rollback(r.deps, { app: APP, channel: CH })).rejects.toMatchObject(DAMAGED);
    await expect(promote(r.deps, { app: APP, channel: CH, build: b3, percent: 5 })).rejects.toMatchObject(DAMAGED);
    const fixed = await repair(r.deps, { app: APP, channel: CH });
    expect(fixed).toMatchObject({ changed: true, sequence: 3, restored: { sequence: 2, percent: 50 } });
    expect((await r.repo.readChannel(APP, CH))!.payload.build.build_id).toBe(b2);
  });

  it('a manifest payload nested deeper than 8 levels is damage; 8 levels are fine', async () => {
    const deep = (levels: number) => resigned(r, current, MANIFEST_PAYLOAD_TYPE, (t) => t.replace(/}\s*$/, `,"x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`));
    store.tamper(layout.manifest(APP, CH), deep(8));
    expect((await r.repo.readChannel(APP, CH))!.payload.sequence).toBe(2);
    store.tamper(layout.manifest(APP, CH), deep(9));
    await expect(r.repo.readChannel(APP, CH)).rejects.toMatchObject({ code: 'E_TAMPERED', message: expect.stringMatching(/deeper than 8/) });
  });

  it('a release record and the app record with a duplicate name are damage too', async () => {
    const releaseKey = layout.release(APP, b2);
    const release = (await store.get(releaseKey))!.bytes;
    store.tamper(releaseKey, resigned(r, release, RELEASE_PAYLOAD_TYPE, (t) => t.replace('"app": "demo"', '"app": "other",\n  "app": "demo"')));
    await expect(r.repo.getRelease(APP, b2)).rejects.toMatchObject({ code: 'E_TAMPERED', message: expect.stringMatching(/duplicate member name "app"/) });

    const appKey = layout.app(APP);
    const appRecord = (await store.get(appKey))!.bytes;
    store.tamper(appKey, resigned(r, appRecord, APP_PAYLOAD_TYPE, (t) => t.replace('"app": "demo"', '"app": "demo",\n  "app": "demo"')));
    await expect(r.repo.readAppRecord(APP)).rejects.toMatchObject({ code: 'E_TAMPERED' });
  });
});

/**
 * The C client refuses a `\u0000` escape (a C string cannot hold it) and a lone surrogate escape in
 * any device-facing document (templates/esp-idf README: "otactl writes neither"). A library caller's
 * canary tag or model, or an APK's UTF-16 versionName, can hold either: otactl must not sign a
 * manifest that the TypeScript SDK reads and an ESP device refuses.
 */
describe('otactl never signs a manifest string a device cannot read', () => {
  const dir = scratchDir('version-name'); // at suite level: its afterAll removes it
  it.each([
    ['a canary tag with U+0000', { canaryTags: ['qa\u0000'] }, /canary\.tags\.0/],
    ['a canary tag with a lone high surrogate', { canaryTags: ['x\ud800'] }, /canary\.tags\.0/],
    ['a model with a lone low surrogate', { models: ['m\udc00'] }, /gating\.models\.0/],
  ])('%s: refused before anything is written (E_INVALID_MANIFEST)', async (_name, extra, where) => {
    const r = await memoryRelease();
    const b1 = await r.build(1);
    const before = await r.store.list('apps/demo/channels/');
    await expect(promote(r.deps, { app: APP, channel: CH, build: b1.build_id, percent: 100, ...extra })).rejects.toMatchObject({
      code: 'E_INVALID_MANIFEST',
      message: expect.stringMatching(where),
    });
    expect(await r.store.list('apps/demo/channels/')).toEqual(before);
  });

  it("a build whose version name holds U+0000 or a lone surrogate is not published; a pair is fine", async () => {
    const r = await memoryRelease();
    const build = (code: number, versionName: string) => {
      writeFileSync(join(dir, `${code}.bin`), `build ${code}`);
      return upload(r.deps, { file: join(dir, `${code}.bin`), app: APP, kind: 'file', versionCode: code, versionName });
    };
    const bad = await build(1, '1.0\u0000beta');
    await expect(promote(r.deps, { app: APP, channel: CH, build: bad.build_id, percent: 100 })).rejects.toMatchObject({
      code: 'E_INVALID_MANIFEST',
      message: expect.stringMatching(/build\.version_name/),
    });
    await expect(promote(r.deps, { app: APP, channel: CH, build: (await build(3, '1.0\udfff')).build_id, percent: 100 })).rejects.toMatchObject({ code: 'E_INVALID_MANIFEST' });
    const good = await build(2, '1.0 \ud83d\ude00');
    await promote(r.deps, { app: APP, channel: CH, build: good.build_id, percent: 100 });
    expect((await r.repo.readChannel(APP, CH))!.payload.build.version_name).toBe('1.0 \ud83d\ude00');
  });
});
