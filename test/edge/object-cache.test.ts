import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES, SETTLE_MS } from '../../src/edge/object-cache.js';
import { SECRET, KEYS, makeStore, request, startServer, type StoreFixture } from './helpers.js';
import { servedChannelSuite } from '../helpers/served-channel.js';

/**
 * `otactl serve` remembers objects it served (their bytes when small, ETag and headers) and serves
 * them again while one stat per request shows the same files (src/edge/object-cache.ts). Every way
 * an object or its headers file can change must reach the next request. Each case first lets the
 * files settle (files changed within SETTLE_MS are not remembered) and requests the object once, so
 * the change happens to a remembered object.
 */
const sha = (b: Buffer | string) => `"${createHash('sha256').update(b).digest('hex')}"`;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS + 150));

/** Replaces a file the way the store's writers do: a temp file renamed over it. */
async function replaceByRename(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.new`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

const headersFile = (root: string, key: string) => path.join(root, '.headers', ...key.split('/')) + '.json';
async function writeHeaders(root: string, key: string, headers: { content_type?: string; cache_control?: string }): Promise<void> {
  await mkdir(path.dirname(headersFile(root, key)), { recursive: true });
  await replaceByRename(headersFile(root, key), JSON.stringify(headers));
}

const K = {
  beta: 'apps/demo/channels/beta/manifest.json',
  other: 'apps/other/channels/stable/manifest.json',
  big: 'downloads/big.bin',
  record: 'apps/demo/channels/stable/history/000002.json',
  sidecarGone: 'apps/demo/channels/stable/history/000003.json',
  dir: 'apps/demo/channels/gamma/manifest.json',
  sidecarReplaced: 'apps/demo/channels/delta/manifest.json',
} as const;

let store: StoreFixture;
let srv: Awaited<ReturnType<typeof startServer>>;
const errors: unknown[] = [];
const file = (key: string) => path.join(store.root, ...key.split('/'));
const get = (key: string, headers: Record<string, string> = {}, method = 'GET') => request(srv.url, `/${key}`, { headers, method });

beforeAll(async () => {
  store = await makeStore();
  const extra: Record<string, string | Buffer> = {
    [K.beta]: '{"beta":1}',
    [K.other]: '{"other":1}',
    [K.big]: randomBytes(MAX_BODY_BYTES + 1000),
    [K.record]: '{"seq":2,"note":"0123456789"}',
    [K.sidecarGone]: '{"seq":3}',
    [K.dir]: '{"gamma":1}',
    [K.sidecarReplaced]: '{"delta":1}',
  };
  for (const [key, data] of Object.entries(extra)) {
    await mkdir(path.dirname(file(key)), { recursive: true });
    await writeFile(file(key), data);
  }
  await writeHeaders(store.root, K.sidecarReplaced, { content_type: 'application/json', cache_control: 'public, max-age=30, must-revalidate' });
  await writeHeaders(store.root, K.sidecarGone, { content_type: 'application/x-record', cache_control: 'public, max-age=31536000, immutable' });
  const outside = path.join(store.base, 'outside', 'channels', 'stable');
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, 'manifest.json'), SECRET);
  await settle();
  srv = await startServer(store.root, { onError: (e) => errors.push(e) });
  // Remember every object used below.
  for (const key of [KEYS.manifest, KEYS.build, KEYS.apk, 'notes.txt', ...Object.values(K)]) expect((await get(key)).status, key).toBe(200);
}, 20_000);
afterAll(async () => {
  await srv.close();
  await store.cleanup();
});

describe('a remembered object that changed is served as it is now', () => {
  test('a manifest replaced by rename: the next request gets the new bytes and ETag, the old ETag no longer matches', async () => {
    const before = await get(KEYS.manifest);
    const next = Buffer.from('{"payloadType":"x","payload":"e30K","signatures":[]}');
    await replaceByRename(file(KEYS.manifest), next);
    const after = await get(KEYS.manifest, { 'If-None-Match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.body.equals(next)).toBe(true);
    expect(after.headers.etag).toBe(sha(next));
  });

  test('rewritten in place with the same size', async () => {
    await writeFile(file('notes.txt'), 'PLAIN');
    const res = await get('notes.txt');
    expect(res.body.toString()).toBe('PLAIN');
    expect(res.headers.etag).toBe(sha('PLAIN'));
  });

  test('deleted: 404', async () => {
    await rm(file(KEYS.apk));
    expect((await get(KEYS.apk)).status).toBe(404);
  });

  test('replaced by a folder: 404', async () => {
    await rm(file(K.dir));
    await mkdir(file(K.dir));
    expect((await get(K.dir)).status).toBe(404);
  });

  test('a big object (validators remembered, bytes streamed) replaced: new bytes and ETag', async () => {
    const next = randomBytes(MAX_BODY_BYTES + 1000);
    await replaceByRename(file(K.big), next);
    const res = await get(K.big);
    expect(res.body.equals(next)).toBe(true);
    expect(res.headers.etag).toBe(sha(next));
  });
});

describe('the headers file of a remembered object', () => {
  test('created where there was none: its Content-Type is served', async () => {
    expect((await get(KEYS.build)).headers['content-type']).toBe('application/json');
    await writeHeaders(store.root, KEYS.build, { content_type: 'application/x-build' });
    expect((await get(KEYS.build)).headers['content-type']).toBe('application/x-build');
  });

  test('replaced: its new Cache-Control is served', async () => {
    expect((await get(K.sidecarReplaced)).headers['cache-control']).toBe('public, max-age=30, must-revalidate');
    await writeHeaders(store.root, K.sidecarReplaced, { content_type: 'application/json', cache_control: 'public, max-age=5, must-revalidate' });
    expect((await get(K.sidecarReplaced)).headers['cache-control']).toBe('public, max-age=5, must-revalidate');
  });

  test('removed: the key rules apply again', async () => {
    expect((await get(K.sidecarGone)).headers['content-type']).toBe('application/x-record');
    await rm(headersFile(store.root, K.sidecarGone));
    const res = await get(K.sidecarGone);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('symlink rules hold for remembered objects', () => {
  test('the file swapped for a symlink to a file outside the root: 404, nothing of it sent', async () => {
    const link = `${file(K.beta)}.link`;
    await symlink(path.join(store.base, 'secret.txt'), link);
    await rename(link, file(K.beta));
    const res = await get(K.beta);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  test('a folder on its path swapped for a symlink to a folder outside the root: 404', async () => {
    await rename(path.join(store.root, 'apps', 'other'), path.join(store.base, 'other-moved'));
    await symlink(path.join(store.base, 'outside'), path.join(store.root, 'apps', 'other'));
    const res = await get(K.other);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain(SECRET);
  });
});

describe('a remembered small object answers as one read from disk does', () => {
  const bytes = '{"seq":2,"note":"0123456789"}';
  test('200 with its bytes and headers, HEAD without a body, 304 on its ETag', async () => {
    const full = await get(K.record);
    expect(full.body.toString()).toBe(bytes);
    expect(full.headers).toMatchObject({ etag: sha(bytes), 'content-length': String(bytes.length), 'accept-ranges': 'bytes', 'content-type': 'application/json', 'cache-control': 'public, max-age=31536000, immutable' });
    const head = await get(K.record, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    const notModified = await get(K.record, { 'If-None-Match': sha(bytes) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
  });

  test('ranges: 206 with the slice, 416 past the end', async () => {
    const part = await get(K.record, { Range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe(bytes.slice(2, 6));
    expect(part.headers['content-range']).toBe(`bytes 2-5/${bytes.length}`);
    expect(part.headers['content-length']).toBe('4');
    expect((await get(K.record, { Range: 'bytes=-3' })).body.toString()).toBe(bytes.slice(-3));
    expect((await get(K.record, { Range: `bytes=${bytes.length}-` })).status).toBe(416);
  });

  test('no unexpected errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('a channel published by otactl while serve runs', () => {
  const served = servedChannelSuite();
  test('a request right after each publish gets the new manifest and ETag', async () => {
    const { ws } = served;
    const url = served.base().manifestUrl;
    const manifest = path.join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'manifest.json');
    for (const percent of ['50', '20']) {
      await settle();
      const before = await fetch(url);
      expect(before.status).toBe(200);
      await before.arrayBuffer();
      expect((await ws.run(['rollout', percent, '--app', 'demo', '--channel', 'stable', '--yes'])).code).toBe(0);
      const onDisk = await readFile(manifest);
      const after = await fetch(url, { headers: { 'If-None-Match': before.headers.get('etag')! } });
      expect(after.status).toBe(200);
      expect(Buffer.from(await after.arrayBuffer()).equals(onDisk)).toBe(true);
      expect(after.headers.get('etag')).toBe(sha(onDisk));
    }
  }, 30_000);
});
