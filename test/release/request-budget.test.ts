/**
 * The request budget: promote, rollout, rollback, check and `status --app A --channel C` make a
 * fixed number of store requests however many builds and history entries the channel has. Changes
 * and status verify the newest RECENT_HISTORY_DEPTH links of the history chain (a change never
 * builds on a broken recent chain); the full walk is `history`, `status --verify-history` and
 * `repair`. Counted on a MemoryStore that counts each
 * call as the S3 requests it would be (one per object operation, one per 1,000 listed keys): the
 * S3 store's own counter gives the same figures against Ceph, but seeding 2,000 objects there
 * costs minutes, not the milliseconds here.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as checkCommand } from '../../src/cli/commands/check.js';
import { command as statusCommand } from '../../src/cli/commands/status.js';
import { CliContext } from '../../src/cli/context.js';
import { IO } from '../../src/cli/io.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { RECENT_HISTORY_DEPTH } from '../../src/repo/repository.js';
import { MemoryStore, openRepository, promote, releaseDeps, rollback, rollout, upload, type ReleaseDeps, type Repository } from '../../src/index.js';
import type { ObjectInfo, PutOptions, PutResult, StoredObject, UploadProgress } from '../../src/store/store.js';
import { p256 } from '../helpers/keys.js';

class CountingStore extends MemoryStore {
  requests = 0;
  override get(key: string): Promise<StoredObject | null> {
    this.requests++;
    return super.get(key);
  }
  override putIfAbsent(key: string, bytes: Buffer, opts?: PutOptions): Promise<PutResult> {
    this.requests++;
    return super.putIfAbsent(key, bytes, opts);
  }
  override putFileIfAbsent(key: string, path: string, size: number, opts?: PutOptions, progress?: UploadProgress): Promise<PutResult> {
    this.requests++;
    return super.putFileIfAbsent(key, path, size, opts, progress);
  }
  override compareAndSwap(key: string, bytes: Buffer, etag: string | null, opts?: PutOptions): Promise<string> {
    this.requests++;
    return super.compareAndSwap(key, bytes, etag, opts);
  }
  override info(key: string): Promise<ObjectInfo | null> {
    this.requests++;
    return super.info(key);
  }
  override delete(key: string): Promise<void> {
    this.requests++;
    return super.delete(key);
  }
  override async list(prefix: string, nameStart?: string): Promise<string[]> {
    const keys = await super.list(prefix, nameStart);
    this.requests += Math.max(1, Math.ceil(keys.length / 1000)); // ListObjectsV2 pages
    return keys;
  }
}

const key = p256();
const APP = 'demo';
const CH = 'stable';
const sink = () => new Writable({ write: (_c, _e, done) => done() });

interface Seeded {
  store: CountingStore;
  repo: Repository;
  deps: ReleaseDeps;
  builds: string[];
}

/**
 * A store with `builds` builds of the app and `changes` changes of its channel. The first two and
 * the last two builds are real uploads (the ones the commands promote); the ones between are their
 * signed release records as upload writes them (Repository.putRelease), varied in id, SHA-256 and
 * version: a listing sees 1,000 records either way, at a fraction of the seeding time.
 */
