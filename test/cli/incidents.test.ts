import { readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChange, sealChange } from '../../src/core/channel.js';
import { MANIFEST_PAYLOAD_TYPE } from '../../src/protocol/schemas.js';
import { layout } from '../../src/repo/layout.js';
import { Repository } from '../../src/repo/repository.js';
import { keyIdOf, signEnvelope } from '../../src/protocol/dsse.js';
import { loadPublicKeys } from '../../src/signing/keys.js';
import { loadSigningKeyRef } from '../../src/cli/key-location.js';
import { FileStore } from '../../src/store/file-store.js';
import { treeSnapshot } from '../helpers/cli.js';
import { fifoAt } from '../helpers/fifo.js';
import { seededCliWorkspace, type CliWorkspace } from '../helpers/run-cli.js';
import { cloudFrontLog } from '../telemetry/log-fixtures.js';
import { p256 } from '../helpers/keys.js';

/** Issue 8, incidents: a damaged channel can be repaired, and one damaged channel hides nothing. */
const workspaces: CliWorkspace[] = [];
afterAll(async () => {
  for (const ws of workspaces) rmSync(ws.dir, { recursive: true, force: true });
});

async function seeded() {
  const ws = await seededCliWorkspace();
  workspaces.push(ws);
  return ws;
}

const stable = ['--app', 'demo', '--channel', 'stable'];
const manifestPath = (ws: CliWorkspace, ch = 'stable') => join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', ch, 'manifest.json');
const historyDir = (ws: CliWorkspace, ch = 'stable') => join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', ch, 'history');
const ok = (r: { code: number | null; stderr: string }) => expect(r.code, r.stderr).toBe(0);

/** stable: b1 at 100%, then b2 at 10%, then 20% (sequence 3); beta: b1 at 50%. */
async function twoChannels() {
  const ws = await seeded();
  ok(await ws.run(['promote', ws.b1, ...stable, '--rollout', '100', '--yes']));
  ok(await ws.run(['promote', ws.b2, ...stable, '--rollout', '10', '--yes', '--salt', 'pinned-salt']));
  ok(await ws.run(['rollout', '20', ...stable, '--yes']));
  ok(await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'beta', '--rollout', '50', '--yes']));
  return ws;
}

