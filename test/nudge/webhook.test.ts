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
import { workspace } from '../helpers/cli.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { freePort } from '../helpers/net.js';

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
afterEach(() => {
  sleeps.length = 0;
});

function transport(url = receiver.url): WebhookTransport {
  return new WebhookTransport({
    url,
    retry,
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

  it('the header is the header name docs/nudge.md documents', () => {
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
  const ws = workspace();
  ws.file('nudge.key', randomBytes(32));
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));
  const args = (url: string) => ['nudge', '--app', APP, '--channel', CHANNEL, '--via', 'webhook', '--webhook-url', url, '--hmac-key-file', 'nudge.key'];

  it('an endpoint that always fails: exit 4 with the summary naming every device', async () => {
    // Retry-After: 0 keeps the five attempts per device quick.
    receiver.fallback = { status: 503, headers: { 'retry-after': '0' } };
    const r = await ws.runAsync([...args(receiver.url), '--device', 'esp-1,esp-2']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/^nudged fw-sensor\/beta via webhook: 0 sent, 2 failed, 0 unregistered, 0 invalid, 8 retried$/m);
    expect(r.stdout).toMatch(/^ {2}failed: esp-1 \(HTTP_503\): webhook answered 503$/m);
    expect(r.stdout).toMatch(/^ {2}failed: esp-2 \(HTTP_503\)/m);
    expect(receiver.received).toHaveLength(10);
  });

  it('--json: the summary is the one document on stdout', async () => {
    receiver.script.set('esp-2', [{ status: 410 }]);
    const r = await ws.runAsync([...args(receiver.url), '--device', 'esp-1', '--device', 'esp-2', '--json']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json()).toMatchObject({ event: 'ota.nudge.sent', via: 'webhook', sent: 1, unregistered: 1, failures: [{ device_id: 'esp-2', status: 'unregistered' }] });
  });

  it('an unreachable endpoint: exit 7 and one line on stderr', async () => {
    const port = await freePort();
    const r = await ws.runAsync([...args(`http://127.0.0.1:${port}/nudge`), '--device', 'esp-1']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^otactl: error: webhook endpoint unreachable, nothing was sent: POST http://127.0.0.1:${port}/nudge: ECONNREFUSED`));
    expect(r.stdout).toBe('');
  }, 30_000);
});
