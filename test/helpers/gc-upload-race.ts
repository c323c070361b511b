/**
 * Issue 17 item 5, the attack as a race of many rounds, shared by the file:// and S3 tests.
 *
 * Each round starts from a store holding one orphan artifact (bytes no release names, as old as
 * gc's cutoff, everything written later is younger) and runs, in this process and at the same
 * time, `gc --yes` (planGc + applyGc) and an upload of exactly those bytes, one starting right
 * before a random one of the other's store operations, every store operation of both after a
 * random pause of its own (the store underneath is the real one). Afterwards a release
 * record that names the artifact must find it there, byte for byte. On the code before the fix a
 * share of the rounds ends with the record naming a deleted artifact.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepository, releaseDeps, upload, type ReleaseDeps, type Repository } from '../../src/index.js';
import { applyGc, planGc } from '../../src/release/gc.js';
import { layout } from '../../src/repo/layout.js';
import { Store, type ObjectInfo, type PutOptions, type PutResult, type StoredObject, type TemporaryObject, type UploadProgress } from '../../src/store/store.js';
import type { KeyPair } from './memory-release.js';

const pause = (maxMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * maxMs));
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A few turns of the event loop, now and then a timer of up to `maxMs`: cheap, and it reorders. */
async function jitter(maxMs: number): Promise<void> {
  for (let n = Math.floor(Math.random() * 4); n > 0; n--) await tick();
  if (Math.random() < 0.2) await pause(maxMs);
}

/** The real store, a hook awaited before every operation (a random pause, or a scripted interleaving). */
export class HookedStore extends Store {
  constructor(
    private readonly inner: Store,
    private readonly before: (op: string, key: string) => Promise<void>,
  ) {
    super();
  }
  get url(): string {
    return this.inner.url;
  }
  private async after<T>(op: string, key: string, run: () => Promise<T>): Promise<T> {
    await this.before(op, key);
    return run();
  }
  protected _get(key: string): Promise<StoredObject | null> {
    return this.after('get', key, () => this.inner.get(key));
  }
  protected _putIfAbsent(key: string, bytes: Buffer, opts: PutOptions): Promise<PutResult> {
    return this.after('putIfAbsent', key, () => this.inner.putIfAbsent(key, bytes, opts));
  }
  protected _putFileIfAbsent(key: string, path: string, size: number, opts: PutOptions, progress?: UploadProgress): Promise<PutResult> {
    return this.after('putFileIfAbsent', key, () => this.inner.putFileIfAbsent(key, path, size, opts, progress));
  }
  protected _compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, opts: PutOptions): Promise<string> {
    return this.after('compareAndSwap', key, () => this.inner.compareAndSwap(key, bytes, expectedEtag, opts));
  }
  protected _list(prefix: string, nameStart: string): Promise<string[]> {
    return this.after('list', prefix, () => this.inner.list(prefix, nameStart));
  }
  protected _info(key: string): Promise<ObjectInfo | null> {
    return this.after('info', key, () => this.inner.info(key));
  }
  protected _delete(key: string): Promise<void> {
    return this.after('delete', key, () => this.inner.delete(key));
  }
  protected override _temporaries(): Promise<TemporaryObject[]> {
    return this.after('temporaries', '', () => this.inner.temporaries());
  }
  protected override _deleteTemporary(path: string): Promise<void> {
    return this.after('deleteTemporary', path, () => this.inner.deleteTemporary(path));
  }
}

export interface RaceOptions {
  rounds: number;
  /** A new, empty store for each round. */
  freshStore: (round: number) => Promise<Store>;
  key: KeyPair;
  /** Where the build files go. */
  dir: string;
  /** Upper bound of the random pause before each store operation. */
  opPauseMs: number;
  /**
   * How far one side runs ahead, in store operations: k random in [min, max]; the upload starts
   * right before gc's -k-th operation (k < 0), gc right before the upload's k-th (k > 0), or both
   * at once (0). Where the race is tight depends on the backend's speed of reads against writes.
   */
  leadOps: [min: number, max: number];
}

export interface RaceResult {
  rounds: number;
  /** Rounds whose gc plan listed the orphan, i.e. where gc and the upload raced for it. */
  contested: number;
  /** Rounds in which gc deleted the artifact (before the upload found it, which then wrote it again). */
  deletedByGc: number;
  /** Rounds that ended with a release record naming an artifact that is not there (must be 0). */
  broken: string[];
  /** Markers (leases, intents) left in the store after a round (must be 0). */
  leftMarkers: number;
}

export interface Scene {
  store: Store;
  repo: Repository;
  deps: ReleaseDeps;
  bytes: Buffer;
  sha: string;
  /** The build file holding exactly the orphan's bytes. */
  file: string;
  /** gc's cutoff: the orphan is that old, what is written later is younger (the store's own clock). */
  cutoff: Date;
}

/** A store holding one orphan artifact (what an upload killed between artifact and record leaves). */
export async function orphanScene(inner: Store, before: (op: string, key: string) => Promise<void>, o: Pick<RaceOptions, 'key' | 'dir'>, name: string): Promise<Scene> {
  const store = new HookedStore(inner, before);
  const repo = await openRepository({ store, trustedKeys: [o.key.publicKey], signingKeys: [o.key.privateKey] });
  const bytes = randomBytes(2048);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = join(o.dir, `${name}.bin`);
  writeFileSync(file, bytes);
  await inner.putIfAbsent(layout.artifact(sha), bytes);
  const cutoff = (await inner.info(layout.artifact(sha)))!.modified;
  await pause(3);
  return { store, repo, deps: releaseDeps(repo, 'ci-bot', { now: () => new Date() }), bytes, sha, file, cutoff };
}