describe('a damaged manifest', () => {
  let ws: Awaited<ReturnType<typeof twoChannels>>;
  let store: string;
  beforeAll(async () => {
    ws = await twoChannels();
    truncateSync(manifestPath(ws), 40);
    store = join(ws.dir, 'ota-store');
  });

  it('rollback, refresh, rollout and promote refuse (exit 5), name otactl repair, change nothing', async () => {
    const before = treeSnapshot(store);
    for (const args of [['rollback'], ['refresh'], ['rollout', '30'], ['promote', ws.b3, '--rollout', '5']]) {
      const r = await ws.run([...args, ...stable, '--yes', '--json']);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(5);
      expect(r.json().error.code).toBe('E_TAMPERED');
      expect(r.stderr).toContain('otactl repair --app demo --channel stable');
    }
    expect(treeSnapshot(store)).toBe(before);
  });

  it('status shows every channel, marks the damaged one with its reason, and exits 5 at the end', async () => {
    const r = await ws.run(['status', '--json']);
    expect(r.code, r.stderr).toBe(5);
    const channels = r.json().channels as any[];
    expect(channels.map((c) => c.channel).sort()).toEqual(['beta', 'stable']);
    const beta = channels.find((c) => c.channel === 'beta');
    expect(beta.error).toBeUndefined();
    expect(beta.build.build_id).toBe(ws.b1);
    const bad = channels.find((c) => c.channel === 'stable');
    expect(bad.error.code).toBe('E_TAMPERED');
    expect(bad.error.message).toContain('otactl repair --app demo --channel stable');
    const text = await ws.run(['status']);
    expect(text.code).toBe(5);
    expect(text.stdout).toMatch(/^demo\/stable {2}DAMAGED \[E_TAMPERED\]/m);
    expect(text.stdout).toMatch(/^demo\/beta {2}sequence 1/m);
  });

  it('repair --dry-run shows what it would write and writes nothing; without --yes and no TTY it refuses (exit 8)', async () => {
    const before = treeSnapshot(store);
    const dry = await ws.run(['repair', ...stable, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const j = dry.json();
    expect(j).toMatchObject({ changed: true, dry_run: true, sequence: 4, damage: { kind: 'unreadable' }, restored: { sequence: 3, build_id: ws.b2, percent: 20 } });
    expect(j.payload).toMatchObject({ sequence: 4, salt: 'pinned-salt', build: { build_id: ws.b2, staged_rollout_percent: 20 } });
    const refused = await ws.run(['repair', ...stable, '--json']);
    expect(refused.code, refused.stderr).toBe(8);
    expect(refused.json().error.code).toBe('E_NEEDS_YES');
    expect(treeSnapshot(store)).toBe(before);
  });

  it('repair --yes republishes the last verified state at the next sequence with a fresh expiry, recorded as "repair"', async () => {
    const r = await ws.run(['repair', ...stable, '--yes', '--json'], { env: { OTACTL_ACTOR: 'oncall' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().sequence).toBe(4);
    const status = await ws.run(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const s = status.json().channels.find((c: any) => c.channel === 'stable');
    expect(s).toMatchObject({ sequence: 4, salt: 'pinned-salt', build: { build_id: ws.b2, staged_rollout_percent: 20 }, last_safe: { build_id: ws.b1 } });
    expect(Date.parse(s.expires_at)).toBeGreaterThan(Date.now() + 3600_000);
    const hist = (await ws.run(['history', ...stable, '--json'])).json().changes;
    expect(hist.map((c: any) => [c.sequence, c.action])).toEqual([[4, 'repair'], [3, 'rollout'], [2, 'promote'], [1, 'promote']]);
    expect(hist[0].actor).toBe('oncall');
    // A device verifies the repaired manifest, and the channel takes changes again.
    const check = await ws.run(['check', ...stable, '--device', 'd1', '--current-version-code', '100', '--json']);
    expect(check.code, check.stderr).toBe(0);
    ok(await ws.run(['rollback', ...stable, '--yes']));
    // Nothing left to repair: exit 0, nothing written.
    const again = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().changed).toBe(false);
    expect((await ws.run(['repair', ...stable, '--yes'])).stdout).toMatch(/nothing to repair/);
  });
});

describe('repair: other kinds of damage', () => {
  it('a broken history chain: rollout, history and status --verify-history refuse naming repair; repair goes back to the last verified state above every sequence seen', async () => {
    const ws = await twoChannels();
    const records = readdirSync(historyDir(ws)).sort();
    unlinkSync(join(historyDir(ws), records[1]!)); // change 2 of 3
    for (const args of [['rollout', '50', '--yes'], ['history'], ['status', '--verify-history']]) {
      const r = await ws.run([args[0]!, ...args.slice(1), ...stable, '--json']);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(5);
      expect(r.stderr).toContain('otactl repair --app demo --channel stable');
    }
    const rep = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.json()).toMatchObject({ damage: { kind: 'broken_chain' }, restored: { sequence: 1, build_id: ws.b1, percent: 100 }, sequence: 4 });
    expect(rep.json().warnings.join('\n')).toMatch(/goes back to the state of sequence 1/);
    const hist = await ws.run(['history', ...stable, '--json']);
    expect(hist.code, hist.stderr).toBe(0);
    expect(hist.json().changes.map((c: any) => c.sequence)).toEqual([4, 1]);
    ok(await ws.run(['rollout', '50', ...stable, '--yes']));
  });

  it('the record the manifest names is gone: rollout and status refuse (exit 5) naming repair, and change nothing', async () => {
    const ws = await twoChannels();
    const records = readdirSync(historyDir(ws)).sort();
    unlinkSync(join(historyDir(ws), records.at(-1)!));
    const r = await ws.run(['rollout', '50', ...stable, '--yes', '--json']);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('otactl repair --app demo --channel stable');
    expect(readdirSync(historyDir(ws)).sort()).toEqual(records.slice(0, -1));
    const s = await ws.run(['status', ...stable, '--json']);
    expect(s.code, s.stderr).toBe(5);
    expect(s.json().channels[0].error.message).toMatch(/missing change 3/);
  });

  it('a manifest signed by an untrusted key is tampering: repair replaces it but says so loudly', async () => {
    const ws = await twoChannels();
    const good = JSON.parse(readFileSync(manifestPath(ws), 'utf8'));
    const body = Buffer.from(good.payload, 'base64');
    const { privateKey, publicKey } = p256();
    writeFileSync(manifestPath(ws), JSON.stringify(signEnvelope(MANIFEST_PAYLOAD_TYPE, body, [{ keyid: keyIdOf(publicKey), privateKey }])));
    const rep = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.json().damage).toMatchObject({ kind: 'tampered', code: 'E_UNTRUSTED_KEY' });
    expect(rep.stderr).toMatch(/warning: TAMPERING, not damage/);
    expect((await ws.run(['status', '--json'])).code).toBe(0);
  });

  it('a record that does not hash to its name is not on the chain repair restores', async () => {
    const ws = await twoChannels();
    truncateSync(manifestPath(ws), 0);
    const records = readdirSync(historyDir(ws)).sort();
    const top = join(historyDir(ws), records[2]!);
    writeFileSync(top, readFileSync(top, 'utf8').replace('"percent": 20', '"percent": 90'));
    const rep = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.json().restored).toMatchObject({ sequence: 2, build_id: ws.b2, percent: 10 });
  });
});

/** The workspace's repository in-process, to write what only another program (or version) would. */
async function repoOf(ws: CliWorkspace): Promise<Repository> {
  const cfg = JSON.parse(readFileSync(join(ws.dir, 'otactl.config.json'), 'utf8'));
  const trusted = await loadPublicKeys(cfg.trusted_keys.map((p: string) => join(ws.dir, p)));
  const { key: signing } = await loadSigningKeyRef(cfg.signing_keys[0], ws.dir, ws.env);
  return new Repository(new FileStore(join(ws.dir, 'ota-store')), { trusted, signing: async () => [signing] });
}

describe('repair when several newest records verify', () => {
  it('two crashed writers left records at the same sequence: repair restores their common predecessor and says why', async () => {
    const ws = await twoChannels();
    const repo = await repoOf(ws);
    const head = (await repo.readChannel('demo', 'stable'))!;
    // Two writers wrote their records for sequence 4 and died before swapping the manifest.
    for (const pct of [30, 40]) {
      const plan = planChange(head.payload, { action: 'rollout', percent: pct }, { now: new Date(), actor: `crashed-${pct}`, expiresInSeconds: 3600, newSalt: () => 'unused' });
      const sealed = sealChange(plan, head.payload.change);
      await repo.store.putIfAbsent(layout.history('demo', 'stable', 4, sealed.digest), sealed.recordBytes);
    }
    truncateSync(manifestPath(ws), 0);
    const rep = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.json()).toMatchObject({ restored: { sequence: 3, percent: 20 }, sequence: 5 });
    expect(rep.json().warnings.join('\n')).toMatch(/2 changes at sequence 4 each verify.*restoring their common predecessor, sequence 3/);
    expect((await ws.run(['history', ...stable, '--json'])).json().changes.map((c: any) => c.sequence)).toEqual([5, 3, 2, 1]);
  });
});

