/**
 * Delta patches published with an ESP promotion (docs/delta.md): which bases, what the manifest
 * lists, that the stored patch turns the base into the build, the size threshold, the opt-out,
 * and gc keeping patches a manifest names and deleting the rest.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promote, rollback, upload } from '../../src/index.js';
import { planGc } from '../../src/release/gc.js';
import { artifactUrl, layout } from '../../src/repo/layout.js';
import { ESP_MANIFEST_CAP } from '../../src/repo/manifest-size.js';
import { applyEspDelta } from '../../src/protocol/esp-delta.js';
import { makeEspDelta } from '../../src/artifacts/esp/delta/index.js';
import { memoryRelease, scratchDir, type MemoryRelease } from '../helpers/memory-release.js';
import { hello, validationHash, variant } from '../artifacts/esp/delta-images.mjs';
import { buildApp } from '../artifacts/esp/builder.js';

const dir = scratchDir('esp-deltas');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let files = 0;

async function uploadImage(r: MemoryRelease, image: Buffer, versionCode: number) {
  const file = join(dir, `fw-${++files}.bin`);
  writeFileSync(file, image);
  return upload(r.deps, { file, app: 'sensor', kind: 'esp', versionCode, versionName: `1.0.${versionCode}` });
}

const v1 = hello();
const v2 = variant(v1, { version: 'v1.0.2', words: 30, seed: 2 });
const v3 = variant(v2, { version: 'v1.0.3', words: 30, insert: 500, seed: 3 });
const v4 = variant(v3, { version: 'v1.0.4', words: 10, seed: 4 });
const v5 = variant(v4, { version: 'v1.0.5', words: 10, seed: 5 });

async function manifestOf(r: MemoryRelease) {
  const head = await r.repo.readChannel('sensor', 'stable');
  return head!.payload;
}

/**
 * v1..v4 uploaded, b1 safe at 100 % and b2 current at 20 % (neither with patches), then b5 promoted
 * to 10 %, so its patches may come from b2 (current), b1 (last safe), b4 and b3: the ids of b1..b4.
 */
async function promoteFifthOverFour(r: MemoryRelease): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, img] of [v1, v2, v3, v4].entries()) ids.push((await uploadImage(r, img, i + 1)).build_id);
  await promote(r.deps, { app: 'sensor', channel: 'stable', build: ids[0]!, percent: 100, noDeltas: true });
  await promote(r.deps, { app: 'sensor', channel: 'stable', build: ids[1]!, percent: 20, noDeltas: true });
  const b5 = await uploadImage(r, v5, 5);
  await promote(r.deps, { app: 'sensor', channel: 'stable', build: b5.build_id, percent: 10 });
  return ids;
}

