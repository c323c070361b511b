import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohortBucket, cohortDigest, inCohort, percentToBasisPoints } from '../../src/protocol/cohort.js';
import { checkPercent } from '../../src/core/percent.js';
import { deviceIdProblem } from '../../src/protocol/ids.js';
import { ValidationError } from '../../src/errors.js';
import { buildVectors, renderVectors, VECTORS_PATH, type CohortVector, type DeviceIdVector } from '../vectors/generate-cohort-vectors.mjs';

const fileText = readFileSync(VECTORS_PATH, 'utf8');
const file = JSON.parse(fileText) as { description: string[]; cases: CohortVector[]; device_ids: DeviceIdVector[] };

describe('cohort vectors (test/vectors/cohort.json) against src/protocol/cohort.ts', () => {
  it('the file is exactly what the independent generator produces', () => {
    expect(fileText).toBe(renderVectors());
  });

  it('covers the edge cases the device templates rely on', () => {
    const cases = file.cases;
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const ids = cases.map((c) => c.device_id);
    expect(ids.some((id) => /[^\x00-\x7f]/.test(id) && id.includes('é'))).toBe(true);
    expect(ids.some((id) => /\p{Extended_Pictographic}/u.test(id))).toBe(true);
    expect(ids.some((id) => /\p{Script=Han}/u.test(id))).toBe(true);
    expect(ids.some((id) => id !== id.trim())).toBe(true);
    expect(ids.some((id) => id.includes(':'))).toBe(true);
    expect(cases.some((c) => c.salt.includes(':'))).toBe(true);
    const percents = new Set(cases.map((c) => c.percent));
    for (const p of [0, 0.01, 1, 9.99, 10, 33.33, 50, 99.99, 100]) expect(percents.has(p)).toBe(true);
    // Threshold pairs: for each percent strictly inside (0, 100) there is a case at bucket = bp - 1 (in)
    // and one at bucket = bp (out).
    for (const p of [0.01, 1, 9.99, 10, 33.33, 50, 99.99]) {
      const bp = Math.round(p * 100);
      expect(cases.some((c) => c.percent === p && c.bucket === bp - 1 && c.in_rollout)).toBe(true);
      expect(cases.some((c) => c.percent === p && c.bucket === bp && !c.in_rollout)).toBe(true);
    }
    // Both outcomes are present, so a constant answer cannot pass.
    expect(cases.some((c) => c.in_rollout)).toBe(true);
    expect(cases.some((c) => !c.in_rollout)).toBe(true);
  });

  it('the vectors are self-consistent (digest -> bucket -> in_rollout, UTF-8 bytes)', () => {
    for (const c of file.cases) {
      expect(Buffer.from(c.device_id, 'utf8').toString('hex'), c.note).toBe(c.device_id_utf8_hex);
      expect(parseInt(c.sha256_hex.slice(0, 8), 16) % 10000, c.note).toBe(c.bucket);
      expect(c.in_rollout, c.note).toBe(c.bucket < c.basis_points);
    }
  });

  for (const c of buildVectors().cases) {
    it(`${JSON.stringify(c.salt)} / ${JSON.stringify(c.device_id)} at ${c.percent}%: ${c.note}`, () => {
      expect(cohortDigest(c.salt, c.device_id).toString('hex')).toBe(c.sha256_hex);
      expect(cohortBucket(c.salt, c.device_id)).toBe(c.bucket);
      const pct = checkPercent(c.percent);
      expect(pct.ok).toBe(true);
      expect(percentToBasisPoints(c.percent)).toBe(c.basis_points);
      expect(inCohort(c.bucket, c.percent)).toBe(c.in_rollout);
    });
  }

  it('the ":" separator is not escaped: salt "salt:a" + id "b" and salt "salt" + id "a:b" share a bucket', () => {
    const a = file.cases.find((c) => c.salt === 'salt:a' && c.device_id === 'b');
    const b = file.cases.find((c) => c.salt === 'salt' && c.device_id === 'a:b');
    expect(a && b).toBeTruthy();
    expect(a!.sha256_hex).toBe(b!.sha256_hex);
    expect(cohortBucket('salt:a', 'b')).toBe(cohortBucket('salt', 'a:b'));
  });
});

describe('cohort vectors: device_ids (contract 3) against src/core', () => {
  const fromUnits = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));

  it('both answers are present, and every string case has bytes (WTF-8 for a lone surrogate)', () => {
    expect(file.device_ids.some((c) => c.valid)).toBe(true);
    expect(file.device_ids.some((c) => !c.valid && c.utf16_hex !== null)).toBe(true);
    expect(file.device_ids.some((c) => c.utf16_hex === null)).toBe(true);
  });

  for (const c of file.device_ids) {
    it(`${c.valid ? 'accepts' : 'refuses'}: ${c.note}`, () => {
      if (c.utf16_hex === null) {
        // Bytes that are not UTF-8 never become a TypeScript string without a replacement character.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(c.utf8_hex, 'hex'))).toThrow();
        return;
      }
      const id = fromUnits(c.utf16_hex);
      expect(deviceIdProblem(id) === null).toBe(c.valid);
      if (c.valid) {
        expect(Buffer.from(id, 'utf8').toString('hex')).toBe(c.utf8_hex);
        expect(cohortBucket(c.salt, id)).toBe(c.bucket);
      } else {
        // Every entry point that hashes an id refuses it, with the catalogue's code (exit 2).
        expect(() => cohortBucket(c.salt, id)).toThrow(expect.objectContaining({ code: 'E_DEVICE_ID' }) as ValidationError);
      }
    });
  }
});
