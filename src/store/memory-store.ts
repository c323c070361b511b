import { readRegularFile } from '../util/regular-file.js';
import { ConflictError } from '../errors.js';
import { sha256Hex } from '../util/hash.js';
import { Store, type ObjectInfo, type PutOptions, type PutResult, type StoredObject, type UploadProgress } from './store.js';

/** One write the store is about to make; what a fault hook sees. */
export interface StoreMutation {
  op: 'putIfAbsent' | 'putFileIfAbsent' | 'compareAndSwap' | 'delete';
  key: string;
}

/**
 * Called before each write is applied. Throwing aborts that write and everything after it, as a
 * crash or a failed request at that point would: the caller gets a StorageError (or the OtaError
 * thrown) and the store keeps what it had.
 */
export type BeforeMutation = (mutation: StoreMutation) => void | Promise<void>;

export interface MemoryStoreOptions {
  url?: string;
  beforeMutation?: BeforeMutation;
  /** When each write happens (what `info` reports as modified); default the system clock. */
  now?: () => Date;
}

interface Held extends StoredObject {
  modified: Date;
}

/**
 * A store held in a Map, with the file store's semantics (content-hash etags, conditional create,
 * compare-and-swap, sorted prefix listings): for fast in-process tests and as a library user's
 * test double. Objects are copied in and out, so a caller editing a Buffer never edits the store.
 */
export class MemoryStore extends Store {
  readonly url: string;
  /** May be set or cleared between operations, e.g. to fail only the n-th write. */
  beforeMutation: BeforeMutation | undefined;
  private readonly objects = new Map<string, Held>();
  private readonly now: () => Date;

  constructor(opts: MemoryStoreOptions = {}) {
    super();
    this.url = opts.url ?? 'memory://';
    this.beforeMutation = opts.beforeMutation;
    this.now = opts.now ?? (() => new Date());
  }

  /** The keys held, sorted: for tests that check nothing else was written. */
  keys(): string[] {
    return [...this.objects.keys()].sort();
  }

  /** Replaces an object's bytes with no checks, as someone with write access to the bucket could. */
  tamper(key: string, bytes: Buffer): void {
    if (!this.objects.has(key)) throw new Error(`nothing to tamper with at ${key}`);
    this.objects.set(key, this.held(bytes));
  }

  protected async _get(key: string): Promise<StoredObject | null> {
    const obj = this.objects.get(key);
    return obj ? { bytes: Buffer.from(obj.bytes), etag: obj.etag } : null;
  }

  protected async _putIfAbsent(key: string, bytes: Buffer, _opts: PutOptions): Promise<PutResult> {
    await this.beforeMutation?.({ op: 'putIfAbsent', key });
    return this.create(key, bytes);
  }

  protected async _putFileIfAbsent(key: string, path: string, size: number, _opts: PutOptions, progress?: UploadProgress): Promise<PutResult> {
    await this.beforeMutation?.({ op: 'putFileIfAbsent', key });
    if (this.objects.has(key)) return 'exists';
    const bytes = await readRegularFile(path);
    progress?.(bytes.length, size);
    return this.create(key, bytes);
  }

  protected async _compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, _opts: PutOptions): Promise<string> {
    await this.beforeMutation?.({ op: 'compareAndSwap', key });
    const currentEtag = this.objects.get(key)?.etag ?? null;
    if (currentEtag !== expectedEtag) {
      throw new ConflictError(`${key} was changed by another writer; re-read it and try again`, { key });
    }
    const held = this.held(bytes);
    this.objects.set(key, held);
    return held.etag;
  }

  protected async _list(prefix: string, nameStart: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix + nameStart));
  }

  protected async _info(key: string): Promise<ObjectInfo | null> {
    const obj = this.objects.get(key);
    return obj ? { size: obj.bytes.length, modified: obj.modified } : null;
  }

  protected async _delete(key: string): Promise<void> {
    await this.beforeMutation?.({ op: 'delete', key });
    this.objects.delete(key);
  }

  // Checked and set with no await between, so two racing writers cannot both create.
  private create(key: string, bytes: Buffer): PutResult {
    if (this.objects.has(key)) return 'exists';
    this.objects.set(key, this.held(bytes));
    return 'created';
  }

  private held(bytes: Buffer): Held {
    return { bytes: Buffer.from(bytes), etag: sha256Hex(bytes), modified: this.now() };
  }
}
