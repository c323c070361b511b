import { describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../src/device/events.js';
import { Updater } from '../../src/device/updater.js';
import { servedChannelSuite } from '../helpers/served-channel.js';

// The SDK's side of install windows: the local time it gives decide() (the rule itself is in the
// shared decision vectors). demo/stable serves b2 at 100% with the window 01:00-05:00.
describe('Updater: the install window in the device zone', () => {
  const { ws, base } = servedChannelSuite();
  const at = (iso: string) => () => new Date(iso);
  const setWindow = async (w: string) => expect((await ws.run(['rollout', '100', '--app', 'demo', '--channel', 'stable', '--install-window', w, '--yes'])).code).toBe(0);

  async function check(opts: { timeZone?: string | null; now: () => Date; localTime?: string }) {
    const events: DeviceEvent[] = [];
    const installed: string[] = [];
    const u = new Updater({
      ...base(),
      now: opts.now,
      ...(opts.timeZone === undefined ? {} : { timeZone: opts.timeZone }),
      onEvent: (e) => events.push(e),
      install: async (_f, b) => void installed.push(b.build_id),
    });
    const out = await u.check({ device_id: 'dev-1', current_version_code: 1 }, opts.localTime ? { local_time: opts.localTime } : {});
    return { reason: out.decision?.reason, installed, events: events.map((e) => e.name) };
  }

  it('reads the window in the zone it is given: 02:30 UTC is 11:30 in Tokyo (outside), 03:30 or 04:30 (summer) in Berlin (inside)', async () => {
    await setWindow('01:00-05:00');
    // The manifest expires 14 days after the promote: decide within that, at 02:30 UTC today.
    const now = at(`${new Date().toISOString().slice(0, 10)}T02:30:00Z`);
    expect(await check({ timeZone: 'Asia/Tokyo', now })).toMatchObject({ reason: 'ota.defer.outside_install_window', installed: [] });
    const berlin = await check({ timeZone: 'Europe/Berlin', now });
    expect(berlin.reason).toBe('ota.eligible');
    expect(berlin.installed).toHaveLength(1);
    expect(berlin.events).not.toContain('ota.time.utc_assumed');
  });

  it('a device that does not know its zone (timeZone null) reads the window in UTC and says so', async () => {
    const now = at(`${new Date().toISOString().slice(0, 10)}T06:00:00Z`);
    const r = await check({ timeZone: null, now });
    expect(r.reason).toBe('ota.defer.outside_install_window');
    expect(r.events).toContain('ota.time.utc_assumed');
    // A local time the caller gives wins over the clock.
    expect((await check({ timeZone: null, now, localTime: '02:00' })).reason).toBe('ota.eligible');
  });

  it('without a window no utc_assumed event is reported', async () => {
    await setWindow('none');
    const r = await check({ timeZone: null, now: at(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`) });
    expect(r.reason).toBe('ota.eligible');
    expect(r.events).not.toContain('ota.time.utc_assumed');
  });
});
