/** What in-process release tests start from: a scratch folder for artifacts, a signing key, a repository on a MemoryStore. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MemoryStore, openRepository, releaseDeps, type ReleaseDeps, type Repository } from '../../src/index.js';

/** A temporary folder removed when the test file is done. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `otactl-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const p256 = (): { publicKey: KeyObject; privateKey: KeyObject } => generateKeyPairSync('ec', { namedCurve: 'P-256' });

export interface MemoryRelease {
  store: MemoryStore;
  repo: Repository;
  deps: ReleaseDeps;
}

/** A repository on a fresh MemoryStore that trusts and signs with `key` (a new one by default), and release deps for `actor`. */
export async function memoryRelease(actor: string, overrides: Partial<Omit<ReleaseDeps, 'repo' | 'actor'>> = {}, key = p256()): Promise<MemoryRelease> {
  const store = new MemoryStore();
  const repo = await openRepository({ store, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
  return { store, repo, deps: releaseDeps(repo, actor, overrides) };
}
