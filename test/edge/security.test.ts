import { execFileSync } from 'node:child_process';
import { chmod, symlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveStoreKey } from '../../src/edge/http-rules.js';
import { SECRET, makeStore, request, startServer, type StoreFixture } from './helpers.js';

let store: StoreFixture;
let srv: Awaited<ReturnType<typeof startServer>>;
const errors: unknown[] = [];

beforeAll(async () => {
  store = await makeStore();
  // Links inside the store that point outside it.
  await symlink(path.join(store.base, 'secret.txt'), path.join(store.root, 'leak.txt'));
  await symlink(store.base, path.join(store.root, 'up'));
  srv = await startServer(store.root, { onError: (e) => errors.push(e) });
});
afterAll(async () => {
  await srv.close();
  await store.cleanup();
});

function expectRefused(res: { status: number; body: Buffer }, label: string): void {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(res.body.toString(), label).not.toContain(SECRET);
  expect(res.body.toString(), label).not.toContain(store.base);
}

describe('path traversal', () => {
  test.each([
    '/../secret.txt',
    '/apps/../../secret.txt',
    '/apps/demo/../../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/apps%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%00',
    '/apps/demo/builds/b-001.json%00.txt',
    '/%252e%252e/secret.txt',
    '/%E0%A4%A',
    '/leak.txt',
    '/up/secret.txt',
    'http://evil.example/../secret.txt',
    '//etc/passwd',
    '/etc/passwd',
  ])('%s is refused and nothing outside the root is sent', async (p) => {
    expectRefused(await request(srv.url, p), p);
  });

  test('a literal NUL on the wire is refused', async () => {
    const { port } = new URL(srv.url);
    const reply = await new Promise<string>((resolve, reject) => {
      let data = '';
      const sock = net.connect(Number(port), '127.0.0.1', () => {
        sock.write('GET /notes.txt\0/../../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      sock.on('data', (d) => (data += d.toString()));
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(reply).not.toContain(SECRET);
  });

  test('resolveStoreKey', () => {
    expect(resolveStoreKey('/apps/a/channels/c/manifest.json')).toEqual({ key: 'apps/a/channels/c/manifest.json' });
    expect(resolveStoreKey('/a%20b.json')).toEqual({ key: 'a b.json' });
    expect(resolveStoreKey('/a/../b')).toEqual({ status: 400 });
    expect(resolveStoreKey('relative')).toEqual({ status: 400 });
    expect(resolveStoreKey('/a/./b')).toEqual({ status: 404 });
    expect(resolveStoreKey('/a/my.lockfile.json')).toEqual({ key: 'a/my.lockfile.json' });
  });
});

describe('internal files are never served', () => {
  test.each([
    '/.git/config',
    '/apps/demo/.hidden.json',
    '/apps/demo/channels/stable/manifest.json.lock',
    '/apps/demo/channels/stable/manifest.json.tmp',
    '/apps/demo/channels/stable/manifest.json%2Etmp',
    '/apps/demo/channels/stable/manifest.json.lock.break',
    '/apps/demo/channels/stable/.a1b2c3.tmp',
  ])('%s -> 404', async (p) => {
    expect((await request(srv.url, p)).status).toBe(404);
  });
});

describe('file system errors', () => {
  test('an unreadable file is 403 without the path in the body', async () => {
    const file = path.join(store.root, 'notes.txt');
    await chmod(file, 0o000);
    // Root reads everything, so under root the check runs against `otactl serve` started as nobody.
    const server = process.getuid?.() === 0 ? await serveAsNobody(store.base, store.root) : { url: srv.url, close: async () => undefined };
    try {
      const res = await request(server.url, '/notes.txt');
      expect(res.status).toBe(403);
      expect(res.body.toString()).toBe('403 Forbidden\n');
      expect((await request(server.url, `/${store.artifactKey}`)).status).toBe(200);
    } finally {
      await chmod(file, 0o644);
      await server.close();
    }
  });

  test('a FIFO in the store neither hangs the server nor is served', async () => {
    try {
      execFileSync('mkfifo', [path.join(store.root, 'pipe.json')]);
    } catch {
      return; // no mkfifo on this platform
    }
    expect((await request(srv.url, '/pipe.json')).status).toBe(404);
  });

  test('the server keeps serving and reported no unexpected errors', async () => {
    expect((await request(srv.url, '/notes.txt')).status).toBe(200);
    expect(errors).toEqual([]);
  });
});

/** Starts the real CLI's `otactl serve` as the unprivileged user 65534 and resolves with its URL. */
async function serveAsNobody(base: string, root: string): Promise<{ url: string; close(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const { chmodSync, lstatSync, readdirSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const openUp = (dir: string): void => {
    chmodSync(dir, 0o755);
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (lstatSync(p).isDirectory()) openUp(p); // lstat: the store holds symlinks that loop
    }
  };
  chmodSync(base, 0o755);
  openUp(root);
  const bin = fileURLToPath(new URL('../../bin/otactl.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--store', `file://${root}`, '--port', '0', '--json'], {
    uid: 65534,
    gid: 65534,
    env: { PATH: process.env.PATH, HOME: '/tmp' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url": "([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`otactl serve exited ${code}: ${err}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
