/**
 * What `otactl serve` remembers about the objects it served, and the one rule that decides whether
 * a remembered object may be served again: its path and its headers file still lead to the very
 * same files, unchanged.
 *
 * A file is identified by its stamp: device, inode, size, mtime and ctime from one stat. Writers
 * replace a manifest by rename (a new inode) and link immutable objects into place (ctime changes
 * when the temp name is removed); an in-place write changes mtime and ctime; so does a rename of
 * the file itself. Every request stats the path again (WHY not a watcher: inotify events are
 * delivered asynchronously and macOS's FSEvents has a latency, so a request right after a publish
 * could still see the old manifest), which keeps the edge as fresh as reading the file each time:
 * a manifest published before a request was sent is what that request gets.
 *
 * Two guards keep a stamp honest:
 * - A file changed within the last `SETTLE_MS` is served but not remembered: file times come from a
 *   coarse clock (a few ms), so a write in the same tick as our stat could leave the stamp as it
 *   was (git's "racily clean" problem).
 * - The stats of one event-loop turn are issued together, after every request of that turn has
 *   arrived, and concurrent requests for one object share them: a shared stat is never older than
 *   the request that uses it.
 */
import { statSync, type Stats } from 'node:fs';

export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function stampOf(st: Stats): FileStamp {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

/** Whether `st` (null: the path did not stat) is the file `stamp` recorded (null: there was none). */
export function sameFile(st: Stats | null, stamp: FileStamp | null): boolean {
  if (st === null || stamp === null) return st === stamp;
  return st.ino === stamp.ino && st.mtimeMs === stamp.mtimeMs && st.ctimeMs === stamp.ctimeMs && st.size === stamp.size && st.dev === stamp.dev;
}

/** How long after its last change a file may be remembered (see the module comment). */
export const SETTLE_MS = 1000;

export function settled(stamp: FileStamp | null, nowMs: number): boolean {
  return stamp === null || Math.max(stamp.mtimeMs, stamp.ctimeMs) <= nowMs - SETTLE_MS;
}

/** An object as served: its validators and headers, and its bytes when it is small. */
export interface ServedObject {
  key: string;
  /** The path under the real root that was checked (real path inside the root, a regular file). */
  path: string;
  stamp: FileStamp;
  headersPath: string;
  /** null: there was no headers file (or it could not be read). */
  headersStamp: FileStamp | null;
  etag: string;
  lastModified: string;
  mtimeMs: number;
  size: number;
  cacheControl: string;
  contentType: string;
  /** The whole content for small files (manifests, records); big ones are streamed from disk. */
  body?: Buffer;
}

/** Objects up to this size are kept in memory; bigger ones only their validators and headers. */
export const MAX_BODY_BYTES = 256 * 1024;
const MAX_BODIES_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

/** Remembered objects by key, oldest dropped first when the entry count or the body bytes run over. */
export class ObjectCache {
  private readonly entries = new Map<string, ServedObject>();
  private bodyBytes = 0;

  get(key: string): ServedObject | undefined {
    return this.entries.get(key);
  }

  set(obj: ServedObject): void {
    this.delete(obj.key);
    this.entries.set(obj.key, obj);
    this.bodyBytes += obj.body?.length ?? 0;
    for (const oldest of this.entries.values()) {
      if (this.entries.size <= MAX_ENTRIES && this.bodyBytes <= MAX_BODIES_BYTES) break;
      this.delete(oldest.key);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bodyBytes -= old.body?.length ?? 0;
  }
}

type Waiter = (stillValid: boolean) => void;

/**
 * Checks remembered objects against the disk: for each object asked about during one event-loop
 * turn, one stat of its path and one of its headers file, made in that turn's check phase
 * (setImmediate), so every request sharing them had arrived before they ran.
 *
 * WHY statSync: two stats per object per turn, not per request, of paths the kernel has cached
 * (microseconds, as nginx makes them on every request). Through libuv's thread pool each would
 * wait for a worker thread to be scheduled, and every request of the turn with it: on a busy
 * two-core machine that wait made serve 1.4 to 1.7 times slower (bench/serve.mjs, same run).
 * Everything else that touches the disk (open, read, realpath) stays asynchronous.
 */
export class Revalidator {
  private waiting = new Map<ServedObject, Waiter[]>();
  private scheduled = false;

  stillValid(obj: ServedObject): Promise<boolean> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(obj);
      if (waiters) waiters.push(resolve);
      else this.waiting.set(obj, [resolve]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.issue);
      }
    });
  }

  private readonly issue = (): void => {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    for (const [obj, waiters] of batch) {
      const file = statOrNull(obj.path);
      const ok = file !== null && file.isFile() && sameFile(file, obj.stamp) && sameFile(statOrNull(obj.headersPath), obj.headersStamp);
      for (const w of waiters) w(ok);
    }
  };
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