describe('ESP promotion publishes delta patches', () => {
  it('from the current build: stored content-addressed, listed with the base validation hash, applying to the build', async () => {
    const r = await memoryRelease();
    const b1 = await uploadImage(r, v1, 1);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b1.build_id, percent: 100 });
    expect((await manifestOf(r)).build.deltas).toBeUndefined(); // nothing ran before
    const b2 = await uploadImage(r, v2, 2);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b2.build_id, percent: 10 });
    const m = await manifestOf(r);
    expect(m.build.deltas).toHaveLength(1);
    const d = m.build.deltas![0]!;
    expect(d).toMatchObject({ format: 'esp_delta_ota', from_build_id: b1.build_id, from_sha256: sha(v1), from_validation_hash: validationHash(v1).toString('hex') });
    expect(d.url).toBe(artifactUrl(d.sha256, undefined)); // relative to the manifest, as the build's
    expect(d.url).toBe(m.build.url.replace(m.build.sha256, d.sha256));
    const stored = (await r.store.get(layout.artifact(d.sha256)))!.bytes;
    expect(sha(stored)).toBe(d.sha256);
    expect(stored.length).toBe(d.size);
    expect(stored.length).toBeLessThan(v2.length / 10);
    // Deterministic: the same bytes as the generator gives directly.
    expect(stored.equals(makeEspDelta(v1, v2, validationHash(v1)))).toBe(true);
    expect(applyEspDelta(v1, stored, { baseValidationHash: validationHash(v1), expectedSha256: m.build.sha256 }).equals(v2)).toBe(true);
    // A rollout keeps them; the signed manifest stays well inside the ESP devices' cap.
    await import('../../src/index.js').then(({ rollout }) => rollout(r.deps, { app: 'sensor', channel: 'stable', percent: 50 }));
    expect((await manifestOf(r)).build.deltas).toEqual(m.build.deltas);
    expect((await r.repo.readManifestBytes('sensor', 'stable'))!.length).toBeLessThan(ESP_MANIFEST_CAP);
  });

  it('from current, last safe and recent builds (at most 4), never from the build itself; deltaFrom and noDeltas choose', async () => {
    const r = await memoryRelease();
    const ids = await promoteFifthOverFour(r);
    // current b2, last safe b1, then the newest others: b4, b3 (b5 itself excluded)
    expect((await manifestOf(r)).build.deltas!.map((d) => d.from_build_id)).toEqual([ids[1], ids[0], ids[3], ids[2]]);
    // Four patches (the most) with relative URLs: about 5.2 KiB signed, inside the smallest ESP cap (docs/delta.md).
    expect((await r.repo.readManifestBytes('sensor', 'stable'))!.length).toBeLessThan(ESP_MANIFEST_CAP * 0.7);
    const r2 = await memoryRelease();
    const again: string[] = [];
    for (const [i, img] of [v1, v2, v3, v4].entries()) again.push((await uploadImage(r2, img, i + 1)).build_id);
    await promote(r2.deps, { app: 'sensor', channel: 'stable', build: again[0]!, percent: 100, noDeltas: true });
    await promote(r2.deps, { app: 'sensor', channel: 'stable', build: again[3]!, percent: 100, deltaFrom: 1 });
    expect((await manifestOf(r2)).build.deltas!.map((d) => d.from_build_id)).toEqual([again[0], again[2]]);
    const before = (await r2.store.list('artifacts/')).length;
    const b5b = await uploadImage(r2, v5, 5);
    await promote(r2.deps, { app: 'sensor', channel: 'stable', build: b5b.build_id, percent: 100, noDeltas: true });
    expect((await manifestOf(r2)).build.deltas).toBeUndefined();
    expect((await r2.store.list('artifacts/')).length).toBe(before + 1); // only the uploaded image
    await expect(promote(r2.deps, { app: 'sensor', channel: 'stable', build: again[2]!, percent: 1, deltaFrom: -1, allowLowerVersion: true })).rejects.toThrow(/deltaFrom/);
  });

  it('a patch not clearly smaller than the image (over 80 %) is not published; a dry run writes none', async () => {
    const r = await memoryRelease();
    const b1 = await uploadImage(r, v1, 1);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b1.build_id, percent: 100 });
    // Another app for the same chip: nothing to share with the base.
    const rewritten = buildApp('esp32', { rodata: 40_000, text: 80_000, seed: 77 });
    expect(makeEspDelta(v1, rewritten, validationHash(v1)).length).toBeGreaterThan(0.8 * rewritten.length);
    const b2 = await uploadImage(r, rewritten, 2);
    const keys = await r.store.list('artifacts/');
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b2.build_id, percent: 100, dryRun: true });
    expect(await r.store.list('artifacts/')).toEqual(keys);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b2.build_id, percent: 100 });
    expect((await manifestOf(r)).build.deltas).toBeUndefined();
    expect(await r.store.list('artifacts/')).toEqual(keys);
  });

  it('with a public base URL the patch URL is absolute under it, as the build URL', async () => {
    const r = await memoryRelease({ repo: { publicUrl: 'https://cdn.example.com/ota' } });
    const b1 = await uploadImage(r, v1, 1);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b1.build_id, percent: 100 });
    const b2 = await uploadImage(r, v2, 2);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b2.build_id, percent: 100 });
    const d = (await manifestOf(r)).build.deltas![0]!;
    expect(d.url).toBe(`https://cdn.example.com/ota/artifacts/sha256/${d.sha256}`);
  });

  it('patches that would push the manifest over the ESP cap (long URLs) are left out, last first, with a warning', async () => {
    const warnings: string[] = [];
    // A base URL as long as a signed CloudFront URL's query: five such URLs cannot all fit in 8191 bytes.
    const r = await memoryRelease({ repo: { publicUrl: `https://cdn.example.com/${'p'.repeat(700)}` }, deps: { onWarning: (w) => warnings.push(w) } });
    const ids = await promoteFifthOverFour(r);
    const kept = (await manifestOf(r)).build.deltas!.map((d) => d.from_build_id);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4);
    expect(kept).toEqual([ids[1], ids[0], ids[3], ids[2]].slice(0, kept.length)); // the current build's stays
    expect((await r.repo.readManifestBytes('sensor', 'stable'))!.length).toBeLessThanOrEqual(ESP_MANIFEST_CAP);
    expect(warnings.filter((w) => w.includes('left out of the manifest'))).toHaveLength(1);
  });

  it('gc keeps the patches a manifest names and deletes them once none does', async () => {
    const r = await memoryRelease();
    const b1 = await uploadImage(r, v1, 1);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b1.build_id, percent: 100 });
    const b2 = await uploadImage(r, v2, 2);
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: b2.build_id, percent: 10 });
    const patchKey = layout.artifact((await manifestOf(r)).build.deltas![0]!.sha256);
    const future = new Date(Date.now() + 3600_000);
    expect((await planGc(r.repo, future, future)).artifacts.map((a) => a.key)).not.toContain(patchKey);
    await rollback(r.deps, { app: 'sensor', channel: 'stable' });
    expect((await manifestOf(r)).build.deltas).toBeUndefined();
    expect((await planGc(r.repo, future, future)).artifacts.map((a) => a.key)).toEqual([patchKey]);
  });
});
