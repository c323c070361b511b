import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheControlFor, contentTypeFor } from '../../src/edge/http-rules.js';
// The contract, spelled out: a test against the code's own constant would prove nothing.
const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
import { KEYS, makeStore, request, startServer, type StoreFixture } from './helpers.js';

let store: StoreFixture;
let srv: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  store = await makeStore();
  srv = await startServer(store.root, { pointerMaxAge: 15 });
});
afterAll(async () => {
  await srv.close();
  await store.cleanup();
});

const sha = (b: Buffer | string) => `"${createHash('sha256').update(b).digest('hex')}"`;

describe('200 responses per path class', () => {
  test('artifact: immutable, octet-stream, ETag is the content hash, streamed whole', async () => {
    const res = await fetch(`${srv.url}/${store.artifactKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('etag')).toBe(`"${store.artifactHex}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(store.artifact.length));
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect(Buffer.from(await res.arrayBuffer()).equals(store.artifact)).toBe(true);
  });

  test.each([
    [KEYS.build, IMMUTABLE_CACHE_CONTROL],
    [KEYS.history, IMMUTABLE_CACHE_CONTROL],
    [KEYS.manifest, 'public, max-age=15, must-revalidate'],
  ])('%s: JSON with %s and a SHA-256 ETag', async (key, cacheControl) => {
    const res = await fetch(`${srv.url}/${key}`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('etag')).toBe(sha(body));
  });

  test('.apk names get the Android package type', async () => {
    const res = await fetch(`${srv.url}/${KEYS.apk}`);
    expect(res.headers.get('content-type')).toBe('application/vnd.android.package-archive');
  });

  test('HEAD sends the same headers and no body', async () => {
    const res = await request(srv.url, `/${store.artifactKey}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(store.artifact.length));
    expect(res.headers.etag).toBe(`"${store.artifactHex}"`);
    expect(res.body.length).toBe(0);
  });

  test('other methods get 405 with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await request(srv.url, `/${KEYS.manifest}`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  test('directories and missing files are 404, with no listing', async () => {
    for (const p of ['/', '/apps', '/apps/demo/', '/artifacts/sha256', '/nope.json']) {
      const res = await request(srv.url, p);
      expect(res.status, p).toBe(404);
      expect(res.body.toString()).toBe('404 Not Found\n');
    }
  });

  test('query strings do not change which file is served', async () => {
    const res = await fetch(`${srv.url}/${KEYS.manifest}?cachebust=1`);
    expect(res.status).toBe(200);
  });
});

describe('ETag of a replaced pointer', () => {
  test('changes when the manifest is replaced by rename, as writers do', async () => {
    const url = `${srv.url}/${KEYS.manifest}`;
    const before = (await fetch(url)).headers.get('etag');
    const next = '{"sequence":2}';
    const file = path.join(store.root, ...KEYS.manifest.split('/'));
    await writeFile(`${file}.tmp`, next);
    await rename(`${file}.tmp`, file);
    const after = await fetch(url);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(after.headers.get('etag')).toBe(sha(next));
    expect(await after.text()).toBe(next);
  });
});

describe('pure helpers', () => {
  test('cacheControlFor classifies by store layout', () => {
    expect(cacheControlFor('artifacts/sha256/ab')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(cacheControlFor('apps/a/builds/b.json')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(cacheControlFor('apps/a/channels/c/history/1.json')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(cacheControlFor('apps/a/channels/c/manifest.json')).toBe('public, max-age=30, must-revalidate');
    // A channel literally named "builds" is still a pointer.
    expect(cacheControlFor('apps/a/channels/builds/manifest.json', 5)).toBe('public, max-age=5, must-revalidate');
  });

  test('contentTypeFor', () => {
    expect(contentTypeFor('x/y.JSON')).toBe('application/json');
    expect(contentTypeFor('x/agent.apk')).toBe('application/vnd.android.package-archive');
    expect(contentTypeFor('artifacts/sha256/ab')).toBe('application/octet-stream');
  });
});
