import { OtaError, StorageError, type CodeOf } from '../errors.js';

/**
 * A backend failure whose cause has a catalogue code of its own (a timeout, an endpoint that is not
 * S3, wrong credentials, a missing bucket): Store.wrap keeps the code and says which operation.
 */
export class BackendFailure extends Error {
  constructor(
    message: string,
    readonly code: CodeOf<'store'>,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * The only place that reads and writes a release repository. Keys are '/'-separated relative paths
 * (`artifacts/sha256/<hex>`, `apps/<app>/channels/<ch>/manifest.json`, ...), the same on every backend.
 * The base class checks keys and wraps backend failures in StorageError; backends implement `_x`.
 */
export interface StoredObject {
  bytes: Buffer;
  /** Opaque version tag for compare-and-swap (file store: SHA-256 hex; S3: the ETag). */
  etag: string;
}

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
}

export interface UploadProgress {
  (sent: number, total: number): void;
}

export type PutResult = 'created' | 'exists';

export interface ObjectInfo {
  size: number;
  modified: Date;
}

/** A backend's leftover of an interrupted write (file store: a dot-prefixed `.tmp` beside its key). */
export interface TemporaryObject extends ObjectInfo {
  /** '/'-separated path under the store root; not a key (no listing shows it). */
  path: string;
}

export abstract class Store {
  abstract readonly url: string;

  async get(key: string): Promise<StoredObject | null> {
    checkKey(key);
    return this.wrap(`read ${key}`, () => this._get(key));
  }

  /** Writes an immutable object unless the key exists (S3 `If-None-Match: *`; O_EXCL on disk). */
  async putIfAbsent(key: string, bytes: Buffer, opts: PutOptions = {}): Promise<PutResult> {
    checkKey(key);
    return this.wrap(`write ${key}`, () => this._putIfAbsent(key, bytes, opts));
  }

  /** Streams a local file to an immutable key unless the key exists. */
  async putFileIfAbsent(key: string, path: string, size: number, opts: PutOptions = {}, progress?: UploadProgress): Promise<PutResult> {
    checkKey(key);
    return this.wrap(`upload ${key}`, () => this._putFileIfAbsent(key, path, size, opts, progress));
  }

  /**
   * Replaces a mutable object only if it is still at `expectedEtag` (null: only if absent).
   * Throws ConflictError when another writer got there first.
   */
  async compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, opts: PutOptions = {}): Promise<string> {
    checkKey(key);
    return this.wrap(`update ${key}`, () => this._compareAndSwap(key, bytes, expectedEtag, opts));
  }

  /** Size and last write time, or null when the key is absent. */
  async info(key: string): Promise<ObjectInfo | null> {
    checkKey(key);
    return this.wrap(`look up ${key}`, () => this._info(key));
  }

  /**
   * Removes an object (absent is fine). Only for what nothing references: a losing writer's own
   * history record, and what `otactl gc` proved unreferenced. Never a manifest or a chained record.
   */
  async delete(key: string): Promise<void> {
    checkKey(key);
    return this.wrap(`delete ${key}`, () => this._delete(key));
  }

  /** Leftovers of interrupted writes; backends without any (S3 aborts uploads by lifecycle) have none. */
  async temporaries(): Promise<TemporaryObject[]> {
    return this.wrap('list temporary files', () => this._temporaries());
  }

  async deleteTemporary(path: string): Promise<void> {
    return this.wrap(`delete ${path}`, () => this._deleteTemporary(path));
  }

  /**
   * Keys under a prefix ending in '/', sorted; with `nameStart`, only those whose rest begins with
   * it (one S3 request for the few builds a short id names, however many the app has).
   */
  async list(prefix: string, nameStart = ''): Promise<string[]> {
    if (!prefix.endsWith('/')) throw new Error(`list prefix must end with '/': ${prefix}`);
    checkKey(prefix.slice(0, -1));
    if (!/^[A-Za-z0-9._-]*$/.test(nameStart)) throw new Error(`invalid name start: ${JSON.stringify(nameStart)}`);
    const keys = await this.wrap(`list ${prefix}${nameStart}`, () => this._list(prefix, nameStart));
    return keys.sort();
  }

  protected abstract _get(key: string): Promise<StoredObject | null>;
  protected abstract _putIfAbsent(key: string, bytes: Buffer, opts: PutOptions): Promise<PutResult>;
  protected abstract _putFileIfAbsent(key: string, path: string, size: number, opts: PutOptions, progress?: UploadProgress): Promise<PutResult>;
  protected abstract _compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, opts: PutOptions): Promise<string>;
  protected abstract _list(prefix: string, nameStart: string): Promise<string[]>;
  protected abstract _info(key: string): Promise<ObjectInfo | null>;
  protected abstract _delete(key: string): Promise<void>;
  protected async _temporaries(): Promise<TemporaryObject[]> {
    return [];
  }
  protected async _deleteTemporary(path: string): Promise<void> {
    throw new Error(`${this.url} has no temporary objects (${path})`);
  }

  private async wrap<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof BackendFailure) throw new StorageError(`cannot ${what} in ${this.url}: ${err.message}`, err.code, err.details);
      if (err instanceof OtaError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).name;
      throw new StorageError(`cannot ${what} in ${this.url}: ${fsProblem(err as NodeJS.ErrnoException) ?? (err as Error).message}`, 'E_STORE', { cause: code });
    }
  }
}

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * Keys come from validated ids, but the store refuses anything that could escape its root, and
 * the names the file store keeps for itself (a key it would hide from listings and `serve`).
 */
export function checkKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some(isInternalName)) {
    throw new Error(`invalid store key: ${JSON.stringify(key)}`);
  }
}

/**
 * Lock files, temp files and dot-files (also `.` and `..`) belong to writers in progress. `.lock.`
 * and `.tmp.` also catch derived names such as the file store's `<key>.lock.break`.
 */
export function isInternalName(segment: string): boolean {
  return segment.startsWith('.') || /\.(lock|tmp)(\.|$)/.test(segment);
}

/** What a file system's refusal means, in words (a folder planted where a file goes...); null: keep the system's message. */
function fsProblem(err: NodeJS.ErrnoException & { dest?: string }): string | null {
  const path = err.dest ?? err.path;
  if (!path) return null;
  const why: Record<string, string> = {
    EISDIR: 'is a directory where otactl keeps a file: the store was changed outside otactl; move it away',
    ENOTDIR: 'has a file where otactl keeps a folder: the store was changed outside otactl; move it away',
    EACCES: 'is not accessible (permission denied)',
    EPERM: 'is not accessible (operation not permitted)',
    EROFS: 'is on a read-only file system',
    ENOSPC: 'cannot be written: no space left on the device',
  };
  return err.code !== undefined && why[err.code] ? `${path} ${why[err.code]} (${err.code})` : null;
}
