/**
 * Issue 18 items 4 and 5, without an S3 server: an endpoint that is not S3 (a web server answering
 * 200 to everything) and one that takes the connection and never answers. Both are exit 7 naming
 * the endpoint and what came back (or that nothing did), in bounded time, the store untouched.
 * Fake credentials: these servers never check them. (No credentials at all is the credential
 * chain's subject: s3-logs-credentials.test.ts, in a process of its own.)
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/context.js';
import { IO } from '../../src/cli/io.js';
import { command as statusCommand } from '../../src/cli/commands/status.js';
import { expectCleanFailure } from '../helpers/cli.js';
import { cliWorkspace, sdkProcessEnv } from '../helpers/run-cli.js';
import { Terminal } from '../helpers/terminal.js';

const FAKE_AWS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEI18', AWS_SECRET_ACCESS_KEY: 'example-secret-i18', AWS_REGION: 'eu-west-3', AWS_EC2_METADATA_DISABLED: 'true' };

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

describe('s3:// endpoints that are not S3 or never answer', () => {
  const ws = cliWorkspace();
  const sockets: Socket[] = [];
  const html = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><head><title>Welcome to the intranet</title></head><body>It works</body></html>');
  });
  const json = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  const silent = createTcpServer((s) => sockets.push(s)); // accepts, reads, never answers
  let htmlUrl = '';
  let jsonUrl = '';
  let silentUrl = '';

  beforeAll(async () => {
    sdkProcessEnv(FAKE_AWS); // the SDK's credential chain reads the process environment
    expect((await ws.run(['init'])).code).toBe(0);
    ws.file('fw.bin', Buffer.alloc(3000, 0x5a));
    [htmlUrl, jsonUrl, silentUrl] = await Promise.all([listen(html), listen(json), listen(silent)]);
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    html.close();
    json.close();
    silent.close();
  });

  const s3 = (endpoint: string, ...args: string[]) => ws.run([...args, '--store', 's3://ota-i18/fleet', '--endpoint', endpoint, '--json'], { env: FAKE_AWS });

  it('a web server answering 200 HTML: status, upload and promote are exit 7 E_NOT_S3 naming the endpoint and the page, not an empty or damaged store', async () => {
    for (const args of [['status'], ['upload', 'fw.bin', '--app', 'demo', '--kind', 'file', '--version-code', '7'], ['promote', 'b-0123456789ab', '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']]) {
      const r = await s3(htmlUrl, ...args);
      expectCleanFailure(r, 7, 'E_NOT_S3');
      expect(r.json().error.message).toContain(htmlUrl);
      expect(r.json().error.message).toMatch(/text\/html.*Welcome to the intranet/);
    }
  });

  it('a server answering 200 JSON to everything: the listing is not a ListBucketResult, exit 7 E_NOT_S3', async () => {
    const r = await s3(jsonUrl, 'status');
    expectCleanFailure(r, 7, 'E_NOT_S3');
    expect(r.json().error.message).toMatch(new RegExp(`${jsonUrl}.*ListObjectsV2 got HTTP 200 application/json, not a ListBucketResult`));
  });

  it('a silent endpoint: "timed out after N s at ENDPOINT" within the --timeout, exit 7, nothing on stderr but the error off a terminal', async () => {
    const started = Date.now();
    const r = await s3(silentUrl, 'status', '--timeout', '3s');
    const took = Date.now() - started;
    expectCleanFailure(r, 7, 'E_S3_TIMEOUT');
    expect(r.json().error.message).toMatch(new RegExp(`^cannot list apps/ in s3://ota-i18/fleet: timed out after 3 s at ${silentUrl}: no answer to ListObjectsV2`));
    expect(took).toBeLessThan(30_000); // 3 s of waiting plus start-up on a busy machine; it was 5 minutes
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('on a terminal, a line says what it waits for and for how long while the endpoint is silent', async () => {
    const stderr = new Terminal();
    const { NO_COLOR: _plain, ...rest } = ws.env;
    const env = { ...rest, TERM: 'xterm-256color' };
    const io = await new IO({ json: false, stderr, stdout: new Terminal(), env }).init();
    const ctx = new CliContext(io, { json: false, yes: false, debug: false, color: true, quiet: false, store: 's3://ota-i18/fleet', endpoint: silentUrl, timeout: '4s' }, env, ws.dir);
    await expect(statusCommand.run(ctx, statusCommand.parse({ flags: { verifyHistory: false }, args: [] }))).rejects.toMatchObject({ code: 'E_S3_TIMEOUT' });
    expect(stderr.text).toMatch(new RegExp(`waiting for ${silentUrl}: [2-4] s \\(gives up after 4 s in all; --timeout\\)`));
  });

  it('stats --logs s3:// at a silent endpoint ends within --timeout (exit 7 E_LOGS), it does not hang', async () => {
    const started = Date.now();
    const r = await ws.run(['stats', '--logs', 's3://ota-i18-logs/cf/', '--timeout', '2s', '--json'], { env: { ...FAKE_AWS, AWS_ENDPOINT_URL: silentUrl } });
    expectCleanFailure(r, 7, 'E_LOGS');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('OTACTL_TIMEOUT sets the same limit; a bad value is exit 2', async () => {
    const r = await ws.run(['status', '--store', 's3://ota-i18/fleet', '--endpoint', silentUrl, '--json'], { env: { ...FAKE_AWS, OTACTL_TIMEOUT: '2s' } });
    expectCleanFailure(r, 7, 'E_S3_TIMEOUT');
    expect(r.json().error.message).toMatch(/: timed out after 2 s at /);
    expectCleanFailure(await s3(silentUrl, 'status', '--timeout', '0s'), 2, 'E_USAGE');
    expectCleanFailure(await s3(silentUrl, 'status', '--timeout', 'soon'), 2, 'E_USAGE');
  });
});
