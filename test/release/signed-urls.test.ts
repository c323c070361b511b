/**
 * Private CloudFront distributions through the release library on a MemoryStore: every manifest
 * sealed (promote, rollout, rollback, refresh, repair) carries artifact URLs whose signed policy
 * ends no earlier than that manifest, checked with the CloudFront-style verifier (node:crypto only).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { signedUntil } from '../../src/cdn/signed-url.js';
import { verifySignedUrl } from '../../src/edge/url-signature.js';
import { hasSignature } from '../../src/cdn/signature-params.js';
import type { BuildRef, ManifestPayload } from '../../src/protocol/schemas.js';
import { openRepository, promote, refresh, repair, rollback, rollout, type MemoryStore } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { memoryRelease, p256, type MemoryRelease, type MemoryReleaseOptions } from '../helpers/memory-release.js';
import { rsa2048 } from '../helpers/keys.js';

const APP = 'demo';
const CH = 'stable';
const BASE = 'https://cdn.example.com/ota';
const KEY_ID = 'K2JCJMDEHXQW5F';
const manifestKey = p256();
const cdnKey = rsa2048();
const cdnKeys = new Map([[KEY_ID, cdnKey.publicKey]]);
let mem: MemoryRelease;
let builds: string[];

/** A release under BASE (a new store unless given), signing artifact URLs with the CloudFront key or not. */
function open(cloudFront: boolean, opts: Pick<MemoryReleaseOptions, 'store' | 'deps'> = {}): Promise<MemoryRelease> {
  const cdn = cloudFront ? { cloudFront: { keyPairId: KEY_ID, privateKey: cdnKey.privateKey } } : {};
  return memoryRelease({ ...opts, key: manifestKey, repo: { publicUrl: BASE, ...cdn } });
}

beforeEach(async () => {
  mem = await open(true);
  builds = [(await mem.build(1)).build_id, (await mem.build(2)).build_id];
});

async function manifest(): Promise<ManifestPayload> {
  return (await mem.repo.readChannel(APP, CH))!.payload;
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
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    expectSignedFor(await manifest());
    await promote(mem.deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const m = await manifest();
    expect(m.last_safe?.build_id).toBe(builds[0]);
    expect(expectSignedFor(m)).toHaveLength(2);
  });

  it('refresh with a later expiry signs the carried URLs again, to a later DateLessThan', async () => {
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(mem.deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const [before] = expectSignedFor(await manifest());
    const oldUrl = (await manifest()).build.url;
    mem.clock.now = new Date('2026-12-10T12:00:00Z');
    await refresh(mem.deps, { app: APP, channel: CH });
    const m = await manifest();
    const after = expectSignedFor(m);
    expect(after[0]).toBe(before! + 10 * 86400);
    // The old URL would stop working a day after the old manifest expired, long before the new one does.
    expect(verifySignedUrl(oldUrl, cdnKeys, new Date(Date.parse(m.expires_at) - 1000))).toEqual({ ok: false, reason: 'expired' });
    expect(m.build.url.split('?')[0]).toBe(oldUrl.split('?')[0]);
  });

  it('rollout, rollback and the history record all carry URLs valid for their manifest', async () => {
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(mem.deps, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    mem.clock.now = new Date('2026-12-01T12:00:00Z');
    await rollout(mem.deps, { app: APP, channel: CH, percent: 50 });
    expectSignedFor(await manifest());
    mem.clock.now = new Date('2026-12-02T12:00:00Z');
    await rollback(mem.deps, { app: APP, channel: CH });
    const m = await manifest();
    expect(m.build.build_id).toBe(builds[0]);
    expectSignedFor(m);
    // The sealed history record holds the manifest as published, signed URLs included.
    const history = await mem.repo.readHistory((await mem.repo.readChannel(APP, CH))!);
    expect(history[0]!.manifest?.build.url).toBe(m.build.url);
  });

  it('repair republishes a damaged channel with URLs signed for the repaired manifest', async () => {
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    (mem.store as MemoryStore).tamper(layout.manifest(APP, CH), Buffer.from('{'));
    mem.clock.now = new Date('2026-12-05T12:00:00Z');
    const r = await repair(mem.deps, { app: APP, channel: CH });
    expect(r.changed).toBe(true);
    const [until] = expectSignedFor(await manifest());
    expect(until).toBe(signedUntil((await manifest()).expires_at));
  });

  it('without a CloudFront key, a channel holding signed URLs is refused, not republished with signatures that end early', async () => {
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    const plain = (await open(false, { store: mem.store, deps: { now: () => new Date('2026-12-10T12:00:00Z') } })).deps;
    const before = await manifest();
    await expect(refresh(plain, { app: APP, channel: CH })).rejects.toMatchObject({ code: 'E_CLOUDFRONT_KEY', exitCode: 2 });
    expect((await manifest()).sequence).toBe(before.sequence);
    expect(hasSignature(before.build.url)).toBe(true);
  });

  it('without a CloudFront key, URLs stay unsigned as before', async () => {
    mem = await open(false, { store: mem.store });
    await promote(mem.deps, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    expect((await manifest()).build.url).toBe(`${BASE}/${layout.artifact((await manifest()).build.sha256)}`);
  });

  it('a changed public URL takes effect at the next change: carried builds are named under the new base, unsigned too', async () => {
    const unsigned = (await open(false, { store: mem.store })).deps;
    await promote(unsigned, { app: APP, channel: CH, build: builds[0]!, percent: 100 });
    await promote(unsigned, { app: APP, channel: CH, build: builds[1]!, percent: 10 });
    const moved = 'https://ota.example.net/fleet';
    const movedRelease = await memoryRelease({ key: manifestKey, store: mem.store, repo: { publicUrl: moved } });
    await rollout(movedRelease.deps, { app: APP, channel: CH, percent: 50 });
    const m = await manifest();
    expect(refs(m).length).toBe(2); // the build and the last safe one, both carried from the manifest before
    for (const ref of refs(m)) expect(ref.url).toBe(`${moved}/${layout.artifact(ref.sha256)}`);
  });

  it('a public URL that is not http(s) is refused when the repository opens (exit 2), not at the first publish', async () => {
    for (const publicUrl of ['cdn.example.com/ota', 'ftp://cdn.example.com/ota', 'https://cdn.example.com/ota?x=1']) {
      await expect(openRepository({ store: mem.store, trustedKeys: [manifestKey.publicKey], publicUrl })).rejects.toMatchObject({ code: 'E_CDN_URL', exitCode: 2 });
    }
  });

  it('openRepository refuses a CloudFront key without a public URL', async () => {
    await expect(
      openRepository({ store: mem.store, trustedKeys: [manifestKey.publicKey], cloudFront: { keyPairId: KEY_ID, privateKey: cdnKey.privateKey } }),
    ).rejects.toMatchObject({ code: 'E_CLOUDFRONT_BASE_URL', exitCode: 2 });
  });
});
