import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RollbackReason } from '../../src/device/boot-validation.js';
import type { DeviceEvent } from '../../src/device/events.js';
import { JsonFileStateStore, type InstalledBuild } from '../../src/device/state.js';
import { Updater, type UpdaterOptions } from '../../src/device/updater.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { servedChannelSuite } from '../helpers/served-channel.js';
import { p256 } from '../helpers/keys.js';

/**
 * The SDK's boot validation (issue 16 item 10) over real HTTP against otactl serve: an installed
 * build is valid only once it has itself fetched and verified the manifest; one that cannot is
 * rolled back. Each "process" is a new Updater on the same JSON state file.
 */
describe('Updater: a new build is valid only after it verified the manifest itself', () => {
  const served = servedChannelSuite();
  const { ws } = served;
  const OLD = 100;
  let n = 0;


  /** One device: its state file, the events of all its processes, and the hooks' calls. */
  function device() {
    const file = join(ws.dir, `state-${++n}.json`);
    const events: DeviceEvent[] = [];
    const calls: Array<[string, InstalledBuild, RollbackReason?]> = [];
    const process = (over: Partial<UpdaterOptions> = {}) =>
      new Updater({
        ...served.base(),
        state: new JsonFileStateStore(file),
        install: async () => undefined,
        markValid: async (b) => void calls.push(['valid', b]),
        rollback: async (b, reason) => void calls.push(['rollback', b, reason]),
        onEvent: (e) => events.push(e),
        ...over,
      });
    const boot = async () => (await new JsonFileStateStore(file).load()).boot;
    const bootEvents = () => events.filter((e) => e.name.startsWith('ota.boot.')).map((e) => `${e.name}${e.reason ? ` ${e.reason}` : ''}`);
    return { file, events, calls, process, boot, bootEvents };
  }

  it('installed: pending; a check by the old build before the restart does not validate; the new build verifies and is marked valid', async () => {
    const d = device();
    const old = d.process();
    const out = await old.check({ device_id: 'd-1', current_version_code: OLD }, { wifi: true });
    const installed = { build_id: out.installed!.build_id, version_code: out.installed!.version_code };
    expect(installed.build_id).toBe(ws.b2);
    expect(await d.boot()).toEqual({ status: 'pending', boots: 0, failures: 0, first_boot_ms: null });
    expect((await new JsonFileStateStore(d.file).load()).installed).toEqual(installed);

    await old.check({ device_id: 'd-1', current_version_code: OLD }, { wifi: true }); // same process: still the old build
    expect((await d.boot())?.status).toBe('pending');
    expect(d.bootEvents()).toEqual([]);

    const fresh = d.process(); // the restart into the new build
    const again = await fresh.check({ device_id: 'd-1', current_version_code: installed.version_code }, { wifi: true });
    expect(again.decision?.reason).toBe('ota.skip.current');
    expect(d.bootEvents()).toEqual(['ota.boot.pending', 'ota.boot.valid']);
    expect(d.calls).toEqual([['valid', installed]]);
    expect(await d.boot()).toEqual({ status: 'confirmed', boots: 0, failures: 0, first_boot_ms: null });
    expect((await new JsonFileStateStore(d.file).load()).installed).toBeUndefined();
  });

  it('a new build that cannot verify the manifest (it lost the release key) is rolled back after max_failures checks; the old build then reports it reverted', async () => {
    const d = device();
    const out = await d.process().check({ device_id: 'd-2', current_version_code: OLD }, { wifi: true });
    const installed = { build_id: out.installed!.build_id, version_code: out.installed!.version_code };
    const stranger = p256().publicKey;
    let stateDuringRollback: string | undefined;
    const broken = d.process({
      trusted: new Map([[keyIdOf(stranger), stranger]]),
      bootLimits: { max_boots: 3, max_failures: 2, max_pending_ms: 0 },
      rollback: async (b, reason) => {
        stateDuringRollback = (await d.boot())?.status; // saved before the hook runs
        d.calls.push(['rollback', b, reason]);
      },
    });
    const running = { device_id: 'd-2', current_version_code: installed.version_code };
    expect((await broken.check(running, { wifi: true })).error).toBe('E_UNTRUSTED_KEY');
    expect(d.calls).toEqual([]);
    expect((await broken.check(running, { wifi: true })).error).toBe('E_UNTRUSTED_KEY');
    expect(d.calls).toEqual([['rollback', installed, 'failures']]);
    expect(stateDuringRollback).toBe('rolled_back');
    expect(d.bootEvents()).toEqual(['ota.boot.pending', 'ota.boot.rollback failures']);

    // The previous build runs again after the rollback: reported, and confirmed.
    expect(await d.process().boot({ device_id: 'd-2', current_version_code: OLD })).toBe('reverted');
    expect(d.bootEvents()).toEqual(['ota.boot.pending', 'ota.boot.rollback failures', 'ota.boot.reverted']);
    expect((await d.boot())?.status).toBe('confirmed');
  });

  it('a new build that restarts before it validates is rolled back at the boot after max_boots; its check then does nothing', async () => {
    const d = device();
    const out = await d.process().check({ device_id: 'd-3', current_version_code: OLD }, { wifi: true });
    const running = { device_id: 'd-3', current_version_code: out.installed!.version_code };
    const limits = { max_boots: 2, max_failures: 5, max_pending_ms: 0 };
    expect(await d.process({ bootLimits: limits }).boot(running)).toBe('none');
    expect(await d.process({ bootLimits: limits }).boot(running)).toBe('none');
    const third = d.process({ bootLimits: limits });
    expect((await third.check(running, { wifi: true })).error).toBe('ota.boot.rollback');
    expect(d.calls.map(([what, , reason]) => `${what} ${reason}`)).toEqual(['rollback boots']);
    expect((await d.boot())?.status).toBe('rolled_back');
  });

  it('the time limit runs from the first boot of the new build, on the device clock', async () => {
    const d = device();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const clock = () => new Date(now);
    const out = await d.process().check({ device_id: 'd-4', current_version_code: OLD }, { wifi: true });
    const running = { device_id: 'd-4', current_version_code: out.installed!.version_code };
    const limits = { max_boots: 5, max_failures: 5, max_pending_ms: 3_600_000 };
    expect(await d.process({ now: clock, bootLimits: limits }).boot(running)).toBe('none');
    now += 3_600_000;
    expect(await d.process({ now: clock, bootLimits: limits }).boot(running)).toBe('rollback');
    expect(d.bootEvents()).toEqual(['ota.boot.pending', 'ota.boot.rollback deadline']);
  });

  it('an installer that throws leaves no pending build behind', async () => {
    const d = device();
    const out = await d.process({ install: async () => Promise.reject(new Error('INSTALL_FAILED_ABORTED')) }).check({ device_id: 'd-5', current_version_code: OLD }, { wifi: true });
    expect(out.error).toBe('ota.install.fail');
    const state = await new JsonFileStateStore(d.file).load();
    expect(state.boot?.status ?? 'confirmed').toBe('confirmed');
    expect(state.installed).toBeUndefined();
  });
});
