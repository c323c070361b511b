/**
 * The release workflows as a library, in process, through a MemoryStore: what a Node CI script
 * gets from `import { ... } from 'otactl'`. Milliseconds per test; the spawned-CLI tests keep
 * what only a process shows (exit codes, TTY, signals).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
} from '../../src/errors.js';
import {
  MemoryStore,
  openRepository,
  promote,
  refresh,
  releaseDeps,
  repair,
  rollback,
  rollout,
  upload,
  type PlanNotice,
  type ReleaseDeps,
  type Repository,
} from '../../src/index.js';
import { cohortBucket } from '../../src/core/cohort.js';
import { layout } from '../../src/repo/layout.js';
import { BEACON_BODY, BEACON_RESULTS, beaconKey } from '../../src/core/beacon.js';

const APP = 'demo';
const CH = 'stable';
const scratch = mkdtempSync(join(tmpdir(), 'otactl-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function p256(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}
const key = p256();

let store: MemoryStore;
let repo: Repository;
let clock: Date;
let deps: ReleaseDeps;
let salts: number;

beforeEach(async () => {
  store = new MemoryStore();
  repo = await openRepository({ store, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
  clock = new Date('2026-11-30T12:00:00Z');
  salts = 0;
  deps = releaseDeps(repo, 'ci-bot', { now: () => clock, newSalt: () => `salt${String(++salts).padStart(12, '0')}`, previewFleet: 1000 });
});

let files = 0;
async function build(versionCode: number, bytes = `build ${versionCode} ${files}`) {
  const file = join(scratch, `f${++files}.bin`);
  writeFileSync(file, bytes);
  return upload(deps, { file, app: APP, kind: 'file', versionCode, versionName: `1.0.${versionCode}` });
}

describe('upload', () => {
  it('publishes the build\'s result beacons (immutable, 200-able), before its release record; a re-upload backfills them', async () => {
    const b1 = await build(1, 'beacon bytes');
    const keys = BEACON_RESULTS.map((r) => beaconKey(APP, b1.build_id, r));
    expect(keys).toEqual([`apps/${APP}/beacons/${b1.build_id}/ok.txt`, `apps/${APP}/beacons/${b1.build_id}/fail.txt`, `apps/${APP}/beacons/${b1.build_id}/verify_fail.txt`]);
    for (const k of keys) expect((await store.get(k))?.bytes.toString()).toBe(BEACON_BODY);
    await store.delete(keys[2]!); // a build uploaded before beacons existed
    await build(1, 'beacon bytes');
    expect(await store.get(keys[2]!)).not.toBeNull();
  });
  it('stores the artifact and a signed release record; the same bytes again are the same build', async () => {
    const b1 = await build(1, 'same bytes');
    expect(b1).toMatchObject({ app: APP, created: true, version_code: 1, kind: 'file' });
    expect(store.keys()).toContain(layout.artifact(b1.sha256));
    expect((await repo.getRelease(APP, b1.build_id))?.uploaded_by).toBe('ci-bot');
    const again = await build(1, 'same bytes');
    expect(again).toMatchObject({ build_id: b1.build_id, created: false });
  });

  it('takes app settings from a policy callback (what the CLI reads from the config)', async () => {
    const file = join(scratch, 'big.bin');
    writeFileSync(file, Buffer.alloc(2048));
    await expect(upload(deps, { file, app: APP, kind: 'file', versionCode: 1, policy: () => ({ partition_size: 1024 }) })).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect(store.keys()).toEqual([]);
  });
});

describe('channel workflows', () => {
  it('promote, rollout, rollback and refresh publish signed manifests with a verified history', async () => {
    const b1 = await build(1);
    const b2 = await build(2);
    const p1 = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 100 });
    expect(p1).toMatchObject({ changed: true, sequence: 1, salt: 'salt000000000001' });
    const p2 = await promote(deps, { app: APP, channel: CH, build: b2.build_id.slice(0, 8), percent: 10 });
    expect(p2).toMatchObject({ sequence: 2, from: { build_id: b1.build_id, percent: 100 }, to: { build_id: b2.build_id, percent: 10 } });
    const inCohort = Array.from({ length: 1000 }, (_, i) => cohortBucket(p2.salt, `device-${i}`)).filter((b) => b < 1000).length;
    expect(p2.preview).toEqual({ fleet: 1000, in_cohort_before: 1000, in_cohort_after: inCohort });

    clock = new Date(clock.getTime() + 3_600_000);
    const r = await rollout(deps, { app: APP, channel: CH, percent: 50 });
    expect(r).toMatchObject({ sequence: 3, salt: p2.salt, to: { percent: 50 } }); // the salt is kept
    const back = await rollback(deps, { app: APP, channel: CH });
    expect(back).toMatchObject({ sequence: 4, to: { build_id: b1.build_id, percent: 100 } });
    const again = await rollback(deps, { app: APP, channel: CH });
    expect(again).toMatchObject({ changed: false, sequence: 4 }); // a CI retry changes nothing
    const fresh = await refresh(deps, { app: APP, channel: CH });
    expect(fresh.sequence).toBe(5);

    const head = (await repo.readChannel(APP, CH))!;
    expect(head.payload.sequence).toBe(5);
    const history = await repo.readHistory(head);
    expect(history.map((h) => [h.sequence, h.action, h.actor])).toEqual([
      [5, 'refresh', 'ci-bot'],
      [4, 'rollback', 'ci-bot'],
      [3, 'rollout', 'ci-bot'],
      [2, 'promote', 'ci-bot'],
      [1, 'promote', 'ci-bot'],
    ]);
    expect(Date.parse(head.payload.expires_at) - clock.getTime()).toBe(deps.manifestTtlSeconds * 1000);
  });

  it('shows the plan, asks, and a no publishes nothing (E_DECLINED); refresh does not ask', async () => {
    const b1 = await build(1);
    const seen: PlanNotice[] = [];
    const asking = { ...deps, onPlan: (p: PlanNotice) => seen.push(p), confirm: async () => false };
    await expect(promote(asking, { app: APP, channel: CH, build: b1.build_id, percent: 5 })).rejects.toMatchObject({ code: 'E_DECLINED', exitCode: 8 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.summary).toMatch(/^promote demo\/stable: \(nothing published\) -> b-\w+ \(v1\) at 5%/);
    expect(await repo.readChannel(APP, CH)).toBeNull();

    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 5 });
    await expect(refresh(asking, { app: APP, channel: CH })).resolves.toMatchObject({ sequence: 2 });
  });

  it('a dry run plans and reports, and writes nothing', async () => {
    const b1 = await build(1);
    const before = store.keys();
    const r = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 5, dryRun: true });
    expect(r).toMatchObject({ dry_run: true, changed: true, sequence: 1 });
    expect(store.keys()).toEqual(before);
  });

  it('refuses a manifest lifetime outside 1 h..366 d and warns under a day', async () => {
    const b1 = await build(1);
    await expect(promote({ ...deps, manifestTtlSeconds: 60 }, { app: APP, channel: CH, build: b1.build_id, percent: 5 })).rejects.toMatchObject({ exitCode: 2 });
    const short = await promote({ ...deps, manifestTtlSeconds: 7200 }, { app: APP, channel: CH, build: b1.build_id, percent: 5 });
    expect(short.warnings.some((w) => /shorter than a day/.test(w))).toBe(true);
  });

  it('two writers from the same head: one wins, the other gets ConflictError and leaves no record behind', async () => {
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    // Both read the head, then both commit: the store sees the second swap against a stale etag.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let waiting = 0;
    const racing = {
      ...deps,
      confirm: async () => {
        if (++waiting === 2) release();
        await gate;
        return true;
      },
    };
    const results = await Promise.allSettled([rollout(racing, { app: APP, channel: CH, percent: 20 }), rollout(racing, { app: APP, channel: CH, percent: 30 })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await store.list(layout.historyPrefix(APP, CH))).toHaveLength(2);
  });

  it('a crash before any write of a change leaves the channel as it was, and the next change goes through', async () => {
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    for (let nth = 1; nth <= 2; nth++) {
      let writes = 0;
      store.beforeMutation = () => {
        if (++writes === nth) throw new Error('crash');
      };
      await expect(rollout(deps, { app: APP, channel: CH, percent: 40 + nth })).rejects.toThrow();
      store.beforeMutation = undefined;
      expect((await repo.readChannel(APP, CH))!.payload.build.staged_rollout_percent).toBe(10);
    }
    await expect(rollout(deps, { app: APP, channel: CH, percent: 50 })).resolves.toMatchObject({ sequence: 2 });
  });

  it('repair republishes the last verified state of a damaged manifest at the next sequence', async () => {
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    await rollout(deps, { app: APP, channel: CH, percent: 25 });
    store.tamper(layout.manifest(APP, CH), Buffer.from('{"truncated'));
    await expect(rollout(deps, { app: APP, channel: CH, percent: 30 })).rejects.toMatchObject({ exitCode: 5, message: expect.stringMatching(/otactl repair --app demo --channel stable/) });
    const r = await repair(deps, { app: APP, channel: CH });
    expect(r).toMatchObject({ changed: true, sequence: 3, restored: { sequence: 2, percent: 25 } });
    expect((await repo.readChannel(APP, CH))!.payload).toMatchObject({ sequence: 3, build: { staged_rollout_percent: 25 } });
    expect(await repair(deps, { app: APP, channel: CH })).toMatchObject({ changed: false });
  });
});

describe('openRepository', () => {
  it('a repository opened without signing keys reads but cannot write', async () => {
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    const reader = await openRepository({ store, trustedKeys: [key.publicKey] });
    expect((await reader.readChannel(APP, CH))?.payload.sequence).toBe(1);
    await expect(rollout(releaseDeps(reader, 'x'), { app: APP, channel: CH, percent: 20 })).rejects.toMatchObject({ code: 'E_NO_SIGNING_KEY' });
  });

  it('a repository trusting another key refuses what this one signed', async () => {
    const b1 = await build(1);
    await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    const other = await openRepository({ store, trustedKeys: [p256().publicKey] });
    await expect(other.readChannel(APP, CH)).rejects.toMatchObject({ code: 'E_UNTRUSTED_KEY' });
  });

  it('takes keys as PEM text and a store as a folder path', async () => {
    const dir = mkdtempSync(join(scratch, 'store-'));
    const pem = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const priv = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const r = await openRepository({ store: dir, trustedKeys: [pem], signingKeys: [priv] });
    expect(r.store.url).toBe(`file://${dir}`);
    await expect(openRepository({ store: 'ftp://x', trustedKeys: [pem] })).rejects.toMatchObject({ code: 'E_STORE_URL' });
    await expect(openRepository({ store: dir, trustedKeys: [] })).rejects.toMatchObject({ code: 'E_NO_TRUSTED_KEY' });
  });
});
