import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileArtifact } from '../helpers/file-artifact.js';
import { downloadVerified } from '../../src/device/download.js';
import { DeviceFetchError } from '../../src/device/fetcher.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';

/**
 * Range resume across sessions (issue 16 item 10; the rule: src/device/resume.ts and
 * test/vectors/resume.json) against the real store server of `otactl serve`, with a proxy in
 * front of it that misbehaves as a CDN or a flaky link can: it cuts a response, narrows or drops
 * the Range, or answers by itself. Whatever it does, the file handed over is the build's bytes.
 */
const work = mkdtempDir();
const { artifact, sha256, build } = fileArtifact({ bytes: 96 * 1024, buildId: 'b-resume', versionCode: 2 });

function mkdtempDir(): string {
  const dir = join(tmpdir(), `otactl-resume-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What the proxy does with one request: forward it (with these request headers, cutting the body after `cutAfter` bytes), or answer itself. */
type Proxy = (req: http.IncomingMessage, res: http.ServerResponse) => { forward: http.OutgoingHttpHeaders; cutAfter?: number } | 'answered';

let store: RunningStoreServer;
let proxy: http.Server;
let url: string;
let behaviour: Proxy = (req) => ({ forward: req.headers });
const ranges: Array<string | undefined> = [];

beforeAll(async () => {
  const root = join(work, 'store');
  mkdirSync(join(root, 'artifacts', 'sha256'), { recursive: true });
  writeFileSync(join(root, 'artifacts', 'sha256', sha256), artifact);
  store = await serveStore({ root, port: 0 });
  const target = new URL(store.url);
  proxy = http.createServer((req, res) => {
    ranges.push(req.headers.range);
    const what = behaviour(req, res);
    if (what === 'answered') return;
    const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: what.forward }, (upRes) => {
      res.writeHead(upRes.statusCode!, upRes.headers);
      let sent = 0;
      upRes.on('data', (chunk: Buffer) => {
        if (what.cutAfter !== undefined && sent + chunk.length >= what.cutAfter) {
          // The link goes silent mid-body (the device's idle timeout ends the session): unlike a
          // reset, every byte sent before reaches the device.
          res.write(chunk.subarray(0, what.cutAfter - sent));
          upRes.destroy();
          sent = what.cutAfter;
          return;
        }
        sent += chunk.length;
        res.write(chunk);
      });
      upRes.on('end', () => {
        if (what.cutAfter === undefined || sent < what.cutAfter) res.end();
      });
    });
    up.on('error', () => res.destroy());
    up.end();
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${build.url}`;
});
afterAll(async () => {
  await store?.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  rmSync(work, { recursive: true, force: true });
});

const IDLE_MS = 400;

/** A partial download of the first `have` bytes, as an earlier session against the store left it. */
async function seedPartial(file: string, have: number): Promise<void> {
  const etag = (await fetch(`${store.url}${build.url}`, { method: 'HEAD' })).headers.get('etag')!;
  writeFileSync(`${file}.part`, artifact.subarray(0, have));
  writeFileSync(`${file}.part.json`, JSON.stringify({ sha256, size: build.size, etag }));
}

let n = 0;
function dest(): string {
  const dir = join(work, `dl-${++n}`);
  mkdirSync(dir, { recursive: true });
  ranges.length = 0;
  return join(dir, 'artifact.bin');
}

async function attempt(file: string): Promise<string> {
  try {
    await downloadVerified({ url, build, dest: file, idleTimeoutMs: IDLE_MS });
    return 'ok';
  } catch (err) {
    if (err instanceof DeviceFetchError) return `${err.code}${typeof err.details.reason === 'string' ? ` ${err.details.reason}` : ''}`;
    throw err;
  }
}

