// The CLI on an s3:// store (Ceph's gateway, shared by test/s3), as processes: the SDK takes its
// credentials from the process environment, and 20 writers at once are 20 processes.
// - The release commands work with the file store's exit codes, 20 writers at once lose nothing,
//   and a store that cannot be reached is one readable line.
// - init checks the store and finds out what the gateway needs; S3 errors name their cause.
// - stats --logs reads logs straight from a bucket.
// Each block works in a bucket of its own.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/telemetry/aggregate.js';
import { readS3Logs } from '../../src/telemetry/s3-logs.js';
import { expectCleanFailure, workspace, type Workspace } from '../helpers/cli.js';
import { isManifestSwap, once, startFaultProxy } from '../helpers/fault-proxy.js';
import { raceRollouts } from '../helpers/rollout-race.js';
import { bucketKeys, createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip } from '../helpers/s3.js';
import { cloudFrontLog, s3Line } from '../telemetry/log-fixtures.js';

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

// Issue 18 on a real S3 server (Ceph's gateway): `init --store s3://…` checks the bucket and finds
// out by itself that the gateway needs unquoted If-Match; S3 errors that no re-run fixes (wrong
// secret, unknown access key, missing bucket) say what to fix; an empty log prefix is exit 2 as an
// empty folder is.
describe.skipIf(!server)('init --store s3:// checks the store; S3 errors name their cause', () => {
  let client: S3Client;
  let bucket: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    client = s3Client(server!);
    bucket = await createTestBucket(client, 'i18-init');
    env = { AWS_ACCESS_KEY_ID: server!.accessKeyId, AWS_SECRET_ACCESS_KEY: server!.secretAccessKey, AWS_REGION: server!.region, AWS_EC2_METADATA_DISABLED: 'true' };
  });
  afterAll(async () => {
    await removeTestBucket(client, bucket);
    client?.destroy();
  });

  it('init detects that the gateway needs unquoted If-Match and writes if_match_unquoted itself; the probe object is gone', async () => {
    const ws = workspace();
    const r = ws.run(['init', '--store', `s3://${bucket}/fleet-a`, '--endpoint', server!.endpoint, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().store_check).toEqual({ checked: true, if_match_unquoted: true });
    const config = JSON.parse(readFileSync(join(ws.dir, 'otactl.config.json'), 'utf8'));
    expect(config.s3).toEqual({ endpoint: server!.endpoint, if_match_unquoted: true });
    expect(await bucketKeys(client, bucket)).toEqual([]);
    // The config works without OTACTL_S3_IF_MATCH_UNQUOTED: a channel change swaps the manifest.
    ws.file('b.bin', Buffer.from('i18 build '.repeat(300)));
    const up = ws.run(['upload', 'b.bin', '--app', 'demo', '--kind', 'file', '--version-code', '4', '--json'], { env });
    expect(up.code, up.stderr).toBe(0);
    const id = up.json().build_id as string;
    expect(ws.run(['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes'], { env }).code).toBe(0);
    const rolled = ws.run(['rollout', '30', '--app', 'demo', '--channel', 'stable', '--yes', '--json'], { env });
    expect(rolled.code, rolled.stderr).toBe(0);
  });

  it('a bucket that does not exist: init is exit 7 E_S3_NO_BUCKET and writes nothing; --skip-store-check writes the config', () => {
    const ws = workspace();
    const args = ['init', '--store', `s3://${bucket}-nope/x`, '--endpoint', server!.endpoint];
    const r = ws.run([...args, '--json'], { env });
    expectCleanFailure(r, 7, 'E_S3_NO_BUCKET');
    expect(r.json().error.message).toMatch(new RegExp(`NoSuchBucket.*the bucket ${bucket}-nope does not exist`));
    expect(r.json().error.message).not.toMatch(/re-run/);
    expect(existsSync(join(ws.dir, 'otactl.config.json'))).toBe(false);
    const later = ws.run([...args, '--skip-store-check', '--json'], { env });
    expect(later.code, later.stderr).toBe(0);
    expect(later.json().store_check).toEqual({ checked: false });
  });

  it('a wrong secret key and an unknown access key id: exit 7 E_S3_CREDENTIALS saying which, never "re-run"', () => {
    const ws = workspace();
    const base = ['init', '--store', `s3://${bucket}/fleet-b`, '--endpoint', server!.endpoint, '--json'];
    const wrongSecret = ws.run(base, { env: { ...env, AWS_SECRET_ACCESS_KEY: 'not-the-secret-i18' } });
    expectCleanFailure(wrongSecret, 7, 'E_S3_CREDENTIALS');
    expect(wrongSecret.json().error.message).toMatch(/SignatureDoesNotMatch.*secret key does not match/);
    const unknownKey = ws.run(base, { env: { ...env, AWS_ACCESS_KEY_ID: 'AKIAI18UNKNOWNKEY000' } });
    expectCleanFailure(unknownKey, 7, 'E_S3_CREDENTIALS');
    expect(unknownKey.json().error.message).toMatch(/InvalidAccessKeyId.*no such access key id/);
    for (const r of [wrongSecret, unknownKey]) expect(r.json().error.message).not.toMatch(/re-run/);
  });

  it('stats --logs on an empty prefix is exit 2 E_NO_FILE, as a missing path and an empty folder are', () => {
    const ws = workspace();
    expect(ws.run(['init']).code).toBe(0);
    const r = ws.run(['stats', '--logs', `s3://${bucket}/no-logs-here/`, '--json'], { env: { ...env, AWS_ENDPOINT_URL: server!.endpoint } });
    expectCleanFailure(r, 2, 'E_NO_FILE');
    expect(r.json().error.message).toContain(`s3://${bucket}/no-logs-here/`);
  });
});

