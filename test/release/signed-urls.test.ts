/**
 * Private CloudFront distributions through the release library on a MemoryStore: every manifest
 * sealed (promote, rollout, rollback, refresh, repair) carries artifact URLs whose signed policy
 * ends no earlier than that manifest, checked with the CloudFront-style verifier (node:crypto only).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { signedUntil } from '../../src/cdn/signed-url.js';
import { hasSignature, verifySignedUrl } from '../../src/cdn/url-signature.js';
import type { BuildRef, ManifestPayload } from '../../src/core/schemas.js';
import { MemoryStore, openRepository, promote, refresh, releaseDeps, repair, rollback, rollout, upload, type ReleaseDeps, type Repository } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';

const APP = 'demo';
const CH = 'stable';
const BASE = 'https://cdn.example.com/ota';
const KEY_ID = 'K2JCJMDEHXQW5F';
const manifestKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const cdnKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const cdnKeys = new Map([[KEY_ID, cdnKey.publicKey]]);
const scratch = mkdtempSync(join(tmpdir(), 'otactl-signed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let store: MemoryStore;
let repo: Repository;
let clock: Date;
let deps: ReleaseDeps;
let builds: string[];

async function open(cloudFront: boolean): Promise<Repository> {
  return openRepository({
    store,
    trustedKeys: [manifestKey.publicKey],
    signingKeys: [manifestKey.privateKey],
    publicUrl: BASE,
    ...(cloudFront ? { cloudFront: { keyPairId: KEY_ID, privateKey: cdnKey.privateKey } } : {}),
  });
}

beforeEach(async () => {
  store = new MemoryStore();
  repo = await open(true);
  clock = new Date('2026-11-30T12:00:00Z');
  deps = releaseDeps(repo, 'ci-bot', { now: () => clock, previewFleet: 10 });
  builds = [];
  for (const v of [1, 2]) {
    const file = join(scratch, `b${v}-${Math.random()}.bin`);
    writeFileSync(file, `build ${v} ${file}`);
    builds.push((await upload(deps, { file, app: APP, kind: 'file', versionCode: v })).build_id);
  }
});

async function manifest(): Promise<ManifestPayload> {
  return (await repo.readChannel(APP, CH))!.payload;
}

/** Every artifact URL of the manifest, with the build it names. */
function refs(m: ManifestPayload): BuildRef[] {
  return [m.build, m.last_safe, m.gating.intermediate].filter((r): r is BuildRef => r !== null);
}

/** Each URL verifies as CloudFront would just before the manifest expires, and its policy ends no earlier. */
function expectSignedFor(m: ManifestPayload): number[] {
  return refs(m).map((ref) => {
    expect(ref.url.startsWith(`${BASE}/${layout.artifact(ref.sha256)}?`)).toBe(true);
    const justBefore = new Date(Date.parse(m.expires_at) - 1000);
    const verdict = verifySignedUrl(ref.url, cdnKeys, justBefore);
    if (!verdict.ok) throw new Error(`${ref.build_id}: ${verdict.reason}`);
    expect(verdict.dateLessThan * 1000).toBeGreaterThanOrEqual(Date.parse(m.expires_at));
    expect(verdict.dateLessThan).toBe(signedUntil(m.expires_at));
    return verdict.dateLessThan;
  });
}

