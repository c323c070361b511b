// The CLI on an s3:// store, as processes: init writes the S3 settings, the release commands work
// with the file store's exit codes, 20 writers at once lose nothing, and a store that cannot be
// reached is one readable line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure, workspace, type Workspace } from '../helpers/cli.js';
import { isManifestSwap, once, startFaultProxy } from '../helpers/fault-proxy.js';
import { raceRollouts } from '../helpers/rollout-race.js';
import { bucketKeys, createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip } from '../helpers/s3.js';

const server = s3ServerOrSkip('test/s3/cli.test.ts');

describe.skipIf(!server)('otactl on an s3:// store', () => {
  let client: S3Client;
  const buckets: string[] = [];
  beforeAll(() => {
    client = s3Client(server!);
  });
  afterAll(async () => {
    for (const b of buckets) await removeTestBucket(client, b);
    client?.destroy();
  });

  /** A workspace whose config names a fresh bucket (init --store s3://... --endpoint), credentials in the env as CI has them. */
  async function s3Workspace(): Promise<Workspace & { bucket: string; builds: string[] }> {
    const bucket = await createTestBucket(client, 'cli');
    buckets.push(bucket);
    const ws = workspace();
    Object.assign(ws.env, {
      AWS_ACCESS_KEY_ID: server!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server!.secretAccessKey,
      OTACTL_S3_IF_MATCH_UNQUOTED: '1',
    });
    const init = ws.run(['init', '--store', `s3://${bucket}/ota`, '--endpoint', server!.endpoint, '--json']);
    expect(init.code, init.stderr).toBe(0);
    const builds: string[] = [];
    for (const [i, code] of [100, 101].entries()) {
      ws.file(`build${i}.bin`, Buffer.from(`build ${i} `.repeat(1000 + i)));
      const up = ws.run(['upload', `build${i}.bin`, '--app', 'demo', '--kind', 'file', '--version-code', String(code), '--json']);
      expect(up.code, up.stderr).toBe(0);
      builds.push(up.json().build_id);
    }
    return Object.assign(ws, { bucket, builds });
  }

  it('init writes the store and endpoint to the config; promote, rollout, rollback, status and history work, with nothing on stderr but otactl', async () => {
    const ws = await s3Workspace();
    const config = JSON.parse(readFileSync(join(ws.dir, 'otactl.config.json'), 'utf8'));
    expect(config.store).toBe(`s3://${ws.bucket}/ota`);
    // init found out that the gateway needs unquoted If-Match and wrote it (issue 18 item 10).
    expect(config.s3).toEqual({ endpoint: server!.endpoint, if_match_unquoted: true });

    const ch = ['--app', 'demo', '--channel', 'stable', '--yes', '--json'];
    const promote = ws.run(['promote', ws.builds[0]!, ...ch, '--rollout', '100']);
    expect(promote.code, promote.stderr).toBe(0);
    expect(promote.stderr).toBe('');
    expect(ws.run(['promote', ws.builds[1]!, ...ch, '--rollout', '10']).code).toBe(0);
    expect(ws.run(['rollout', '50', ...ch]).json().to.percent).toBe(50);
    const back = ws.run(['rollback', ...ch]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.json().to.build_id).toBe(ws.builds[0]);

    const status = ws.run(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json().channels[0]).toMatchObject({ app: 'demo', channel: 'stable', sequence: 4 });
    const history = ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(history.json().changes.map((c: { sequence: number }) => c.sequence)).toEqual([4, 3, 2, 1]);
    const keys = await bucketKeys(client, ws.bucket);
    expect(keys).toContain('ota/apps/demo/channels/stable/manifest.json');
    expect(keys.filter((k) => k.includes('/history/'))).toHaveLength(4);

    // gc on S3: nothing old to sweep (every release kept), no error.
    const gc = ws.run(['gc', '--json']);
    expect(gc.code, gc.stderr).toBe(0);

    // The same bytes again: already stored, exit 0.
    const again = ws.run(['upload', 'build0.bin', '--app', 'demo', '--kind', 'file', '--version-code', '100', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().build_id).toBe(ws.builds[0]);
  });

  it('20 rollout processes at once: each wins with its own sequence or exits 3; history has no gap and no orphan record', async () => {
    const ws = await s3Workspace();
    const history = async () => (await bucketKeys(client, ws.bucket)).filter((k) => k.startsWith('ota/apps/demo/channels/stable/history/')).length;
    await raceRollouts(ws, ws.builds[0]!, history);
  }, 300_000);

  it('a store nobody answers for: exit 7, one line naming the bucket, the key and what failed', async () => {
    const ws = await s3Workspace();
    const r = ws.run(['status', '--json', '--endpoint', 'http://127.0.0.1:9']);
    expectCleanFailure(r, 7, 'E_STORE');
    expect(r.json().error.message).toMatch(new RegExp(`^cannot list apps/ in s3://${ws.bucket}/ota: .*ECONNREFUSED.* on s3://${ws.bucket}/ota/apps/ after 5 tries`));
  }, 120_000);

  it('wrong credentials: exit 7 at once, naming the HTTP status', async () => {
    const ws = await s3Workspace();
    const r = ws.run(['status', '--json'], { env: { AWS_SECRET_ACCESS_KEY: 'wrong' } });
    expectCleanFailure(r, 7, 'E_S3_CREDENTIALS');
    expect(r.json().error.message).toMatch(/HTTP 403 SignatureDoesNotMatch on s3:\/\/.*secret key does not match/);
  });

  it('through a proxy that answers 500 after applying the winning manifest PUT: exit 0 with the change; a manifest PUT failing every try: exit 7, one line', async () => {
    const ws = await s3Workspace();
    expect(ws.run(['promote', ws.builds[0]!, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--json']).code).toBe(0);
    let rule = once(isManifestSwap, 'forward-then-500');
    const proxy = await startFaultProxy(server!.endpoint, (r) => rule(r));
    try {
      const via = ['--endpoint', proxy.url, '--app', 'demo', '--channel', 'stable', '--yes', '--json'];
      const won = await ws.runAsync(['rollout', '25', ...via]);
      expect(won.code, won.stderr).toBe(0);
      expect(won.json()).toMatchObject({ sequence: 2, to: { percent: 25 } });
      expect(proxy.seen.some((r) => r.fault === 'forward-then-500')).toBe(true);

      rule = (r) => (isManifestSwap(r) ? 'fail500' : 'pass');
      const failed = await ws.runAsync(['rollout', '50', ...via]);
      expectCleanFailure(failed, 7, 'E_STORE');
      expect(failed.stderr).toMatch(/HTTP 500 InternalError on s3:\/\/.*manifest\.json after 5 tries; the change may or may not have been published/);
    } finally {
      await proxy.close();
    }
    const status = ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json().channels[0]).toMatchObject({ sequence: 2 });
  }, 120_000);
});
