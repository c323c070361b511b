// Characterisation of the S3 server the S3 store is tested against (Ceph 16's gateway, started by
// test/s3/global-setup.ts), through the real SDK. Each test pins one fact the store relies on; where
// Ceph deviates from AWS's documented behaviour the test name says "Ceph 16 deviates".
// If one of these fails after a Ceph upgrade, the store's Ceph adaptation (s3.if_match_unquoted)
// must be revisited, not this test loosened.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import { s3Client, s3ServerOrSkip, suiteBucket } from '../helpers/s3.js';

const server = s3ServerOrSkip('test/s3/ceph-quirks.test.ts');

interface S3Failure {
  name: string;
  status: number | undefined;
}

const failureOf = (err: unknown): S3Failure => {
  const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, status: e.$metadata?.httpStatusCode };
};

/** Asserts that a request fails with this SDK error name and HTTP status. */
async function expectS3Error(request: Promise<unknown>, name: string, status: number): Promise<void> {
  let failure: S3Failure | undefined;
  await request.catch((err: unknown) => (failure = failureOf(err)));
  expect(failure, 'expected the request to fail').toEqual({ name, status });
}

const md5 = (data: string | Buffer): Buffer => createHash('md5').update(data).digest();
const unquoted = (etag: string | undefined): string => (etag ?? '').replaceAll('"', '');

