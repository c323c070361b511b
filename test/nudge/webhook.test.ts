/**
 * Webhook transport against a local node:http receiver: what is POSTed (the message, its signature
 * repeated in a header), what is retried (5xx, 429 after Retry-After), what is counted apart (410),
 * and the process's exit codes for an endpoint that always fails (4) or cannot be reached (7).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NudgeHandler } from '../../src/device/nudge.js';
import type { RetryPolicy } from '../../src/nudge/retry.js';
import { SIGNATURE_HEADER, WebhookTransport } from '../../src/nudge/webhook.js';
import { isPartial, nudge, type NudgeRequest } from '../../src/nudge/workflow.js';
import { cliWorkspace } from '../helpers/run-cli.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { freePort } from '../helpers/net.js';
import { createServer, type Server } from 'node:http';
import { describeFetchFailure } from '../../src/nudge/transport.js';

const APP = 'fw-sensor';
const CHANNEL = 'beta';
const key = randomBytes(32);

const receiver = new WebhookReceiver();
beforeAll(async () => {
  await receiver.start();
});
afterAll(() => receiver.close());
afterEach(() => receiver.reset());

const retry: RetryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 5_000 };
const sleeps: number[] = [];
afterEach(async () => {
  sleeps.length = 0;
});

function transport(url = receiver.url, timeoutMs?: number): WebhookTransport {
  return new WebhookTransport({
    url,
    retry,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    deps: {
      fetch,
      nowMs: Date.now,
      random: Math.random,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    },
  });
}

const request = (ids: string[]): NudgeRequest => ({
  app: APP,
  channel: CHANNEL,
  selection: { kind: 'devices', devices: ids.map((deviceId) => ({ deviceId })) },
  eligibleOnly: false,
  allowUnpublished: true,
  dryRun: false,
  concurrency: 4,
});
const run = (ids: string[], url?: string) => nudge({ transport: transport(url), key, now: () => new Date(), random: randomBytes }, request(ids));

describe('webhook transport against a local HTTP receiver', () => {
  it('POSTs the message as JSON with its signature in the header; the device verifier accepts it', async () => {
    const s = await run(['esp-1', 'esp-2']);
    expect(s).toMatchObject({ via: 'webhook', sent: 2, failed: 0, retried: 0 });
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      expect(r.headers['content-type']).toBe('application/json');
      const message = JSON.parse(r.body) as { device_id: string; sig: string };
      expect(r.headers[SIGNATURE_HEADER]).toBe(`v1=${message.sig}`);
      const device = new NudgeHandler({ key, app: APP, channel: CHANNEL, deviceId: message.device_id, check: () => undefined });
      expect(device.handle(r.body).ok).toBe(true);
      // The same body is no use to another device, nor twice to this one.
      expect(new NudgeHandler({ key, app: APP, channel: CHANNEL, deviceId: 'esp-9', check: () => undefined }).handle(r.body)).toMatchObject({ reason: 'wrong_target' });
      expect(device.handle(r.body)).toMatchObject({ reason: 'replay' });
    }
    expect(receiver.deviceIds().sort()).toEqual(['esp-1', 'esp-2']);
  });

  it('the header is the header name docs/nudge.md documents', async () => {
    expect(SIGNATURE_HEADER).toBe('x-otactl-nudge-signature');
  });

  it('5xx then success: retried, the retry counted, the same message re-sent', async () => {
    receiver.script.set('esp-1', [{ status: 502 }, { status: 503 }]);
    const s = await run(['esp-1']);
    expect(s).toMatchObject({ sent: 1, failed: 0, retried: 2 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(sleeps).toHaveLength(2);
  });

  it('429 with Retry-After: waits what the receiver said', async () => {
    receiver.script.set('esp-1', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const s = await run(['esp-1']);
    expect(s).toMatchObject({ sent: 1, retried: 1 });
    expect(sleeps).toEqual([1000]);
    expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('410 Gone counts as unregistered, is not retried, and makes the run partial', async () => {
    receiver.script.set('esp-gone', [{ status: 410 }]);
    const s = await run(['esp-1', 'esp-gone']);
    expect(s).toMatchObject({ sent: 1, unregistered: 1, failed: 0, retried: 0 });
    expect(s.failures).toEqual([{ device_id: 'esp-gone', status: 'unregistered', code: 'HTTP_410', error: 'webhook answered 410' }]);
    expect(receiver.received).toHaveLength(2);
    expect(isPartial(s)).toBe(true);
  });

  it('a 4xx other than 429 and 410 fails at once, without retries', async () => {
    receiver.script.set('esp-1', [{ status: 403 }]);
    const s = await run(['esp-1']);
    expect(s).toMatchObject({ sent: 0, failed: 1, retried: 0 });
    expect(receiver.received).toHaveLength(1);
  });
});

describe('otactl nudge --via webhook (process)', () => {
  const ws = cliWorkspace();
  ws.file('nudge.key', randomBytes(32));
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));
  // No store here: these runs are about the transport (publication is checked in test/nudge/eligible.test.ts).
  const args = (url: string) => ['nudge', '--app', APP, '--channel', CHANNEL, '--via', 'webhook', '--webhook-url', url, '--hmac-key-file', 'nudge.key', '--allow-unpublished'];

  it('an endpoint that always fails: exit 4 with the summary naming every device', async () => {
    // Retry-After: 0 keeps the five attempts per device quick.
    receiver.fallback = { status: 503, headers: { 'retry-after': '0' } };
    const r = await ws.run([...args(receiver.url), '--device', 'esp-1,esp-2']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/^nudged fw-sensor\/beta via webhook: 0 sent, 2 failed, 0 unregistered, 0 invalid, 8 retried$/m);
    expect(r.stdout).toMatch(/^ {2}failed: esp-1 \(HTTP_503\): webhook answered 503$/m);
    expect(r.stdout).toMatch(/^ {2}failed: esp-2 \(HTTP_503\)/m);
    expect(receiver.received).toHaveLength(10);
  });

  it('--json: the summary is the one document on stdout', async () => {
    receiver.script.set('esp-2', [{ status: 410 }]);
    const r = await ws.run([...args(receiver.url), '--device', 'esp-1', '--device', 'esp-2', '--json']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json()).toMatchObject({ event: 'ota.nudge.sent', via: 'webhook', sent: 1, unregistered: 1, failures: [{ device_id: 'esp-2', status: 'unregistered' }] });
  });

  it('an unreachable endpoint: exit 7 and one line on stderr', async () => {
    const port = await freePort();
    const r = await ws.run([...args(`http://127.0.0.1:${port}/nudge`), '--device', 'esp-1']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^otactl: error: webhook endpoint unreachable, nothing was sent: POST http://127.0.0.1:${port}/nudge: connection refused \\(nothing listens at that address and port\\)$`, 'm'));
    expect(r.stdout).toBe('');
  }, 30_000);
});

/** An HTTP server that reads every request to its end and never answers: counts what reached it. */
async function silentReceiver(): Promise<{ url: string; heard: () => number; close: () => Promise<void> }> {
  let heard = 0;
  const srv: Server = createServer((req) => {
    req.resume();
    req.on('end', () => heard++);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as { port: number }).port}/hook`,
    heard: () => heard,
    close: () => {
      srv.closeAllConnections();
      return new Promise((r) => srv.close(() => r()));
    },
  };
}

describe('webhook: a silent receiver, redirects and causes in words (issue 18 item 6)', () => {
  let silent: Awaited<ReturnType<typeof silentReceiver>>;
  beforeAll(async () => {
    silent = await silentReceiver();
  });
  afterAll(() => silent.close());

  it('a receiver that reads the POST and never answers: one timeout for the run, said in words, not "nothing was sent"', async () => {
    const started = Date.now();
    const s = await nudge({ transport: transport(silent.url, 400), key, now: () => new Date(), random: randomBytes }, { ...request(['esp-a', 'esp-b', 'esp-c']), concurrency: 1 });
    // Not retried (it may have arrived) and the others not sent into the silence: about one timeout.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(s).toMatchObject({ sent: 0, failed: 3, retried: 0 });
    expect(s.failures[0]).toMatchObject({ device_id: 'esp-a', code: 'TIMEOUT' });
    expect(s.failures[0]!.error).toBe(`POST ${silent.url}: no answer within 0.4 s (the receiver may have received the request)`);
    expect(s.failures.slice(1)).toEqual([
      { device_id: 'esp-b', status: 'failed', code: 'NOT_SENT', error: `not sent: ${silent.url} did not answer an earlier request within the timeout` },
      { device_id: 'esp-c', status: 'failed', code: 'NOT_SENT', error: `not sent: ${silent.url} did not answer an earlier request within the timeout` },
    ]);
    expect(silent.heard()).toBe(1);
  });

  it('a redirect is never followed: the 3xx is a failure naming where it pointed (scheme and host only), the POST reached the receiver once', async () => {
    receiver.script.set('esp-r', [{ status: 307, headers: { location: '/moved' } }]);
    receiver.script.set('esp-x', [{ status: 308, headers: { location: 'https://gw.example.net:8443/n?token=k3y-in-query' } }]);
    receiver.script.set('esp-y', [{ status: 302 }]);
    const s = await run(['esp-r', 'esp-x', 'esp-y']);
    expect(s).toMatchObject({ sent: 0, failed: 3, retried: 0 });
    // Followed, the 307 would have POSTed to the receiver's /moved a second time.
    expect(receiver.received).toHaveLength(3);
    const byId = new Map(s.failures.map((f) => [f.device_id, f]));
    expect(byId.get('esp-r')).toMatchObject({ code: 'HTTP_307' });
    expect(byId.get('esp-r')!.error).toMatch(/^webhook answered 307, a redirect to http:\/\/127\.0\.0\.1:\d+; otactl does not follow redirects with a signed POST: set `webhookUrl` to the final address$/);
    expect(byId.get('esp-x')!.error).toMatch(/^webhook answered 308, a redirect to https:\/\/gw\.example\.net:8443; /);
    expect(byId.get('esp-x')!.error).not.toMatch(/token|k3y/);
    expect(byId.get('esp-y')!.error).toMatch(/^webhook answered 302, a redirect without a Location; /);
  });

  it('causes in words: TLS against a plain HTTP receiver, a name that does not resolve, a timeout (never a bare 23)', async () => {
    const tls = await run(['esp-1'], receiver.url.replace('http://', 'https://')).catch((e: Error) => e);
    expect(tls).toMatchObject({ code: 'E_NUDGE_UNREACHABLE' });
    expect((tls as Error).message).toMatch(/nothing was sent: POST https:\/\/127\.0\.0\.1:\d+\/nudge: the TLS handshake failed \(an http:\/\/ server behind an https:\/\/ URL\?\)$/);
    const dns = await run(['esp-1'], 'http://no-such-receiver.invalid/hook').catch((e: Error) => e);
    expect((dns as Error).message).toMatch(/nothing was sent: POST http:\/\/no-such-receiver\.invalid\/hook: the host name (does not resolve|could not be resolved just now) \(DNS/);
    const timeout = describeFetchFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 2_500);
    expect(timeout).toEqual({ code: 'TIMEOUT', words: 'no answer within 2.5 s (the receiver may have received the request)', nothingSent: false });
    const reset = describeFetchFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }), 1000);
    expect(reset).toMatchObject({ code: 'ECONNRESET', nothingSent: false });
    expect(reset.words).toMatch(/^the connection was reset before an answer came \(the receiver may have/);
  }, 60_000);

  it('otactl nudge --webhook-timeout 500ms against a silent receiver: exit 4 within seconds, the summary says it may have arrived', async () => {
    const ws = cliWorkspace();
    ws.file('nudge.key', randomBytes(32));
    const started = Date.now();
    const r = await ws.run(['nudge', '--app', APP, '--channel', CHANNEL, '--via', 'webhook', '--webhook-url', silent.url, '--webhook-timeout', '500ms', '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--device', 'esp-1,esp-2']);
    expect(r.code, r.stderr).toBe(4);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stdout).toMatch(/^nudged fw-sensor\/beta via webhook: 0 sent, 2 failed, /m);
    expect(r.stdout).toContain(`(TIMEOUT): POST ${silent.url}: no answer within 0.5 s (the receiver may have received the request)`);
    expect(r.stderr).not.toMatch(/nothing was sent/);
  }, 30_000);

  it('otactl nudge to a receiver that redirects: exit 4 naming the redirect, not "nothing was sent"', async () => {
    const ws = cliWorkspace();
    ws.file('nudge.key', randomBytes(32));
    receiver.fallback = { status: 301, headers: { location: 'https://new-gateway.example.org/hook' } };
    const r = await ws.run(['nudge', '--app', APP, '--channel', CHANNEL, '--via', 'webhook', '--webhook-url', receiver.url, '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--device', 'esp-1']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/failed: esp-1 \(HTTP_301\): webhook answered 301, a redirect to https:\/\/new-gateway\.example\.org; otactl does not follow redirects/);
    expect(r.stderr).not.toMatch(/nothing was sent/);
    expect(receiver.received).toHaveLength(1);
  }, 30_000);

  it('--webhook-timeout is for webhooks and bounded like --connect-timeout', async () => {
    const ws = cliWorkspace();
    const base = ['nudge', '--app', APP, '--channel', CHANNEL, '--all', '--hmac-key-file', 'k'];
    const mqtt = await ws.run([...base, '--via', 'mqtt', '--webhook-timeout', '5s']);
    expect(mqtt.code).toBe(2);
    expect(mqtt.stderr).toMatch(/--webhook-timeout applies to --via webhook only/);
    const long = await ws.run([...base, '--via', 'webhook', '--webhook-timeout', '5m']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--webhook-timeout "5m": use a duration from 100ms to 2m/);
  }, 30_000);
});
