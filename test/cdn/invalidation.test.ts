/**
 * The CloudFront invalidation after a channel change, in process through a MemoryStore and the
 * library. CloudFront has no local server, so the invalidation is checked against a local
 * node:http endpoint (test/helpers/cloudfront-endpoint.ts) that asserts the request shape of the
 * real API (path, XML InvalidationBatch, CallerReference, SigV4 for service cloudfront) and
 * answers with CloudFront's documented XML; the real @aws-sdk/client-cloudfront talks to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Cdn,
  callerReference,
  CloudFrontInvalidator,
  invalidateChannel,
  MemoryStore,
  openRepository,
  promote,
  refresh,
  releaseDeps,
  repair,
  rollback,
  rollout,
  rolloutTick,
  type ReleaseDeps,
} from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { startFakeCloudFront, type FakeCloudFront } from '../helpers/cloudfront-endpoint.js';
import { memoryRelease, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'demo';
const CH = 'stable';
const DIST = 'E2QWRUHAPOMQZL';
const BASE = 'https://cdn.example.com/ota';
const MANIFEST_PATH = `/ota/apps/${APP}/channels/${CH}/manifest.json`;

let fake: FakeCloudFront;
let mem: MemoryRelease;

function withCdn(wait = false): ReleaseDeps {
  const invalidator = new CloudFrontInvalidator({
    distributionId: DIST,
    endpoint: fake.url,
    pollSeconds: { min: 0.05, max: 0.1 },
    maxWaitSeconds: 20,
    clientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' }, maxAttempts: 2 },
  });
  return { ...mem.deps, cdn: new Cdn({ baseUrl: BASE, invalidator, wait }) };
}

const build = (versionCode: number) => mem.build(versionCode);

beforeEach(async () => {
  fake = await startFakeCloudFront();
  mem = await memoryRelease({ repo: { publicUrl: BASE } });
});
afterEach(async () => {
  expect(fake.malformed).toEqual([]);
  await fake.close();
});

describe('invalidation after a channel change', () => {
  it('promote invalidates exactly the manifest path under the base URL\'s path, signed for cloudfront', async () => {
    const b1 = await build(1);
    const r = await promote(withCdn(), { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    expect(fake.batches).toHaveLength(1);
    const [batch] = fake.batches;
    expect(batch).toMatchObject({ distributionId: DIST, paths: [MANIFEST_PATH] });
    expect(batch!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cloudfront\/aws4_request/);
    const head = (await mem.repo.readChannel(APP, CH))!;
    expect(batch!.callerReference).toBe(callerReference({ app: APP, channel: CH, sequence: 1, change: head.payload.change }));
    expect(r.invalidation).toEqual({ distribution_id: DIST, id: 'I0000000000001', paths: [MANIFEST_PATH], status: 'InProgress' });
    expect(fake.polls).toEqual([]); // no --wait: no GetInvalidation
  });

  it('every workflow that replaces the manifest invalidates it, each change with its own CallerReference', async () => {
    const b1 = await build(1);
    const b2 = await build(2);
    const deps = withCdn();
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 100 });
    await promote(deps, { app: APP, channel: CH, build: b2.build_id, percent: 10, dryRun: false });
    await rollout(deps, { app: APP, channel: CH, percent: 20, plan: { steps: [20, 100], everySeconds: 3600, maxFailureRate: 2, minSamples: 1 } });
    const tick = await rolloutTick({ ...deps, now: () => new Date('2026-11-30T14:00:00Z') }, { app: APP, channel: CH, results: async () => ({ ok: 50, fail: 0, verify_fail: 0 }) });
    expect(tick.change?.invalidation?.paths).toEqual([MANIFEST_PATH]);
    await rollback(deps, { app: APP, channel: CH });
    await refresh(deps, { app: APP, channel: CH });
    (mem.store as MemoryStore).tamper(layout.manifest(APP, CH), Buffer.from('{"truncated'));
    const fixed = await repair(deps, { app: APP, channel: CH });
    expect(fixed.invalidation?.paths).toEqual([MANIFEST_PATH]);
    expect(fake.batches.map((b) => b.paths)).toEqual(Array(7).fill([MANIFEST_PATH]));
    expect(new Set(fake.batches.map((b) => b.callerReference)).size).toBe(7);
  });

  it('a dry run and a no-op invalidate nothing (the field is null)', async () => {
    const b1 = await build(1);
    const deps = withCdn();
    const dry = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10, dryRun: true });
    expect(dry.invalidation).toBeNull();
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    const same = await rollout(deps, { app: APP, channel: CH, percent: 10 });
    expect(same).toMatchObject({ changed: false, invalidation: null });
    expect(await repair(deps, { app: APP, channel: CH })).toMatchObject({ changed: false, invalidation: null });
    expect(fake.batches).toHaveLength(1); // the real promote only
    const without = await rollout(mem.deps, { app: APP, channel: CH, percent: 10 });
    expect('invalidation' in without).toBe(false); // no distribution: no field
  });

  it('--wait polls GetInvalidation until Completed', async () => {
    const b1 = await build(1);
    fake.pollsUntilComplete = 2;
    const r = await promote(withCdn(true), { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    expect(fake.polls).toEqual(['InProgress', 'InProgress', 'Completed']);
    expect(r.invalidation?.status).toBe('Completed');
  });

  for (const status of [500, 403]) {
    it(`a ${status} after the publish is a partial success (exit 4) naming otactl invalidate; the re-run succeeds`, async () => {
      const b1 = await build(1);
      const deps = withCdn();
      fake.failWith = status;
      const err = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'E_INVALIDATION', exitCode: 4, details: { distribution_id: DIST, http_status: status, change: { sequence: 1, changed: true } } });
      expect((err as Error).message).toMatch(/demo\/stable sequence 1 WAS published/);
      expect((err as Error).message).toMatch(/re-run: `otactl invalidate app=demo channel=stable`$/);
      const head = (await mem.repo.readChannel(APP, CH))!;
      expect(head.payload).toMatchObject({ sequence: 1, build: { build_id: b1.build_id } }); // the store holds the new manifest

      fake.failWith = null;
      const again = await invalidateChannel(deps, { app: APP, channel: CH });
      expect(again).toMatchObject({ sequence: 1, invalidation: { paths: [MANIFEST_PATH], status: 'InProgress' } });
      expect(fake.batches.at(-1)!.callerReference).toBe(callerReference({ app: APP, channel: CH, sequence: 1, change: head.payload.change }));
    });
  }

  it('otactl invalidate of the same change twice gets CloudFront\'s same invalidation back (one CallerReference)', async () => {
    const b1 = await build(1);
    const deps = withCdn();
    const first = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    const again = await invalidateChannel(deps, { app: APP, channel: CH });
    expect(again.invalidation?.id).toBe(first.invalidation?.id);
    expect(new Set(fake.batches.map((b) => b.callerReference)).size).toBe(1);
  });

  it('the invalidation path sits at the root without a base URL; invalidate refuses a channel never published', async () => {
    const bare = await openRepository({ store: mem.store, trustedKeys: [mem.key.publicKey], signingKeys: [mem.key.privateKey] });
    const invalidator = new CloudFrontInvalidator({ distributionId: DIST, endpoint: fake.url, clientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } } });
    const deps = { ...releaseDeps(bare, 'ci-bot'), cdn: new Cdn({ invalidator }) };
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    expect(fake.batches[0]!.paths).toEqual([`/apps/${APP}/channels/${CH}/manifest.json`]);
    await expect(invalidateChannel(deps, { app: APP, channel: 'beta' })).rejects.toMatchObject({ code: 'E_NO_CHANNEL', exitCode: 2 });
  });
});
