import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { processesIn, runQuickstart } from '../helpers/quickstart.js';
import { bucketKeys, s3ServerOrSkip, suiteBucket } from '../helpers/s3.js';

/**
 * The quickstart is a README command: it must stop everything it starts (the `serve` in the
 * background), when it finishes and when it is interrupted; with an S3 endpoint given it goes on
 * to an s3:// store. This file is in the `s3` project (vitest.config.ts): the S3 part runs on the
 * gateway test/s3 shares, and is skipped loudly where there is none.
 */
const server = s3ServerOrSkip('test/examples/quickstart.test.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-test-quickstart-'));
  dirs.push(dir);
  return dir;
}

describe('examples/quickstart.sh', () => {
  it('runs to the end and leaves no process behind (the background serve is stopped)', async () => {
    const dir = workDir();
    const r = await runQuickstart(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('quickstart: serving the store on http://127.0.0.1:');
    expect(r.stderr).toContain('== done');
    expect(r.stderr, 'the S3 part runs only when an endpoint is given').not.toContain('S3 store');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);

  it('interrupted (SIGINT) while serving: exits 130 and stops the server it started', async () => {
    const dir = workDir();
    let sent = false;
    const r = await runQuickstart(dir, {}, (text, child) => {
      if (!sent && text.includes('quickstart: serving the store on')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).not.toContain('== done');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);
});

// The quickstart's optional S3 part (examples/quickstart.sh), run as a README reader would run it
// with an S3 endpoint given: after the file:// part it inits against s3://, uploads, promotes,
// shows the status and simulates a fleet, all on the Ceph gateway; what it published is then read
// back from the bucket with a plain S3 client.
describe.skipIf(!server)('examples/quickstart.sh with an S3 endpoint', () => {
  const s3 = suiteBucket(server!, 'quickstart');

  it('runs the file:// part, then init, upload, promote, status and simulate on the S3 store; nothing left running', async () => {
    const dir = workDir();
    const r = await runQuickstart(dir, {
      OTACTL_QUICKSTART_S3_ENDPOINT: server!.endpoint,
      OTACTL_QUICKSTART_S3_BUCKET: s3.bucket,
      AWS_ACCESS_KEY_ID: server!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server!.secretAccessKey,
      OTACTL_S3_IF_MATCH_UNQUOTED: '1',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('quickstart: serving the store on http://127.0.0.1:'); // the file:// part ran first
    const store = new RegExp(`quickstart: S3 part done on s3://${s3.bucket}/(quickstart-[\\w-]+)`).exec(r.stderr);
    expect(store, r.stderr).not.toBeNull();
    expect(r.stderr).toContain('== done');
    expect(processesIn(dir)).toEqual([]);

    // The simulated fleet read the S3 store's manifest (sequence 2); the file:// part's simulations ran at sequences 2 and 3.
    const simulations = r.stdout.match(/^demo\.sensor\/stable sequence \d+: 10000 simulated devices/gm) ?? [];
    expect(simulations, r.stdout).toEqual([
      'demo.sensor/stable sequence 2: 10000 simulated devices',
      'demo.sensor/stable sequence 3: 10000 simulated devices',
      'demo.sensor/stable sequence 2: 10000 simulated devices',
    ]);
    const prefix = store![1]!;
    const keys = await bucketKeys(s3.client, s3.bucket);
    expect(keys.every((k) => k.startsWith(`${prefix}/`))).toBe(true);
    expect(keys.filter((k) => k.startsWith(`${prefix}/artifacts/sha256/`))).toHaveLength(2);
    expect(keys.filter((k) => k.includes('/channels/stable/history/'))).toHaveLength(2);
    const manifest = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}/apps/demo.sensor/channels/stable/manifest.json` }));
    expect(manifest.CacheControl).toBe('public, max-age=30, must-revalidate');
    const envelope = JSON.parse(await manifest.Body!.transformToString()) as { payload: string };
    const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(payload).toMatchObject({ app: 'demo.sensor', channel: 'stable', sequence: 2, build: { version_name: '1.1.0' } });
  }, 360_000);
});
