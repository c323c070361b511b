// The Store contract suite, shared by every backend's test file.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, StorageError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { sha256Hex } from '../../src/util/hash.js';

/** What a backend under test hands the contract: the store and the ways to look behind it. */
export interface StoreUnderTest {
  store: Store;
  /** Every object the backend holds, internal files included: proves a refused call wrote nothing. */
  allKeys: () => Promise<string[]>;
  /** Makes every further write fail the way the backend fails (disk, network). */
  breakBackend: () => Promise<void>;
  cleanup?: () => Promise<void>;
  /** The etag the backend gives these bytes (default: their SHA-256 hex, as FileStore and MemoryStore). */
  etagOf?: (bytes: Buffer) => string;
}

const BAD_KEYS = [
  '',
  '/etc/passwd',
  'a//b',
  'a/',
  '..',
  'a/../b',
  'a/./b',
  'a\\b',
  'a\0b',
  'a b',
  'ü',
  '.hidden',
  'a/.tmp',
  'a/manifest.json.lock',
  'a/manifest.json.lock.break',
  'a/x.tmp',
];

/** The Store contract, run against one backend. A new backend joins with one call (test/store/contract.test.ts, test/s3/contract.test.ts). */
export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let t: StoreUnderTest;
    let s: Store;
    let scratch: string;
    const etagOf = (bytes: Buffer) => (t.etagOf ?? sha256Hex)(bytes);
    beforeEach(async () => {
      t = await open();
      s = t.store;
      scratch = await mkdtemp(join(tmpdir(), 'otactl-contract-src-'));
    });
    afterEach(async () => {
      await t.cleanup?.();
      await rm(scratch, { recursive: true, force: true });
    });

    it('get of a missing key is null, not an error', async () => {
      expect(await s.get('apps/x/builds/none.json')).toBeNull();
    });

    describe('conditional create', () => {
      it('creates once; a second put is "exists" and keeps the first bytes', async () => {
        expect(await s.putIfAbsent('artifacts/sha256/a', Buffer.from('first'))).toBe('created');
        expect(await s.putIfAbsent('artifacts/sha256/a', Buffer.from('second'))).toBe('exists');
        const got = await s.get('artifacts/sha256/a');
        expect(got?.bytes.toString()).toBe('first');
        expect(got?.etag).toBe(etagOf(Buffer.from('first')));
      });

      it('holds an empty object', async () => {
        expect(await s.putIfAbsent('e/empty', Buffer.alloc(0))).toBe('created');
        expect((await s.get('e/empty'))?.bytes.length).toBe(0);
      });

      it('lets exactly one of several racing writers create the key', async () => {
        const bodies = Array.from({ length: 6 }, (_, i) => Buffer.from(`writer ${i}`));
        const results = await Promise.all(bodies.map((b) => s.putIfAbsent('race/key', b)));
        expect(results.filter((r) => r === 'created')).toHaveLength(1);
        const winner = bodies[results.indexOf('created')]!;
        expect((await s.get('race/key'))?.bytes.equals(winner)).toBe(true);
      });

      it('hands out copies: editing a returned or passed Buffer does not edit the store', async () => {
        const input = Buffer.from('original');
        await s.putIfAbsent('c/k', input);
        input.fill(0x78);
        const got = (await s.get('c/k'))!;
        got.bytes.fill(0x79);
        expect((await s.get('c/k'))?.bytes.toString()).toBe('original');
      });
    });

    describe('compare-and-swap', () => {
      const key = 'apps/x/channels/stable/manifest.json';

      it('creates with a null etag, swaps with the current one, and reports the new etag', async () => {
        const e1 = await s.compareAndSwap(key, Buffer.from('v1'), null);
        expect((await s.get(key))?.etag).toBe(e1);
        const e2 = await s.compareAndSwap(key, Buffer.from('v2'), e1);
        expect(e2).not.toBe(e1);
        expect(await s.get(key)).toEqual({ bytes: Buffer.from('v2'), etag: e2 });
      });

      it('refuses a stale etag with ConflictError and keeps the newer object', async () => {
        const e1 = await s.compareAndSwap(key, Buffer.from('v1'), null);
        await s.compareAndSwap(key, Buffer.from('v2'), e1);
        const err = await s.compareAndSwap(key, Buffer.from('v3 from a stale reader'), e1).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConflictError);
        expect((err as ConflictError).code).toBe('E_CONFLICT');
        expect((await s.get(key))?.bytes.toString()).toBe('v2');
      });

      it('refuses a create (null etag) when the key exists', async () => {
        await s.compareAndSwap(key, Buffer.from('v1'), null);
        await expect(s.compareAndSwap(key, Buffer.from('other'), null)).rejects.toBeInstanceOf(ConflictError);
        expect((await s.get(key))?.bytes.toString()).toBe('v1');
      });

      it('refuses a swap (an etag) when the key is absent, and creates nothing', async () => {
        await expect(s.compareAndSwap(key, Buffer.from('v1'), sha256Hex('v0'))).rejects.toBeInstanceOf(ConflictError);
        expect(await s.get(key)).toBeNull();
      });

      it('lets exactly one of two writers from the same etag win', async () => {
        const e1 = await s.compareAndSwap(key, Buffer.from('v1'), null);
        const results = await Promise.allSettled([
          s.compareAndSwap(key, Buffer.from('left'), e1),
          s.compareAndSwap(key, Buffer.from('right'), e1),
        ]);
        const won = results.findIndex((r) => r.status === 'fulfilled');
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
        expect(won).toBeGreaterThanOrEqual(0);
        expect(lost?.reason).toBeInstanceOf(ConflictError);
        expect((await s.get(key))?.bytes.toString()).toBe(won === 0 ? 'left' : 'right');
      });
    });

    describe('listing', () => {
      beforeEach(async () => {
        for (const k of ['a/x', 'a/b/y', 'a/b/c/z', 'a/B', 'a/-dash', 'a/_under', 'ab/w', 'b/v', 'a.txt']) {
          await s.putIfAbsent(k, Buffer.from(k));
        }
        await s.compareAndSwap('a/b/pointer', Buffer.from('p'), null);
      });

      it('lists every key under the prefix, nested ones too, sorted by code unit', async () => {
        expect(await s.list('a/')).toEqual(['a/-dash', 'a/B', 'a/_under', 'a/b/c/z', 'a/b/pointer', 'a/b/y', 'a/x']);
        expect(await s.list('a/b/')).toEqual(['a/b/c/z', 'a/b/pointer', 'a/b/y']);
      });

      it('lists nothing outside the prefix, and nothing for an absent one', async () => {
        expect(await s.list('ab/')).toEqual(['ab/w']);
        expect(await s.list('a/b/c/z/')).toEqual([]);
        expect(await s.list('nothing/here/')).toEqual([]);
      });

      it('lists only the keys whose rest begins with a name start (one S3 listing for a short build id)', async () => {
        expect(await s.list('a/', 'b')).toEqual(['a/b/c/z', 'a/b/pointer', 'a/b/y']);
        expect(await s.list('a/', '-d')).toEqual(['a/-dash']);
        expect(await s.list('a/', 'nothing')).toEqual([]);
        await expect(s.list('a/', '../')).rejects.toThrow(/invalid name start/);
      });

      it('wants a prefix ending in "/"', async () => {
        await expect(s.list('a')).rejects.toThrow(/must end with '\/'/);
      });
    });

    describe('files', () => {
      it('streams a file of a few MiB to a key once, reporting progress up to its size', async () => {
        const bytes = randomBytes(5 * 1024 * 1024 + 17);
        const path = join(scratch, 'big.bin');
        await writeFile(path, bytes);
        const seen: [number, number][] = [];
        expect(await s.putFileIfAbsent(`artifacts/sha256/${sha256Hex(bytes)}`, path, bytes.length, {}, (a, b) => seen.push([a, b]))).toBe('created');
        const got = (await s.get(`artifacts/sha256/${sha256Hex(bytes)}`))!;
        expect(got.bytes.equals(bytes)).toBe(true);
        expect(got.etag).toBe(etagOf(bytes));
        expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
        expect(seen.every(([sent], i) => i === 0 || sent > seen[i - 1]![0])).toBe(true);

        seen.length = 0;
        expect(await s.putFileIfAbsent(`artifacts/sha256/${sha256Hex(bytes)}`, path, bytes.length, {}, (a, b) => seen.push([a, b]))).toBe('exists');
        expect(seen).toEqual([]);
      });

      it('keeps the first object when the same key is uploaded from another file', async () => {
        const a = join(scratch, 'a');
        const b = join(scratch, 'b');
        await writeFile(a, 'from a');
        await writeFile(b, 'from b');
        expect(await s.putFileIfAbsent('f/k', a, 6)).toBe('created');
        expect(await s.putFileIfAbsent('f/k', b, 6)).toBe('exists');
        expect((await s.get('f/k'))?.bytes.toString()).toBe('from a');
      });

      it('reports a missing local file as a StorageError and creates nothing', async () => {
        const err = await s.putFileIfAbsent('f/missing', join(scratch, 'nope'), 1).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StorageError);
        expect((err as StorageError).message).toContain('f/missing');
        expect(await t.allKeys()).toEqual([]);
      });
    });

    describe('info and delete', () => {
      it('info gives the size and a write time; null for a missing key', async () => {
        const before = Date.now() - 2000;
        await s.putIfAbsent('a/x', Buffer.from('12345'));
        const info = await s.info('a/x');
        expect(info?.size).toBe(5);
        expect(info!.modified.getTime()).toBeGreaterThanOrEqual(before);
        expect(await s.info('a/missing')).toBeNull();
      });

      it('delete removes the object from get, info and listings; deleting a missing key is no error', async () => {
        await s.putIfAbsent('a/x', Buffer.from('1'));
        await s.putIfAbsent('a/y', Buffer.from('2'));
        await s.delete('a/x');
        expect(await s.get('a/x')).toBeNull();
        expect(await s.info('a/x')).toBeNull();
        expect(await s.list('a/')).toEqual(['a/y']);
        await expect(s.delete('a/x')).resolves.toBeUndefined();
        expect(await s.putIfAbsent('a/x', Buffer.from('3'))).toBe('created');
      });
    });

    describe('keys', () => {
      it.each(BAD_KEYS)('refuses %j on every operation and writes nothing', async (bad) => {
        const file = join(scratch, 'f');
        await writeFile(file, 'x');
        const calls: (() => Promise<unknown>)[] = [
          () => s.get(bad),
          () => s.putIfAbsent(bad, Buffer.from('x')),
          () => s.putFileIfAbsent(bad, file, 1),
          () => s.compareAndSwap(bad, Buffer.from('x'), null),
          () => s.list(`${bad}/`),
          () => s.info(bad),
          () => s.delete(bad),
        ];
        for (const call of calls) await expect(call()).rejects.toThrow(/invalid store key/);
        expect(await t.allKeys()).toEqual([]);
      });

      it('takes the keys the repository layout makes', async () => {
        const keys = [
          `artifacts/sha256/${sha256Hex('x')}`,
          'apps/com.example.agent/builds/b-0123456789ab.json',
          'apps/com.example.agent/channels/beta-2/history/0000000001-0123456789abcdef.json',
        ];
        for (const k of keys) expect(await s.putIfAbsent(k, Buffer.from(k))).toBe('created');
        expect(await s.list('apps/')).toEqual(keys.slice(1));
      });
    });

    it('wraps a backend failure in a StorageError naming the operation, key and store', async () => {
      const file = join(scratch, 'f');
      await writeFile(file, 'x');
      await t.breakBackend();
      const calls: [string, () => Promise<unknown>][] = [
        ['write w/a', () => s.putIfAbsent('w/a', Buffer.from('x'))],
        ['upload w/b', () => s.putFileIfAbsent('w/b', file, 1)],
        ['update w/c', () => s.compareAndSwap('w/c', Buffer.from('x'), null)],
      ];
      for (const [what, call] of calls) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StorageError);
        // E_STORE, or a store code naming the cause (E_S3_NO_BUCKET when the bucket is gone): exit 7 either way.
        expect((err as StorageError).exitCode).toBe(7);
        expect((err as StorageError).message.startsWith(`cannot ${what} in ${s.url}: `)).toBe(true);
      }
    });
  });
}