describe('downloadVerified across sessions, against otactl serve behind a misbehaving proxy', () => {
  it('a link that drops mid-body: each session appends where the last stopped, the store answering 206', async () => {
    const file = dest();
    let session = 0;
    behaviour = (req) => ({ forward: req.headers, cutAfter: ++session < 3 ? 30_000 : undefined });
    expect(await attempt(file)).toBe('ota.download.fail');
    expect(readFileSync(`${file}.part`).equals(artifact.subarray(0, 30_000))).toBe(true);
    expect(await attempt(file)).toBe('ota.download.fail');
    expect(readFileSync(`${file}.part`).equals(artifact.subarray(0, 60_000))).toBe(true);
    expect(await attempt(file)).toBe('ok');
    expect(ranges).toEqual([undefined, 'bytes=30000-', 'bytes=60000-']);
    expect(readFileSync(file).equals(artifact)).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['artifact.bin']);
  });

  it('a proxy that drops Range: the store answers 200 and the file is rewritten from 0, never appended', async () => {
    const file = dest();
    behaviour = (req) => ({ forward: req.headers, cutAfter: 40_000 });
    expect(await attempt(file)).toBe('ota.download.fail');
    behaviour = (req) => {
      const { range: _range, 'if-range': _ifRange, ...rest } = req.headers;
      return { forward: rest };
    };
    expect(await attempt(file)).toBe('ok');
    expect(ranges).toEqual([undefined, 'bytes=40000-']);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a CDN that serves at most 16 KiB per range: appended as each Content-Range states, complete after several sessions', async () => {
    const file = dest();
    behaviour = (req) => {
      const from = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (!from) return { forward: req.headers, cutAfter: 16 * 1024 };
      return { forward: { ...req.headers, range: `bytes=${from[1]}-${Number(from[1]) + 16 * 1024 - 1}` } };
    };
    const results: string[] = [];
    for (let i = 0; i < 10 && results.at(-1) !== 'ok'; i++) results.push(await attempt(file));
    expect(results).toEqual([...Array(5).fill('ota.download.fail'), 'ok']);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('416 for the range asked: the partial file is dropped, so the next session starts from 0 instead of asking again', async () => {
    const file = dest();
    await seedPartial(file, 20_000);
    behaviour = (_req, res) => {
      res.writeHead(416, { 'content-range': `bytes */${artifact.length}` }).end();
      return 'answered';
    };
    expect(await attempt(file)).toBe('ota.download.fail');
    expect(readdirSync(join(file, '..'))).toEqual([]);
    behaviour = (req) => ({ forward: req.headers });
    expect(await attempt(file)).toBe('ok');
    expect(ranges).toEqual(['bytes=20000-', undefined]);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a 200 of another length (the server ignored Range and serves something else): nothing written, the partial file dropped', async () => {
    const file = dest();
    await seedPartial(file, 20_000);
    const other = randomBytes(50_000);
    behaviour = (_req, res) => {
      res.writeHead(200, { 'content-length': String(other.length), etag: '"other"' }).end(other);
      return 'answered';
    };
    expect(await attempt(file)).toBe('ota.download.fail total_mismatch');
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('a 206 with the manifest total but another start, or another total: refused, the partial file dropped, never appended', async () => {
    for (const contentRange of [(from: number) => `bytes ${from - 1}-${artifact.length - 1}/${artifact.length}`, (from: number) => `bytes ${from}-${artifact.length - 1}/${artifact.length + 1}`]) {
      const file = dest();
      await seedPartial(file, 20_000);
      const etag = JSON.parse(readFileSync(`${file}.part.json`, 'utf8')).etag as string;
      behaviour = (_req, res) => {
        const body = artifact.subarray(20_000);
        res.writeHead(206, { 'content-range': contentRange(20_000), 'content-length': String(body.length), etag }).end(body);
        return 'answered';
      };
      expect(await attempt(file)).toMatch(/^ota\.download\.fail (range|total)_mismatch$/);
      expect(existsSync(`${file}.part`)).toBe(false);
    }
  });
});
