import { createHash } from 'node:crypto';
import { assertDeviceId } from './ids.js';

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
  return createHash('sha256').update(salt, 'utf8').update(':').update(deviceId, 'utf8').digest();
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
