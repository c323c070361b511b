/**
 * Issue 17 item 5 on file://: `gc --yes` and an upload of an orphan artifact's very bytes, on the
 * real file store (test/helpers/gc-upload-race.ts): the two interleavings that lost the artifact,
 * scripted, then raced at random over many rounds. Before the fix, both scripted cases and about a
 * third of the random rounds ended with a release record naming the artifact gc had just deleted.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { planGc } from '../../src/release/gc.js';
import { upload } from '../../src/release/upload.js';
import { claimForDeletion, GC_DELETE_WINDOW_MS, INTENT_STALE_MS, LEASE_STALE_MS, waitWhileGcIntends } from '../../src/release/artifact-guard.js';
import { layout } from '../../src/repo/layout.js';
import { FileStore } from '../../src/store/file-store.js';
import { gcBeforeTheRecord, raceGcAndUpload, uploadBeforeTheDelete } from '../helpers/gc-upload-race.js';
import { memoryRelease, p256, scratchDir } from '../helpers/memory-release.js';

const dir = scratchDir('gc-race');
const key = p256();
let stores = 0;
const freshStore = async () => new FileStore(mkdtempSync(join(dir, `store-${++stores}-`)));

describe('gc against a concurrent upload of the same bytes (file://)', () => {
  it('gc running whole between the upload\'s existence check and its record keeps the artifact (the upload\'s lease)', async () => {
    const r = await gcBeforeTheRecord(await freshStore(), { key, dir }, 'scripted-1');
    expect(r).toEqual({ gcDeleted: false, broken: null, markers: 0 });
  });

  it('an upload starting while gc deletes waits for gc\'s intent to go, then writes the bytes again', async () => {
    const r = await uploadBeforeTheDelete(await freshStore(), { key, dir }, 'scripted-2');
    expect(r).toEqual({ gcDeleted: true, broken: null, markers: 0 });
  });

  it('raced at random over 40 rounds: no release record ever names an artifact gc deleted', async () => {
    const r = await raceGcAndUpload({ rounds: 40, freshStore, key, dir, opPauseMs: 2, leadOps: [1, 9] });
    console.log(`gc/upload race on file://: ${JSON.stringify({ ...r, broken: r.broken.length })}`);
    expect(r.broken).toEqual([]);
    expect(r.leftMarkers).toBe(0);
    // The rounds raced for real: gc planned the orphan's deletion in most of them.
    expect(r.contested).toBeGreaterThan(r.rounds / 2);
  }, 120_000);
});

describe('the markers of killed processes', () => {
  it('an upload waits for a killed gc\'s intent at most UPLOAD_INTENT_WAIT_MS on its own clock, then goes on', async () => {
    const store = new MemoryStore();
    const sha = 'ab'.repeat(32);
    await claimForDeletion(store, [sha], new Date()); // never released: the gc was killed
    let now = 0;
    const slept: number[] = [];
    const told: number[] = [];
    const verdict = await waitWhileGcIntends(store, sha, { clock: () => now, sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      }, maxWaitMs: 300_000, onWait: (ms) => told.push(ms) });
    expect(verdict).toBe('gave_up');
    expect(told).toEqual([300_000]); // said once, before waiting, with its bound
    expect(now).toBeGreaterThanOrEqual(300_000);
    expect(Math.max(...slept)).toBeLessThanOrEqual(1_000);
    // gc's own window is far inside that wait: no delete starts once the upload may go on.
    expect(GC_DELETE_WINDOW_MS * 2).toBeLessThan(300_000);
    expect(await waitWhileGcIntends(store, 'cd'.repeat(32), { onWait: (ms) => told.push(ms) })).toBe('clear');
    expect(told).toHaveLength(1); // nothing to wait for: nothing said
  });

  it('gc sweeps leases older than a day and intents older than an hour, whatever --older-than says', async () => {
    const rel = await memoryRelease();
    const t0 = new Date();
    await rel.store.putIfAbsent(layout.uploadLease('ab'.repeat(32), '0011223344556677'), Buffer.from('{}'));
    await rel.store.putIfAbsent(layout.gcIntent('cd'.repeat(32)), Buffer.from('{}'));
    const markers = async (hoursLater: number) => (await planGc(rel.repo, new Date(t0.getTime() + 3600_000), new Date(t0.getTime() + hoursLater * 3600_000))).markers.map((m) => m.key);
    expect(await markers(0.5)).toEqual([]); // --older-than 0s now: both may belong to live processes
    expect(await markers(INTENT_STALE_MS / 3600_000 + 0.1)).toEqual([layout.gcIntent('cd'.repeat(32))]);
    expect(await markers(LEASE_STALE_MS / 3600_000 + 0.1)).toEqual([layout.uploadLease('ab'.repeat(32), '0011223344556677'), layout.gcIntent('cd'.repeat(32))]);
  });
});

describe('an upload that meets a gc intent', () => {
  it('says so once, with its bound, before it waits; it stores the bytes once the intent is gone', async () => {
    const r = await memoryRelease();
    const file = join(dir, 'awaited.bin');
    writeFileSync(file, 'bytes a gc run means to delete');
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    await claimForDeletion(r.store, [sha], new Date());
    const said: string[] = [];
    const onWarning = (w: string) => {
      said.push(w);
      void r.store.delete(layout.gcIntent(sha)); // the gc finishes
    };
    const up = await upload({ ...r.deps, onWarning }, { file, app: 'demo', kind: 'file', versionCode: 7 });
    expect(said).toEqual([expect.stringMatching(/a gc run is deleting these bytes .*at most 300 s/)]);
    expect(await r.store.info(layout.artifact(up.sha256))).not.toBeNull();
  });
});
