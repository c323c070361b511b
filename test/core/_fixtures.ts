import { createHash } from 'node:crypto';
import type { PromoteAction } from '../../src/core/channel.js';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { ManifestPayload, type BuildRef, type ManifestPayload as ManifestPayloadT } from '../../src/protocol/schemas.js';
import { manifest as plainManifest, type ManifestOptions } from '../vectors/gen/fixtures.mjs';

/** mulberry32: a small seeded PRNG, so property tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rand: () => number, lo: number, hiInclusive: number): number {
  return lo + Math.floor(rand() * (hiInclusive - lo + 1));
}

export function randomHex(rand: () => number, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

export const hex64 = (label: string): string => createHash('sha256').update(label).digest('hex');

export { buildRef, type ManifestOptions } from '../vectors/gen/fixtures.mjs';

/** A promote of build to com.example.agent/stable at 10%, Wi-Fi only, no canaries or gating. */
export function promoteAction(build: BuildRef, over: Partial<PromoteAction> = {}): PromoteAction {
  return {
    action: 'promote',
    app: 'com.example.agent',
    channel: 'stable',
    build,
    percent: 10,
    wifiOnly: true,
    mustInstall: false,
    minBattery: 30,
    canaryTags: [],
    canaryDeviceIds: [],
    allowLowerVersion: false,
    gating: { models: [], chips: [], min_current_version: null, intermediate: null },
    ...over,
  };
}

/** A manifest payload, validated by the zod schema so tests never run on a shape devices would reject. */
export function manifest(o: ManifestOptions = {}): ManifestPayloadT {
  return ManifestPayload.parse(plainManifest(o));
}

/**
 * The first id `${prefix}${n}` whose bucket under salt satisfies pred. The bucket is computed with
 * an independent SHA-256 here (not src/protocol/cohort.ts), so a bug there cannot pick its own devices.
 */
export function findDevice(salt: string, pred: (bucket: number) => boolean, prefix = 'dev-'): string {
  for (let n = 0; n < 1_000_000; n++) {
    const id = `${prefix}${n}`;
    if (pred(independentBucket(salt, id))) return id;
  }
  throw new Error('no device found');
}

export function independentBucket(salt: string, id: string): number {
  const h = createHash('sha256').update(Buffer.from(`${salt}:${id}`, 'utf8')).digest();
  return ((h[0]! * 2 ** 24 + h[1]! * 2 ** 16 + h[2]! * 2 ** 8 + h[3]!) % 10000);
}

// Keep the import used by callers that want the library bucket too.
export { cohortBucket };