describe('a plan signed with an interval past the calendar (as otactl before the --every bound accepted)', () => {
  it('status lists every channel without an internal error, and a tick holds with "never" instead of crashing', async () => {
    const ws = await twoChannels();
    const repo = await repoOf(ws);
    const head = (await repo.readChannel('demo', 'stable'))!;
    const every_seconds = 7_777_777_777 * 3600; // next step ~ year 3 million: past JavaScript's last date
    const plan = { build_id: ws.b2, steps: [20, 100], every_seconds, max_failure_rate: 2, min_samples: 5, step: 0, step_started_at: new Date().toISOString(), state: 'running' as const, on_failure: 'halt' as const, reason: 'plan started at 20%' };
    await repo.commit(head, planChange(head.payload, { action: 'rollout', percent: 20, plan }, { now: new Date(), actor: 'old-otactl', expiresInSeconds: 3600, newSalt: () => 'unused' }));
    for (const args of [['status'], ['status', '--json'], ['status', ...stable]]) {
      const r = await ws.run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).not.toMatch(/internal error|Invalid time value/);
    }
    const all = (await ws.run(['status', '--json'])).json().channels as any[];
    expect(all.map((c) => c.channel).sort()).toEqual(['beta', 'stable']);
    expect(all.find((c) => c.channel === 'stable').next_step).toEqual({ percent: 100, after: null });
    expect((await ws.run(['status'])).stdout).toMatch(/next 100% never/);
    const at = new Date(Date.now() + 2000).toISOString();
    ws.file('ok.log', cloudFrontLog(['ok', 'healthy'].flatMap((r) => Array.from({ length: 6 }, (_, i) => ({ at, path: `/apps/demo/beacons/${ws.b2}/${r}.txt`, query: `d=d${i}&c=stable`, status: 200 })))));
    const tick = await ws.run(['rollout-tick', ...stable, '--logs', 'ok.log', '--json']);
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.json()).toMatchObject({ decision: 'hold', results: { ok: 6 }, reason: expect.stringMatching(/next step never/) });
  });
});