describe('signed artifact URLs in published manifests', () => {
  it('promote writes signed URLs for the build and the last safe build', async () => {
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    expectSignedFor(await manifest());
    await promote(deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const m = await manifest();
    expect(m.last_safe?.build_id).toBe(builds[0]);
    expect(expectSignedFor(m)).toHaveLength(2);
  });

  it('refresh with a later expiry signs the carried URLs again, to a later DateLessThan', async () => {
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const [before] = expectSignedFor(await manifest());
    const oldUrl = (await manifest()).build.url;
    clock = new Date('2026-12-10T12:00:00Z');
    await refresh(deps, { app: APP, channel: CH });
    const m = await manifest();
    const after = expectSignedFor(m);
    expect(after[0]).toBe(before! + 10 * 86400);
    // The old URL would stop working a day after the old manifest expired, long before the new one does.
    expect(verifySignedUrl(oldUrl, cdnKeys, new Date(Date.parse(m.expires_at) - 1000))).toEqual({ ok: false, reason: 'expired' });
    expect(m.build.url.split('?')[0]).toBe(oldUrl.split('?')[0]);
  });

  it('rollout, rollback and the history record all carry URLs valid for their manifest', async () => {
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    clock = new Date('2026-12-01T12:00:00Z');
    await rollout(deps, { app: APP, channel: CH, percent: 50 });
    expectSignedFor(await manifest());
    clock = new Date('2026-12-02T12:00:00Z');
    await rollback(deps, { app: APP, channel: CH });
    const m = await manifest();
    expect(m.build.build_id).toBe(builds[0]);
    expectSignedFor(m);
    // The sealed history record holds the manifest as published, signed URLs included.
    const history = await repo.readHistory((await repo.readChannel(APP, CH))!);
    expect(history[0]!.manifest?.build.url).toBe(m.build.url);
  });

  it('repair republishes a damaged channel with URLs signed for the repaired manifest', async () => {
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    store.tamper(layout.manifest(APP, CH), Buffer.from('{'));
    clock = new Date('2026-12-05T12:00:00Z');
    const r = await repair(deps, { app: APP, channel: CH });
    expect(r.changed).toBe(true);
    const [until] = expectSignedFor(await manifest());
    expect(until).toBe(signedUntil((await manifest()).expires_at));
  });

  it('without a CloudFront key, a channel holding signed URLs is refused, not republished with signatures that end early', async () => {
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    const unsignedRepo = await open(false);
    const plain = releaseDeps(unsignedRepo, 'ci-bot', { now: () => new Date('2026-12-10T12:00:00Z'), previewFleet: 10 });
    const before = await manifest();
    await expect(refresh(plain, { app: APP, channel: CH })).rejects.toMatchObject({ code: 'E_CLOUDFRONT_KEY', exitCode: 2 });
    expect((await manifest()).sequence).toBe(before.sequence);
    expect(hasSignature(before.build.url)).toBe(true);
  });

  it('without a CloudFront key, URLs stay unsigned as before', async () => {
    repo = await open(false);
    deps = releaseDeps(repo, 'ci-bot', { now: () => clock, previewFleet: 10 });
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    expect((await manifest()).build.url).toBe(`${BASE}/${layout.artifact((await manifest()).build.sha256)}`);
  });

  it('a changed public URL takes effect at the next change: carried builds are named under the new base, unsigned too', async () => {
    const unsigned = releaseDeps(await open(false), 'ci-bot', { now: () => clock, previewFleet: 10 });
    await promote(unsigned, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(unsigned, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const moved = 'https://ota.example.net/fleet';
    const movedRepo = await openRepository({ store, trustedKeys: [manifestKey.publicKey], signingKeys: [manifestKey.privateKey], publicUrl: moved });
    await rollout(releaseDeps(movedRepo, 'ci-bot', { now: () => clock, previewFleet: 10 }), { app: APP, channel: CH, percent: 50 });
    const m = await manifest();
    expect(refs(m).length).toBe(2); // the build and the last safe one, both carried from the manifest before
    for (const ref of refs(m)) expect(ref.url).toBe(`${moved}/${layout.artifact(ref.sha256)}`);
  });

  it('a public URL that is not http(s) is refused when the repository opens (exit 2), not at the first publish', async () => {
    for (const publicUrl of ['cdn.example.com/ota', 'ftp://cdn.example.com/ota', 'https://cdn.example.com/ota?x=1']) {
      await expect(openRepository({ store, trustedKeys: [manifestKey.publicKey], publicUrl })).rejects.toMatchObject({ code: 'E_CDN_URL', exitCode: 2 });
    }
  });

  it('openRepository refuses a CloudFront key without a public URL', async () => {
    await expect(
      openRepository({ store, trustedKeys: [manifestKey.publicKey], cloudFront: { keyPairId: KEY_ID, privateKey: cdnKey.privateKey } }),
    ).rejects.toMatchObject({ code: 'E_CLOUDFRONT_BASE_URL', exitCode: 2 });
  });
});
