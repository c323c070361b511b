import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtaError, StorageError, ValidationError } from '../../src/errors.js';
import { FileStore } from '../../src/store/file-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { storeContract } from './contract.js';

async function walk(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/')).sort();
}

storeContract('FileStore', async () => {
  const root = await mkdtemp(join(tmpdir(), 'otactl-filestore-'));
  return {
    store: new FileStore(root),
    allKeys: () => walk(root),
    // The root replaced by a plain file: every path under it is ENOTDIR, as a vanished mount would be.
    breakBackend: async () => {
      await rm(root, { recursive: true, force: true });
      await writeFile(root, 'not a folder');
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

storeContract('MemoryStore', async () => {
  const store = new MemoryStore();
  return {
    store,
    allKeys: async () => store.keys(),
    breakBackend: async () => {
      store.beforeMutation = () => {
        throw new Error('connection reset');
      };
    },
  };
});

describe('FileStore specifics', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'otactl-filestore-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists none of the files of a writer in progress (temp files, locks, lock breakers)', async () => {
    const s = new FileStore(root);
    await s.compareAndSwap('apps/x/channels/c/manifest.json', Buffer.from('m'), null);
    const dir = join(root, 'apps', 'x', 'channels', 'c');
    for (const f of ['.3f2a.tmp', 'manifest.json.lock', 'manifest.json.lock.break']) await writeFile(join(dir, f), '1');
    expect(await s.list('apps/')).toEqual(['apps/x/channels/c/manifest.json']);
  });

  it('wraps a failed read in a StorageError (a folder where the object should be)', async () => {
    const s = new FileStore(root);
    await s.putIfAbsent('d/k/inner', Buffer.from('x'));
    const err = await s.get('d/k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toMatch(/^cannot read d\/k in file:\/\/.*(EISDIR|is a directory, not a regular file)/);
  });
});

describe('MemoryStore fault hook', () => {
  it('sees each write before it is applied; throwing there leaves the store as it was', async () => {
    const seen: string[] = [];
    const s = new MemoryStore({ beforeMutation: (m) => void seen.push(`${m.op} ${m.key}`) });
    await s.putIfAbsent('a/1', Buffer.from('1'));
    const etag = await s.compareAndSwap('a/p', Buffer.from('p1'), null);
    expect(seen).toEqual(['putIfAbsent a/1', 'compareAndSwap a/p']);

    s.beforeMutation = (m) => {
      if (m.op === 'compareAndSwap') throw new Error('crash before the swap');
    };
    await s.putIfAbsent('a/2', Buffer.from('2'));
    const err = await s.compareAndSwap('a/p', Buffer.from('p2'), etag).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toContain('crash before the swap');
    expect(await s.get('a/p')).toEqual({ bytes: Buffer.from('p1'), etag });
    expect(s.keys()).toEqual(['a/1', 'a/2', 'a/p']);
  });

  it('passes an OtaError thrown by the hook through unchanged', async () => {
    const s = new MemoryStore({
      beforeMutation: () => {
        throw new ValidationError('refused by the test', 'E_INVALID');
      },
    });
    const err = await s.putIfAbsent('a/1', Buffer.from('1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OtaError);
    expect((err as OtaError).code).toBe('E_INVALID');
    expect(s.keys()).toEqual([]);
  });
});
