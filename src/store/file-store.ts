import { createWriteStream } from 'node:fs';
import { link, lstat, mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors.js';
import { openRegularFile, readRegularFile } from '../util/regular-file.js';
import { holdFile, releaseFile, replacePointer } from '../util/in-flight.js';
import { sha256Hex } from '../util/hash.js';
import { isInternalName, Store, type ObjectInfo, type PutOptions, type PutResult, type StoredObject, type TemporaryObject, type UploadProgress } from './store.js';

/**
 * The embedded default: a folder laid out exactly as the S3 bucket would be, so `otactl serve`
 * (or any static web server) can publish it.
 * - Immutable objects: written to a temp file, then hard-linked into place; link() fails if the
 *   key exists, which is the local form of S3's `If-None-Match: *`.
 * - Mutable pointers: a lock file taken with O_EXCL, the compare, then temp file + rename().
 *   rename() is atomic, so a reader (or a crash) only ever sees the old or the new object.
 */
export class FileStore extends Store {
  readonly url: string;

  constructor(readonly root: string, private readonly lockWaitMs = 2000) {
    super();
    this.url = `file://${root}`;
  }

  private path(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  protected async _get(key: string): Promise<StoredObject | null> {
    try {
      const bytes = await readRegularFile(this.path(key));
      return { bytes, etag: sha256Hex(bytes) };
    } catch (err) {
      // A pipe or device planted in the store would block or never end: the store is unreadable.
      if (err instanceof ValidationError) throw new Error(err.message); // Store.wrap: "cannot read KEY in URL: ..." (exit 7)
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  protected async _putIfAbsent(key: string, bytes: Buffer, opts: PutOptions): Promise<PutResult> {
    await this.storeHeaders(key, opts, 'keep');
    const tmp = await this.writeTemp(key, async (fh) => {
      await fh.writeFile(bytes);
    });
    return this.publishTemp(tmp, key);
  }

  /**
   * Keeps a write's Content-Type and Cache-Control for `otactl serve`, as S3 keeps them with the
   * object: in `.headers/<key>.json` under the root (internal, so listings and `serve` never show
   * it as a key, and the store's folders hold only objects). Written before the object: an object never lacks the headers it was
   * written with. An immutable object's first headers are kept; a pointer's follow its last write.
   */
  private async storeHeaders(key: string, opts: PutOptions, mode: 'keep' | 'replace'): Promise<void> {
    const headers = headersRecord(opts);
    if (!headers) return;
    const path = headersPath(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const current = await readRegularFile(path, 'utf8').catch(() => null);
    if (current === headers || (mode === 'keep' && current !== null)) return;
    const tmp = await this.writeTemp(key, async (fh) => {
      await fh.writeFile(headers);
    });
    if (mode === 'replace') {
      await rename(tmp, path);
      releaseFile(tmp);
      return;
    }
    await link(tmp, path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await removeTemp(tmp);
  }

  protected async _putFileIfAbsent(key: string, path: string, size: number, opts: PutOptions, progress?: UploadProgress): Promise<PutResult> {
    if (await this.exists(key)) return 'exists';
    await this.storeHeaders(key, opts, 'keep');
    const tmp = await this.tempPath(key);
    let sent = 0;
    const source = (await openRegularFile(path)).createReadStream({ highWaterMark: 1 << 20 });
    if (progress) {
      source.on('data', (chunk) => {
        sent += (chunk as Buffer).length;
        progress(sent, size);
      });
    }
    try {
      await pipeline(source, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
      await fsyncPath(tmp);
    } catch (err) {
      await removeTemp(tmp);
      throw err;
    }
    return this.publishTemp(tmp, key);
  }

  protected async _compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, opts: PutOptions): Promise<string> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const release = await this.lock(`${target}.lock`, key);
    try {
      const current = await this._get(key);
      const currentEtag = current ? current.etag : null;
      if (currentEtag !== expectedEtag) {
        throw new ConflictError(`${key} was changed by another writer; re-read it and try again`, { key });
      }
      await this.storeHeaders(key, opts, 'replace');
      const tmp = await this.writeTemp(key, async (fh) => {
        await fh.writeFile(bytes);
      });
      await replacePointer(key, () => rename(tmp, target));
      releaseFile(tmp);
      await fsyncPath(dirname(target));
      return sha256Hex(bytes);
    } finally {
      await release();
    }
  }

  protected async _list(prefix: string, nameStart: string): Promise<string[]> {
    const dir = this.path(prefix.slice(0, -1));
    const out: string[] = [];
    const walk = async (d: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(d, { withFileTypes: true });
      } catch (err) {
        // No folder, or an object where the prefix would be: nothing under it, as on S3.
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return;
        throw err;
      }
      for (const e of entries) {
        if (isInternalName(e.name)) continue;
        const full = join(d, e.name);
        if (e.isDirectory()) await walk(full);
        // Anything else at a key (a file, or a pipe, socket or link planted there) is listed: reading
        // it reports it in its place ("is a named pipe, not a regular file"), never skipped unseen.
        else out.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    await walk(dir);
    return nameStart ? out.filter((k) => k.startsWith(prefix + nameStart)) : out;
  }

  protected async _info(key: string): Promise<ObjectInfo | null> {
    const st = await stat(this.path(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    return st && st.isFile() ? { size: st.size, modified: st.mtime } : null;
  }

  protected async _delete(key: string): Promise<void> {
    for (const path of [this.path(key), headersPath(this.root, key)]) {
      await unlink(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }

  protected override async _temporaries(): Promise<TemporaryObject[]> {
    const out: TemporaryObject[] = [];
    const walk = async (d: string): Promise<void> => {
      const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const full = join(d, e.name);
        if (e.isDirectory()) await walk(full);
        else if (e.isFile() && TEMP_NAME.test(e.name)) {
          const st = await stat(full).catch(() => null);
          if (st) out.push({ path: relative(this.root, full).split(sep).join('/'), size: st.size, modified: st.mtime });
        }
      }
    };
    await walk(this.root);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  protected override async _deleteTemporary(path: string): Promise<void> {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!TEMP_NAME.test(name) || path.split('/').some((p) => p === '..')) throw new Error(`not a temporary file of this store: ${path}`);
    await unlink(join(this.root, ...path.split('/'))).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  private async tempPath(key: string): Promise<string> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    // Dot-prefixed so listings, `otactl serve` and static servers never show a half-written file.
    const tmp = join(dirname(target), `.${randomBytes(6).toString('hex')}.tmp`);
    holdFile(tmp);
    return tmp;
  }

  private async writeTemp(key: string, fill: (fh: import('node:fs/promises').FileHandle) => Promise<void>): Promise<string> {
    const tmp = await this.tempPath(key);
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fill(fh);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await removeTemp(tmp);
      throw err;
    }
    await fh.close();
    return tmp;
  }

  private async publishTemp(tmp: string, key: string): Promise<PutResult> {
    try {
      await link(tmp, this.path(key));
      return 'created';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw err;
    } finally {
      await removeTemp(tmp);
    }
  }

  /**
   * Takes `<key>.lock` with O_EXCL. A lock left by a dead process (same host, pid gone) or older
   * than a minute is broken; a live one is waited for briefly, then reported as a conflict.
   */
  private async lock(lockPath: string, key: string): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.lockWaitMs;
    const body = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
    for (;;) {
      try {
        await writeFile(lockPath, body, { flag: 'wx' });
        holdFile(lockPath); // only once it is ours: an interrupt must never remove another writer's lock
        return () => removeTemp(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      // A folder or pipe at the lock's name is no writer's lock: waiting would never end (exit 3 forever).
      const st = await lstat(lockPath).catch(() => null);
      if (st && !st.isFile()) throw new Error(`${lockPath} is ${st.isDirectory() ? 'a directory' : 'not a regular file'}, not a lock file of otactl: the store was changed outside otactl; move it away`);
      if (await breakIfStale(lockPath)) continue;
      if (Date.now() >= deadline) {
        throw new ConflictError(`another otactl is changing ${key} right now; try again`, { key });
      }
      await sleep(20 + Math.random() * 40);
    }
  }
}

/** Where the headers of the object at `key` are kept. */
function headersPath(root: string, key: string): string {
  return `${join(root, HEADERS_DIR, ...key.split('/'))}.json`;
}

const HEADERS_DIR = '.headers';

function headersRecord(opts: PutOptions): string | null {
  if (!opts.contentType && !opts.cacheControl) return null;
  return `${JSON.stringify({ content_type: opts.contentType, cache_control: opts.cacheControl })}\n`;
}

/** Where the file store keeps the Content-Type and Cache-Control a key was written with (read by `otactl serve`). */
export function storedHeadersPath(root: string, key: string): string {
  return headersPath(root, key);
}

/** A headers file's text as headers; {} when none were given, or for a damaged or hostile file (the key's rules apply). */
export function parseStoredHeaders(text: string): PutOptions {
  try {
    const parsed = JSON.parse(text) as { content_type?: unknown; cache_control?: unknown };
    // Only what can be a header value: a damaged or hostile sidecar falls back to the key's rules.
    const header = (v: unknown) => typeof v === 'string' && /^[\x20-\x7e]{1,200}$/.test(v);
    return {
      ...(header(parsed?.content_type) ? { contentType: parsed.content_type as string } : {}),
      ...(header(parsed?.cache_control) ? { cacheControl: parsed.cache_control as string } : {}),
    };
  } catch {
    return {};
  }
}

/** Removes a temp or lock file of ours; an interrupt no longer needs to. */
async function removeTemp(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
  releaseFile(path);
}

/** How tempPath() names its files; `otactl gc` sweeps only these. */
const TEMP_NAME = /^\.[0-9a-f]{12}\.tmp$/;

const STALE_LOCK_MS = 60_000;
const BREAKER_STALE_MS = 10_000;

/**
 * Removes a lock whose owner is gone. Breakers serialise on `<lock>.break` and re-read the lock
 * under it, so a lock that a live writer has just re-created is never removed by mistake.
 */
async function breakIfStale(lockPath: string): Promise<boolean> {
  if (!(await isStale(lockPath))) return false;
  const breaker = `${lockPath}.break`;
  try {
    await writeFile(breaker, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const st = await stat(breaker).catch(() => null);
    if (st && Date.now() - st.mtimeMs > BREAKER_STALE_MS) await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    if (await isStale(lockPath)) await unlink(lockPath).catch(() => undefined);
    return true;
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  let info: { pid?: number; host?: string };
  try {
    info = JSON.parse(await readRegularFile(lockPath, 'utf8')) as typeof info;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    info = {}; // half-written lock: judge it by age alone
  }
  if (info.host === hostname() && typeof info.pid === 'number') return !processAlive(info.pid);
  const st = await stat(lockPath).catch(() => null);
  return st !== null && Date.now() - st.mtimeMs > STALE_LOCK_MS;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
