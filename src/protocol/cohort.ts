import * as crypto from 'node:crypto';
import { assertDeviceId, SALT } from './ids.js';

/**
 * The cohort contract shared with the Kotlin and C clients (docs/design.md):
 *   h = SHA-256(UTF-8(salt) || ':' || UTF-8(device_id)); bucket = u32be(h[0..4]) mod 10000;
 *   in  <=>  bucket < round(percent * 100).
 * A device's bucket never changes for a given salt, so raising the percent only adds devices.
 */
export const BUCKETS = 10_000;

/** Refuses (E_DEVICE_ID) an id that is not a device id: a lone surrogate has no UTF-8 to hash. */
export function cohortDigest(salt: string, deviceId: string): Buffer {
  assertDeviceId(deviceId);
  return crypto.createHash('sha256').update(salt, 'utf8').update(':').update(deviceId, 'utf8').digest();
}

/**
 * Buckets of the synthetic fleet `<idPrefix>0` .. `<idPrefix>{count-1}` (the change preview's):
 * the same bucket as cohortBucket for each id, faster. An id differs from the longest one only in
 * fewer ASCII digits, so checking that one checks them all; and a salt of printable ASCII
 * (every published one) makes `salt:id` as one string the same UTF-8 bytes as the three parts, so
 * one one-shot hash per id does (crypto.hash, Node >= 20.12; createHash before).
 */
export function fleetBuckets(salt: string, idPrefix: string, count: number): Uint16Array {
  const out = new Uint16Array(count);
  if (count === 0) return out;
  assertDeviceId(`${idPrefix}${count - 1}`);
  const oneShot = typeof crypto.hash === 'function' && SALT.test(salt) ? crypto.hash : undefined;
  if (!oneShot) {
    for (let i = 0; i < count; i++) out[i] = cohortBucket(salt, `${idPrefix}${i}`);
    return out;
  }
  const head = `${salt}:${idPrefix}`;
  for (let i = 0; i < count; i++) out[i] = bucketOfDigest(oneShot('sha256', `${head}${i}`, 'buffer'));
  return out;
}

export function cohortBucket(salt: string, deviceId: string): number {
  return bucketOfDigest(cohortDigest(salt, deviceId));
}

/** The bucket from an already computed cohort digest (one hash serves bucket and canary check). */
export function bucketOfDigest(digest: Buffer): number {
  return digest.readUInt32BE(0) % BUCKETS;
}

/** Basis points for a percent; the percent must already be validated (see parsePercent). */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

export function inCohort(bucket: number, percent: number): boolean {
  return bucket < percentToBasisPoints(percent);
}

/** Canary device ids are published hashed with the rollout salt, never in clear. */
export function canaryDeviceHash(salt: string, deviceId: string): string {
  return cohortDigest(salt, deviceId).toString('hex');
}
