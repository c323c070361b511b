import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRange } from '../../src/edge/http-rules.js';
import { makeStore, request, startServer, type StoreFixture } from './helpers.js';

let store: StoreFixture;
let srv: Awaited<ReturnType<typeof startServer>>;
let size: number;
let path: string;

beforeAll(async () => {
  store = await makeStore();
  srv = await startServer(store.root);
  size = store.artifact.length;
  path = `/${store.artifactKey}`;
});
afterAll(async () => {
  await srv.close();
  await store.cleanup();
});

const get = (headers: Record<string, string>) => request(srv.url, path, { headers });

describe('Range over HTTP', () => {
  test.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, -1],
    ['bytes=-500', -500, -1],
    ['bytes=250000-999999999', 250000, -1],
    ['bytes=-999999999', 0, -1],
    ['BYTES = 5-5', 5, 5],
  ])('%s -> 206 with the right bytes', async (range, from, to) => {
    const start = from < 0 ? size + from : from;
    const end = to < 0 ? size - 1 : to;
    const res = await get({ Range: range });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.body.equals(store.artifact.subarray(start, end + 1))).toBe(true);
  });

  test.each(['bytes=300000-', `bytes=${300_000 + 7}-${300_000 + 9}`, 'bytes=-0'])('%s -> 416', async (range) => {
    const res = await get({ Range: range });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${size}`);
  });

  test.each(['bytes=0-1,5-9', 'bytes=9-1', 'items=0-1', 'bytes=abc', 'bytes=-'])('%s -> 200 whole file', async (range) => {
    const res = await get({ Range: range });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(size);
  });

  test('If-Range with the current ETag -> 206', async () => {
    const res = await get({ Range: 'bytes=0-9', 'If-Range': `"${store.artifactHex}"` });
    expect(res.status).toBe(206);
    expect(res.body.length).toBe(10);
  });

  test('If-Range with another or a weak ETag -> 200 whole file', async () => {
    for (const ifRange of ['"deadbeef"', `W/"${store.artifactHex}"`]) {
      const res = await get({ Range: 'bytes=0-9', 'If-Range': ifRange });
      expect(res.status).toBe(200);
      expect(res.body.equals(store.artifact)).toBe(true);
    }
  });

  test('If-Range with the Last-Modified date -> 206; an older date -> 200', async () => {
    const lastModified = String((await request(srv.url, path, { method: 'HEAD' })).headers['last-modified']);
    expect((await get({ Range: 'bytes=0-9', 'If-Range': lastModified })).status).toBe(206);
    expect((await get({ Range: 'bytes=0-9', 'If-Range': 'Thu, 01 Jan 2004 00:00:00 GMT' })).status).toBe(200);
  });

  test('If-None-Match match wins over Range: 304', async () => {
    const res = await get({ Range: 'bytes=0-9', 'If-None-Match': `"${store.artifactHex}"` });
    expect(res.status).toBe(304);
  });

  test('HEAD ignores Range (defined for GET only)', async () => {
    const res = await request(srv.url, path, { method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(size));
  });

  test('a resumed download reassembles the artifact', async () => {
    const parts: Buffer[] = [];
    for (let at = 0; at < size; at += 65_536) {
      parts.push((await get({ Range: `bytes=${at}-${Math.min(at + 65_535, size - 1)}` })).body);
    }
    expect(Buffer.concat(parts).equals(store.artifact)).toBe(true);
  });
});

describe('parseRange', () => {
  test('empty file: every range is unsatisfiable', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  test('absent header is the full file', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'full' });
  });
  test('end past the size is clamped', () => {
    expect(parseRange('bytes=8-20', 10)).toEqual({ kind: 'partial', start: 8, end: 9 });
  });
});
