import { describe, expect, it } from 'vitest';
import { OtaError } from '../../src/errors.js';
import { inInstallWindow, localTimeAt, parseInstallWindow } from '../../src/protocol/install-window.js';
import { ManifestPayload } from '../../src/protocol/schemas.js';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';

// Install windows (issue 22 part 2): the rule itself is in test/vectors/decisions.json, which every
// client runs; this covers what otactl does with a window: reading it, storing it in the signed
// manifest, keeping or clearing it, and asking what a device would do at a local time.

describe('parseInstallWindow (the one check of a window a caller gives)', () => {
  it.each([
    ['02:00-04:00', { start: '02:00', end: '04:00' }],
    ['22:00-05:00', { start: '22:00', end: '05:00' }],
    [' 00:00-23:59 ', { start: '00:00', end: '23:59' }],
    ['none', null],
  ])('%s', (text, want) => {
    expect(parseInstallWindow(text)).toEqual(want);
  });

  it.each(['24:00-05:00', '2:00-04:00', '02:00-02:00', '02:00', '02:00-04:00-06:00', '02:60-04:00', '', 'None'])('refuses %j, naming the field', (text) => {
    let err: unknown;
    try {
      parseInstallWindow(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OtaError);
    expect((err as OtaError).code).toBe('E_INVALID');
    expect((err as OtaError).message).toMatch(/^`installWindow`/);
    expect((err as OtaError).details).toMatchObject({ field: 'installWindow' });
  });

  it('a wrapping window holds both sides of midnight', () => {
    const w = { start: '22:00', end: '05:00' };
    expect([21 * 60 + 59, 22 * 60, 0, 4 * 60 + 59, 5 * 60].map((m) => inInstallWindow(w, m))).toEqual([false, true, true, true, false]);
  });

  it('localTimeAt reads the wall clock of an IANA zone, DST included', () => {
    const t = new Date('2026-07-01T01:30:00Z');
    expect(localTimeAt(t, 'UTC')).toBe('01:30');
    expect(localTimeAt(t, 'Europe/Berlin')).toBe('03:30'); // CEST, UTC+2
    expect(localTimeAt(new Date('2026-01-01T01:30:00Z'), 'Europe/Berlin')).toBe('02:30'); // CET
    expect(localTimeAt(t, 'Asia/Kolkata')).toBe('07:00');
    expect(() => localTimeAt(t, 'Mars/Olympus')).toThrow(/`timeZone`/);
  });

  it('the manifest schema refuses a window devices could not read', () => {
    expect(ManifestPayload.shape.constraints.safeParse({ min_battery: 30, install_window: { start: '01:00', end: '01:00' } }).success).toBe(false);
    expect(ManifestPayload.shape.constraints.safeParse({ min_battery: 30, install_window: { start: '1:00', end: '03:00' } }).success).toBe(false);
    expect(ManifestPayload.shape.constraints.safeParse({ min_battery: 30, install_window: { start: '23:00', end: '01:00' } }).success).toBe(true);
  });
});

describe('otactl --install-window, check --local-time, simulate --time-zones', () => {
  const ws = seededCliSuite();
  const channel = ['--app', 'demo', '--channel', 'night'];
  const check = async (localTime: string | null, more: string[] = []) => {
    const r = await ws.run(['check', ...channel, '--device', 'dev-7', '--current-version-code', '50', ...(localTime ? ['--local-time', localTime] : []), ...more, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return r.json() as { action: string; reason: string; detail: string };
  };

  it('promote stores the window in the signed manifest; check answers at a local time, edges included', async () => {
    const p = await ws.run(['promote', ws.b1, ...channel, '--rollout', '100', '--install-window', '22:00-05:00', '--yes', '--json']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.json().install_window).toEqual({ start: '22:00', end: '05:00' });
    expect(await check('23:30')).toMatchObject({ action: 'update', reason: 'ota.eligible' });
    expect(await check('04:59')).toMatchObject({ action: 'update' });
    expect(await check('05:00')).toMatchObject({
      action: 'defer',
      reason: 'ota.defer.outside_install_window',
      detail: 'local time 05:00 is outside the install window 22:00-05:00',
      local_time: '05:00',
      install_window: { start: '22:00', end: '05:00' },
    });
    // Without --local-time: the UTC time of --now, as a device that does not know its offset.
    expect(await check(null, ['--now', new Date(Date.now() + 60_000).toISOString().slice(0, 11) + '12:00:00Z'])).toMatchObject({ action: 'defer' });
  });

  it('a later promote keeps the channel window unless told; rollout changes or clears it; a rollback keeps it', async () => {
    const kept = await ws.run(['promote', ws.b2, ...channel, '--rollout', '100', '--yes']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/install window 22:00-05:00 device-local\)/);
    expect(await check('12:00')).toMatchObject({ action: 'defer', reason: 'ota.defer.outside_install_window' });
    // Same percent, another window: a change (published), not a no-op.
    const moved = await ws.run(['rollout', '100', ...channel, '--install-window', '11:00-13:00', '--yes', '--json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.json()).toMatchObject({ changed: true });
    expect(await check('12:00')).toMatchObject({ action: 'update' });
    const back = await ws.run(['rollback', ...channel, '--yes', '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(await check('14:00')).toMatchObject({ action: 'defer', reason: 'ota.defer.outside_install_window' });
    const cleared = await ws.run(['rollout', '100', ...channel, '--install-window', 'none', '--yes', '--json']);
    expect(cleared.json()).toMatchObject({ changed: true, install_window: null });
    expect(await check('03:00')).toMatchObject({ action: 'update' });
    const again = await ws.run(['rollout', '100', ...channel, '--install-window', 'none', '--yes', '--json']);
    expect(again.json()).toMatchObject({ changed: false });
  });

  it('simulate spreads the fleet over time zones, deterministically', async () => {
    expect((await ws.run(['rollout', '100', ...channel, '--install-window', '01:00-05:00', '--yes', '--json'])).code).toBe(0);
    const args = ['simulate', ...channel, '--devices', '300', '--current-version-code', '50', '--time-zones', 'UTC,Asia/Tokyo,America/New_York', '--now', '2026-07-01T02:00:00Z', '--json'];
    const r = await ws.run(args);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    // 02:00 UTC: UTC 02:00 (in), Tokyo 11:00 (out), New York 22:00 EDT (out).
    expect(out.time_zones).toEqual([
      { zone: 'UTC', local_time: '02:00', devices: 100, outside_install_window: 0 },
      { zone: 'Asia/Tokyo', local_time: '11:00', devices: 100, outside_install_window: 100 },
      { zone: 'America/New_York', local_time: '22:00', devices: 100, outside_install_window: 100 },
    ]);
    expect(out.deferred).toEqual({ 'ota.defer.outside_install_window': 200 });
    expect((await ws.run(args)).json()).toEqual(out);
  });

  it.each([
    [['rollout', '100', '--install-window', '25:00-01:00', '--yes'], 2, /^--install-window "25:00-01:00": expected HH:MM/],
    [['rollout', '100', '--install-window', '03:00-03:00', '--yes'], 2, /needs a start and an end that differ/],
    [['promote', 'b-0', '--rollout', '5', '--install-window', 'tonight', '--yes'], 2, /^--install-window "tonight": expected HH:MM-HH:MM/],
    [['check', '--device', 'x', '--current-version-code', '1', '--local-time', '7:00'], 2, /^--local-time "7:00" is not HH:MM/],
    [['simulate', '--time-zones', 'Mars/Olympus'], 2, /--time-zones: "Mars\/Olympus" is not a time zone/],
  ])('bad input %j: one line naming the flag, exit %i, the store unchanged', async (argv, exit, message) => {
    const before = treeSnapshot(ws.dir);
    const r = await ws.run([...argv, ...channel, '--json']);
    expectCleanFailure(r, exit);
    expect(r.json().error.message).toMatch(message);
    expect(treeSnapshot(ws.dir)).toBe(before);
  });
});
