/**
 * The signer pin against a store writer without the signing key (issue 17 item 1), and the
 * writer's rules held by the library whoever calls it (item 6). In process, on real APKs signed
 * by Debian's apksigner (test/artifacts/apk/fresh/make-apks.sh): rsa-v123 (RSA key), dsa-v3 (DSA key, not
 * rotated from it), rotated-v3 (EC key whose verified v3 lineage starts at the RSA key).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planChange } from '../../src/core/channel.js';
import { changeContext, releaseDeps } from '../../src/release/deps.js';
import { openManifest } from '../../src/device/manifest.js';
import { MemoryStore, promote, repair, rollout, upload } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { keyIdOf, signEnvelope, type SigningKey } from '../../src/protocol/dsse.js';
import { Repository } from '../../src/repo/repository.js';
import type { AppRecord } from '../../src/protocol/schemas.js';
import { memoryRelease, removeKeys as remove, storeSnapshot as snapshot, type MemoryRelease } from '../helpers/memory-release.js';
import { repoRoot } from '../helpers/cli.js';
import { rsa2048 } from '../helpers/keys.js';

const apks = join(repoRoot, 'test', '.generated', 'apks');
const APP = 'dev.otactl.fresh';
const CH = 'stable';
let signerOf: (file: string) => string;
const apk = (file: string) => join(apks, file);

beforeAll(() => {
  // made once per run by the apks project's global setup (test/setup/fresh-apks.ts)
  const index: { file: string; apksigner: { signer_cert_sha256: string[] } }[] = JSON.parse(readFileSync(join(apks, 'index.json'), 'utf8')).apks;
  signerOf = (file) => index.find((a) => a.file === file)!.apksigner.signer_cert_sha256[0]!;
});


/** RSA-signed build 18 uploaded and published on stable at 100%. */
async function published(): Promise<MemoryRelease & { first: string }> {
  const r = await memoryRelease();
  const first = (await upload(r.deps, { file: apk('rsa-v123.apk') })).build_id;
  await promote(r.deps, { app: APP, channel: CH, build: first, percent: 100 });
  return { ...r, first };
}

