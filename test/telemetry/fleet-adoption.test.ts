/**
 * The issue-21 acceptance run, end to end over real HTTP: 40 TypeScript-SDK devices with default
 * options poll `otactl serve`; 20 install the new build and 20 defer off Wi-Fi; `otactl stats`
 * reads serve's access log. Every polling device is counted (the SDK identifies itself on its
 * manifest requests), adoption is 20 of 40, and the deferred devices are shown apart.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/device/state.js';
import { Updater, type UpdaterOptions } from '../../src/device/updater.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { loadPublicKey } from '../../src/signing/keys.js';
import type { BuildStats, ChannelStats, StatsReport } from '../../src/telemetry/aggregate.js';
import { runCli, seededCliSuite } from '../helpers/run-cli.js';

interface Device {
  id: string;
  version: number;
  state: MemoryStateStore;
}

describe('stats counts every polling SDK device (issue 21 must-hold)', () => {
  const ws = seededCliSuite();
  const ch = ['--app', 'demo', '--channel', 'stable'];
  const logPath = () => join(ws.dir, 'access.log');
  const fleet: Device[] = Array.from({ length: 40 }, (_, i) => ({ id: `sdk-${i}`, version: 100, state: new MemoryStateStore() }));
  let server: RunningStoreServer | undefined;
  let base: Omit<UpdaterOptions, 'install'>;

  // One download folder per device, as on real devices.
  const updater = (d: Device) => new Updater({ ...base, downloadDir: join(ws.dir, 'dl', d.id), state: d.state, install: async (_f, build) => void (d.version = build.version_code) });

  async function serve(): Promise<void> {
    server = await serveStore({ root: join(ws.dir, 'ota-store'), port: 0, accessLogPath: logPath() });
    base = { ...base, manifestUrl: `${server.url}/apps/demo/channels/stable/manifest.json` };
  }

  /** Closing the server writes out its access log. */
  async function stats(extra: string[] = []): Promise<StatsReport> {
    await server?.close();
    server = undefined;
    const r = await ws.run(['stats', '--logs', logPath(), '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return r.json() as StatsReport;
  }

  const stable = (r: StatsReport) => r.channels.find((c) => c.app === 'demo' && c.channel === 'stable') as ChannelStats;
  const build = (c: ChannelStats, id: string) => c.builds.find((b) => b.build_id === id) as BuildStats;

  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, ...ch, '--rollout', '100', '--no-wifi-only', '--yes'])).code).toBe(0);
    expect((await ws.run(['promote', ws.b2, ...ch, '--rollout', '100', '--wifi-only', '--yes'])).code).toBe(0);
    const pubDir = join(ws.dir, 'keys');
    const { keyid, key } = await loadPublicKey(join(pubDir, readdirSync(pubDir)[0]!));
    base = { manifestUrl: '', trusted: new Map([[keyid, key]]), downloadDir: join(ws.dir, 'dl') };
    await serve();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('40 devices with default options, 20 installing and 20 deferring off Wi-Fi: 40 devices, 50 % adoption', async () => {
    const updaters = fleet.map(updater);
    const outcomes = await Promise.all(fleet.map((d, i) => updaters[i]!.check({ device_id: d.id, current_version_code: d.version }, { wifi: i < 20, battery: 80 })));
    expect(outcomes.filter((o) => o.installed?.build_id === ws.b2), JSON.stringify(outcomes.map((o) => o.error ?? o.decision?.reason))).toHaveLength(20);
    expect(outcomes.filter((o) => o.decision?.reason === 'ota.defer.wifi')).toHaveLength(20);
    await Promise.all(updaters.map((u) => u.flushBeacons()));
    // The log holds no raw device id: only telemetry ids.
    expect(readFileSync(logPath(), 'utf8')).not.toContain('sdk-1');

    const c = stable(await stats());
    expect(c.devices).toBe(40);
    expect(c.checks).toBe(40);
    expect(c.checks_without_device).toBe(0);
    const b2 = build(c, ws.b2);
    expect(b2.adoption).toBe(0.5);
    expect(b2.fleet).toEqual({ running: 20, confirmed: 0, deferred: { 'ota.defer.wifi': 20 }, ineligible: {}, failed: 0, rolled_back: 0, other: 0 });
    expect(b2.outcomes).toMatchObject({ ok: 20, deferred: 20, healthy: 0 });
    // The deferring devices still run b1 (their checks say v=100).
    expect(build(c, ws.b1)).toMatchObject({ adoption: 0.5, fleet: { running: 20 } });
    expect(c.buckets.at(-1)!.adoption).toEqual({ [ws.b1]: 0.5, [ws.b2]: 0.5 });
  });

  it('after a restart the installed build confirms its boot; an old client is counted as not identified, not guessed', async () => {
    await serve();
    const rebooted = fleet.slice(0, 20).map((d) => ({ d, u: updater(d) }));
    for (const { d, u } of rebooted) {
      expect(await u.boot({ device_id: d.id, current_version_code: d.version })).toBe('none');
      expect((await u.check({ device_id: d.id, current_version_code: d.version }, { wifi: true })).decision?.reason).toBe('ota.skip.current');
    }
    await Promise.all(rebooted.map(({ u }) => u.flushBeacons()));
    // Five checks by a client that does not identify itself (beacons off: the plain manifest URL).
    for (let i = 0; i < 5; i++) await new Updater({ ...base, beacons: false, install: async () => {} }).check({ device_id: `old-${i}`, current_version_code: 100 }, { wifi: false });

    const report = await stats();
    const c = stable(report);
    expect(c.devices).toBe(40);
    expect(c.checks_without_device).toBe(5);
    const b2 = build(c, ws.b2);
    expect(b2.adoption).toBe(0.5);
    expect(b2.fleet).toMatchObject({ running: 20, confirmed: 20, deferred: { 'ota.defer.wifi': 20 } });
    expect(b2.outcomes).toMatchObject({ ok: 20, booted: 20, healthy: 20, rolled_back: 0 });
    expect(b2.failure_ratio).toBe(0);

    const table = await ws.run(['stats', '--logs', logPath()]);
    expect(table.stdout).toMatch(/5 checks carried no device id/);
    expect(table.stdout).toMatch(/deferred 20 \(ota\.defer\.wifi 20\)/);
    // Bars per build: 50 % adoption is half a bar, no failures an empty one; no colour off a terminal.
    expect(table.stdout).toContain(`${ws.b2}       ${'█'.repeat(10)}${'░'.repeat(10)}  50.0% ${'░'.repeat(20)}   0.0%`);
    expect(table.stdout).not.toContain('\x1b[');
    // On a terminal (and without NO_COLOR) the same table in colour; --json never.
    const { NO_COLOR: _off, ...colourEnv } = ws.env;
    const tty = await runCli({ argv: ['stats', '--logs', logPath()], env: colourEnv, cwd: ws.dir, isTTY: true });
    expect(tty.stdout).toContain(`\x1b[32m${'█'.repeat(10)}${'░'.repeat(10)}\x1b[39m`);
    const json = await runCli({ argv: ['stats', '--logs', logPath(), '--json'], env: colourEnv, cwd: ws.dir, isTTY: true });
    expect(json.stdout).not.toContain('\x1b[');
  });
});
