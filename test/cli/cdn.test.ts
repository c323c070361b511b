/**
 * The CDN flags through the CLI (in process): exit codes, the one stderr line and the --json error
 * object. CloudFront has no local server, so its API is a local node:http endpoint asserting the
 * request shape (test/helpers/cloudfront-endpoint.ts), reached through AWS_ENDPOINT_URL_CLOUDFRONT
 * with test credentials in the environment (the default chain, which reads process.env).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { startFakeCloudFront, type FakeCloudFront } from '../helpers/cloudfront-endpoint.js';
import { sdkProcessEnv, seededCliSuite } from '../helpers/run-cli.js';

describe('CloudFront flags of the CLI', () => {
  const ws = seededCliSuite();
  const store = join(ws.dir, 'ota-store');
  let fake: FakeCloudFront;
  let aws: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await startFakeCloudFront();
    aws = {
      AWS_ENDPOINT_URL_CLOUDFRONT: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_CONFIG_FILE: join(ws.dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(ws.dir, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
    };
    sdkProcessEnv(aws);
  });
  afterAll(() => fake.close());

  it('--verify-edge without a CDN base URL and a bad --cdn-base-url are usage errors; nothing is published', async () => {
    const before = treeSnapshot(store);
    const edge = await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--verify-edge', '--json']);
    expectCleanFailure(edge, 2, 'E_USAGE');
    expect(edge.stderr).toMatch(/--verify-edge needs the CDN base URL/);
    const url = await ws.run(['--cdn-base-url', 'ftp://cdn.example.com', 'promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--json']);
    expectCleanFailure(url, 2, 'E_CDN_URL');
    const id = await ws.run(['refresh', '--app', 'demo', '--channel', 'stable', '--distribution-id', 'not-an-id', '--json']);
    expectCleanFailure(id, 2, 'E_USAGE');
    expect(treeSnapshot(store)).toBe(before);
    expect(existsSync(join(store, 'apps/demo/channels/stable/manifest.json'))).toBe(false);
  });

  it('a failed invalidation after the publish exits 4 naming otactl invalidate; the re-run succeeds', async () => {
    fake.failWith = 503;
    const args = ['--cdn-base-url', 'https://cdn.example.com/ota', 'promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--distribution-id', 'E2QWRUHAPOMQZL'];
    const r = await ws.run([...args, '--json'], { env: aws });
    expectCleanFailure(r, 4, 'E_INVALIDATION');
    expect(r.stderr).toMatch(/demo\/stable sequence 1 WAS published.*re-run: otactl invalidate --app demo --channel stable/);
    const error = r.json().error;
    expect(error.change).toMatchObject({ app: 'demo', channel: 'stable', sequence: 1, changed: true, to: { build_id: ws.b1 } });
    const status = await ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(JSON.stringify(status.json())).toContain(ws.b1); // the store holds the new manifest

    fake.failWith = null;
    const again = await ws.run(['--cdn-base-url', 'https://cdn.example.com/ota', 'invalidate', '--app', 'demo', '--channel', 'stable', '--distribution-id', 'E2QWRUHAPOMQZL', '--json'], { env: aws });
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ app: 'demo', channel: 'stable', sequence: 1, invalidation: { distribution_id: 'E2QWRUHAPOMQZL', paths: ['/ota/apps/demo/channels/stable/manifest.json'], status: 'InProgress' } });
    expect(fake.batches.at(-1)!.authorization).toMatch(/\/us-east-1\/cloudfront\/aws4_request/);
    expect(fake.malformed).toEqual([]);
  });

  it('the distribution id from the environment, --wait, and the manifest URLs under --cdn-base-url', async () => {
    fake.pollsUntilComplete = 0;
    const r = await ws.run(['--cdn-base-url', 'https://cdn.example.com/ota', 'rollout', '10', '--app', 'demo', '--channel', 'stable', '--yes', '--wait', '--json'], {
      env: { ...aws, OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().invalidation).toMatchObject({ status: 'Completed', paths: ['/ota/apps/demo/channels/stable/manifest.json'] });
    const envelope = JSON.parse(readFileSync(join(store, 'apps/demo/channels/stable/manifest.json'), 'utf8'));
    const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(payload.build.url).toMatch(/^https:\/\/cdn\.example\.com\/ota\/artifacts\/sha256\/[0-9a-f]{64}$/);
  });

  it('--wait without a distribution is a usage error before publishing', async () => {
    const before = treeSnapshot(store);
    const r = await ws.run(['rollout', '20', '--app', 'demo', '--channel', 'stable', '--yes', '--wait', '--json'], { env: aws });
    expectCleanFailure(r, 2, 'E_USAGE');
    expect(treeSnapshot(store)).toBe(before);
  });
});
