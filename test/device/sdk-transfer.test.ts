import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileArtifact } from '../helpers/file-artifact.js';
import { downloadVerified } from '../../src/device/download.js';
import { DeviceFetchError, fetchCapped } from '../../src/device/fetcher.js';
import { fetchManifest } from '../../src/device/manifest.js';
import { JsonFileStateStore, MemoryStateStore } from '../../src/device/state.js';
import { VerificationError } from '../../src/errors.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';

/**
 * The SDK's transfer layer against real HTTP: the store served by serveStore (ETag, Range,
 * If-Range as a CDN does) and, for misbehaving servers, a plain node:http server whose handler
 * each test sets.
 */
const work = mkdtempSync(join(tmpdir(), 'otactl-sdk-'));
const { artifact, sha256, build } = fileArtifact({ bytes: 64 * 1024, buildId: 'b-test', versionCode: 2 });

let store: RunningStoreServer;
let rogue: http.Server;
let rogueUrl: string;
let handler: http.RequestListener = (_req, res) => res.end();
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  const root = join(work, 'store');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(root, 'artifacts', 'sha256'), { recursive: true });
  writeFileSync(join(root, 'artifacts', 'sha256', sha256), artifact);
  store = await serveStore({ root, port: 0 });
  rogue = http.createServer((req, res) => {
    seen.push(req.headers);
    handler(req, res);
  });
  await new Promise<void>((r) => rogue.listen(0, '127.0.0.1', r));
  rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await store?.close();
  rogue?.closeAllConnections();
  await new Promise((r) => rogue?.close(r));
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  seen.length = 0;
});

let n = 0;
const dest = () => join(work, `dl-${++n}`, 'artifact.bin');
const mkdirFor = async (file: string) => (await import('node:fs/promises')).mkdir(join(file, '..'), { recursive: true });
const etagOf = async () => (await fetch(`${store.url}${build.url}`, { method: 'HEAD' })).headers.get('etag')!;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeviceFetchError || err instanceof VerificationError) return err.code;
    throw err;
  }
  return 'resolved';
}

describe('fetcher: one cap, typed errors', () => {
  it('a chunked body (no Content-Length) over the cap is refused while streaming: ota.manifest.too_large', async () => {
    let sent = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length announced
      const pump = () => {
        while (sent < 4 << 20 && !res.destroyed) {
          sent += 16 * 1024;
          if (!res.write(Buffer.alloc(16 * 1024, 0x20))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const code = await codeOf(fetchCapped({ url: rogueUrl, purpose: 'manifest', maxBytes: 100 * 1024 }));
    expect(code).toBe('ota.manifest.too_large');
    expect(sent).toBeLessThan(4 << 20); // stopped reading long before the server was done
  });

  it('fetchManifest has the cap too, and an over-long Content-Length is refused before the body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 << 20) });
      res.end(Buffer.alloc(2 << 20));
    };
    expect(await codeOf(fetchManifest(rogueUrl))).toBe('ota.manifest.too_large');
  });

  it('a refused status, a dead port and a stalled server are *.fetch_failed / ota.download.fail with the reason', async () => {
    handler = (_req, res) => res.writeHead(503).end();
    const e503 = await fetchCapped({ url: rogueUrl, purpose: 'manifest', maxBytes: 10 }).catch((e: DeviceFetchError) => e);
    expect(e503).toBeInstanceOf(DeviceFetchError);
    expect((e503 as DeviceFetchError).code).toBe('ota.manifest.fetch_failed');
    expect((e503 as DeviceFetchError).details.status).toBe(503);
    expect(await codeOf(fetchCapped({ url: 'http://127.0.0.1:1/x', purpose: 'download', maxBytes: 10 }))).toBe('ota.download.fail');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('12345'); // and nothing more
    };
    const stalled = await fetchCapped({ url: rogueUrl, purpose: 'download', maxBytes: 10, idleTimeoutMs: 300 }).catch((e: Error) => e);
    expect((stalled as DeviceFetchError).code).toBe('ota.download.fail');
    expect((stalled as Error).message).toMatch(/no data for 300 ms/);
  });
});

