import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { decide } from '../../src/protocol/decision.js';
import { openManifest } from '../../src/device/manifest.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { seededCliSuite, seededCliWorkspace, cliWorkspace } from '../helpers/run-cli.js';

// Each of these tests spawns a dozen CLI processes or more: a budget for a loaded 2-core machine.
const SPAWNING = { timeout: 180_000 };

/** The seed's acceptance tests (002), played through the CLI on a file:// store. */
describe('release flow on the file:// store', SPAWNING, () => {
  const ws = seededCliSuite();
  const ch = ['--app', 'demo', '--channel', 'stable'];
  const check = async (device: string, current: number, extra: string[] = []) => {
    const r = await ws.run(['check', ...ch, '--device', device, '--current-version-code', String(current), '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  };
  /**
   * What `check` decides, in process for a whole fleet (one CLI per device would be 40 processes
   * per step): the published manifest, verified with the workspace's trusted key, then decide().
   * The tests call `check` itself for a few of the same devices to show the CLI agrees.
   */
  const decideAll = (ids: string[], current: number) => {
    const pub = createPublicKey(readFileSync(join(ws.dir, 'keys', readdirSync(join(ws.dir, 'keys'))[0]!)));
    const bytes = readFileSync(join(ws.dir, 'ota-store/apps/demo/channels/stable/manifest.json'));
    const payload = openManifest(bytes, new Map([[keyIdOf(pub), pub]]), { now: new Date(), app: 'demo', channel: 'stable' });
    return ids.map((id) => ({ id, ...decide(payload, { device_id: id, current_version_code: current }) }));
  };
  const devices = Array.from({ length: 40 }, (_, i) => `android-${i}`);
  // A pinned salt makes the cohort deterministic; the expected members come from the core function.
  const salt = 'flow-test-salt';
  const expectedIn = (pct: number) => devices.filter((d) => cohortBucket(salt, d) < pct * 100);

  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, ...ch, '--rollout', '100', '--yes'])).code).toBe(0);
  });

  it('promote B2 at 10%: about 10% of devices are offered B2, the rest stay', async () => {
    const r = await ws.run(['promote', ws.b2, ...ch, '--rollout', '10', '--yes', '--json', '--salt', salt, '--canary-device', 'secret-device-42', '--canary-tag', 'qa']);
    expect(r.code, r.stderr).toBe(0);
    const sim = (await ws.run(['simulate', ...ch, '--devices', '10000', '--json'])).json();
    const b2 = sim.builds.find((b: any) => b.build_id === ws.b2);
    expect(Math.abs(b2.share - 10)).toBeLessThan(1);
    expect(sim.stay['ota.ineligible.cohort'] + b2.devices).toBe(10000);
    const offered = decideAll(devices, 100).filter((d) => d.action === 'update').map((d) => d.id);
    expect(offered).toEqual(expectedIn(10));
    expect(offered.length).toBeGreaterThan(0);
    for (const d of offered.slice(0, 2)) expect(await check(d, 100)).toMatchObject({ action: 'update', build: { build_id: ws.b2 } });
    const outside = devices.find((d) => !offered.includes(d))!;
    expect(await check(outside, 100)).toMatchObject({ action: 'stay', reason: 'ota.ineligible.cohort' });
  });

  it('canaries are always in, and a canary device id never appears in clear in the store', async () => {
    expect(await check('secret-device-42', 100)).toMatchObject({ action: 'update', reason: 'ota.eligible.canary' });
    expect(await check('not-a-canary-xyz', 100, ['--tags', 'qa'])).toMatchObject({ action: 'update', reason: 'ota.eligible.canary' });
    const all = listFiles(join(ws.dir, 'ota-store')).map((f) => readFileSync(f));
    for (const bytes of all) {
      expect(bytes.includes('secret-device-42')).toBe(false);
      const text = bytes.toString();
      // manifests carry the payload in base64: decode and look there too
      if (text.includes('"payload"')) expect(Buffer.from(JSON.parse(text).payload, 'base64').includes('secret-device-42')).toBe(false);
    }
  });

  it('raising 10 -> 50 -> 100 never moves a device out of the cohort', async () => {
    const at10 = expectedIn(10);
    expect((await ws.run(['rollout', '50', ...ch, '--yes'])).code).toBe(0);
    const at50 = decideAll(devices, 100).filter((d) => d.in_cohort).map((d) => d.id);
    expect(at50).toEqual(expectedIn(50));
    for (const d of at10) expect(at50).toContain(d);
    expect(at50.length).toBeGreaterThan(at10.length);
    const joined = at50.find((d) => !at10.includes(d))!;
    expect(await check(joined, 100)).toMatchObject({ action: 'update', in_cohort: true });
    expect((await ws.run(['rollout', '100', ...ch, '--yes'])).code).toBe(0);
    expect(decideAll(devices, 100).every((d) => d.action === 'update')).toBe(true);
    expect((await check(devices.find((d) => !at50.includes(d))!, 100)).action).toBe('update');
  });

  it('idempotent: a device already on B2 skips', async () => {
    expect(await check('android-1', 101)).toMatchObject({ action: 'stay', reason: 'ota.skip.current' });
  });

  it('constraints: wifi-only defers off Wi-Fi, low battery defers unless charging, a call defers', async () => {
    expect(await check('android-1', 100, ['--no-wifi'])).toMatchObject({ action: 'defer', reason: 'ota.defer.wifi' });
    expect(await check('android-1', 100, ['--wifi'])).toMatchObject({ action: 'update' });
    expect(await check('android-1', 100, ['--battery', '20'])).toMatchObject({ action: 'defer', reason: 'ota.defer.battery' });
    expect(await check('android-1', 100, ['--battery', '20', '--charging'])).toMatchObject({ action: 'update' });
    expect(await check('android-1', 100, ['--in-call'])).toMatchObject({ action: 'defer', reason: 'ota.defer.call' });
  });

  it('rollback: new checks serve B1, devices on B2 do not downgrade; force_downgrade moves them', async () => {
    const rb = await ws.run(['rollback', ...ch, '--yes', '--json']);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.json().to.build_id).toBe(ws.b1);
    expect(await check('android-7', 99)).toMatchObject({ action: 'update', build: { build_id: ws.b1 } });
    expect(await check('android-7', 101)).toMatchObject({ action: 'stay', reason: 'ota.skip.downgrade' });
    expect((await ws.run(['promote', ws.b2, ...ch, '--rollout', '5', '--yes'])).code).toBe(0);
    const forced = await ws.run(['rollback', ...ch, '--to', ws.b1, '--force-downgrade', '--yes', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await check('android-7', 101)).toMatchObject({ action: 'update', reason: 'ota.eligible.force_downgrade', build: { build_id: ws.b1 } });
  });

  it('history records every change with actor, time, from and to', async () => {
    const h = (await ws.run(['history', ...ch, '--json'])).json();
    expect(h.changes.map((c: any) => c.action)).toEqual(['rollback', 'promote', 'rollback', 'rollout', 'rollout', 'promote', 'promote']);
    for (const c of h.changes) {
      expect(c.actor).toBe('tester');
      expect(Date.parse(c.at)).not.toBeNaN();
    }
    expect(h.changes[0].from.build_id).toBe(ws.b2);
    expect(h.changes[0].to.build_id).toBe(ws.b1);
    const withCi = await ws.run(['refresh', ...ch, '--json'], { env: { OTACTL_ACTOR: '', GITHUB_ACTOR: 'octocat' } });
    expect(withCi.code, withCi.stderr).toBe(0);
    expect((await ws.run(['history', ...ch, '--limit', '1', '--json'])).json().changes[0]).toMatchObject({ action: 'refresh', actor: 'github:octocat' });
    expect((await ws.run(['history', ...ch, '--limit', '1', '--json', '--actor', 'x'])).code).toBe(0);
  });

  it('check refuses an expired manifest and a replayed one (exit 5)', async () => {
    const expired = await ws.run(['check', ...ch, '--device', 'd', '--current-version-code', '1', '--now', '2099-01-01T00:00:00Z', '--json']);
    expect(expired.code).toBe(5);
    expect(expired.json().error.code).toBe('ota.manifest.expired');
    const seq = (await ws.run(['status', '--json'])).json().channels[0].sequence;
    const replay = await ws.run(['check', ...ch, '--device', 'd', '--current-version-code', '1', '--last-sequence', String(seq + 1), '--json']);
    expect(replay.code).toBe(5);
    expect(replay.json().error.code).toBe('ota.manifest.replay');
    expect((await ws.run(['check', ...ch, '--device', 'd', '--current-version-code', '1', '--last-sequence', String(seq)])).code).toBe(0);
  });

  it('rollout --dry-run publishes nothing; the same percent again is a no-op', async () => {
    const before = (await ws.run(['status', '--json'])).json().channels[0].sequence;
    const current = (await ws.run(['status', '--json'])).json().channels[0];
    const dry = await ws.run(['rollout', '100', ...ch, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    // A no-op reports the channel as published, not a plan that was never written.
    expect(dry.json()).toMatchObject({ changed: false, sequence: current.sequence, expires_at: current.expires_at });
    const dry2 = await ws.run(['promote', ws.b3, ...ch, '--rollout', '1', '--dry-run', '--json']);
    expect(dry2.json()).toMatchObject({ changed: true, dry_run: true, sequence: before + 1 });
    expect((await ws.run(['status', '--json'])).json().channels[0].sequence).toBe(before);
  });
});

