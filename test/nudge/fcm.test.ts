/**
 * FCM HTTP v1 against a local fake (test/helpers/fcm-fake.mjs): FCM has no local server or
 * emulator, so the fake checks what Google would (JWT signature and claims, bearer token, message
 * shape) and can be scripted to fail. Real HTTP, real JWTs, real timers.
 */
import { freePort } from '../helpers/net.js';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FcmTransport, parseServiceAccount } from '../../src/nudge/fcm.js';
import { ReplayCache, verifyNudge } from '../../src/protocol/nudge-message.js';
import type { RetryPolicy } from '../../src/nudge/retry.js';
import { isPartial, nudge, type NudgeRequest } from '../../src/nudge/workflow.js';
import { decodeNudge } from '../../src/device/nudge.js';
import { OtaError } from '../../src/errors.js';
import { INTERNAL, INVALID_ARGUMENT, QUOTA, UNREGISTERED, makeServiceAccount, startFcmFake, type FcmFake } from '../helpers/fcm-fake.mjs';
import { cliWorkspace } from '../helpers/run-cli.js';
import { rsa2048 } from '../helpers/keys.js';

const PROJECT = 'otactl-test';
const key = randomBytes(32);
const retry: RetryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 5_000 };

let fake: FcmFake;
let account: Awaited<ReturnType<typeof makeServiceAccount>>['account'];
const sleeps: number[] = [];

beforeAll(async () => {
  const sa = await makeServiceAccount(PROJECT, 'http://placeholder/token');
  fake = await startFcmFake({ publicKey: sa.publicKey, clientEmail: sa.account.client_email, projectId: PROJECT });
  account = { ...sa.account, token_uri: fake.tokenUri };
});
afterAll(async () => {
  await fake?.close();
});
afterEach(async () => {
  fake.script.clear();
  sleeps.length = 0;
});

function transport(overrides: { baseUrl?: string; tokenUri?: string; nowMs?: () => number; account?: typeof account; validateOnly?: boolean } = {}): FcmTransport {
  return new FcmTransport({
    account: parseServiceAccount(JSON.stringify(overrides.account ?? account), 'sa.json'),
    baseUrl: overrides.baseUrl ?? fake.url,
    ...(overrides.tokenUri ? { tokenUri: overrides.tokenUri } : {}),
    validateOnly: overrides.validateOnly ?? false,
    retry,
    deps: {
      fetch,
      nowMs: overrides.nowMs ?? Date.now,
      random: Math.random,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    },
  });
}

const devices = (n: number) => Array.from({ length: n }, (_, i) => ({ deviceId: `android-${i}`, token: `tok-${i}-${'x'.repeat(20)}` }));
const request = (selection: NudgeRequest['selection']): NudgeRequest => ({ app: 'com.example.agent', channel: 'stable', selection, eligibleOnly: false, allowUnpublished: true, dryRun: false, concurrency: 4 });
const deps = (t: FcmTransport) => ({ transport: t, key, now: () => new Date(), random: randomBytes });

