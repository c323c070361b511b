// The Store contract (test/store/contract.ts) and the S3 store's own behaviour, against the real
// S3 server of the run (Ceph's gateway, test/s3/global-setup.ts).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, StorageError } from '../../src/errors.js';
import { S3Store } from '../../src/store/s3-store.js';
import { sha256Hex } from '../../src/util/hash.js';
import { bucketKeys, createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip, s3StoreOptions } from '../helpers/s3.js';
import { storeContract } from '../store/contract.js';

const server = s3ServerOrSkip('test/s3/contract.test.ts');
const md5Etag = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;

describe.skipIf(!server)('S3Store against the S3 server', () => {
  let client: S3Client;
  beforeAll(() => {
    client = s3Client(server!);
  });
  afterAll(() => client?.destroy());

  // A bucket per test, under a prefix: listings must strip it, and allKeys sees the whole bucket.
  storeContract('S3Store', async () => {
    const bucket = await createTestBucket(client, 'contract');
    const store = new S3Store(s3StoreOptions(server!, bucket, 'ota/store'));
    return {
      store,
      allKeys: () => bucketKeys(client, bucket),
      // The bucket gone: every write fails 404 NoSuchBucket, as a wrong --store would.
      breakBackend: () => removeTestBucket(client, bucket),
      cleanup: async () => {
        store.client.destroy();
        await removeTestBucket(client, bucket);
      },
      etagOf: md5Etag,
    };
  });

  describe('S3Store specifics', () => {
    let bucket: string;
    let scratch: string;
    const stores: S3Store[] = [];
    const open = (prefix = 'p', overrides: Parameters<typeof s3StoreOptions>[3] = {}) => {
      const s = new S3Store(s3StoreOptions(server!, bucket, prefix, overrides));
      stores.push(s);
      return s;
    };
    beforeEach(async () => {
      bucket = await createTestBucket(client, 'specifics');
      scratch = await mkdtemp(join(tmpdir(), 'otactl-s3-'));
    });
    afterEach(async () => {
      for (const s of stores.splice(0)) s.client.destroy();
      await removeTestBucket(client, bucket);
      await rm(scratch, { recursive: true, force: true });
    });

    it('writes under the prefix with the SHA-256 in the metadata, the content type and Cache-Control', async () => {
      const s = open('a/b');
      await s.putIfAbsent('x/k', Buffer.from('body'), { contentType: 'application/json', cacheControl: 'public, max-age=60' });
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'a/b/x/k' }));
      expect(head.Metadata?.sha256).toBe(sha256Hex('body'));
      expect(head.ContentType).toBe('application/json');
      expect(head.CacheControl).toBe('public, max-age=60');
      expect(await bucketKeys(client, bucket)).toEqual(['a/b/x/k']);
    });

    it('pages through listings (a page size of 3 for 8 keys)', async () => {
      const s = open('p', { listPageSize: 3 });
      const keys = Array.from({ length: 8 }, (_, i) => `l/k${i}`);
      for (const k of keys) await s.putIfAbsent(k, Buffer.from(k));
      const before = s.requests;
      expect(await s.list('l/')).toEqual(keys);
      expect(s.requests - before).toBe(3);
    });

    it('uploads a file above the threshold in parts, with its SHA-256 in the metadata; the same key again sends one HEAD', async () => {
      const s = open('p', { multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
      const bytes = randomBytes(11 * 1024 * 1024 + 5);
      const path = join(scratch, 'big.bin');
      await writeFile(path, bytes);
      const key = `artifacts/sha256/${sha256Hex(bytes)}`;
      const seen: number[] = [];
      expect(await s.putFileIfAbsent(key, path, bytes.length, {}, (sent) => seen.push(sent))).toBe('created');
      expect(seen.at(-1)).toBe(bytes.length);
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `p/${key}` }));
      expect(head.ETag).toMatch(/-3"$/); // three parts
      expect(head.Metadata?.sha256).toBe(sha256Hex(bytes));
      expect((await s.get(key))?.bytes.equals(bytes)).toBe(true);
      const before = s.requests;
      expect(await s.putFileIfAbsent(key, path, bytes.length)).toBe('exists');
      expect(s.requests - before).toBe(1);
    });

    it('lists an open multipart upload as a temporary, and deleting it aborts the upload', async () => {
      const s = open('p');
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'p/artifacts/sha256/abc' }));
      const temps = await s.temporaries();
      expect(temps.map((t) => t.path)).toEqual([`artifacts/sha256/abc?uploadId=${UploadId}`]);
      expect(Date.now() - temps[0]!.modified.getTime()).toBeLessThan(600_000);
      await s.deleteTemporary(temps[0]!.path);
      expect(await s.temporaries()).toEqual([]);
    });

    it('without if_match_unquoted, Ceph refuses the quoted If-Match: a clear E_S3_IF_MATCH naming the setting, the object kept', async () => {
      const s = open('p', { ifMatchUnquoted: false });
      const etag = await s.compareAndSwap('c/m', Buffer.from('v1'), null);
      const err = await s.compareAndSwap('c/m', Buffer.from('v2'), etag).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).code).toBe('E_S3_IF_MATCH');
      expect((err as StorageError).message).toContain('if_match_unquoted');
      expect((await s.get('c/m'))?.bytes.toString()).toBe('v1');
    });

    it('a swap of a pointer deleted meanwhile is a conflict saying it was deleted', async () => {
      const s = open('p');
      const etag = await s.compareAndSwap('c/m', Buffer.from('v1'), null);
      await s.delete('c/m');
      const err = await s.compareAndSwap('c/m', Buffer.from('v2'), etag).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).message).toMatch(/c\/m was deleted while otactl was changing it/);
      expect(await s.get('c/m')).toBeNull();
    });

    it('10 racing swaps from one etag: exactly one wins, every loser is a ConflictError (Ceph answers some 500s)', async () => {
      const s = open('p');
      const etag = await s.compareAndSwap('c/m', Buffer.from('v0'), null);
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => s.compareAndSwap('c/m', Buffer.from(`w${i}`), etag)));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'p/c/m' }));
      expect(await got.Body!.transformToString()).toBe(`w${won[0]}`);
    });

    it('a missing bucket is an error on read (not an empty store), named with its status', async () => {
      const s = new S3Store(s3StoreOptions(server!, `${bucket}-gone`, 'p'));
      stores.push(s);
      await expect(s.get('x/k')).rejects.toThrow(new RegExp(`HTTP 404 NoSuchBucket on s3://${bucket}-gone/p/x/k`));
      await expect(s.list('x/')).rejects.toThrow(/HTTP 404 NoSuchBucket/);
    });

    it('names the bucket, key and HTTP status of a refused request, and does not retry a 403', async () => {
      const s = open('p', { clientConfig: { credentials: { accessKeyId: server!.accessKeyId, secretAccessKey: 'wrong' } } });
      const err = await s.get('x/k').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).message).toMatch(new RegExp(`^cannot read x/k in s3://${bucket}/p: HTTP 403 SignatureDoesNotMatch on s3://${bucket}/p/x/k at \\S+: the secret key does not match`));
      expect((err as StorageError).code).toBe('E_S3_CREDENTIALS');
      expect(s.requests).toBe(1);
    });
  });
});
