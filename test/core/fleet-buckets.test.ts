import { describe, expect, it } from 'vitest';
import { cohortBucket, fleetBuckets } from '../../src/protocol/cohort.js';
import { ValidationError } from '../../src/errors.js';

/** The change preview's fast path (one-shot hash of `salt:id`) against the contract's cohortBucket, id by id. */
describe('fleetBuckets', () => {
  const each = (salt: string, prefix: string, n: number) => Array.from({ length: n }, (_, i) => cohortBucket(salt, `${prefix}${i}`));

  it('is cohortBucket of <prefix>0 .. <prefix>n-1, for published salts and any prefix', () => {
    for (const [salt, prefix] of [
      ['d6c30da7769163e4', 'device-'],
      ['a:b~!', 'device-'],
      ['0', 'é-设备-'],
      ['x'.repeat(64), ''],
    ] as const) {
      expect([...fleetBuckets(salt, prefix, 1200)]).toEqual(each(salt, prefix, 1200));
    }
  });

  it('a salt no manifest can carry (non-ASCII, a lone surrogate at its end) hashes its parts as cohortBucket does', () => {
    for (const salt of ['sél', 'a\ud800']) expect([...fleetBuckets(salt, 'device-', 300)]).toEqual(each(salt, 'device-', 300));
  });

  it('no fleet, no ids; a prefix that makes no device id is refused as cohortBucket refuses it', () => {
    expect(fleetBuckets('s', 'device-', 0)).toHaveLength(0);
    expect(() => fleetBuckets('s', 'bad\u0001', 3)).toThrow(ValidationError);
    // The longest id decides the byte bound (256): 255 x's + '9' is a device id, + '10' is not.
    const prefix = 'x'.repeat(255);
    expect(() => cohortBucket('s', `${prefix}10`)).toThrow(ValidationError);
    expect(fleetBuckets('s', prefix, 10)).toHaveLength(10);
    expect(() => fleetBuckets('s', prefix, 11)).toThrow(ValidationError);
  });
});
