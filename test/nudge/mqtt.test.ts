/**
 * End to end through a real Mosquitto broker: otactl nudges, a device SDK instance subscribed over
 * MQTT verifies the nudge, checks at once against the store served over HTTP, and updates; forged,
 * stale, future and replayed nudges make it do nothing but count them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type Socket } from 'node:net';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../src/device/updater.js';
import { Updater } from '../../src/device/updater.js';
import { NudgeHandler } from '../../src/device/nudge.js';
import { listenForNudges, type NudgeListener } from '../../src/device/mqtt-listener.js';
import { buildNudge, newRequestId, signNudge } from '../../src/protocol/nudge-message.js';
import { connectMqtt, MqttTransport } from '../../src/nudge/mqtt.js';
import { mqttDeviceTopic } from '../../src/protocol/nudge-topics.js';
import { nudge } from '../../src/nudge/workflow.js';
import { loadPublicKey } from '../../src/signing/keys.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { bin, seededWorkspace, workspace, type Workspace } from '../helpers/cli.js';
import { mosquittoPath, startMosquitto, type Broker } from '../helpers/mosquitto.js';
import { freePort } from '../helpers/net.js';

const APP = 'demo';
const CHANNEL = 'stable';
const key = randomBytes(32);

/** Resolves when `cond` holds, polling; rejects after `ms`. */
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!mosquittoPath)('nudge over MQTT through a real Mosquitto broker', () => {
  const ws = seededWorkspace();
  let broker: Broker;
  let server: RunningStoreServer;
  let listener: NudgeListener;
  let handler: NudgeHandler;
  const checks: { at: number; outcome?: CheckOutcome }[] = [];
  const device = { device_id: 'esp-0042', current_version_code: 100 };

  beforeAll(async () => {
    expect(ws.run(['promote', ws.b2, '--app', APP, '--channel', CHANNEL, '--rollout', '100', '--yes']).code).toBe(0);
    ws.file('nudge.key', key.toString('hex') + '\n');
    broker = await startMosquitto();
    server = await serveStore({ root: join(ws.dir, 'ota-store'), port: 0 });
    const pubDir = join(ws.dir, 'keys');
    const { keyid, key: pub } = await loadPublicKey(join(pubDir, readdirSync(pubDir)[0]!));
    const updater = new Updater({
      manifestUrl: `${server.url}/apps/${APP}/channels/${CHANNEL}/manifest.json`,
      trusted: new Map([[keyid, pub]]),
      downloadDir: join(ws.dir, 'device-downloads'),
      install: async (_file, build) => {
        device.current_version_code = build.version_code;
      },
    });
    handler = new NudgeHandler({
      key,
      app: APP,
      channel: CHANNEL,
      deviceId: device.device_id,
      check: async () => {
        const entry: (typeof checks)[number] = { at: Date.now() };
        checks.push(entry);
        entry.outcome = await updater.check(device, { wifi: true });
      },
    });
    listener = await listenForNudges({ url: broker.url }, { app: APP, channel: CHANNEL, deviceId: device.device_id }, handler);
  });
  afterAll(async () => {
    await listener?.close();
    await server?.close();
    await broker?.stop();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('a signed nudge: the device checks within 1 s and installs the build', async () => {
    const t0 = Date.now();
    const summary = await nudge(
      { transport: new MqttTransport({ url: broker.url }), key, now: () => new Date(), random: randomBytes },
      { app: APP, channel: CHANNEL, selection: { kind: 'devices', devices: [{ deviceId: device.device_id }] }, eligibleOnly: false, allowUnpublished: true, dryRun: false, concurrency: 8 },
    );
    expect(summary).toMatchObject({ sent: 1, failed: 0, via: 'mqtt' });
    await until(() => checks.length === 1, 5_000, 'the device to check');
    expect(checks[0]!.at - t0).toBeLessThan(1_000);
    await until(() => checks[0]!.outcome !== undefined, 20_000, 'the check to finish');
    expect(checks[0]!.outcome!.decision!.action).toBe('update');
    expect(checks[0]!.outcome!.installed?.build_id).toBe(ws.b2);
    expect(device.current_version_code).toBe(101);
    expect(handler.counters.accepted).toBe(1);
  });

  it('otactl nudge (the process) over MQTT: exit 0, the device checks again', async () => {
    const before = checks.length;
    const r = await ws.runAsync(['nudge', '--app', APP, '--channel', CHANNEL, '--device', device.device_id, '--via', 'mqtt', '--mqtt-url', broker.url, '--hmac-key-file', 'nudge.key', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ event: 'ota.nudge.sent', sent: 1, failed: 0, targets: 1 });
    await until(() => checks.length === before + 1, 5_000, 'the device to check');
    await until(() => checks.at(-1)!.outcome !== undefined, 20_000, 'the check to finish');
    expect(checks.at(-1)!.outcome!.decision!.reason).toBe('ota.skip.current'); // already updated: idempotent
  });

  it('--all reaches the device through the channel topic', async () => {
    const before = checks.length;
    const r = await ws.runAsync(['nudge', '--app', APP, '--channel', CHANNEL, '--all', '--via', 'mqtt', '--mqtt-url', broker.url, '--hmac-key-file', 'nudge.key', '--json']);
    expect(r.code, r.stderr).toBe(0);
    await until(() => checks.length === before + 1, 5_000, 'the device to check');
  });

  it('forged, stale, future, replayed and misaddressed nudges do nothing and are counted', async () => {
    const pub = await connectMqtt({ url: broker.url }, 'attacker');
    const topic = mqttDeviceTopic(APP, CHANNEL, device.device_id);
    const now = Math.floor(Date.now() / 1000);
    const fields = (over: { issuedAt?: number; deviceId?: string } = {}) => ({
      app: APP,
      channel: CHANNEL,
      deviceId: over.deviceId ?? device.device_id,
      issuedAt: over.issuedAt ?? now,
      requestId: newRequestId(randomBytes, APP, CHANNEL),
    });
    const genuine = buildNudge(key, fields());
    const publish = (m: unknown) => pub.publishAsync(topic, JSON.stringify(m), { qos: 1 });
    const before = { checks: checks.length, accepted: handler.counters.accepted };
    await publish(genuine);
    await until(() => handler.counters.accepted === before.accepted + 1, 20_000, 'the genuine nudge');
    await publish(buildNudge(randomBytes(32), fields())); // forged: another key
    await publish({ ...genuine, request_id: newRequestId(randomBytes, APP, CHANNEL) }); // forged: a field changed, old sig
    await publish(buildNudge(key, fields({ issuedAt: now - 301 }))); // stale
    await publish(buildNudge(key, fields({ issuedAt: now + 301 }))); // future
    await publish(genuine); // replay
    await publish(buildNudge(key, fields({ deviceId: 'esp-other' }))); // for another device
    await publish(signNudge(key, { action: 'update', app: 'other-app', channel: CHANNEL, request_id: newRequestId(randomBytes, 'other-app', CHANNEL), device_id: device.device_id, issued_at: now }));
    // Captured on another channel of the app (same key), its unsigned channel field rewritten.
    const captured = buildNudge(key, { ...fields(), channel: 'beta', requestId: newRequestId(randomBytes, APP, 'beta') });
    await publish({ ...captured, channel: CHANNEL });
    await pub.publishAsync(topic, 'not json', { qos: 1 });
    await pub.publishAsync(topic, JSON.stringify(genuine).replace('{', `{"device_id":"esp-other",`), { qos: 1 }); // two device_ids
    const r = handler.counters.rejected;
    // Every verdict counts towards the wait (a misfiled one then fails the toMatchObject below, not the wait).
    await until(() => Object.values(r).reduce((a, b) => a + b, 0) >= 10, 40_000, 'every bad nudge to arrive');
    await pub.endAsync();
    expect(r).toMatchObject({ bad_sig: 2, stale: 1, future: 1, replay: 1, wrong_target: 3, malformed: 2 });
    await new Promise((res) => setTimeout(res, 200));
    expect(checks.length).toBe(before.checks + 1); // only the genuine one
    expect(handler.counters.accepted).toBe(before.accepted + 1);
  });
});

describe.skipIf(!mosquittoPath)('nudge over mqtts:// with client certificates', () => {
  let broker: Broker;
  const ws = workspace();
  beforeAll(async () => {
    broker = await startMosquitto({ tls: true });
    ws.file('nudge.key', randomBytes(32));
  });
  afterAll(async () => {
    await broker?.stop();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('CA and client certificate from the config: a device on TLS gets the nudge', async () => {
    const tls = broker.tls!;
    const dev = new NudgeHandler({ key: readFileSync(join(ws.dir, 'nudge.key')), app: APP, channel: CHANNEL, deviceId: 'esp-tls', check: () => undefined });
    const settings = { url: broker.url, ca: readFileSync(tls.ca), cert: readFileSync(tls.cert), key: readFileSync(tls.key) };
    const l = await listenForNudges(settings, { app: APP, channel: CHANNEL, deviceId: 'esp-tls' }, dev);
    try {
      ws.file('otactl.config.json', JSON.stringify({ mqtt: { url: broker.url, ca: tls.ca, cert: tls.cert, key: tls.key } }));
      const r = await ws.runAsync(['nudge', '--app', APP, '--channel', CHANNEL, '--device', 'esp-tls', '--via', 'mqtt', '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--json']);
      expect(r.code, r.stderr).toBe(0);
      await until(() => dev.counters.accepted === 1, 20_000, 'the TLS device to accept');
    } finally {
      await l.close();
    }
  });

  it('without a client certificate the broker refuses: exit 7', async () => {
    ws.file('otactl.config.json', JSON.stringify({ mqtt: { url: broker.url, ca: broker.tls!.ca, connect_timeout_ms: 5000 } }));
    const r = await ws.runAsync(['nudge', '--app', APP, '--channel', CHANNEL, '--device', 'esp-tls', '--via', 'mqtt', '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--json']);
    expect(r.code, r.stdout).toBe(7);
    expect(r.json().error.code).toBe('E_NUDGE_UNREACHABLE');
  });
});

/** A TCP server that accepts connections and swallows every byte: never a CONNACK. */
async function silentServer(): Promise<{ port: number; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv = createNetServer((sock) => {
    sockets.add(sock);
    sock.on('data', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as { port: number }).port,
    open: () => sockets.size,
    close: () => {
      for (const sock of sockets) sock.destroy();
      return new Promise((r) => srv.close(() => r()));
    },
  };
}

/** Runs the CLI; fails (and kills it) if the process has not exited by itself within `ms`. */
function runWithin(ws: Workspace, args: string[], ms: number): Promise<{ code: number | null; stderr: string; elapsed: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: ws.dir, env: ws.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`otactl did not exit by itself within ${ms} ms (an open handle?); stderr: ${stderr}`));
    }, ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, elapsed: Date.now() - started });
    });
  });
}