/** What the round left: a release record naming a missing or different artifact is the bug. */
export async function brokenRecord(s: Scene, buildId: string): Promise<string | null> {
  const record = await s.repo.getRelease('demo', buildId);
  const stored = await s.store.get(layout.artifact(s.sha));
  return record && (!stored || !stored.bytes.equals(s.bytes)) ? `${buildId} names ${layout.artifact(s.sha)}, which gc deleted` : null;
}

/** Leases and intents still in the store (a finished upload and gc leave none). */
export async function markersLeft(store: Store): Promise<number> {
  return (await store.list(layout.uploadLeasesPrefix())).length + (await store.list(layout.gcIntentsPrefix())).length;
}

export const uploadOrphan = (s: Scene, versionCode = 1) => upload(s.deps, { file: s.file, app: 'demo', kind: 'file', versionCode, versionName: `1.0.${versionCode}` });

export async function gcOnce(s: Scene) {
  const plan = await planGc(s.repo, s.cutoff);
  return { planned: plan.artifacts.length, done: await applyGc(s.repo, plan, s.cutoff) };
}

/** Which side a store operation comes from. */
const actor = new AsyncLocalStorage<'gc' | 'upload'>();

export async function raceGcAndUpload(o: RaceOptions): Promise<RaceResult> {
  const result: RaceResult = { rounds: o.rounds, contested: 0, deletedByGc: 0, broken: [], leftMarkers: 0 };
  for (let round = 0; round < o.rounds; round++) {
    // One side starts at a random point of the other's own progress, whatever the machine's speed.
    const lead = o.leadOps[0] + Math.floor(Math.random() * (o.leadOps[1] - o.leadOps[0] + 1));
    const ops = { gc: 0, upload: 0 };
    let gc: Promise<Awaited<ReturnType<typeof gcOnce>>> | undefined;
    let up: ReturnType<typeof uploadOrphan> | undefined;
    const startGc = () => (gc ??= actor.run('gc', () => gcOnce(scene)));
    const startUpload = () => (up ??= actor.run('upload', () => uploadOrphan(scene)));
    const scene: Scene = await orphanScene(
      await o.freshStore(round),
      async () => {
        const side = actor.getStore();
        if (side) {
          const n = ++ops[side];
          if (side === 'upload' && lead > 0 && n === lead) void startGc();
          if (side === 'gc' && lead < 0 && n === -lead) void startUpload();
        }
        await jitter(o.opPauseMs);
      },
      o,
      `race-${round}`,
    );
    // The leader first; a follower whose start point never came (the leader was done) starts then.
    let g: Awaited<ReturnType<typeof gcOnce>>;
    let u: Awaited<ReturnType<typeof uploadOrphan>>;
    if (lead >= 0) {
      u = await startUpload();
      g = await startGc();
    } else {
      g = await startGc();
      u = await startUpload();
    }

    if (g.planned > 0) result.contested++;
    if (g.done.artifacts.length > 0) result.deletedByGc++;
    const broken = await brokenRecord(scene, u.build_id);
    if (broken) result.broken.push(`round ${round}: ${broken}`);
    result.leftMarkers += await markersLeft(scene.store);
  }
  return result;
}

export interface ScriptedOutcome {
  /** Whether gc deleted the artifact. */
  gcDeleted: boolean;
  broken: string | null;
  markers: number;
}

const isRecord = (key: string) => key.startsWith('apps/demo/builds/');

/**
 * The first interleaving, scripted: the upload has found the artifact present (and skipped the
 * write); right before it writes its release record a whole `gc --yes` runs.
 */
export async function gcBeforeTheRecord(inner: Store, o: Pick<RaceOptions, 'key' | 'dir'>, name: string): Promise<ScriptedOutcome> {
  let gc: Awaited<ReturnType<typeof gcOnce>> | undefined;
  let gcRunning = false;
  const scene: Scene = await orphanScene(
    inner,
    async (op, key) => {
      if (op === 'putIfAbsent' && isRecord(key) && !gc && !gcRunning) {
        gcRunning = true;
        gc = await gcOnce(scene);
      }
    },
    o,
    name,
  );
  const up = await uploadOrphan(scene);
  return { gcDeleted: (gc?.done.artifacts.length ?? 0) > 0, broken: await brokenRecord(scene, up.build_id), markers: await markersLeft(scene.store) };
}

/**
 * The second, scripted: gc has planned and re-checked, and is about to delete the orphan; the
 * upload starts right then and runs as far as it goes (to its end, or to waiting for gc's
 * intent) before the delete happens.
 */
export async function uploadBeforeTheDelete(inner: Store, o: Pick<RaceOptions, 'key' | 'dir'>, name: string): Promise<ScriptedOutcome> {
  let upload: Promise<Awaited<ReturnType<typeof uploadOrphan>>> | undefined;
  let sawIntentCheck: () => void = () => undefined;
  const waiting = new Promise<void>((resolve) => (sawIntentCheck = resolve));
  const scene: Scene = await orphanScene(
    inner,
    async (op, key) => {
      if (op === 'info' && key === layout.gcIntent(scene.sha) && upload) sawIntentCheck();
      if (op === 'delete' && key === layout.artifact(scene.sha) && !upload) {
        upload = uploadOrphan(scene);
        await Promise.race([upload, waiting]);
      }
    },
    o,
    name,
  );
  const gc = await gcOnce(scene);
  if (!upload) throw new Error('gc did not try to delete the orphan');
  const up = await upload;
  return { gcDeleted: gc.done.artifacts.length > 0, broken: await brokenRecord(scene, up.build_id), markers: await markersLeft(scene.store) };
}