describe('the signer pin cannot be reset by deleting files', () => {
  it('app.json and every build record deleted: an APK of another key is damage (E_APP_RECORD, exit 5, naming repair), not a first upload; nothing is written', async () => {
    const r = await published();
    await remove(r, layout.app(APP));
    await remove(r, layout.releasesPrefix(APP));
    const before = await snapshot(r);
    await expect(upload(r.deps, { file: apk('dsa-v3.apk') })).rejects.toMatchObject({
      code: 'E_APP_RECORD',
      exitCode: 5,
      message: expect.stringMatching(new RegExp(`apps/${APP}/app.json is missing, but apps/${APP}/channels/${CH}/manifest.json \\(signed\\) names signer ${signerOf('rsa-v123.apk')}.*\`otactl repair app=${APP}\` rebuilds it`)),
    });
    expect(await snapshot(r)).toBe(before);
  });

  it('app.json deleted before any channel: the signed build records still name the signer', async () => {
    const r = await memoryRelease();
    await upload(r.deps, { file: apk('rsa-v123.apk') });
    await remove(r, layout.app(APP));
    const before = await snapshot(r);
    await expect(upload(r.deps, { file: apk('dsa-v3.apk') })).rejects.toMatchObject({ code: 'E_APP_RECORD', exitCode: 5 });
    expect(await snapshot(r)).toBe(before);
  });

  it('a channel change on a store whose app.json was deleted is damage too, and names repair', async () => {
    const r = await published();
    await remove(r, layout.app(APP));
    await expect(rollout(r.deps, { app: APP, channel: CH, percent: 50 })).rejects.toMatchObject({ code: 'E_APP_RECORD', message: expect.stringContaining('otactl repair') });
  });

  it('an older app record put back (fewer signers) is damage: manifests name the revision they were made under', async () => {
    const r = await memoryRelease();
    await upload(r.deps, { file: apk('rsa-v123.apk') });
    const revision1 = (await r.store.get(layout.app(APP)))!.bytes;
    const ec = await upload(r.deps, { file: apk('ec-v3.apk'), allowSignerChange: true });
    await promote(r.deps, { app: APP, channel: CH, build: ec.build_id, percent: 100 });
    expect((await r.repo.readChannel(APP, CH))!.payload.app_record).toMatchObject({ revision: 2, signers: [signerOf('rsa-v123.apk'), signerOf('ec-v3.apk')] });
    (r.store as MemoryStore).tamper(layout.app(APP), revision1);
    const before = await snapshot(r);
    await expect(upload(r.deps, { file: apk('rsa-v2.apk'), allowLowerVersion: true })).rejects.toMatchObject({
      code: 'E_APP_RECORD',
      message: expect.stringContaining('is revision 1, older than revision 2'),
    });
    expect(await snapshot(r)).toBe(before);
    // Repair keeps what the older record holds and adds what the signed documents name, above their revision.
    const fixed = await repair(r.deps, { app: APP });
    expect(fixed.app_record).toMatchObject({ revision: 3, signers: [signerOf('rsa-v123.apk'), signerOf('ec-v3.apk')] });
    expect((await upload(r.deps, { file: apk('rsa-v2.apk'), allowLowerVersion: true })).created).toBe(true);
  });

  it('repair rebuilds the record from the signed manifest, never from the upload: afterwards the other key is E_SIGNER_CHANGED and a rotation successor passes', async () => {
    const r = await published();
    await remove(r, layout.app(APP));
    await remove(r, layout.releasesPrefix(APP));
    const dry = await repair(r.deps, { app: APP, dryRun: true });
    expect(dry.app_record).toMatchObject({ revision: 2, signers: [signerOf('rsa-v123.apk')] });
    expect(await r.store.get(layout.app(APP))).toBeNull();
    const fixed = await repair(r.deps, { app: APP });
    expect(fixed).toMatchObject({ changed: true, channel: null, app_record: { revision: 2, signers: [signerOf('rsa-v123.apk')] } });
    const record = (await r.repo.readAppRecord(APP))!;
    expect(record.record.signers.map((s) => [s.fingerprint, s.reason])).toEqual([[signerOf('rsa-v123.apk'), 'existing-builds']]);

    await expect(upload(r.deps, { file: apk('dsa-v3.apk') })).rejects.toMatchObject({ code: 'E_SIGNER_CHANGED', exitCode: 6 });
    const rotated = await upload(r.deps, { file: apk('rotated-v3.apk') });
    expect(rotated.new_signer).toMatchObject({ reason: 'rotation', from: [signerOf('rsa-v123.apk')] });
    await promote(r.deps, { app: APP, channel: CH, build: rotated.build_id, percent: 10 });
    const now = (await r.repo.readAppRecord(APP))!;
    expect((await r.repo.readChannel(APP, CH))!.payload.app_record).toEqual({ revision: 3, sha256: now.sha256, signers: [signerOf('rsa-v123.apk'), signerOf('rotated-v3.apk')] });
    // The release record names the record that accepted its signer.
    expect((await r.repo.getRelease(APP, rotated.build_id))!.app_record).toEqual((await r.repo.readChannel(APP, CH))!.payload.app_record);
  });

  it('a garbled app record names repair, which rebuilds it in place', async () => {
    const r = await published();
    (r.store as MemoryStore).tamper(layout.app(APP), Buffer.from('{"payloadType":'));
    await expect(upload(r.deps, { file: apk('dsa-v3.apk') })).rejects.toMatchObject({ exitCode: 5, message: expect.stringContaining(`\`otactl repair app=${APP}`) });
    const fixed = await repair(r.deps, { app: APP, channel: CH });
    expect(fixed).toMatchObject({ app_record: { revision: 2, signers: [signerOf('rsa-v123.apk')] }, damage: null });
    await expect(upload(r.deps, { file: apk('dsa-v3.apk') })).rejects.toMatchObject({ code: 'E_SIGNER_CHANGED' });
  });

  it('repair --app on a healthy store changes nothing', async () => {
    const r = await published();
    const before = await snapshot(r);
    expect(await repair(r.deps, { app: APP })).toMatchObject({ changed: false, app_record: null });
    expect(await snapshot(r)).toBe(before);
  });
});

describe('promote checks the signer of the build the channel publishes now', () => {
  it('another key is E_SIGNER_CHANGED (exit 6) and nothing is published; --allow-signer-change publishes it and the history records it', async () => {
    const r = await published();
    const dsa = await upload(r.deps, { file: apk('dsa-v3.apk'), allowSignerChange: true });
    const before = await snapshot(r);
    await expect(promote(r.deps, { app: APP, channel: CH, build: dsa.build_id, percent: 10 })).rejects.toMatchObject({
      code: 'E_SIGNER_CHANGED',
      exitCode: 6,
      details: { signer: signerOf('dsa-v3.apk'), expected: [signerOf('rsa-v123.apk')] },
    });
    expect(await snapshot(r)).toBe(before);
    const done = await promote(r.deps, { app: APP, channel: CH, build: dsa.build_id, percent: 10, allowSignerChange: true });
    expect(done.warnings.join(' ')).toMatch(/signer changed on stable/);
    const history = await r.repo.readHistory((await r.repo.readChannel(APP, CH))!);
    expect(history[0]!.details.signer_change).toEqual({ from: signerOf('rsa-v123.apk'), to: signerOf('dsa-v3.apk') });
  });

  it('a verified v3 rotation successor of the current signer is promoted without the flag, and recorded as a rotation', async () => {
    const r = await published();
    const rotated = await upload(r.deps, { file: apk('rotated-v3.apk') });
    await promote(r.deps, { app: APP, channel: CH, build: rotated.build_id, percent: 10 });
    const history = await r.repo.readHistory((await r.repo.readChannel(APP, CH))!);
    expect(history[0]!.details.signer_rotation).toEqual({ from: signerOf('rsa-v123.apk'), to: signerOf('rotated-v3.apk') });
  });
});

