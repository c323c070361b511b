/**
 * What in-process release tests start from: a signing key, a repository on a MemoryStore (or any
 * store), release deps on a clock the test sets, and a way to upload a new build in one call.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MemoryStore, openRepository, releaseDeps, upload, type OpenRepositoryOptions, type ReleaseDeps, type Repository } from '../../src/index.js';
import type { Store } from '../../src/store/store.js';
import { p256, type KeyPair } from './keys.js';

/** A temporary folder removed when the test file is done. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `otactl-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { p256, type KeyPair } from './keys.js';

// Build files of every memoryRelease of a test file (this module is evaluated per file).
let buildsDir: string | undefined;
afterAll(() => buildsDir && rmSync(buildsDir, { recursive: true, force: true }));
let files = 0;

export interface MemoryReleaseOptions {
  /** Who acts (default ci-bot). */
  actor?: string;
  /** Default: a new P-256 key that signs and is trusted. */
  key?: KeyPair;
  /** Default: a new MemoryStore. */
  store?: Store | string;
  /** More openRepository options (publicUrl, cloudFront, manifestMaxAge). */
  repo?: Omit<OpenRepositoryOptions, 'store' | 'trustedKeys' | 'signingKeys'>;
  /** Deps overrides; by default the test's clock, salts salt000000000001, 2, ... and a 100-device preview. */
  deps?: Partial<Omit<ReleaseDeps, 'repo' | 'actor'>>;
}

export interface MemoryRelease {
  store: Store;
  repo: Repository;
  deps: ReleaseDeps;
  key: KeyPair;
  /** The time deps.now() gives: set it, or move it with `advance`. Starts at 2026-11-30T12:00:00Z. */
  clock: { now: Date; advance(ms: number): Date };
  /** Uploads a new generic build of `versionCode` (unique bytes unless given), version name 1.0.<code>. */
  build(versionCode: number, bytes?: string): ReturnType<typeof upload>;
}

export async function memoryRelease(opts: MemoryReleaseOptions = {}): Promise<MemoryRelease> {
  const key = opts.key ?? p256();
  const repo = await openRepository({ ...opts.repo, store: opts.store ?? new MemoryStore(), trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
  const clock = {
    now: new Date('2026-11-30T12:00:00Z'),
    advance(ms: number) {
      return (this.now = new Date(this.now.getTime() + ms));
    },
  };
  let salts = 0;
  const deps = releaseDeps(repo, opts.actor ?? 'ci-bot', {
    now: () => clock.now,
    newSalt: () => `salt${String(++salts).padStart(12, '0')}`,
    previewFleet: 100,
    ...opts.deps,
  });
  return {
    store: repo.store,
    repo,
    deps,
    key,
    clock,
    build(versionCode, bytes) {
      buildsDir ??= mkdtempSync(join(tmpdir(), 'otactl-builds-'));
      const file = join(buildsDir, `f${++files}.bin`);
      writeFileSync(file, bytes ?? `build ${versionCode} ${file}`);
      return upload(deps, { file, app: 'demo', kind: 'file', versionCode, versionName: `1.0.${versionCode}` });
    },
  };
}

/** Every key of a MemoryStore release and its etag: "the store is unchanged" means this is equal before and after. */
export async function storeSnapshot(r: MemoryRelease): Promise<string> {
  const store = r.store as MemoryStore;
  const lines: string[] = [];
  for (const key of store.keys()) lines.push(`${key} ${(await store.get(key))!.etag}`);
  return lines.join('\n');
}

/** What a store writer without the key can do: delete objects (every key under prefix). */
export async function removeKeys(r: MemoryRelease, prefix: string): Promise<void> {
  for (const key of (r.store as MemoryStore).keys()) if (key.startsWith(prefix)) await r.store.delete(key);
}
