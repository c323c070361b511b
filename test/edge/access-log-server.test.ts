import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCESS_LOG_FIELDS, ACCESS_LOG_HEADER, decodeLogValue, parseAccessLog } from '../../src/edge/access-log.js';
import { serveStore } from '../../src/edge/http-server.js';
import { KEYS, LogSink, makeStore, request, startServer, type StoreFixture } from './helpers.js';

let store: StoreFixture;

beforeAll(async () => {
  store = await makeStore();
});
afterAll(async () => {
  await store.cleanup();
});

describe('access log lines from real requests', () => {
  test('parse back into the 33 fields with the right values', async () => {
    const srv = await startServer(store.root, { logHost: 'd111.cloudfront.example' });
    const ua = { 'User-Agent': 'otactl-sim/1.0 (device 42; ünï)', Referer: 'http://x/y z' };
    const art = `/${store.artifactKey}`;
    const full = await request(srv.url, `${art}?utm=a%20b&x=1`, { headers: ua });
    await request(srv.url, art, { headers: { Range: 'bytes=100-199' } });
    await request(srv.url, art, { headers: { 'If-None-Match': `"${store.artifactHex}"` } });
    await request(srv.url, '/missing.json');
    await request(srv.url, `/${KEYS.manifest}`, { method: 'HEAD' });
    await request(srv.url, art, { headers: { Range: 'bytes=999999-' } });
    await srv.log.waitForLines(6);
    await srv.close();

    expect(srv.log.text.startsWith(ACCESS_LOG_HEADER)).toBe(true);
    expect(srv.log.text.split(ACCESS_LOG_HEADER)).toHaveLength(2);
    for (const line of srv.log.dataLines()) expect(line.split('\t')).toHaveLength(33);

    const [get, ranged, notModified, missing, head, unsatisfiable] = parseAccessLog(srv.log.text);
    expect(Object.keys(get!)).toEqual([...ACCESS_LOG_FIELDS]);
    expect(get).toMatchObject({
      'x-edge-location': 'LOCAL',
      'c-ip': '127.0.0.1',
      'cs-method': 'GET',
      'cs(Host)': 'd111.cloudfront.example',
      'x-host-header': new URL(srv.url).host,
      'cs-uri-stem': art,
      'cs-uri-query': 'utm=a%2520b&x=1',
      'sc-status': '200',
      'x-edge-result-type': 'Miss',
      'x-edge-detailed-result-type': 'Miss',
      'x-edge-request-id': full.headers['x-amz-cf-id'],
      'cs-protocol': 'http',
      'cs-protocol-version': 'HTTP/1.1',
      'ssl-protocol': '-',
      'sc-content-type': 'application/octet-stream',
      'sc-content-len': String(store.artifact.length),
      'sc-range-start': '-',
      'sc-range-end': '-',
    });
    expect(get!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(get!.time).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(get!['time-taken']).toMatch(/^\d+\.\d{3}$/);
    expect(get!['time-to-first-byte']).toMatch(/^\d+\.\d{3}$/);
    expect(Number(get!['c-port'])).toBeGreaterThan(0);
    expect(Number(get!['cs-bytes'])).toBeGreaterThan(50);
    // sc-bytes counts what went on the wire: the body plus the status line and headers.
    expect(Number(get!['sc-bytes'])).toBeGreaterThan(store.artifact.length);
    expect(Number(get!['sc-bytes'])).toBeLessThan(store.artifact.length + 1000);
    expect(decodeLogValue(get!['cs(User-Agent)'])).toBe(ua['User-Agent']);
    expect(get!['cs(User-Agent)']).not.toMatch(/[ \t]/);
    expect(decodeLogValue(get!['cs(Referer)'])).toBe(ua.Referer);

    expect(ranged).toMatchObject({ 'sc-status': '206', 'sc-content-len': '100', 'sc-range-start': '100', 'sc-range-end': '199' });
    expect(Number(ranged!['sc-bytes'])).toBeGreaterThan(100);
    expect(Number(ranged!['sc-bytes'])).toBeLessThan(1000);
    expect(notModified).toMatchObject({ 'sc-status': '304', 'x-edge-result-type': 'RefreshHit' });
    expect(missing).toMatchObject({ 'sc-status': '404', 'x-edge-result-type': 'Error', 'cs-uri-stem': '/missing.json' });
    expect(head).toMatchObject({ 'cs-method': 'HEAD', 'sc-status': '200', 'sc-content-type': 'application/json' });
    expect(unsatisfiable).toMatchObject({ 'sc-status': '416', 'x-edge-result-type': 'Error', 'sc-range-start': '-' });
  });

  test('a Referer keeps no credential: its userinfo and credential-named query values are masked like the request\'s', async () => {
    // A download page whose own URL carries a token, or a signed URL followed from another signed URL.
    const secrets = ['RefererTokenSecret0123', 'RefererSignatureSecret0123', 'RefererPassword0123', 'RefererFragmentToken0123'];
    const referer = `https://portal:${secrets[2]}@portal.example.com/downloads?fleet=north&token=${secrets[0]}&Signature=${secrets[1]}#access_token=${secrets[3]}`;
    const srv = await startServer(store.root);
    await request(srv.url, `/${store.artifactKey}`, { headers: { Referer: referer } });
    await srv.log.waitForLines(1);
    await srv.close();
    const [line] = parseAccessLog(srv.log.text);
    for (const secret of secrets) expect(srv.log.text).not.toContain(secret);
    expect(decodeLogValue(line!['cs(Referer)'])).toBe('https://***@portal.example.com/downloads?fleet=north&token=***&Signature=***#***');
  });

  test('sc-bytes is per request on a kept-alive connection', async () => {
    const srv = await startServer(store.root);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(srv.url);
    const get = (p: string) =>
      new Promise<void>((resolve, reject) => {
        http.get({ hostname, port, path: p, agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
      });
    await get(`/${store.artifactKey}`);
    await get(`/${KEYS.build}`);
    const [big, small] = parseAccessLog((await srv.log.waitForLines(2)).join('\n'));
    agent.destroy();
    await srv.close();
    expect(big!['c-port']).toBe(small!['c-port']); // same connection
    expect(Number(big!['sc-bytes'])).toBeGreaterThan(store.artifact.length);
    expect(Number(small!['sc-bytes'])).toBeLessThan(1000);
  });

  test('writeHeader: false appends lines only', async () => {
    const log = new LogSink();
    const running = await serveStore({ root: store.root, port: 0, accessLog: log, writeHeader: false });
    await request(running.url, `/${KEYS.build}`);
    await log.waitForLines(1);
    await running.close();
    expect(log.text.startsWith('#')).toBe(false);
    expect(parseAccessLog(log.text)).toHaveLength(1);
  });

  test('accessLogPath: header once per file, appended across restarts', async () => {
    const dir = path.join(store.base, 'logs');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'access.log');
    for (let run = 0; run < 2; run++) {
      const running = await serveStore({ root: store.root, port: 0, accessLogPath: file });
      await request(running.url, `/${KEYS.history}`);
      await running.close();
    }
    const text = await readFile(file, 'utf8');
    expect(text.match(/^#Version: 1\.0$/gm)).toHaveLength(1);
    expect(text.match(/^#Fields: /gm)).toHaveLength(1);
    expect(parseAccessLog(text).map((r) => r['sc-status'])).toEqual(['200', '200']);
  });

  test('an unopenable log path fails serveStore with a StorageError', async () => {
    await expect(
      serveStore({ root: store.root, port: 0, accessLogPath: path.join(store.base, 'no', 'such', 'dir', 'a.log') }),
    ).rejects.toMatchObject({ code: 'E_ACCESS_LOG' });
  });

  test('the error names the path and the reason in words: a folder, a missing folder', async () => {
    const folder = path.join(store.base, 'logs-folder');
    await mkdir(folder, { recursive: true });
    await expect(serveStore({ root: store.root, port: 0, accessLogPath: folder })).rejects.toMatchObject({
      code: 'E_ACCESS_LOG',
      message: `Cannot open the access log ${folder} for appending: it is a folder (give a file path, e.g. DIR/access.log)`,
    });
    const missing = path.join(store.base, 'nowhere', 'x.log');
    await expect(serveStore({ root: store.root, port: 0, accessLogPath: missing })).rejects.toMatchObject({
      message: `Cannot open the access log ${missing} for appending: its folder does not exist`,
    });
  });
});

describe('a client aborting mid-download', () => {
  const openFds = async () => (await readdir('/proc/self/fd').catch(() => [])).length;

  test('does not crash the server, closes the file and logs a ClientCommError', async () => {
    const big = Buffer.alloc(48 * 1024 * 1024, 7);
    const hex = createHash('sha256').update(big).digest('hex');
    await writeFile(path.join(store.root, 'artifacts', 'sha256', hex), big);
    const errors: unknown[] = [];
    const srv = await startServer(store.root, { onError: (e) => errors.push(e) });
    const fdsBefore = await openFds();

    const received = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(srv.url);
      const req = http.get({ hostname, port, path: `/artifacts/sha256/${hex}`, agent: false }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    expect(received).toBeGreaterThan(0);

    const [line] = parseAccessLog((await srv.log.waitForLines(1)).join('\n'));
    expect(line).toMatchObject({ 'sc-status': '200', 'x-edge-result-type': 'Error', 'x-edge-detailed-result-type': 'ClientCommError' });
    expect(Number(line!['sc-bytes'])).toBeLessThan(big.length);

    // Still serving, and the aborted stream released its file handle.
    const after = await request(srv.url, `/${store.artifactKey}`);
    expect(after.status).toBe(200);
    expect(after.body.equals(store.artifact)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(await openFds()).toBeLessThanOrEqual(fdsBefore);
    expect(errors).toEqual([]);
    await srv.close();
  });
});
