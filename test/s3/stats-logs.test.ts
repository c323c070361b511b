// otactl stats reading logs straight from a bucket (a real S3 server: Ceph's gateway), the way
// CloudFront delivers them: gzip objects under a prefix, more than one listing page.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/telemetry/aggregate.js';
import { readS3Logs } from '../../src/telemetry/s3-logs.js';
import { expectCleanFailure, workspace } from '../helpers/cli.js';
import { createTestBucket, s3Client, s3ServerOrSkip } from '../helpers/s3.js';
import { cloudFrontLog, s3Line } from '../telemetry/log-fixtures.js';

const server = s3ServerOrSkip('test/s3/stats-logs.test.ts');
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
