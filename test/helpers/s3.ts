// What an S3 test file needs from the shared gateway (test/s3/global-setup.ts): the server or a
// loud skip reason, a client configured as the S3 store will configure it, and a bucket of its own.
import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, inject } from 'vitest';
import type { S3StoreOptions } from '../../src/store/s3-store.js';
import type { S3Server } from './ceph-rgw.js';

// The SDK warns on Node 20 about its releases of 2027; the CLI silences it too (cli/context.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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

/**
 * A client and a new bucket for the enclosing describe block: made before its tests, the bucket
 * emptied and deleted and the client closed after them. Read the fields inside tests or hooks.
 */
export function suiteBucket(server: S3Server, label: string): { readonly client: S3Client; readonly bucket: string } {
  let client: S3Client | undefined;
  let bucket: string | undefined;
  beforeAll(async () => {
    client = s3Client(server);
    bucket = await createTestBucket(client, label);
  });
  afterAll(async () => {
    if (client && bucket) await removeTestBucket(client, bucket);
    client?.destroy();
  });
  return {
    get client() {
      return client!;
    },
    get bucket() {
      return bucket!;
    },
  };
}

/** Deletes a bucket and everything in it (objects and open multipart uploads); a missing bucket is fine. */
export async function removeTestBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    for (const key of await bucketKeys(client, bucket)) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const open = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    for (const u of open.Uploads ?? []) await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key!, UploadId: u.UploadId! }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'NoSuchBucket') throw err;
  }
}

/** Every key in the bucket, whatever its prefix, sorted. */
export async function bucketKeys(client: S3Client, bucket: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) out.push(o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort();
}

/** S3Store options for the test server: its endpoint and keys, Ceph's If-Match form, quick retries. */
export function s3StoreOptions(server: S3Server, bucket: string, prefix = '', overrides: Partial<S3StoreOptions> = {}): S3StoreOptions {
  return {
    bucket,
    prefix,
    region: server.region,
    endpoint: server.endpoint,
    forcePathStyle: true,
    ifMatchUnquoted: true,
    retryBaseMs: 20,
    clientConfig: { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } },
    ...overrides,
  };
}