// otactl stats reading logs straight from a bucket (a real S3 server: Ceph's gateway), the way
// CloudFront delivers them: gzip objects under a prefix, more than one listing page.
const manifest = '/apps/demo/channels/stable/manifest.json';

describe.runIf(server)('stats --logs s3://', () => {
  let client: S3Client;
  let bucket: string;

  beforeAll(async () => {
    client = s3Client(server!);
    bucket = await createTestBucket(client, 'stats-logs');
    const put = (key: string, body: Buffer | string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    // 1,005 gzip objects of 2 checks each: the listing takes more than one page (1,000 keys a page).
    for (let i = 0; i < 1005; i += 15) {
      await Promise.all(
        Array.from({ length: Math.min(15, 1005 - i) }, (_, j) => {
          const n = i + j;
          const at = `2026-11-01T${String(Math.floor(n / 60) % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00Z`;
          const log = cloudFrontLog([
            { at, path: manifest, query: `d=dev${n}`, status: 200 },
            { at, path: manifest, query: `d=dev${n}`, status: 304 },
          ]);
          return put(`cf/E2EXAMPLE.2026-11-01.${String(n).padStart(5, '0')}.gz`, gzipSync(log));
        }),
      );
    }
    await put('cf/s3-server-log', `${s3Line({ at: '2026-11-01T23:00:00Z', path: manifest, query: 'd=devS3', status: 304 })}\nnot a log line\n`);
    await put('cf/broken.gz', gzipSync(cloudFrontLog([{ at: '2026-11-01T23:00:00Z', path: manifest, status: 200 }])).subarray(0, 40));
    await put('other/x.gz', gzipSync(cloudFrontLog([{ at: '2026-11-01T23:00:00Z', path: manifest, status: 200 }])));
  }, 300_000);

  it('reads every object under the prefix across listing pages, gzip or plain, skipping what breaks', async () => {
    const report = await aggregate(readS3Logs(client, `s3://${bucket}/cf/`), { artifacts: new Map(), by: 'day' });
    expect(report.lines).toMatchObject({ read: 1005 * 2 + 1, malformed: 2 });
    expect(report.channels).toHaveLength(1);
    expect(report.channels[0]).toMatchObject({ app: 'demo', channel: 'stable', checks: 2011, not_modified: 1006, devices: 1006 });
  });

  it('the CLI: --logs s3://… with the SDK\'s environment (AWS_ENDPOINT_URL, keys, region); bad keys are exit 7, E_LOGS', () => {
    const ws = workspace();
    expect(ws.run(['init']).code).toBe(0);
    const env = { AWS_ENDPOINT_URL: server!.endpoint, AWS_ACCESS_KEY_ID: server!.accessKeyId, AWS_SECRET_ACCESS_KEY: server!.secretAccessKey, AWS_REGION: server!.region };
    const r = ws.run(['stats', '--logs', `s3://${bucket}/cf/`, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().channels[0]).toMatchObject({ checks: 2011, devices: 1006 });
    expectCleanFailure(ws.run(['stats', '--logs', `s3://${bucket}/cf/`, '--json'], { env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong' } }), 7, 'E_LOGS');
  });

  it('a bucket that does not exist is a store error', async () => {
    await expect(aggregate(readS3Logs(client, `s3://${bucket}-missing/cf/`), { artifacts: new Map(), by: 'day' })).rejects.toMatchObject({ code: 'E_LOGS' });
  });
});
