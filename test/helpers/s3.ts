// What an S3 test file needs from the shared gateway (test/s3/global-setup.ts): the server or a
// loud skip reason, a client configured as the S3 store will configure it, and a bucket of its own.
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import type { S3Server } from './ceph-rgw.js';

declare module 'vitest' {
  export interface ProvidedContext {
    s3Server: S3Server | { skip: string };
  }
}

/** The shared server, or undefined after a console warning naming why the S3 tests are skipped. */
export function s3ServerOrSkip(file: string): S3Server | undefined {
  const server = inject('s3Server');
  if ('skip' in server) {
    console.warn(`*** SKIPPED ${file}: ${server.skip} ***`);
    return undefined;
  }
  return server;
}

/**
 * A client for a third-party S3 server, as the S3 store will configure it: path-style URLs (no
 * per-bucket DNS names), and checksums only where an operation requires them (the SDK's default
 * sends streamed bodies aws-chunked with a CRC32 trailer, which Ceph 16 rejects: ceph-quirks.test.ts).
 */
export function s3Client(server: S3Server, overrides: S3ClientConfig = {}): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...overrides,
  });
}

/** A new bucket for one test file, so files sharing the server never see each other's keys. */
export async function createTestBucket(client: S3Client, label: string): Promise<string> {
  const bucket = `${label}-${randomBytes(4).toString('hex')}`.toLowerCase();
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}