describe('the library holds the writer\'s rules, whoever calls it', () => {
  const hostile = 'eve\x1b[2J\nby admin';

  it('releaseDeps refuses an actor with control characters (E_ACTOR, exit 2)', async () => {
    const r = await memoryRelease();
    expect(() => releaseDeps(r.repo, hostile)).toThrow(expect.objectContaining({ code: 'E_ACTOR', exitCode: 2 }));
    for (const bad of ['', '   ', 'x'.repeat(129), 'bidi\u202e']) expect(() => releaseDeps(r.repo, bad)).toThrow(expect.objectContaining({ code: 'E_ACTOR' }));
    expect(releaseDeps(r.repo, 'é'.repeat(128)).actor).toHaveLength(128);
  });

  it('deps built by hand with a hostile actor sign nothing: upload, promote, rollout and a direct commit or record write are refused', async () => {
    const r = await published();
    const deps = { ...r.deps, actor: hostile };
    const before = await snapshot(r);
    await expect(upload(deps, { file: apk('rsa-v2.apk') })).rejects.toMatchObject({ code: 'E_ACTOR' });
    await expect(promote(deps, { app: APP, channel: CH, build: r.first, percent: 5 })).rejects.toMatchObject({ code: 'E_ACTOR' });
    await expect(rollout(deps, { app: APP, channel: CH, percent: 5 })).rejects.toMatchObject({ code: 'E_ACTOR' });
    // Below the workflows: the repository checks each record against its to-sign schema.
    const head = (await r.repo.readChannel(APP, CH))!;
    const plan = planChange(head.payload, { action: 'rollout', percent: 5 }, { ...changeContext(r.deps), actor: hostile });
    await expect(r.repo.commit(head, plan)).rejects.toMatchObject({ code: 'E_ACTOR', exitCode: 2 });
    const rec = (await r.repo.getRelease(APP, r.first))!;
    await expect(r.repo.putRelease({ ...rec, build_id: 'b-0123456789ab', uploaded_by: hostile })).rejects.toMatchObject({ code: 'E_ACTOR' });
    await expect(r.repo.putRelease({ ...rec, build_id: 'b-0123456789ab', version_code: -1 })).rejects.toMatchObject({ code: 'E_INVALID_RECORD', exitCode: 2 });
    const app = (await r.repo.readAppRecord(APP))!;
    await expect(r.repo.putAppRecord({ ...app.record, created_by: '\x07' }, app.etag)).rejects.toMatchObject({ code: 'E_ACTOR' });
    await expect(r.repo.putAppRecord({ ...app.record, signers: [{ ...app.record.signers[0]!, by: 'a\u2066b' }] }, app.etag)).rejects.toMatchObject({ code: 'E_ACTOR' });
    expect(await snapshot(r)).toBe(before);
  });

  it('a Repository built by hand signs only with ECDSA P-256 keys', async () => {
    const r = await memoryRelease();
    const rec: AppRecord = { schema_version: 1, app: 'x', kind: 'file', created_at: r.clock.now.toISOString(), created_by: 'ci', revision: 1, signers: [] };
    const rsa = rsa2048();
    const withKeys = (signing: SigningKey[]) => new Repository(r.store, { trusted: r.repo.trustedKeys, signing: async () => signing });
    await expect(withKeys([{ keyid: keyIdOf(rsa.publicKey), privateKey: rsa.privateKey }]).putAppRecord(rec, null)).rejects.toMatchObject({ code: 'E_KEY' });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    await expect(withKeys([{ keyid: keyIdOf(p384.publicKey), privateKey: p384.privateKey }]).putAppRecord(rec, null)).rejects.toMatchObject({ code: 'E_KEY' });
    expect(await r.store.get(layout.app('x'))).toBeNull();
  });

  it('app and channel names are checked before they name a store key', async () => {
    const r = await published();
    await expect(rollout(r.deps, { app: '../escape', channel: CH, percent: 5 })).rejects.toMatchObject({ code: 'E_INVALID', exitCode: 2 });
    await expect(rollout(r.deps, { app: APP, channel: '../../x', percent: 5 })).rejects.toMatchObject({ code: 'E_INVALID', exitCode: 2 });
    await expect(repair(r.deps, { app: 'a/b' })).rejects.toMatchObject({ code: 'E_INVALID' });
  });
});

describe('manifest format 1.1: the anchor is an optional member devices ignore', () => {
  it('a manifest with the anchor and one without it (an older otactl) both open as a device opens them', async () => {
    const r = await published();
    const state = { now: r.clock.now, app: APP, channel: CH };
    const withAnchor = openManifest((await r.repo.readManifestBytes(APP, CH))!, r.repo.trustedKeys, state);
    expect(withAnchor.app_record).toMatchObject({ revision: 1 });
    expect(withAnchor.schema_version).toBe(1);
    // The same manifest without the member, signed as an older otactl did: still a valid manifest.
    const { app_record: _anchor, ...older } = withAnchor;
    const env = signEnvelope('application/vnd.otactl.manifest+json', Buffer.from(JSON.stringify(older)), [{ privateKey: r.key.privateKey, keyid: [...r.repo.trustedKeys.keys()][0]! }]);
    expect(openManifest(Buffer.from(JSON.stringify(env)), r.repo.trustedKeys, state).app_record).toBeUndefined();
  });
});
