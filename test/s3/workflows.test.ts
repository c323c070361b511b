// The channel workflows of test/release/workflow-cases.ts on the S3 server, through the library's
// own door: openRepository with an s3:// URL and its settings, credentials from the environment.
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip } from '../helpers/s3.js';
import { channelWorkflows } from '../release/workflow-cases.js';

const server = s3ServerOrSkip('test/s3/workflows.test.ts');

describe.skipIf(!server)('release workflows on S3', () => {
  let client: S3Client;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(() => {
    client = s3Client(server!);
    // The SDK's default provider chain reads these, as it would in CI.
    process.env.AWS_ACCESS_KEY_ID = server!.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = server!.secretAccessKey;
  });
  afterAll(() => {
    client?.destroy();
    for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  let bucket: string;
  channelWorkflows('S3 (openRepository with an s3:// URL)', async () => {
    bucket = await createTestBucket(client, 'workflows');
    return {
      store: `s3://${bucket}/releases`,
      s3: { endpoint: server!.endpoint, if_match_unquoted: true },
      cleanup: () => removeTestBucket(client, bucket),
    };
  });
});
