/**
 * The release workflows as a library, in process, through a MemoryStore: what a Node CI script
 * gets from `import { ... } from 'otactl'`. Milliseconds per test; the spawned-CLI tests keep
 * what only a process shows (exit codes, TTY, signals).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MemoryStore,
  openRepository,
  promote,
  releaseDeps,
  repair,
  rollout,
  upload,
  type ReleaseDeps,
  type Repository,
} from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { BEACON_BODY, BEACON_RESULTS, beaconKey } from '../../src/protocol/beacon.js';
import { channelWorkflows } from './workflow-cases.js';
import { p256 } from '../helpers/keys.js';

const APP = 'demo';
const CH = 'stable';
const scratch = mkdtempSync(join(tmpdir(), 'otactl-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
    expect(keys).toEqual(['ok', 'fail', 'verify_fail', 'booted', 'healthy', 'rolled_back', 'deferred', 'ineligible'].map((r) => `apps/${APP}/beacons/${b1.build_id}/${r}.txt`));
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

channelWorkflows('MemoryStore', async () => ({ store: new MemoryStore() }));

describe('channel workflows', () => {
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
    await expect(rollout(deps, { app: APP, channel: CH, percent: 30 })).rejects.toMatchObject({ exitCode: 5, message: expect.stringMatching(/`otactl repair app=demo channel=stable`/) });
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
