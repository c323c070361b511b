// The Content-Type and Cache-Control a write gives an object are kept by the file store (as S3
// keeps them) and served by `otactl serve`; objects written without them keep the key's rules.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/file-store.js';
import { startServer } from './helpers.js';

describe('headers written with an object', () => {
  let root: string;
  let store: FileStore;
  const servers: { close(): Promise<void> }[] = [];
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'otactl-headers-'));
    store = new FileStore(root);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await rm(root, { recursive: true, force: true });
  });
  const serve = async (opts: { pointerMaxAge?: number } = {}) => {
    const srv = await startServer(root, opts);
    servers.push(srv);
    return srv;
  };

  it('are kept beside the object, hidden from listings, first write kept for an immutable key, removed with it', async () => {
    const key = 'artifacts/sha256/' + 'a'.repeat(64);
    await store.putIfAbsent(key, Buffer.from('apk'), { contentType: 'application/vnd.android.package-archive', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await store.putIfAbsent(key, Buffer.from('apk'), { contentType: 'text/plain' })).toBe('exists');
    expect(await store.list('artifacts/')).toEqual([key]);
    const srv = await serve();
    const res = await fetch(`${srv.url}/${key}`);
    expect(res.headers.get('content-type')).toBe('application/vnd.android.package-archive');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${srv.url}/.headers/${key}.json`)).status).toBe(404);
    expect(await readdir(join(root, 'artifacts', 'sha256'))).toEqual(['a'.repeat(64)]);
    await store.delete(key);
    expect(await readdir(join(root, '.headers', 'artifacts', 'sha256'))).toEqual([]);
  });

  it('follow a pointer\'s last write; --pointer-max-age still overrides a manifest\'s', async () => {
    const key = 'apps/x/channels/c/manifest.json';
    const e1 = await store.compareAndSwap(key, Buffer.from('{}'), null, { contentType: 'application/json', cacheControl: 'public, max-age=30, must-revalidate' });
    await store.compareAndSwap(key, Buffer.from('{"v":2}'), e1, { contentType: 'application/json', cacheControl: 'public, max-age=5, must-revalidate' });
    const res = await fetch(`${(await serve()).url}/${key}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, must-revalidate');
    const overridden = await fetch(`${(await serve({ pointerMaxAge: 60 })).url}/${key}`);
    expect(overridden.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
  });

  it('a damaged or hostile headers file falls back to the key\'s rules', async () => {
    await store.putIfAbsent('apps/x/builds/b-1.json', Buffer.from('{}'));
    await mkdir(join(root, '.headers/apps/x/builds'), { recursive: true });
    await writeFile(join(root, '.headers/apps/x/builds/b-1.json.json'), JSON.stringify({ content_type: 'text/html\r\nSet-Cookie: a=b', cache_control: 7 }));
    const res = await fetch(`${(await serve()).url}/apps/x/builds/b-1.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
