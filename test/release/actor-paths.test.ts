/**
 * A library caller cannot sign a control character into history by any path: the actor rule
 * (protocol/ids.ts actorProblem) is in the schemas every record must pass before it is signed
 * (Repository.toSign), so deps built by hand, uploads, channel changes, plan ticks that halt and
 * repairs all refuse a hostile actor with E_ACTOR (exit 2) and leave the store as it was. gc
 * signs nothing and takes no actor.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { promote, refresh, rollback, rollout } from '../../src/release/channel-workflows.js';
import { releaseDeps, type ReleaseDeps } from '../../src/release/deps.js';
import { repair } from '../../src/release/repair.js';
import { rolloutTick } from '../../src/release/rollout-plan.js';
import { upload } from '../../src/release/upload.js';
import { layout } from '../../src/repo/layout.js';
import { memoryRelease, storeSnapshot, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'demo';
const CH = 'stable';
const HOSTILE = ['ci\nforged line', 'ci\x1b[31mred', 'ci\u202ereversed', 'ci\ud800', ' ', 'x'.repeat(129)];

/** Two builds, the second at 100% on stable after the first (so a rollback has a target), and a plan on beta. */
async function released(): Promise<MemoryRelease & { b1: string; b2: string }> {
  const r = await memoryRelease();
  const b1 = (await r.build(1)).build_id;
  const b2 = (await r.build(2)).build_id;
  await promote(r.deps, { app: APP, channel: CH, build: b1, percent: 100 });
  await promote(r.deps, { app: APP, channel: CH, build: b2, percent: 10 });
  await promote(r.deps, { app: APP, channel: 'beta', build: b2, percent: 0 });
  await rollout(r.deps, { app: APP, channel: 'beta', percent: 1, plan: { steps: [1, 50], everySeconds: 3600, maxFailureRate: 2, minSamples: 10 } });
  return Object.assign(r, { b1, b2 });
}

const paths: [string, (deps: ReleaseDeps, r: MemoryRelease & { b1: string; b2: string }) => Promise<unknown>][] = [
  ['upload (its app record and release record)', (deps) => upload(deps, { file: __filename, app: 'other', kind: 'file', versionCode: 1 })],
  ['upload of a new build of an existing app', (deps) => upload(deps, { file: __filename, app: APP, kind: 'file', versionCode: 9 })],
  ['promote', (deps, r) => promote(deps, { app: APP, channel: 'new', build: r.b2, percent: 5 })],
  ['rollout', (deps) => rollout(deps, { app: APP, channel: CH, percent: 50 })],
  ['rollback', (deps) => rollback(deps, { app: APP, channel: CH })],
  ['refresh', (deps) => refresh(deps, { app: APP, channel: CH })],
  ['a plan tick that halts', (deps) => rolloutTick(deps, { app: APP, channel: 'beta', results: async () => ({ ok: 0, fail: 10, verify_fail: 0 }) })],
  [
    'repair of a damaged manifest',
    async (deps, r) => {
      await (r.store as MemoryStore).tamper(layout.manifest(APP, CH), Buffer.from('{"truncated'));
      return repair(deps, { app: APP, channel: CH });
    },
  ],
  [
    'repair of a deleted app record',
    async (deps, r) => {
      await r.store.delete(layout.app(APP));
      return repair(deps, { app: APP });
    },
  ],
];

describe('a hostile actor signs nothing, by any path', () => {
  it('releaseDeps refuses it at once', async () => {
    const r = await memoryRelease();
    for (const actor of HOSTILE) expect(() => releaseDeps(r.repo, actor)).toThrow(expect.objectContaining({ code: 'E_ACTOR', exitCode: 2 }));
  });

  it.each(paths)('deps built by hand: %s is E_ACTOR and the store is unchanged', async (_name, work) => {
    const r = await released();
    for (const actor of HOSTILE) {
      const before = await storeSnapshot(r);
      await expect(work({ ...r.deps, actor }, r)).rejects.toMatchObject({ code: 'E_ACTOR', exitCode: 2 });
      // The tampering a repair case did is its own; what the refused call wrote is what counts.
      if (!_name.startsWith('repair')) expect(await storeSnapshot(r)).toBe(before);
    }
    // The same path with a good actor works (the refusal was the actor's); the tick does halt.
    const done = await work(r.deps, r);
    if (_name.includes('tick')) expect(done).toMatchObject({ decision: 'halt' });
  });

  it('a refused repair writes nothing: the damage is still there, repair with a good actor mends it', async () => {
    const r = await released();
    await (r.store as MemoryStore).tamper(layout.manifest(APP, CH), Buffer.from('{"truncated'));
    const before = await storeSnapshot(r);
    await expect(repair({ ...r.deps, actor: 'ci\nforged' }, { app: APP, channel: CH })).rejects.toMatchObject({ code: 'E_ACTOR' });
    expect(await storeSnapshot(r)).toBe(before);
    await expect(repair(r.deps, { app: APP, channel: CH })).resolves.toMatchObject({ changed: true });
  });
});
