import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../src/device/events.js';
import { JsonFileStateStore, MemoryStateStore } from '../../src/device/state.js';
import { Updater } from '../../src/device/updater.js';
import { servedChannelSuite } from '../helpers/served-channel.js';

/** The Updater's own duties over real HTTP: install hand-over and its failure, bugs, persisted state, joined checks. */
describe('Updater', () => {
  const served = servedChannelSuite({ accessLog: true });
  const { ws } = served;
  const device = { device_id: 'd-1', current_version_code: 100 };


  it('an installer that throws is reported as ota.install.fail with the build id, and the file is removed', async () => {
    const events: DeviceEvent[] = [];
    const u = new Updater({ ...served.base(), install: async () => Promise.reject(new Error('INSTALL_FAILED_INSUFFICIENT_STORAGE')), onEvent: (e) => events.push(e) });
    const out = await u.check(device, { wifi: true });
    expect(out.error).toBe('ota.install.fail');
    expect(events.map((e) => e.name)).toEqual(['ota.check', 'ota.manifest.200', 'ota.eligible', 'ota.download.start', 'ota.install.fail']);
    expect(events.at(-1)).toMatchObject({ build_id: ws.b2, device_id: 'd-1', message: 'INSTALL_FAILED_INSUFFICIENT_STORAGE' });
    expect(readdirSync(join(ws.dir, 'dl'))).toEqual([]);
  });

  it('a bug (an exception that is not an OtaError) is thrown, not reported as a fetch failure', async () => {
    const u = new Updater({ ...served.base(), install: async () => undefined, decide: () => { throw new TypeError('bug in decide'); } });
    await expect(u.check(device, {})).rejects.toThrow('bug in decide');
  });

  it('a device id that is not one (contract 3) is refused before any request', async () => {
    const events: DeviceEvent[] = [];
    const u = new Updater({ ...served.base(), install: async () => undefined, onEvent: (e) => events.push(e) });
    for (const id of ['', 'd-\ud800', 'd-1\n', 'x'.repeat(257)]) {
      await expect(u.check({ ...device, device_id: id }, {})).rejects.toMatchObject({ code: 'E_DEVICE_ID', exitCode: 2 });
    }
    expect(events).toEqual([]);
  });

  it('two updaters sharing one download folder: one installs while the other downloads and installs the same build; neither loses its file', async () => {
    const dir = join(ws.dir, 'shared-dl');
    let releaseA!: () => void;
    const gate = new Promise<void>((r) => (releaseA = r));
    let inInstallA!: () => void;
    const installingA = new Promise<void>((r) => (inInstallA = r));
    const seen: string[] = [];
    const a = new Updater({
      ...served.base(),
      downloadDir: dir,
      install: async (file) => {
        seen.push(file);
        inInstallA();
        await gate; // a slow installer: B runs meanwhile
        expect(readFileSync(file).length).toBeGreaterThan(0); // still there after B cleaned up
      },
    });
    const b = new Updater({ ...served.base(), downloadDir: dir, install: async (file) => void seen.push(file) });
    const outA = a.check(device, { wifi: true });
    await installingA;
    const outB = await b.check({ ...device, device_id: 'd-2' }, { wifi: true });
    releaseA();
    expect(outB).toMatchObject({ installed: { build_id: ws.b2 } });
    expect(await outA).toMatchObject({ installed: { build_id: ws.b2 } });
    expect(new Set(seen).size).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('two checks at once (a nudge during a poll) are one check', async () => {
    let installs = 0;
    const u = new Updater({ ...served.base(), install: async () => void installs++ });
    const [a, b] = [u.check(device, { wifi: true }), u.check(device, { wifi: true })];
    expect(a).toBe(b);
    expect((await a).installed?.build_id).toBe(ws.b2);
    expect(installs).toBe(1);
  });

  it('the state survives a restart through the JSON file store: the next check is a 304 and a replay is refused', async () => {
    const file = join(ws.dir, 'state.json');
    const events: DeviceEvent[] = [];
    const make = () => new Updater({ ...served.base(), state: new JsonFileStateStore(file), install: async () => undefined, onEvent: (e) => events.push(e) });
    await make().check({ ...device, current_version_code: 101 }, {});
    const seq = (await new JsonFileStateStore(file).load()).highestSequence;
    expect(seq).toBeGreaterThan(0);
    const out = await make().check({ ...device, current_version_code: 101 }, {}); // a new process
    expect(out.decision?.reason).toBe('ota.skip.current');
    expect(events.filter((e) => e.name === 'ota.manifest.304')).toHaveLength(1);
    const store = new JsonFileStateStore(file);
    await store.save({ ...(await store.load()), highestSequence: seq + 1, etag: undefined });
    expect((await make().check(device, {})).error).toBe('ota.manifest.replay');
  });

  it('a 304 reuses what this updater verified from the same bytes; freshness, other bytes and a changed key set are checked again', async () => {
    const events: DeviceEvent[] = [];
    const trusted = new Map(served.base().trusted);
    const state = new MemoryStateStore();
    let now = new Date();
    const u = new Updater({ ...served.base(), trusted, state, now: () => now, install: async () => undefined, onEvent: (e) => events.push(e) });
    const d = { ...device, current_version_code: 101 };
    const check = async () => {
      const out = await u.check(d, {});
      return out.error ?? out.decision?.reason;
    };
    expect(await check()).toBe('ota.skip.current'); // 200: verified
    expect(await check()).toBe('ota.skip.current'); // 304: the verified payload
    const genuine = (await state.load()).manifest!;
    // The stored copy altered (the ETag kept, so the server still answers 304): verified, refused.
    const env = JSON.parse(genuine.toString()) as { signatures: { sig: string }[] };
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig[sig.length - 1]! ^= 1;
    env.signatures[0]!.sig = sig.toString('base64');
    const altered = Buffer.from(JSON.stringify(env));
    await state.save({ ...(await state.load()), manifest: altered });
    expect(await check()).toBe('E_BAD_SIGNATURE');
    await state.save({ ...(await state.load()), manifest: genuine });
    expect(await check()).toBe('ota.skip.current');
    // The key withdrawn from the device's trusted set: the same bytes no longer verify.
    const [keyid, key] = [...trusted][0]!;
    trusted.delete(keyid);
    expect(await check()).toBe('E_UNTRUSTED_KEY');
    trusted.set(keyid, key);
    // Time passes: the held manifest expires although its bytes are the verified ones.
    now = new Date(Date.now() + 400 * 86_400_000);
    expect(await check()).toBe('ota.manifest.expired');
    expect(events.filter((e) => e.name === 'ota.manifest.304')).toHaveLength(5);
  });

  it('with beacons on, each attempt reports its result beside the manifest, and otactl stats counts it', async () => {
    const ok = new Updater({ ...served.base(), beacons: true, install: async () => undefined });
    const failing = new Updater({ ...served.base(), beacons: true, install: async () => Promise.reject(new Error('INSTALL_FAILED_ABORTED')) });
    const silent = new Updater({ ...served.base(), beacons: false, install: async () => undefined }); // telemetry off: nothing reported
    expect((await ok.check({ device_id: 'beacon-ok', current_version_code: 100 }, { wifi: true })).installed?.build_id).toBe(ws.b2);
    expect((await failing.check({ device_id: 'beacon-fail', current_version_code: 100 }, { wifi: true })).error).toBe('ota.install.fail');
    await silent.check({ device_id: 'beacon-off', current_version_code: 100 }, { wifi: true });
    await Promise.all([ok.flushBeacons(), failing.flushBeacons()]);
    // The server appends its log line as each response ends: wait until both beacons are in it.
    const logged = () => (readFileSync(join(ws.dir, 'access.log'), 'utf8').match(/\/beacons\//g) ?? []).length;
    for (const deadline = Date.now() + 20_000; logged() < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    expect(logged()).toBe(2);
    const r = await ws.run(['stats', '--logs', join(ws.dir, 'access.log'), '--app', 'demo', '--channel', 'stable', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [stable] = r.json().channels;
    expect(stable.builds.find((b: { build_id: string }) => b.build_id === ws.b2)).toMatchObject({ installs: { ok: 1, fail: 1 }, verify_fail: 0, reasons: { 'ota.install.fail': 1 } });
    // Two devices identified themselves (the silent one did not); one runs b2, the other still b1 (its check said v=100).
    expect(stable.devices).toBe(2);
    expect(stable.buckets[0].adoption).toEqual({ [ws.b1]: 0.5, [ws.b2]: 0.5 });

    // status shows the same adoption beside the rollout percent, as bars on a terminal.
    const status = await ws.run(['status', '--app', 'demo', '--channel', 'stable', '--logs', join(ws.dir, 'access.log'), '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json().channels[0].adoption).toEqual({ [ws.b1]: 0.5, [ws.b2]: 0.5 });
    const text = (await ws.run(['status', '--app', 'demo', '--channel', 'stable', '--logs', join(ws.dir, 'access.log')])).stdout;
    expect(text).toContain(`  rollout    ${'█'.repeat(20)} 100%`);
    expect(text).toContain(`  adopted    ${'█'.repeat(10)}${'░'.repeat(10)} 50.0%  ${ws.b2}`);
  });
});