describe('downloadVerified: a file, resumed with Range, handed over only verified', () => {
  it('a fresh download lands at dest with nothing left beside it', async () => {
    const file = dest();
    await mkdirFor(file);
    const r = await downloadVerified({ url: `${store.url}${build.url}`, build, dest: file });
    expect(r).toEqual({ file, resumedFrom: 0 });
    expect(readFileSync(file).equals(artifact)).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['artifact.bin']);
  });

  it('resumes a partial file with Range + If-Range, re-hashing what is there', async () => {
    const file = dest();
    await mkdirFor(file);
    writeFileSync(`${file}.part`, artifact.subarray(0, 40_000));
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: artifact.length, etag: await etagOf() }));
    const r = await downloadVerified({ url: `${store.url}${build.url}`, build, dest: file });
    expect(r.resumedFrom).toBe(40_000);
    expect(readFileSync(file).equals(artifact)).toBe(true);
    expect(existsSync(`${file}.part`) || existsSync(`${file}.part.json`)).toBe(false);
  });

  it('a corrupt partial file is caught by the final hash: ota.verify.fail, nothing handed over, nothing kept', async () => {
    const file = dest();
    await mkdirFor(file);
    const bad = Buffer.from(artifact.subarray(0, 40_000));
    bad[5] = bad[5]! ^ 1;
    writeFileSync(`${file}.part`, bad);
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: artifact.length, etag: await etagOf() }));
    expect(await codeOf(downloadVerified({ url: `${store.url}${build.url}`, build, dest: file }))).toBe('ota.verify.fail');
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('a changed ETag (If-Range fails): the server sends the whole file and the download restarts from 0', async () => {
    const file = dest();
    await mkdirFor(file);
    writeFileSync(`${file}.part`, randomBytes(40_000)); // bytes of some earlier version of the object
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: artifact.length, etag: '"older"' }));
    const r = await downloadVerified({ url: `${store.url}${build.url}`, build, dest: file });
    expect(r.resumedFrom).toBe(0);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a partial file of another build is not resumed', async () => {
    const file = dest();
    await mkdirFor(file);
    writeFileSync(`${file}.part`, randomBytes(1000));
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256: 'ab'.repeat(32), size: artifact.length, etag: await etagOf() }));
    handler = (req, res) => {
      res.writeHead(200, { 'content-length': String(artifact.length), etag: '"x"' }).end(artifact);
    };
    expect((await downloadVerified({ url: rogueUrl, build, dest: file })).resumedFrom).toBe(0);
    expect(seen[0]!.range).toBeUndefined();
  });

  it('a server that ignores Range (200) restarts the hash from 0 and still verifies', async () => {
    const file = dest();
    await mkdirFor(file);
    writeFileSync(`${file}.part`, artifact.subarray(0, 30_000));
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: artifact.length, etag: '"v1"' }));
    handler = (_req, res) => res.writeHead(200, { 'content-length': String(artifact.length), etag: '"v1"' }).end(artifact);
    const r = await downloadVerified({ url: rogueUrl, build, dest: file });
    expect(seen[0]).toMatchObject({ range: 'bytes=30000-', 'if-range': '"v1"' });
    expect(r.resumedFrom).toBe(0);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a 206 whose Content-Range does not continue the file is refused and the partial dropped', async () => {
    const file = dest();
    await mkdirFor(file);
    writeFileSync(`${file}.part`, artifact.subarray(0, 30_000));
    writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: artifact.length, etag: '"v1"' }));
    const tail = artifact.subarray(20_000);
    handler = (_req, res) =>
      res.writeHead(206, { 'content-range': `bytes 20000-${artifact.length - 1}/${artifact.length}`, 'content-length': String(tail.length), etag: '"v1"' }).end(tail);
    expect(await codeOf(downloadVerified({ url: rogueUrl, build, dest: file }))).toBe('ota.download.fail');
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('a connection cut mid-body keeps the partial file, and the next attempt resumes from it', async () => {
    const file = dest();
    await mkdirFor(file);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(artifact.length), etag: '"v1"' });
      res.write(artifact.subarray(0, 25_000), () => setTimeout(() => res.destroy(), 50));
    };
    expect(await codeOf(downloadVerified({ url: rogueUrl, build, dest: file }))).toBe('ota.download.fail');
    expect(readFileSync(`${file}.part`).length).toBe(25_000);
    expect(existsSync(file)).toBe(false);
    handler = (req, res) => {
      const from = Number(/bytes=(\d+)-/.exec(String(req.headers.range))![1]);
      const rest = artifact.subarray(from);
      res.writeHead(206, { 'content-range': `bytes ${from}-${artifact.length - 1}/${artifact.length}`, 'content-length': String(rest.length), etag: '"v1"' }).end(rest);
    };
    const r = await downloadVerified({ url: rogueUrl, build, dest: file });
    expect(r.resumedFrom).toBe(25_000);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('more bytes than the manifest declares: ota.download.too_large, nothing kept (with or without Content-Length)', async () => {
    for (const withLength of [true, false]) {
      const file = dest();
      await mkdirFor(file);
      const bigger = Buffer.concat([artifact, Buffer.alloc(10)]);
      handler = (_req, res) => res.writeHead(200, withLength ? { 'content-length': String(bigger.length) } : {}).end(bigger);
      expect(await codeOf(downloadVerified({ url: rogueUrl, build, dest: file }))).toBe('ota.download.too_large');
      expect(readdirSync(join(file, '..'))).toEqual([]);
    }
  });

  it('a build signed by another key is refused before a byte is fetched', async () => {
    const file = dest();
    await mkdirFor(file);
    const err = await downloadVerified({ url: rogueUrl, build: { ...build, signer_fingerprint: 'aa'.repeat(32) }, dest: file, expectedSigner: 'bb'.repeat(32) }).catch((e: VerificationError) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as VerificationError).code).toBe('ota.verify.fail');
    expect((err as VerificationError).details.reason).toBe('signer');
    expect(seen).toHaveLength(0);
  });
});

describe('device state stores', () => {
  it('the JSON file store round-trips, writes atomically and survives a damaged file', async () => {
    const file = join(work, 'state', 'device.json');
    const s = new JsonFileStateStore(file);
    expect(await s.load()).toEqual({ highestSequence: 0 });
    await s.save({ highestSequence: 7, etag: '"e"', manifest: Buffer.from('{"x":1}') });
    expect(await new JsonFileStateStore(file).load()).toEqual({ highestSequence: 7, etag: '"e"', manifest: Buffer.from('{"x":1}') });
    expect(readdirSync(join(work, 'state'))).toEqual(['device.json']); // no temp file left beside it
    writeFileSync(file, '{"highestSequence": "seven"');
    expect(await s.load()).toEqual({ highestSequence: 0 });
  });

  it('the memory store hands out copies', async () => {
    const s = new MemoryStateStore();
    const st = await s.load();
    st.highestSequence = 9;
    expect((await s.load()).highestSequence).toBe(0);
  });
});
