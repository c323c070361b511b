import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planChange, type ChangeContext, type PromoteAction } from '../../src/core/channel.js';
import { ConflictError } from '../../src/errors.js';
import { layout } from '../../src/repo/layout.js';
import { Repository } from '../../src/repo/repository.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { FileStore } from '../../src/store/file-store.js';
import type { PutOptions } from '../../src/store/store.js';
import { buildRef, promoteAction } from '../core/_fixtures.js';
import { p256 } from '../helpers/keys.js';
import { changeContext } from '../helpers/change-context.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A FileStore that runs `beforeSwap` once, between a writer's history record and its swap. */
class InterleavingStore extends FileStore {
  beforeSwap?: () => Promise<void>;
  override async compareAndSwap(key: string, bytes: Buffer, expected: string | null, opts?: PutOptions): Promise<string> {
    const hook = this.beforeSwap;
    this.beforeSwap = undefined;
    if (hook) await hook();
    return super.compareAndSwap(key, bytes, expected, opts);
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-commit-'));
  dirs.push(dir);
  const { privateKey, publicKey } = p256();
  const keyid = keyIdOf(publicKey);
  const store = new InterleavingStore(dir);
  const repo = new Repository(store, { trusted: new Map([[keyid, publicKey]]), signing: async () => [{ keyid, privateKey }] });
  return { dir, store, repo };
}

const ctx = (actor: string, at = '2026-03-01T12:00:00.000Z'): ChangeContext => changeContext({ now: new Date(at), actor, expiresInSeconds: 3600, newSalt: () => 'feedfacefeedface' });
const promote: PromoteAction = promoteAction(buildRef(100), { app: 'demo' });
const historyFiles = (dir: string) => readdirSync(join(dir, ...layout.historyPrefix('demo', 'stable').split('/').filter(Boolean)));

describe('Repository.commit when the compare-and-swap is lost', () => {
  it('the loser removes the history record it wrote: the history folder holds only the chain', async () => {
    const { dir, repo } = setup();
    await repo.commit(null, planChange(null, promote, ctx('first')));
    const head = (await repo.readChannel('demo', 'stable'))!;
    await repo.commit(head, planChange(head.payload, { action: 'rollout', percent: 20 }, ctx('winner')));
    // Same stale head: this writer lost.
    await expect(repo.commit(head, planChange(head.payload, { action: 'rollout', percent: 30 }, ctx('loser')))).rejects.toBeInstanceOf(ConflictError);
    const now = (await repo.readChannel('demo', 'stable'))!;
    const chain = await repo.readHistory(now);
    expect(chain.map((c) => c.actor)).toEqual(['winner', 'first']);
    expect(historyFiles(dir)).toHaveLength(2);
  });

  it('a loser keeps the record when a writer of the very same bytes won with it (the record is on the chain)', async () => {
    const { dir, store, repo } = setup();
    await repo.commit(null, planChange(null, promote, ctx('first')));
    const head = (await repo.readChannel('demo', 'stable'))!;
    const same = () => planChange(head.payload, { action: 'rollout', percent: 20 }, ctx('twin'));
    // Writer X writes the record; before X swaps, twin Y (same bytes: record exists) swaps and wins.
    store.beforeSwap = async () => {
      await repo.commit(head, same());
    };
    await expect(repo.commit(head, same())).rejects.toBeInstanceOf(ConflictError);
    const now = (await repo.readChannel('demo', 'stable'))!;
    expect(now.payload.sequence).toBe(2);
    expect((await repo.readHistory(now)).map((c) => c.actor)).toEqual(['twin', 'first']);
    expect(historyFiles(dir)).toHaveLength(2);
  });
});

describe('Repository.commit: only what devices can read', () => {
  it('refuses a manifest whose text devices refuse (a version_name with U+0000 or a lone surrogate): E_INVALID_MANIFEST, nothing written', async () => {
    for (const versionName of ['2.0\u0000', '2.0\ud800']) {
      const { dir, repo } = setup();
      const odd = promoteAction({ ...buildRef(100), version_name: versionName }, { app: 'demo' });
      await expect(repo.commit(null, planChange(null, odd, ctx('first')))).rejects.toMatchObject({ code: 'E_INVALID_MANIFEST' });
      expect(await repo.readChannel('demo', 'stable')).toBeNull();
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});
