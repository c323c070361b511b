// Faults between the S3 store and the server (test/helpers/fault-proxy.ts): resets, 500s with and
// without the request applied, delays, requests never answered. otactl retries, reports what it
// knows, and the channel never names an object that is not there.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRepository, promote, releaseDeps, rollout, upload, type ReleaseDeps, type Repository } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { S3Store } from '../../src/store/s3-store.js';
import { isManifestSwap, once, startFaultProxy, type FaultProxy, type Rule } from '../helpers/fault-proxy.js';
import { createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip, s3StoreOptions } from '../helpers/s3.js';
import { p256 } from '../helpers/keys.js';

const server = s3ServerOrSkip('test/s3/faults.test.ts');
const key = p256();
const APP = 'demo';
const CH = 'stable';


describe.skipIf(!server)('S3 store through a faulty network', () => {
  let client: S3Client;
  let scratch: string;
  let bucket: string;
  let proxy: FaultProxy;
  let rule: Rule;
  let faulty: S3Store;
  let direct: S3Store;
  let repo: Repository;
  let deps: ReleaseDeps;
  let builds: string[];

  beforeAll(() => {
    client = s3Client(server!);
    scratch = mkdtempSync(join(tmpdir(), 'otactl-faults-'));
  });
  afterAll(() => {
    client?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  beforeEach(async () => {
    bucket = await createTestBucket(client, 'faults');
    rule = () => 'pass';
    proxy = await startFaultProxy(server!.endpoint, (r) => rule(r));
    faulty = new S3Store(s3StoreOptions(server!, bucket, 'ota', { endpoint: proxy.url, timeoutMs: 2000 }));
    direct = new S3Store(s3StoreOptions(server!, bucket, 'ota'));
    repo = await openRepository({ store: faulty, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
    deps = releaseDeps(repo, 'ci-bot');
    builds = [];
    for (const v of [1, 2]) {
      const file = join(scratch, `b${v}-${bucket}.bin`);
      writeFileSync(file, `build ${v} of ${bucket}`);
      builds.push((await upload(deps, { file, app: APP, kind: 'file', versionCode: v })).build_id);
    }
    await promote(deps, { app: APP, channel: CH, build: builds[0]!, percent: 10 });
  });
  afterEach(async () => {
    faulty.client.destroy();
    direct.client.destroy();
    await proxy.close();
    await removeTestBucket(client, bucket);
  });

  /** Read past the proxy: the manifest verifies, its chain walks to change 1, its build's record and artifact exist. */
  async function expectChannelSound(): Promise<{ sequence: number; percent: number; history: number }> {
    const plain = await openRepository({ store: direct, trustedKeys: [key.publicKey] });
    const head = (await plain.readChannel(APP, CH))!;
    const history = await plain.readHistory(head);
    const build = head.payload.build;
    expect(await plain.getRelease(APP, build.build_id)).not.toBeNull();
    expect(await direct.info(layout.artifact(build.sha256))).not.toBeNull();
    return { sequence: head.payload.sequence, percent: build.staged_rollout_percent, history: history.length };
  }

  it('with no fault, a change costs the requests the budget test counts on its model store: promote 6, then rollout 6 (one more record in the chain; each reads the app record its signer pin is checked against)', async () => {
    let before = faulty.requests;
    await promote(deps, { app: APP, channel: CH, build: builds[1]!, percent: 20 }); // on a channel of one change
    expect(faulty.requests - before).toBe(6);
    before = faulty.requests;
    await rollout(deps, { app: APP, channel: CH, percent: 30 }); // two changes: the whole-chain check reads one more record
    expect(faulty.requests - before).toBe(6);
    expect(proxy.seen.length).toBe(faulty.requests);
  });

  it('a 500 after the winning conditional PUT of the manifest: the re-read finds our manifest, so the change is reported as published', async () => {
    rule = once(isManifestSwap, 'forward-then-500');
    await expect(rollout(deps, { app: APP, channel: CH, percent: 20 })).resolves.toMatchObject({ sequence: 2, to: { percent: 20 } });
    expect(proxy.seen.filter((r) => r.fault === 'forward-then-500')).toHaveLength(1);
    expect(await expectChannelSound()).toEqual({ sequence: 2, percent: 20, history: 2 });
    // No second PUT was needed: the HEAD settled it.
    expect(proxy.seen.filter(isManifestSwap)).toHaveLength(1);
  });

  it('a reset after the history record was written: the re-read finds it ours, and the change goes through with one record', async () => {
    rule = once((r) => r.method === 'PUT' && r.path.includes('/history/'), 'forward-then-reset');
    await expect(rollout(deps, { app: APP, channel: CH, percent: 30 })).resolves.toMatchObject({ sequence: 2 });
    expect(await expectChannelSound()).toEqual({ sequence: 2, percent: 30, history: 2 });
    expect(await direct.list(layout.historyPrefix(APP, CH))).toHaveLength(2);
  });

  it('the first request of every kind fails (a 500 or a reset before the server saw it): promote retries each and publishes', async () => {
    const failed = new Set<string>();
    let n = 0;
    rule = (r) => {
      const kind = `${r.method} ${r.path.replace(/[0-9a-f]{16,}/g, 'X')}`;
      if (failed.has(kind)) return 'pass';
      failed.add(kind);
      return ++n % 2 ? 'fail500' : 'reset';
    };
    await expect(promote(deps, { app: APP, channel: CH, build: builds[1]!, percent: 50 })).resolves.toMatchObject({ sequence: 2 });
    expect(proxy.seen.filter((r) => r.fault !== 'pass').length).toBeGreaterThanOrEqual(4);
    expect(await expectChannelSound()).toEqual({ sequence: 2, percent: 50, history: 2 });
  });

  it('a request never answered is ended by the time limit and retried; a slow network only slows', async () => {
    rule = once((r) => r.method === 'GET' && r.path.endsWith('/manifest.json'), 'hang');
    await expect(rollout(deps, { app: APP, channel: CH, percent: 40 })).resolves.toMatchObject({ sequence: 2 });
    expect(proxy.seen.filter((r) => r.fault === 'hang')).toHaveLength(1);
    rule = () => ({ delayMs: 150 });
    await expect(rollout(deps, { app: APP, channel: CH, percent: 45 })).resolves.toMatchObject({ sequence: 3 });
    expect(await expectChannelSound()).toEqual({ sequence: 3, percent: 45, history: 3 });
  });

  it('a manifest PUT that fails every try: a store error saying the change may not be published; the channel stays whole, and the next change goes through', async () => {
    rule = (r) => (isManifestSwap(r) ? 'fail500' : 'pass');
    const err = await rollout(deps, { app: APP, channel: CH, percent: 60 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_STORE', exitCode: 7 });
    expect((err as Error).message).toMatch(
      new RegExp(`HTTP 500 InternalError on s3://${bucket}/ota/apps/demo/channels/stable/manifest.json after 5 tries; the change may or may not have been published`),
    );
    expect(proxy.seen.filter(isManifestSwap)).toHaveLength(5);
    expect(await expectChannelSound()).toEqual({ sequence: 1, percent: 10, history: 1 });
    rule = () => 'pass';
    await expect(rollout(deps, { app: APP, channel: CH, percent: 60 })).resolves.toMatchObject({ sequence: 2 });
    expect(await expectChannelSound()).toEqual({ sequence: 2, percent: 60, history: 2 });
  });
});
