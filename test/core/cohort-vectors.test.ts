import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohortBucket, cohortDigest, inCohort, percentToBasisPoints } from '../../src/core/cohort.js';
import { checkPercent } from '../../src/core/percent.js';
import { buildVectors, renderVectors, VECTORS_PATH, type CohortVector } from '../vectors/generate-cohort-vectors.mjs';

const fileText = readFileSync(VECTORS_PATH, 'utf8');
const file = JSON.parse(fileText) as { description: string[]; cases: CohortVector[] };

describe('cohort vectors (test/vectors/cohort.json) against src/core/cohort.ts', () => {
  it('the file is exactly what the independent generator produces', () => {
    expect(fileText).toBe(renderVectors());
  });

  it('covers the edge cases the device templates rely on', () => {
    const cases = file.cases;
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const ids = cases.map((c) => c.device_id);
    expect(ids).toContain('');
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