describe('upload, init and keys', SPAWNING, () => {
  it('upload is content-addressed and idempotent', async () => {
    const ws = cliWorkspace();
    expect((await ws.run(['init'])).code).toBe(0);
    ws.file('a.bin', Buffer.alloc(5000, 7));
    const first = (await ws.run(['upload', 'a.bin', '--app', 'demo', '--kind', 'file', '--version-code', '3', '--json'])).json();
    const again = (await ws.run(['upload', 'a.bin', '--app', 'demo', '--kind', 'file', '--version-code', '3', '--json'])).json();
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, build_id: first.build_id, sha256: first.sha256 });
    expect(readdirSync(join(ws.dir, 'ota-store/artifacts/sha256'))).toEqual([first.sha256]);
    expect(readdirSync(join(ws.dir, 'ota-store/apps/demo/builds'))).toEqual([`${first.build_id}.json`]);
    expect((await ws.run(['builds', '--app', 'demo', '--json'])).json().builds).toHaveLength(1);
  });

  it('init keeps the private key 0600, outside the store, and never prints it', async () => {
    const ws = cliWorkspace();
    const r = await ws.run(['init', '--json']);
    const j = r.json();
    expect(statSync(j.private_key).mode & 0o777).toBe(0o600);
    expect(j.private_key.startsWith(join(ws.dir, 'ota-store'))).toBe(false);
    const pem = readFileSync(j.private_key, 'utf8');
    expect(r.stdout + r.stderr).not.toContain(pem.split('\n')[1]);
    expect((await ws.run(['init', '--json'])).code).toBe(2); // never overwrites
  });

  it('key rotation: a second signing key signs too, and devices trusting only one accept', async () => {
    const ws = await seededCliWorkspace();
    const k2 = await ws.run(['keys', 'generate', '--activate', '--json']);
    expect(k2.code, k2.stderr).toBe(0);
    expect((await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    const env = JSON.parse(readFileSync(join(ws.dir, 'ota-store/apps/demo/channels/stable/manifest.json'), 'utf8'));
    expect(env.signatures).toHaveLength(2);
    const onlyNew = await ws.run(['check', '--app', 'demo', '--channel', 'stable', '--device', 'd', '--current-version-code', '1', '--key', k2.json().public_key]);
    expect(onlyNew.code, onlyNew.stderr).toBe(0);
    const list = (await ws.run(['keys', 'list', '--json'])).json().keys;
    expect(list.filter((k: any) => k.signing && k.trusted)).toHaveLength(2);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}