async function seed(dir: string, builds: number, changes: number): Promise<Seeded> {
  const store = new CountingStore();
  const repo = await openRepository({ store, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
  const deps = releaseDeps(repo, 'ci-bot', { previewFleet: 10 });
  const uploadVersion = async (v: number) => {
    const file = join(dir, `b${builds}-${changes}-${v}.bin`);
    writeFileSync(file, `build ${v} of ${builds}/${changes}`);
    return (await upload(deps, { file, app: APP, kind: 'file', versionCode: v })).build_id;
  };
  const ids = [await uploadVersion(1), await uploadVersion(2)];
  const template = (await repo.getRelease(APP, ids[1]!))!;
  for (let v = 3; v <= builds - 2; v++) {
    const sha256 = createHash('sha256').update(`filler ${v}`).digest('hex');
    const record = { ...template, build_id: `b-${sha256.slice(0, 12)}`, sha256, version_code: v, artifact_key: `artifacts/sha256/${sha256}` };
    ids.push((await repo.putRelease(record)).record.build_id);
  }
  ids.push(await uploadVersion(builds - 1), await uploadVersion(builds));
  await promote(deps, { app: APP, channel: CH, build: ids[0]!, percent: 100 });
  await promote(deps, { app: APP, channel: CH, build: ids[1]!, percent: 10 });
  for (let i = 2; i < changes; i++) await rollout(deps, { app: APP, channel: CH, percent: 11 - (i % 2) }); // 11, 10, 11, ...
  return { store, repo, deps, builds: ids };
}

/** Requests one operation makes. */
async function cost(s: Seeded, op: () => Promise<unknown>): Promise<number> {
  const before = s.store.requests;
  await op();
  return s.store.requests - before;
}

/** The CLI command in process, its store and keys those of the seeded repository. */
async function runCommand<O>(s: Seeded, def: { parse(l: { flags: Record<string, unknown>; args: string[] }): O; run(ctx: CliContext, o: O): Promise<void> }, flags: Record<string, unknown>): Promise<void> {
  const io = await new IO({ json: true, quiet: true, stdout: sink(), stderr: sink(), env: {} }).init();
  const ctx = new (class extends CliContext {
    override repo = async () => s.repo;
    override store = async () => s.store;
    override trustedKeys = async () => new Map([[keyIdOf(key.publicKey), key.publicKey]]);
  })(io, { json: true, yes: true, debug: false, color: false, quiet: true }, {}, process.cwd());
  await def.run(ctx, def.parse({ flags, args: [] }));
}

/** What each command costs on a seeded store. */
async function costs(s: Seeded): Promise<Record<string, number>> {
  const n = s.builds.length;
  return {
    'status --app --channel': await cost(s, () => runCommand(s, statusCommand, { app: APP, channel: CH })),
    check: await cost(s, () => runCommand(s, checkCommand, { app: APP, channel: CH, device: 'A1', currentVersionCode: '1' })),
    'promote BUILD_ID': await cost(s, () => promote(s.deps, { app: APP, channel: CH, build: s.builds[n - 1]!, percent: 5 })),
    'promote 8-char prefix': await cost(s, () => promote(s.deps, { app: APP, channel: CH, build: s.builds[n - 2]!.slice(0, 8), percent: 5, allowLowerVersion: true })),
    rollout: await cost(s, () => rollout(s.deps, { app: APP, channel: CH, percent: 20 })),
    rollback: await cost(s, () => rollback(s.deps, { app: APP, channel: CH })),
  };
}

describe('request budget', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-budget-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let big: Seeded;
  let pastWindow: Seeded;
  beforeAll(async () => {
    big = await seed(dir, 1000, 1000);
    pastWindow = await seed(dir, 4, RECENT_HISTORY_DEPTH + 2);
  }, 300_000);

  it('holds 1,000 builds and 1,000 history entries', async () => {
    expect(await big.store.list(`apps/${APP}/builds/`)).toHaveLength(1000);
    expect(await big.store.list(`apps/${APP}/channels/${CH}/history/`)).toHaveLength(1000);
    expect((await big.repo.readChannel(APP, CH))!.payload.sequence).toBe(1000);
  });

  it('promote, rollout, rollback, check and status of one channel cost on 1,000 builds and 1,000 changes what they cost on 4 builds and a history just past the verified window', async () => {
    const few = await costs(pastWindow);
    const many = await costs(big);
    console.log(`requests per command (4 builds, ${RECENT_HISTORY_DEPTH + 2} changes vs 1,000 builds, 1,000 changes): ${JSON.stringify({ few, many })}`);
    expect(many).toEqual(few);
    for (const [what, n] of Object.entries(many)) expect(n, what).toBeLessThanOrEqual(8 + RECENT_HISTORY_DEPTH);
  });

  it('a short history costs less: changes verify the records there are', async () => {
    const short = await costs(await seed(dir, 4, 2));
    const past = await costs(await seed(dir, 4, RECENT_HISTORY_DEPTH + 2));
    console.log(`requests per command (2 changes vs ${RECENT_HISTORY_DEPTH + 2}): ${JSON.stringify({ short, past })}`);
    expect(short.check).toBe(past.check);
    expect(short.rollout).toBeLessThan(past.rollout!);
  });

  it('status --help names the depth it verifies', () => {
    expect(statusCommand.options.find((o) => o.flags === '--verify-history')?.description).toContain(`newest ${RECENT_HISTORY_DEPTH} records`);
  });
});

describe('the verified window of a channel\'s history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-window-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const recordKeys = async (s: Seeded) => (await s.store.list(`apps/${APP}/channels/${CH}/history/`)).sort();

  it('a record missing among the newest stops a change (E_TAMPERED, naming repair) and changes nothing', async () => {
    const s = await seed(dir, 3, RECENT_HISTORY_DEPTH + 4);
    const keys = await recordKeys(s);
    await s.store.delete(keys.at(-RECENT_HISTORY_DEPTH)!); // the oldest record inside the window
    const before = await s.repo.readChannel(APP, CH);
    await expect(rollout(s.deps, { app: APP, channel: CH, percent: 40 })).rejects.toMatchObject({ code: 'E_TAMPERED', message: expect.stringContaining('otactl repair') });
    expect((await s.repo.readChannel(APP, CH))!.etag).toBe(before!.etag);
  });

  it('a record missing below the window does not stop a change; the full walk (history, status --verify-history, repair) finds it', async () => {
    const s = await seed(dir, 3, RECENT_HISTORY_DEPTH + 4);
    const keys = await recordKeys(s);
    await s.store.delete(keys.at(-RECENT_HISTORY_DEPTH - 1)!); // the newest record outside the window
    const head = (await s.repo.readChannel(APP, CH))!;
    await expect(s.repo.verifyRecentHistory(head)).resolves.toBeUndefined();
    await expect(s.repo.readHistory(head)).rejects.toMatchObject({ code: 'E_TAMPERED' });
    const r = await rollout(s.deps, { app: APP, channel: CH, percent: 40 });
    expect(r.sequence).toBe(RECENT_HISTORY_DEPTH + 5);
  });

  it('a short history is verified to its first record', async () => {
    const s = await seed(dir, 3, 4);
    const keys = await recordKeys(s);
    await s.store.delete(keys[0]!);
    await expect(rollout(s.deps, { app: APP, channel: CH, percent: 40 })).rejects.toMatchObject({ code: 'E_TAMPERED' });
  });
});
