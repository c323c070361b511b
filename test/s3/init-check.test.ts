// Issue 18 on a real S3 server (Ceph's gateway): `init --store s3://…` checks the bucket and finds
// out by itself that the gateway needs unquoted If-Match; S3 errors that no re-run fixes (wrong
// secret, unknown access key, missing bucket) say what to fix; an empty log prefix is exit 2 as an
// empty folder is.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure, workspace } from '../helpers/cli.js';
import { bucketKeys, createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip } from '../helpers/s3.js';

const server = s3ServerOrSkip('test/s3/init-check.test.ts');

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