describe('a channel whose history record cannot be read at all (a named pipe in its place)', () => {
  it('status lists the other channels, reports this one in its place, exits 7, and does not hang', async () => {
    const ws = await twoChannels();
    const record = join(historyDir(ws, 'beta'), readdirSync(historyDir(ws, 'beta'))[0]!);
    rmSync(record);
    fifoAt(record);
    const r = await ws.run(['status', '--json']);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(7);
    const channels = r.json().channels as any[];
    expect(channels.find((c) => c.channel === 'stable')).toMatchObject({ build: { build_id: ws.b2, staged_rollout_percent: 20 } });
    expect(channels.find((c) => c.channel === 'beta').error).toMatchObject({ code: 'E_STORE', message: expect.stringMatching(/not a regular file/) });
    expect(r.stderr).toMatch(/demo\/beta cannot be read/);
  });
});

describe('repair of a history written by an older otactl', () => {
  it('records without the manifest they published: repair refuses (exit 5, E_REPAIR_NO_STATE) and writes nothing', async () => {
    const ws = await seeded();
    const repo = await repoOf(ws);
    const build = repo.buildRef((await repo.getRelease('demo', ws.b1))!);
    const gating = { models: [], chips: [], min_current_version: null, intermediate: null };
    const plan = planChange(
      null,
      { action: 'promote', app: 'demo', channel: 'stable', build, percent: 100, wifiOnly: true, mustInstall: false, minBattery: 30, canaryTags: [], canaryDeviceIds: [], allowLowerVersion: false, gating },
      { now: new Date(), actor: 'old-otactl', expiresInSeconds: 3600, newSalt: () => 'a1a1a1a1a1a1a1a1' },
    );
    delete plan.record.manifest; // as records of earlier versions were written
    await repo.commit(null, plan);
    truncateSync(manifestPath(ws), 10);
    const before = treeSnapshot(join(ws.dir, 'ota-store'));
    const rep = await ws.run(['repair', ...stable, '--yes', '--json']);
    expect(rep.code, rep.stderr).toBe(5);
    expect(rep.json().error.code).toBe('E_REPAIR_NO_STATE');
    expect(treeSnapshot(join(ws.dir, 'ota-store'))).toBe(before);
  });
});

describe('retries in CI', () => {
  it('rollback when the channel is already at the target exits 0 with "nothing to change"', async () => {
    const ws = await twoChannels();
    ok(await ws.run(['rollback', ...stable, '--yes']));
    const before = treeSnapshot(join(ws.dir, 'ota-store'));
    const again = await ws.run(['rollback', ...stable, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nothing to change/);
    const json = await ws.run(['rollback', ...stable, '--yes', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toMatchObject({ changed: false, to: { build_id: ws.b1, percent: 100 } });
    expect(treeSnapshot(join(ws.dir, 'ota-store'))).toBe(before);
  });

  it('lowering the rollout percent warns (stderr and JSON) that devices which took the build keep it', async () => {
    const ws = await twoChannels();
    const r = await ws.run(['rollout', '5', ...stable, '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().warnings.join('\n')).toMatch(/already took it keep it/);
    expect(r.stderr).toMatch(/^warning: .*already took it keep it/m);
  });
});
