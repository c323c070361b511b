/**
 * gc against a concurrent upload (docs/s3.md "gc and uploads at the same time").
 *
 * The race: `gc --yes` finds an orphan artifact (no release names it) and deletes it; an upload of
 * the same bytes meanwhile finds the artifact present, skips the write and records a release that
 * names an artifact gc then deletes. Neither S3 nor a folder can delete "only if no release names
 * it" atomically, and S3's conditional delete cannot tell a rewrite of the same bytes (same ETag)
 * from no write at all. So the two sides flag themselves first and then look at each other, which
 * needs only strongly consistent PUT, GET, LIST and DELETE (S3 since 2020, Ceph RGW, a folder):
 *
 *   upload: write a lease `gc/uploading/<sha>-<nonce>.json`, THEN read `gc/deleting/<sha>.json`;
 *           while that intent exists, wait; only then look for the artifact (write it if absent)
 *           and write the release record; delete the lease.
 *   gc:     write the intent `gc/deleting/<sha>.json`, THEN list the leases, THEN re-read the
 *           release records; delete the artifact only if neither names it; delete the intent.
 *
 * Each side writes before it reads, so at least one sees the other. If gc's lease listing missed
 * the lease, either it ran before the lease was written, hence after the intent was written, so
 * the upload's read finds the intent and waits until gc is done (the artifact's existence is then
 * checked after the delete, and the upload writes the bytes again); or it ran after the lease was
 * deleted, hence after the release record was written, which gc's re-read of the records (after
 * the listing: the order matters, a race test found it) then sees. If gc saw the lease, it keeps
 * the artifact. A release record therefore never names an artifact gc deleted, not even for a
 * moment.
 *
 * A killed gc leaves its intent: an upload waits at most UPLOAD_INTENT_WAIT_MS, measured on its own
 * clock from its first sight of the intent, and then proceeds; gc deletes nothing later than
 * GC_DELETE_WINDOW_MS after writing its intents (its own clock), well inside that wait, so no
 * clock comparison between machines is needed. A killed upload leaves its lease: it only keeps the
 * artifact, and gc sweeps leases older than LEASE_STALE_MS.
 */
import { randomBytes } from 'node:crypto';
import { layout } from '../repo/layout.js';
import type { Store } from '../store/store.js';

/** gc deletes no artifact later than this after writing its intents (checked before each delete). */
export const GC_DELETE_WINDOW_MS = 120_000;
/** An upload that finds a gc intent waits for it to go at most this long (then gc is dead or done). */
export const UPLOAD_INTENT_WAIT_MS = 300_000;
/** A lease this old is a killed upload's: gc removes it (no upload takes a day between lease and record). */
export const LEASE_STALE_MS = 24 * 3600_000;
/** An intent this old is a killed gc's: the next gc removes it. */
export const INTENT_STALE_MS = 3600_000;

const MARKER = { contentType: 'application/json', cacheControl: 'no-store' };
const marker = (what: Record<string, string>) => Buffer.from(`${JSON.stringify(what)}\n`);

export interface WaitOptions {
  /** Monotonic milliseconds (default performance.now). */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
  /** Told once, when a gc intent makes the upload wait (a terminal shows it; the wait is bounded). */
  onWait?: (maxWaitMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (find or write the artifact, then write its release record) under an upload lease
 * on `sha256`, once no gc intends to delete that artifact.
 */
export async function withUploadLease<T>(store: Store, sha256: string, at: Date, work: () => Promise<T>, wait: WaitOptions = {}): Promise<T> {
  const release = await takeUploadLease(store, sha256, at, wait);
  try {
    return await work();
  } finally {
    await release();
  }
}

/**
 * The lease of withUploadLease, held until the returned function is called: for writers whose
 * reference to the artifact is written later than the artifact (a delta patch, named by the
 * manifest the promotion then commits).
 */
export async function takeUploadLease(store: Store, sha256: string, at: Date, wait: WaitOptions = {}): Promise<() => Promise<void>> {
  const lease = layout.uploadLease(sha256, randomBytes(8).toString('hex'));
  await store.putIfAbsent(lease, marker({ sha256, at: at.toISOString() }), MARKER);
  // Left behind (a failed delete), a lease only keeps the artifact until gc sweeps it.
  const release = () => store.delete(lease).catch(() => undefined);
  try {
    await waitWhileGcIntends(store, sha256, wait);
  } catch (err) {
    await release();
    throw err;
  }
  return release;
}

/** Returns once `gc/deleting/<sha>` is absent, or after maxWaitMs of seeing it (a killed gc's). */
export async function waitWhileGcIntends(store: Store, sha256: string, opts: WaitOptions = {}): Promise<'clear' | 'waited' | 'gave_up'> {
  const clock = opts.clock ?? (() => performance.now());
  const sleep = opts.sleep ?? defaultSleep;
  const maxWait = opts.maxWaitMs ?? UPLOAD_INTENT_WAIT_MS;
  const key = layout.gcIntent(sha256);
  if ((await store.info(key)) === null) return 'clear';
  opts.onWait?.(maxWait);
  const started = clock();
  for (let pause = 10; ; pause = Math.min(pause * 1.5, 1_000)) {
    if (clock() - started >= maxWait) return 'gave_up';
    await sleep(pause);
    if ((await store.info(key)) === null) return 'waited';
  }
}

/** gc's hold on the artifacts it means to delete. */
export interface DeleteIntents {
  /** The artifacts whose intent this gc wrote (another gc's intent: not ours to act on). */
  claimed: Set<string>;
  /** Whether a delete may still start (inside GC_DELETE_WINDOW_MS of writing the intents). */
  open(): boolean;
  /** Removes this gc's intents. */
  release(): Promise<void>;
}

export async function claimForDeletion(store: Store, sha256s: readonly string[], at: Date, clock: () => number = () => performance.now()): Promise<DeleteIntents> {
  const started = clock();
  const claimed = new Set<string>();
  const nonce = randomBytes(8).toString('hex');
  try {
    for (const sha256 of sha256s) {
      const put = await store.putIfAbsent(layout.gcIntent(sha256), marker({ sha256, at: at.toISOString(), gc: nonce }), MARKER);
      if (put === 'created') claimed.add(sha256);
    }
  } catch (err) {
    await releaseIntents(store, claimed);
    throw err;
  }
  return {
    claimed,
    open: () => clock() - started < GC_DELETE_WINDOW_MS,
    release: () => releaseIntents(store, claimed),
  };
}

async function releaseIntents(store: Store, claimed: Set<string>): Promise<void> {
  for (const sha256 of claimed) await store.delete(layout.gcIntent(sha256));
}

/** The artifacts some upload holds a lease on right now (read after the intents are written). */
export async function leasedArtifacts(store: Store): Promise<Set<string>> {
  const keys = await store.list(layout.uploadLeasesPrefix());
  return new Set(keys.map((k) => k.slice(layout.uploadLeasesPrefix().length, layout.uploadLeasesPrefix().length + 64)));
}