describe('FCM HTTP v1 against the local fake', () => {
  it('per-device sends: one token, data-only HIGH messages each device verifies', async () => {
    const before = { tokens: fake.state.tokenRequests, delivered: fake.state.delivered.length };
    const list = devices(5);
    const s = await nudge(deps(transport()), request({ kind: 'devices', devices: list }));
    expect(s).toMatchObject({ sent: 5, failed: 0, unregistered: 0, invalid: 0, retried: 0, via: 'fcm' });
    expect(isPartial(s)).toBe(false);
    expect(fake.state.tokenRequests - before.tokens).toBe(1);
    expect(fake.state.shapeErrors).toEqual([]);
    const got = fake.state.delivered.slice(before.delivered);
    expect(got.map((m) => m.token).sort()).toEqual(list.map((d) => d.token).sort());
    for (const m of got) {
      expect(m.android).toEqual({ priority: 'HIGH', ttl: '300s', collapse_key: 'ota~com.example.agent~stable' });
      const device = list.find((d) => d.token === m.token)!;
      const v = verifyNudge(decodeNudge(m.data), { key, app: 'com.example.agent', channel: 'stable', deviceId: device.deviceId, now: Math.floor(Date.now() / 1000), replay: new ReplayCache() });
      expect(v.ok).toBe(true);
    }
  });

  it('--all: one message to the channel topic, addressed to "*"', async () => {
    const before = fake.state.delivered.length;
    const s = await nudge(deps(transport()), request({ kind: 'all' }));
    expect(s).toMatchObject({ sent: 1, targets: 1 });
    const [m] = fake.state.delivered.slice(before);
    expect(m!.topic).toBe('ota~com.example.agent~stable');
    expect(m!.token).toBeUndefined();
    expect(m!.data.device_id).toBe('*');
  });

  it('429 with Retry-After waits what the server said, then succeeds', async () => {
    const [d] = devices(1);
    fake.script.set(d!.token, [QUOTA(1)]);
    const started = Date.now();
    const s = await nudge(deps(transport()), request({ kind: 'devices', devices: [d!] }));
    expect(s).toMatchObject({ sent: 1, retried: 1 });
    expect(sleeps).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('500 then success: retried with backoff; retries past the limit fail and are counted', async () => {
    const [a, b] = devices(2);
    fake.script.set(a!.token, [INTERNAL()]);
    fake.script.set(b!.token, [INTERNAL(), INTERNAL(), INTERNAL(), INTERNAL(), INTERNAL()]);
    const s = await nudge(deps(transport()), request({ kind: 'devices', devices: [a!, b!] }));
    expect(s).toMatchObject({ sent: 1, failed: 1, retried: 1 + (retry.attempts - 1) });
    expect(s.failures).toEqual([{ device_id: b!.deviceId, status: 'failed', code: 'INTERNAL', error: 'FCM answered 500 INTERNAL' }]);
    expect(sleeps).toHaveLength(1 + (retry.attempts - 1));
    expect(sleeps.every((ms) => ms >= 0 && ms <= 5000)).toBe(true);
    expect(isPartial(s)).toBe(true);
  });

  it('UNREGISTERED and INVALID_ARGUMENT tokens are reported apart from failures, never retried', async () => {
    const [a, b, c] = devices(3);
    fake.script.set(a!.token, [UNREGISTERED()]);
    fake.script.set(b!.token, [INVALID_ARGUMENT()]);
    const s = await nudge(deps(transport()), request({ kind: 'devices', devices: [a!, b!, c!] }));
    expect(s).toMatchObject({ sent: 1, unregistered: 1, invalid: 1, failed: 0, retried: 0 });
    expect(s.failures.map((f) => [f.device_id, f.status, f.code])).toEqual([
      [a!.deviceId, 'unregistered', 'UNREGISTERED'],
      [b!.deviceId, 'invalid', 'INVALID_ARGUMENT'],
    ]);
  });

  it('a token the server expired (401) is refreshed once and the send retried', async () => {
    const t = transport();
    await t.open();
    fake.expireTokens();
    const before = fake.state.tokenRequests;
    const [d] = devices(1);
    const out = await t.send(d!, (await nudge(deps(t), { ...request({ kind: 'devices', devices: [d!] }), dryRun: true })).messages![0]!);
    expect(out).toEqual({ status: 'sent', retries: 1 });
    expect(fake.state.tokenRequests - before).toBe(1);
    expect(t.tokens.refreshes).toBe(1);
    expect(sleeps).toEqual([0]);
  });

  it('a token near its expiry is renewed before use, without a 401', async () => {
    fake.setTokenTtl(301); // renewed when under 300 s are left: after one second
    try {
      const t = transport();
      await t.open();
      const first = await t.tokens.token();
      expect(await t.tokens.token()).toBe(first); // still fresh: cached
      await new Promise((r) => setTimeout(r, 1100));
      const unauthorized = fake.state.unauthorized;
      const out = await t.send(devices(1)[0]!, (await nudge(deps(t), { ...request({ kind: 'devices', devices: devices(1) }), dryRun: true })).messages![0]!);
      expect(out).toEqual({ status: 'sent', retries: 0 });
      expect(await t.tokens.token()).not.toBe(first);
      expect(t.tokens.refreshes).toBe(1);
      expect(fake.state.unauthorized).toBe(unauthorized);
    } finally {
      fake.setTokenTtl(3600);
    }
  });

  it('validate_only: FCM checks each message (a dead token still reported) and delivers none', async () => {
    const before = { delivered: fake.state.delivered.length, validated: fake.state.validated.length };
    const [a, b] = devices(2);
    fake.script.set(b!.token, [UNREGISTERED()]);
    const s = await nudge(deps(transport({ validateOnly: true })), request({ kind: 'devices', devices: [a!, b!] }));
    expect(s).toMatchObject({ validate_only: true, sent: 1, unregistered: 1, dry_run: false });
    expect(fake.state.shapeErrors).toEqual([]);
    expect(fake.state.delivered.length).toBe(before.delivered);
    expect(fake.state.validated.slice(before.validated).map((m) => m.token)).toEqual([a!.token]);
    // Without it, the same send is delivered.
    const real = await nudge(deps(transport()), request({ kind: 'devices', devices: [a!] }));
    expect(real).toMatchObject({ validate_only: false, sent: 1 });
    expect(fake.state.delivered.length).toBe(before.delivered + 1);
  });

  it('a service account the token endpoint does not know is refused (E_FCM_AUTH, exit 2)', async () => {
    const other = rsa2048().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const t = transport({ account: { ...account, private_key: other } });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OtaError);
    expect(err).toMatchObject({ code: 'E_FCM_AUTH', exitCode: 2 });
    expect(fake.state.rejectedAssertions.at(-1)).toBe('bad signature');
  });

  it('an unreachable FCM endpoint, nothing sent: E_NUDGE_UNREACHABLE (exit 7)', async () => {
    const port = await freePort();
    const err = await nudge(deps(transport({ baseUrl: `http://127.0.0.1:${port}` })), request({ kind: 'devices', devices: devices(2) })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_NUDGE_UNREACHABLE', exitCode: 7 });
    const err2 = await transport({ tokenUri: `http://127.0.0.1:${port}/token` }).open().catch((e: unknown) => e);
    expect(err2).toMatchObject({ code: 'E_NUDGE_UNREACHABLE', exitCode: 7 });
  });
});

describe('otactl nudge --via fcm (process): exit codes', () => {
  const ws = cliWorkspace();
  beforeAll(async () => {
    ws.file('sa.json', JSON.stringify(account));
    ws.file('nudge.key', randomBytes(32));
    ws.file('otactl.config.json', JSON.stringify({ fcm: { base_url: fake.url, token_uri: fake.tokenUri } }));
    ws.file('devices.csv', '# id,token\nandroid-a,tok-a-0123456789\nandroid-b,tok-b-0123456789\n');
  });
  // No store here: these runs are about FCM (publication is checked in test/nudge/eligible.test.ts).
  const args = ['nudge', '--app', 'com.example.agent', '--channel', 'stable', '--via', 'fcm', '--fcm-credentials', 'sa.json', '--hmac-key-file', 'nudge.key', '--allow-unpublished'];

  it('all sent: exit 0 and the summary', async () => {
    const r = await ws.run([...args, '--devices-file', 'devices.csv', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ event: 'ota.nudge.sent', sent: 2, failed: 0, unregistered: 0, retried: 0 });
  });

  it('an UNREGISTERED token: exit 4, the token named', async () => {
    fake.script.set('tok-b-0123456789', [UNREGISTERED()]);
    const r = await ws.run([...args, '--devices-file', 'devices.csv']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/1 sent, 0 failed, 1 unregistered/);
    expect(r.stdout).toMatch(/unregistered: android-b \(UNREGISTERED\)/);
  });

  it('--validate-only: exit 0, the summary says nothing was delivered', async () => {
    const before = { delivered: fake.state.delivered.length, validated: fake.state.validated.length };
    const r = await ws.run([...args, '--devices-file', 'devices.csv', '--validate-only']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^validate only: FCM checked every message and delivered none$/m);
    expect(r.stdout).toMatch(/: 2 sent, 0 failed/);
    expect(fake.state.validated.length - before.validated).toBe(2);
    expect(fake.state.delivered.length).toBe(before.delivered);
  });

  it('GOOGLE_APPLICATION_CREDENTIALS names the service account when no flag does', async () => {
    const r = await ws.run(['nudge', '--app', 'com.example.agent', '--channel', 'stable', '--via', 'fcm', '--all', '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--json'], {
      env: { GOOGLE_APPLICATION_CREDENTIALS: join(ws.dir, 'sa.json') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ sent: 1, targets: 1 });
  });
});