describe('a broker that accepts TCP but never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent?.close());

  it('connecting gives up at the connect timeout and closes its socket', async () => {
    const started = Date.now();
    const err = await connectMqtt({ url: `mqtt://127.0.0.1:${silent.port}`, connectTimeoutMs: 300 }, 'otactl').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_NUDGE_UNREACHABLE', exitCode: 7 });
    expect((err as Error).message).toMatch(/no MQTT answer \(CONNACK\) within the connect timeout of 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await until(() => silent.open() === 0, 5_000, 'the client to close its socket');
  });

  it('otactl nudge --connect-timeout 1s: exit 7, one line, and the process exits by itself', async () => {
    const ws = workspace();
    try {
      ws.file('nudge.key', randomBytes(32));
      const url = `mqtt://127.0.0.1:${silent.port}`;
      const r = await runWithin(ws, ['nudge', '--app', APP, '--channel', CHANNEL, '--device', 'a', '--via', 'mqtt', '--mqtt-url', url, '--connect-timeout', '1s', '--hmac-key-file', 'nudge.key', '--allow-unpublished'], 30_000);
      expect(r.code, r.stderr).toBe(7);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^otactl: error: cannot connect to the MQTT broker ${url}: no MQTT answer \\(CONNACK\\) within the connect timeout of 1000 ms`));
      expect(r.elapsed).toBeGreaterThanOrEqual(1_000);
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});

describe('an unreachable broker', () => {
  it('exit 7 with one clear line, well within the connect timeout', async () => {
    const ws = workspace();
    try {
      ws.file('nudge.key', randomBytes(32));
      const port = await freePort();
      const started = Date.now();
      const r = await ws.runAsync(['nudge', '--app', APP, '--channel', CHANNEL, '--device', 'a', '--via', 'mqtt', '--mqtt-url', `mqtt://127.0.0.1:${port}`, '--hmac-key-file', 'nudge.key', '--allow-unpublished']);
      expect(r.code).toBe(7);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^otactl: error: cannot connect to the MQTT broker mqtt://127.0.0.1:${port}: ECONNREFUSED`));
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
