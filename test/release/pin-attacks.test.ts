/**
 * Independent checker's attacks on the signer pin (issue 17 item 1), with inputs the other tests
 * do not use: what a store writer without the signing key can delete or plant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { promote, refresh, releaseDeps, repair, rollback, rollout, upload } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { memoryRelease, removeKeys as remove, storeSnapshot as snapshot, type MemoryRelease } from '../helpers/memory-release.js';
import { repoRoot } from '../helpers/cli.js';

const APP = 'demo';


describe('a store writer cannot make an upload a first upload again', () => {
  for (const junk of [`apps/${APP}/builds/a`, `apps/${APP}/builds/0/x.json`, `apps/${APP}/builds/a.txt`]) {
    it(`app.json and every manifest deleted, the release records kept, and ${junk} planted in front of them: still E_APP_RECORD`, async () => {
      const r = await memoryRelease();
      await r.build(1);
      await remove(r, layout.app(APP));
      await r.store.putIfAbsent(junk, Buffer.from('{}'));
      await expect(r.build(2)).rejects.toMatchObject({ code: 'E_APP_RECORD', exitCode: 5 });
      expect(await r.store.get(layout.app(APP))).toBeNull();
    });
  }
});

// Real APKs signed by Debian's apksigner (test/artifacts/apk/fresh/make-apks.sh): rsa-v123 (RSA key, code 18),
// dsa-v2 (DSA key, code 24, not rotated from RSA), rotated-v3 (code 28, v3 lineage from the RSA key).
describe('promote checks every build it publishes against the signer devices run', () => {
  const apks = join(repoRoot, 'test', '.generated', 'apks');
  const apk = (file: string) => join(apks, file);
  const FRESH = 'dev.otactl.fresh';
  let signerOf: (file: string) => string;
  beforeAll(() => {
    // made once per run by the apks project's global setup (test/setup/fresh-apks.ts)
    const index: { file: string; apksigner: { signer_cert_sha256: string[] } }[] = JSON.parse(readFileSync(join(apks, 'index.json'), 'utf8')).apks;
    signerOf = (file) => index.find((a) => a.file === file)!.apksigner.signer_cert_sha256[0]!;
  });

  it('an --intermediate signed by another key (accepted by the app record) is E_SIGNER_CHANGED, nothing published; --allow-signer-change publishes it and records it', async () => {
    const r = await memoryRelease();
    const first = await upload(r.deps, { file: apk('rsa-v123.apk') });
    await promote(r.deps, { app: FRESH, channel: 'stable', build: first.build_id, percent: 100 });
    // The app record accepts the DSA key (a signer change allowed at upload, for another channel).
    const dsa = await upload(r.deps, { file: apk('dsa-v2.apk'), allowSignerChange: true });
    const rotated = await upload(r.deps, { file: apk('rotated-v3.apk') });
    const before = await snapshot(r);
    // Devices on the RSA build (code 18 < 24) would take the DSA intermediate first: Android refuses it.
    const req = { app: FRESH, channel: 'stable', build: rotated.build_id, percent: 100, minCurrentVersion: 24, intermediate: dsa.build_id };
    await expect(promote(r.deps, req)).rejects.toMatchObject({ code: 'E_SIGNER_CHANGED', exitCode: 6, details: { signer: signerOf('dsa-v2.apk'), expected: [signerOf('rsa-v123.apk')] } });
    expect(await snapshot(r)).toBe(before);
    await promote(r.deps, { ...req, allowSignerChange: true });
    const history = await r.repo.readHistory((await r.repo.readChannel(FRESH, 'stable'))!);
    expect(history[0]!.details.intermediate_signer_change).toEqual({ from: signerOf('rsa-v123.apk'), to: signerOf('dsa-v2.apk') });
  });
  it('rollback --to a build of another key (accepted by the app record) is E_SIGNER_CHANGED, nothing published; --allow-signer-change publishes it and records it; back to the last safe build of the old key stays allowed', async () => {
    const r = await memoryRelease();
    const first = await upload(r.deps, { file: apk('rsa-v123.apk') });
    await promote(r.deps, { app: FRESH, channel: 'stable', build: first.build_id, percent: 100 });
    const dsa = await upload(r.deps, { file: apk('dsa-v2.apk'), allowSignerChange: true });
    const before = await snapshot(r);
    // Every device on the RSA build would be offered the DSA build at 100%, which Android refuses.
    await expect(rollback(r.deps, { app: FRESH, channel: 'stable', to: dsa.build_id })).rejects.toMatchObject({ code: 'E_SIGNER_CHANGED', exitCode: 6 });
    expect(await snapshot(r)).toBe(before);
    await rollback(r.deps, { app: FRESH, channel: 'stable', to: dsa.build_id, allowSignerChange: true });
    const history = await r.repo.readHistory((await r.repo.readChannel(FRESH, 'stable'))!);
    expect(history[0]!.details.signer_change).toEqual({ from: signerOf('rsa-v123.apk'), to: signerOf('dsa-v2.apk') });
    // The channel's last safe build is now the DSA one; going back to the RSA build by name is a change again.
    await expect(rollback(r.deps, { app: FRESH, channel: 'stable', to: first.build_id })).rejects.toMatchObject({ code: 'E_SIGNER_CHANGED' });
    // A promote after an allowed signer change, then a plain rollback to its last safe build (the old key): allowed.
    const r2 = await memoryRelease();
    const a = await upload(r2.deps, { file: apk('rsa-v123.apk') });
    await promote(r2.deps, { app: FRESH, channel: 'stable', build: a.build_id, percent: 100 });
    const b = await upload(r2.deps, { file: apk('dsa-v2.apk'), allowSignerChange: true });
    await promote(r2.deps, { app: FRESH, channel: 'stable', build: b.build_id, percent: 10, allowSignerChange: true });
    expect((await rollback(r2.deps, { app: FRESH, channel: 'stable' })).to.build_id).toBe(a.build_id);
  });
});

describe('the actor rule holds in the library for what no command line can carry', () => {
  it('an actor with a lone surrogate or a line separator signs nothing (E_ACTOR, exit 2)', async () => {
    const r = await memoryRelease();
    await r.build(1);
    await promote(r.deps, { app: APP, channel: 'stable', build: (await r.build(2)).build_id, percent: 100 });
    const before = await snapshot(r);
    for (const actor of ['ci\ud800bot', 'ci\udc00', 'ci\u2028forged line']) {
      expect(() => releaseDeps(r.repo, actor)).toThrow(expect.objectContaining({ code: 'E_ACTOR', exitCode: 2 }));
      await expect(refresh({ ...r.deps, actor }, { app: APP, channel: 'stable' })).rejects.toMatchObject({ code: 'E_ACTOR' });
    }
    expect(await snapshot(r)).toBe(before);
    // A well-formed astral character is text.
    await refresh({ ...r.deps, actor: 'ci \u{1F680}' }, { app: APP, channel: 'stable' });
  });
});

describe('a store writer cannot reset a channel by deleting its manifest', () => {
  it('a change on a channel whose manifest is gone but whose history is there is E_NO_MANIFEST (exit 5, names repair), not a first promote at sequence 1; repair restores it', async () => {
    const r = await memoryRelease();
    const b1 = await r.build(1);
    await promote(r.deps, { app: APP, channel: 'stable', build: b1.build_id, percent: 100 });
    const b2 = await r.build(2);
    await promote(r.deps, { app: APP, channel: 'stable', build: b2.build_id, percent: 100 });
    await r.store.delete(layout.manifest(APP, 'stable'));
    const before = await snapshot(r);
    // Devices hold sequence 2: a new "first" manifest at sequence 1 would be refused as a replay.
    await expect(promote(r.deps, { app: APP, channel: 'stable', build: b1.build_id, percent: 100 })).rejects.toMatchObject({
      code: 'E_NO_MANIFEST',
      exitCode: 5,
      message: expect.stringContaining(`\`otactl repair app=${APP} channel=stable\``),
    });
    await expect(rollout(r.deps, { app: APP, channel: 'stable', percent: 50 })).rejects.toMatchObject({ code: 'E_NO_MANIFEST' });
    expect(await snapshot(r)).toBe(before);
    await repair(r.deps, { app: APP, channel: 'stable' });
    const b3 = await r.build(3);
    expect((await promote(r.deps, { app: APP, channel: 'stable', build: b3.build_id, percent: 10 })).sequence).toBeGreaterThan(2);
  });
});