describe.skipIf(!server)('Ceph 16 S3 gateway: the facts the S3 store relies on', () => {
  const s3 = suiteBucket(server!, 'ceph-quirks');

  const put = (Key: string, Body: PutObjectCommandInput['Body'], extra: Partial<PutObjectCommandInput> = {}) =>
    s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body, ...extra }));
  const text = async (Key: string): Promise<string> => {
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
    return got.Body!.transformToString();
  };

  it('a PutObject ETag is the quoted MD5 hex of the body, on PUT and on HEAD', async () => {
    const put1 = await put('etag/a', 'etag body');
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'etag/a' }));
    expect(put1.ETag).toBe(`"${md5('etag body').toString('hex')}"`);
    expect(head.ETag).toBe(put1.ETag);
  });

  it('PutObject with IfNoneMatch "*" creates a missing key; a second one fails 412 PreconditionFailed and leaves it', async () => {
    const created = await put('inm/a', 'first', { IfNoneMatch: '*' });
    expect(created.$metadata.httpStatusCode).toBe(200);
    await expectS3Error(put('inm/a', 'second', { IfNoneMatch: '*' }), 'PreconditionFailed', 412);
    expect(await text('inm/a')).toBe('first');
  });

  it('Ceph 16 deviates from AWS (RFC 9110 quoted ETags): IfMatch with the quoted ETag fails 412', async () => {
    const base = await put('im/quoted', 'base');
    expect(base.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    await expectS3Error(put('im/quoted', 'next', { IfMatch: base.ETag }), 'PreconditionFailed', 412);
    expect(await text('im/quoted')).toBe('base');
  });

  it('Ceph 16: IfMatch with the unquoted ETag replaces the object; a stale unquoted ETag fails 412', async () => {
    const base = await put('im/unquoted', 'base');
    const next = await put('im/unquoted', 'next', { IfMatch: unquoted(base.ETag) });
    expect(next.$metadata.httpStatusCode).toBe(200);
    expect(await text('im/unquoted')).toBe('next');
    await expectS3Error(put('im/unquoted', 'stale', { IfMatch: unquoted(base.ETag) }), 'PreconditionFailed', 412);
    expect(await text('im/unquoted')).toBe('next');
  });

  it('Ceph 16 deviates from AWS (404 NoSuchKey): IfMatch on a missing key fails 412 PreconditionFailed', async () => {
    const etag = md5('anything').toString('hex');
    for (const ifMatch of [etag, `"${etag}"`]) {
      await expectS3Error(put('im/missing', 'x', { IfMatch: ifMatch }), 'PreconditionFailed', 412);
    }
    await expectS3Error(s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'im/missing' })), 'NotFound', 404);
  });

  it('a race of 10 PutObjects with the same IfMatch: exactly one lands; the losers get 412 (or 500 on Ceph 16)', async () => {
    const base = await put('race/a', 'base');
    // No SDK retries: a retried 500 would turn into a 412 and hide what the server answered.
    const racer = s3Client(server!, { maxAttempts: 1 });
    try {
      const bodies = Array.from({ length: 10 }, (_, i) => `racer ${i}`);
      const ifMatch = unquoted(base.ETag);
      const results = await Promise.allSettled(
        bodies.map((Body) => racer.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'race/a', Body, IfMatch: ifMatch }))),
      );
      const winners = results.flatMap((r, i) =>
        r.status === 'fulfilled' ? [{ body: bodies[i]!, etag: r.value.ETag }] : [],
      );
      const statuses = results.flatMap((r) => {
        if (r.status === 'fulfilled') return [];
        const { name, status } = failureOf(r.reason);
        return [`${status} ${name}`];
      });
      console.info(`race: ${winners.length} winner(s), losers answered: ${statuses.sort().join(', ')}`);
      expect(winners).toHaveLength(1);
      for (const status of statuses) expect(status).toMatch(/^(412 PreconditionFailed|500 \w+)$/);
      expect(await text('race/a')).toBe(winners[0]!.body);
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'race/a' }));
      expect(head.ETag).toBe(winners[0]!.etag);
    } finally {
      racer.destroy();
    }
  });

  it('Ceph 16 deviates from AWS: a multipart upload (lib-storage) completes with an empty ETag; HEAD gives the multipart ETag', async () => {
    const part = 5 * 1024 * 1024;
    const body = Buffer.alloc(2 * part + 1024, 1);
    const params = { Bucket: s3.bucket, Key: 'mpu/a', Body: body };
    const done = await new Upload({ client: s3.client, params, partSize: part, queueSize: 2 }).done();
    expect(done.ETag ?? '').toBe('');
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'mpu/a' }));
    const parts = [body.subarray(0, part), body.subarray(part, 2 * part), body.subarray(2 * part)];
    const partMd5s = Buffer.concat(parts.map(md5));
    expect(head.ETag).toBe(`"${md5(partMd5s).toString('hex')}-3"`);
    expect(head.ContentLength).toBe(body.length);
  });

  it('Ceph 16 deviates from AWS: CompleteMultipartUpload ignores IfNoneMatch "*" and overwrites an existing key', async () => {
    const part = 5 * 1024 * 1024;
    await put('mpu/inm', 'already here');
    // Prove the SDK really sends the header on completion, so the overwrite is the server's doing.
    let completionHeaders: Record<string, string> = {};
    s3.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CompleteMultipartUploadCommand') {
          completionHeaders = { ...(args.request as { headers: Record<string, string> }).headers };
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'captureCompletionHeaders' },
    );
    try {
      const body = Buffer.alloc(part + 1024, 2);
      const upload = new Upload({
        client: s3.client,
        params: { Bucket: s3.bucket, Key: 'mpu/inm', Body: body, IfNoneMatch: '*' },
        partSize: part,
        queueSize: 2,
      });
      await upload.done();
      expect(completionHeaders['if-none-match']).toBe('*');
      const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'mpu/inm' }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    } finally {
      s3.client.middlewareStack.remove('captureCompletionHeaders');
    }
  });

  it('ListObjectsV2 pages: MaxKeys 2 over 5 keys gives 2, 2, 1 keys in key order, chained by ContinuationToken', async () => {
    const keys = ['list/e', 'list/a', 'list/d', 'list/b', 'list/c'];
    await Promise.all(keys.map((key) => put(key, key)));
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await s3.client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'list/', MaxKeys: 2, ContinuationToken: token }),
      );
      pages.push((page.Contents ?? []).map((o) => o.Key!));
      expect(page.IsTruncated).toBe(page.NextContinuationToken !== undefined);
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(pages).toEqual([
      ['list/a', 'list/b'],
      ['list/c', 'list/d'],
      ['list/e'],
    ]);
  });

  it('Cache-Control and Content-Type are stored and returned on GET and HEAD', async () => {
    const meta = { CacheControl: 'no-cache, max-age=0', ContentType: 'application/json' };
    await put('meta/channel.json', '{"v":1}', meta);
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'meta/channel.json' }));
    expect({ CacheControl: got.CacheControl, ContentType: got.ContentType }).toEqual(meta);
    expect(await got.Body!.transformToString()).toBe('{"v":1}');
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'meta/channel.json' }));
    expect({ CacheControl: head.CacheControl, ContentType: head.ContentType }).toEqual(meta);
  });

  it('Ceph 16 deviates from AWS (400 BadDigest): a wrong ChecksumSHA256 is NOT verified, the object is stored', async () => {
    const wrong = createHash('sha256').update('other bytes').digest('base64');
    const stored = await put('sum/sha-wrong', 'the bytes', { ChecksumSHA256: wrong });
    expect(stored.$metadata.httpStatusCode).toBe(200);
    expect(await text('sum/sha-wrong')).toBe('the bytes');
  });

  it('a wrong Content-MD5 IS verified: 400 BadDigest, nothing stored', async () => {
    const wrong = md5('other bytes').toString('base64');
    await expectS3Error(put('sum/md5-wrong', 'the bytes', { ContentMD5: wrong }), 'BadDigest', 400);
    await expectS3Error(s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'sum/md5-wrong' })), 'NotFound', 404);
  });

  it('Ceph 16 needs requestChecksumCalculation WHEN_REQUIRED: the SDK default (aws-chunked, CRC32 trailer) fails a streamed PUT with 411', async () => {
    const stream = (): Readable => Readable.from([Buffer.from('streamed bytes')]);
    const withDefaults = s3Client(server!, {
      requestChecksumCalculation: 'WHEN_SUPPORTED',
      responseChecksumValidation: 'WHEN_SUPPORTED',
    });
    try {
      const streamed = new PutObjectCommand({ Bucket: s3.bucket, Key: 'sum/stream', Body: stream(), ContentLength: 14 });
      await expectS3Error(withDefaults.send(streamed), 'MissingContentLength', 411);
    } finally {
      withDefaults.destroy();
    }
    await put('sum/stream', stream(), { ContentLength: 14 });
    expect(await text('sum/stream')).toBe('streamed bytes');
  });
});
