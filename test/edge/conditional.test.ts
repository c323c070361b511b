import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { etagListMatches } from '../../src/edge/http-rules.js';
import { KEYS, makeStore, request, startServer, type StoreFixture } from './helpers.js';

let store: StoreFixture;
let srv: Awaited<ReturnType<typeof startServer>>;
let etag: string;
let lastModified: string;
const manifestPath = `/${KEYS.manifest}`;

beforeAll(async () => {
  store = await makeStore();
  srv = await startServer(store.root);
  const first = await request(srv.url, manifestPath);
  etag = String(first.headers.etag);
  lastModified = String(first.headers['last-modified']);
});
afterAll(async () => {
  await srv.close();
  await store.cleanup();
});

const get = (headers: Record<string, string>, path = manifestPath) => request(srv.url, path, { headers });

describe('If-None-Match', () => {
  test('exact match: 304 with ETag and Cache-Control, no body', async () => {
    const res = await get({ 'If-None-Match': etag });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe(etag);
    expect(res.headers['cache-control']).toBe('public, max-age=30, must-revalidate');
    expect(res.body.length).toBe(0);
  });

  test('weak comparison: W/ tag matches the strong one', async () => {
    expect((await get({ 'If-None-Match': `W/${etag}` })).status).toBe(304);
  });

  test('a list containing the tag matches; * matches any existing file', async () => {
    expect((await get({ 'If-None-Match': `"nope", ${etag}, W/"other"` })).status).toBe(304);
    expect((await get({ 'If-None-Match': '*' })).status).toBe(304);
  });

  test('no match: 200 with the body', async () => {
    const res = await get({ 'If-None-Match': '"0000", W/"1111"' });
    expect(res.status).toBe(200);
    expect(res.body.equals(store.manifest)).toBe(true);
  });

  test('artifacts revalidate on their content hash', async () => {
    const res = await get({ 'If-None-Match': `"${store.artifactHex}"` }, `/${store.artifactKey}`);
    expect(res.status).toBe(304);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('* on a missing file is still 404', async () => {
    expect((await get({ 'If-None-Match': '*' }, '/apps/demo/none.json')).status).toBe(404);
  });

  test('HEAD gets 304 too', async () => {
    const res = await request(srv.url, manifestPath, { method: 'HEAD', headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
  });
});

describe('If-Modified-Since', () => {
  test('not modified since Last-Modified: 304', async () => {
    expect((await get({ 'If-Modified-Since': lastModified })).status).toBe(304);
  });

  test('older date: 200', async () => {
    expect((await get({ 'If-Modified-Since': 'Thu, 01 Jan 2004 00:00:00 GMT' })).status).toBe(200);
  });

  test('ignored when If-None-Match is present (RFC 9110 §13.1.3)', async () => {
    expect((await get({ 'If-None-Match': '"other"', 'If-Modified-Since': lastModified })).status).toBe(200);
  });

  test('an unparseable date is ignored', async () => {
    expect((await get({ 'If-Modified-Since': 'yesterday' })).status).toBe(200);
  });
});

describe('keep-alive', () => {
  /** Writes the requests one after another on one connection; resolves with all answers, or with what came before the server closed it. */
  function onOneConnection(requests: string[]): Promise<{ text: string; closed: boolean }> {
    const { port } = new URL(srv.url);
    return new Promise((resolve, reject) => {
      let text = '';
      const sock = net.connect(Number(port), '127.0.0.1');
      const statusLines = () => text.match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0;
      let sent = 0;
      const next = () => sock.write(requests[sent++]!);
      sock.on('connect', next);
      sock.on('data', (d) => {
        text += d.toString('latin1');
        if (statusLines() === sent && sent < requests.length) next();
        else if (statusLines() === requests.length) {
          sock.destroy();
          resolve({ text, closed: false });
        }
      });
      sock.on('end', () => resolve({ text, closed: true }));
      sock.on('error', reject);
    });
  }

  test('an HTTP/1.0 keep-alive client keeps its connection after a 304, as after a 200 (ab -k)', async () => {
    const req = (extra: string) => `GET ${manifestPath} HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n${extra}\r\n`;
    const { text, closed } = await onOneConnection([req(`If-None-Match: ${etag}\r\n`), req(''), req(`If-None-Match: ${etag}\r\n`)]);
    expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 304', 'HTTP/1.1 200', 'HTTP/1.1 304']);
    expect(text).not.toMatch(/^Connection: close/im);
    expect(closed).toBe(false);
  });
});

describe('etagListMatches', () => {
  test.each([
    ['"a"', '"a"', true],
    ['W/"a"', '"a"', true],
    ['"a"', 'W/"a"', true],
    ['"b", "a"', '"a"', true],
    ['  *  ', '"a"', true],
    ['"ab"', '"a"', false],
    ['a', '"a"', false],
    ['', '"a"', false],
  ])('%s vs %s -> %s', (header, tag, expected) => {
    expect(etagListMatches(header, tag)).toBe(expected);
  });
});
