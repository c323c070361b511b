import { describe, expect, it } from 'vitest';
import { cohortBucket, inCohort } from '../../src/protocol/cohort.js';
import { decide } from '../../src/protocol/decision.js';
import { buildRef, manifest, prng, randomHex, randomInt } from './_fixtures.js';

/**
 * Statistical properties of the cohort (src/protocol/cohort.ts). Everything is seeded or fixed, so a
 * failure is reproducible, never flaky: the same salts and ids give the same buckets forever.
 */

const N = 100_000;

/** Realistic id families: sequential ids are the hard case for a weak hash. */
const families: Record<string, (i: number) => string> = {
  sequential: (i) => `device-${String(i).padStart(6, '0')}`,
  mac: (i) => `24:0A:C4:${((i >> 16) & 0xff).toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`.toUpperCase(),
  androidId: (() => {
    const rand = prng(0xa11d);
    const ids: string[] = [];
    return (i: number) => (ids[i] ??= randomHex(rand, 16));
  })(),
  imei: (i) => String(356938035643809 + i * 7),
};

const SALTS: Array<[string, keyof typeof families]> = [
  ['3c1f0e9a2b7d6c58', 'sequential'],
  ['a0b1c2d3e4f50617', 'mac'],
  ['f00dfeedcafe1234', 'androidId'],
  ['7e57c0ff33b0a7ed', 'imei'],
];

const bucketCache = new Map<string, Uint16Array>();
function bucketsFor(salt: string, family: keyof typeof families): Uint16Array {
  const key = `${salt}/${family}`;
  let b = bucketCache.get(key);
  if (!b) {
    b = new Uint16Array(N);
    const id = families[family]!;
    for (let i = 0; i < N; i++) b[i] = cohortBucket(salt, id(i));
    bucketCache.set(key, b);
  }
  return b;
}

/** Share (0..1) of the ids that are in the cohort at percent. */
function share(buckets: Uint16Array, percent: number): number {
  let c = 0;
  for (const b of buckets) if (inCohort(b, percent)) c++;
  return c / buckets.length;
}

const measured: string[] = [];

describe('cohort shares with 100,000 ids', () => {
  // 99.9% two-sided binomial bound: |share - p| <= 3.3 * sqrt(p(1-p)/n) (z = 3.29 for 0.1% two-sided).
  //   p = 1%:  ±0.033 points;  p = 10%: ±0.31 points;  p = 50%: ±0.52 points.
  for (const [salt, family] of SALTS) {
    it(`salt ${salt} (${family} ids): 1%, 10%, 25%, 50% within the 99.9% binomial bound`, () => {
      const b = bucketsFor(salt, family);
      for (const p of [1, 10, 25, 50]) {
        const q = p / 100;
        const bound = 3.3 * Math.sqrt((q * (1 - q)) / N);
        const s = share(b, p);
        measured.push(`${salt} ${family} ${p}%: ${(s * 100).toFixed(3)}%`);
        expect(Math.abs(s - q), `${p}% -> ${(s * 100).toFixed(3)}%`).toBeLessThanOrEqual(bound);
      }
    });
  }

  it('the DESIGN promise: within ±0.2 points at the early rollout steps 1, 5, 10% for each fixed salt', () => {
    // The promise is checked where it is statistically meaningful. For a random salt the share at p
    // has standard deviation sqrt(p(1-p)/n) = 0.031 points at 1%, 0.069 at 5%, 0.095 at 10%, so ±0.2
    // is a 2.1σ..6.4σ margin there. At 25% (σ = 0.137) and 50% (σ = 0.158) ±0.2 is only 1.46σ and
    // 1.26σ: about 14% and 21% of random salts miss it by pure binomial chance, whatever the hash.
    // Measured: salt 3c1f0e9a2b7d6c58 with the sequential ids gives 24.799% at 25% (−0.201 points),
    // which is 1.47σ, inside the 99.9% bound tested above. The DESIGN wording is a finding for the
    // report (not a bug of src/protocol/cohort.ts), so 25% and 50% are held to the 99.9% bound instead.
    for (const [salt, family] of SALTS) {
      const b = bucketsFor(salt, family);
      for (const p of [1, 5, 10]) {
        const s = share(b, p) * 100;
        expect(Math.abs(s - p), `${salt} ${p}% -> ${s.toFixed(3)}%`).toBeLessThanOrEqual(0.2);
      }
    }
  });

  it('the share is exactly monotonic in the percent for one salt (no device leaves)', () => {
    const [salt, family] = SALTS[0]!;
    const b = bucketsFor(salt, family);
    expect(share(b, 0)).toBe(0);
    expect(share(b, 100)).toBe(1);
    let prev = -1;
    for (const p of [0, 0.01, 1, 5, 10, 25, 50, 75, 99.99, 100]) {
      const s = share(b, p);
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });
});

/*
 * Chi-square goodness of fit over the 10,000 buckets.
 * X² = Σ (O_b − E)² / E, E = n / 10,000. Under uniformity X² follows χ² with k = 9999 degrees of
 * freedom. Wilson–Hilferty: (X²/k)^(1/3) is close to normal with mean 1 − 2/(9k) and standard
 * deviation sqrt(2/(9k)), so the critical value at normal quantile z is
 *     χ²_crit ≈ k · (1 − 2/(9k) + z · sqrt(2/(9k)))³
 * Upper 0.1%: z = 3.0902 -> 10,441.7 (a lumpy hash, e.g. a modulo bias or a weak mix, fails here).
 * Lower 0.1%: z = −3.0902 -> 9,567.7 (a "too perfect" spread, e.g. bucket = index mod 10,000, fails here).
 * Every observation is cohortBucket(salt, id) for a distinct (salt, id) pair, so the 600,000 buckets
 * already computed for the share tests (6 sets of 100,000) are pooled: E = 60 per bucket, and no
 * extra hashing. Each set alone (E = 10, above the usual E >= 5) is tested too.
 */
const K = 9999;
const WH_V = 2 / (9 * K);
const Z_999 = 3.090232;
const CHI_UPPER = K * (1 - WH_V + Z_999 * Math.sqrt(WH_V)) ** 3;
const CHI_LOWER = K * (1 - WH_V - Z_999 * Math.sqrt(WH_V)) ** 3;

function chiSquare(sets: Uint16Array[]): { chi2: number; n: number; z: number; empty: number } {
  const counts = new Uint32Array(10_000);
  let n = 0;
  for (const set of sets) {
    for (const b of set) counts[b]!++;
    n += set.length;
  }
  const e = n / 10_000;
  let chi2 = 0;
  for (const o of counts) chi2 += ((o - e) * (o - e)) / e;
  const z = (Math.cbrt(chi2 / K) - (1 - WH_V)) / Math.sqrt(WH_V);
  return { chi2, n, z, empty: counts.filter((c) => c === 0).length };
}

const chiSets = (): Array<[string, Uint16Array]> => [
  ...SALTS.map(([s, f]): [string, Uint16Array] => [`${s} ${f}`, bucketsFor(s, f)]),
  ...SALTS.slice(1, 3).map(([s]): [string, Uint16Array] => [`${s} sequential`, bucketsFor(s, 'sequential')]),
];

describe('chi-square uniformity over the 10,000 buckets (df = 9999, two-sided 0.1%)', () => {
  it('the Wilson–Hilferty critical values agree with the Cornish–Fisher expansion', () => {
    // k + z·sqrt(2k) + (2/3)(z² − 1): an independent large-k approximation of the same quantiles.
    const cf = (zz: number) => K + zz * Math.sqrt(2 * K) + (2 / 3) * (zz * zz - 1);
    expect(Math.abs(CHI_UPPER - cf(Z_999))).toBeLessThan(1);
    expect(Math.abs(CHI_LOWER - cf(-Z_999))).toBeLessThan(1);
    expect(CHI_UPPER).toBeGreaterThan(10_400);
    expect(CHI_LOWER).toBeLessThan(9_600);
  });

  it('each set of 100,000 ids', () => {
    for (const [name, set] of chiSets()) {
      const r = chiSquare([set]);
      measured.push(`chi-square ${name} n=${r.n}: X²=${r.chi2.toFixed(1)} (z=${r.z.toFixed(2)})`);
      expect(r.chi2, name).toBeLessThan(CHI_UPPER);
      expect(r.chi2, name).toBeGreaterThan(CHI_LOWER);
    }
  });

  it('all 600,000 buckets pooled', () => {
    const r = chiSquare(chiSets().map(([, set]) => set));
    measured.push(`chi-square pooled n=${r.n}: X²=${r.chi2.toFixed(1)} (z=${r.z.toFixed(2)}), 0.1% critical values ${CHI_LOWER.toFixed(1)}..${CHI_UPPER.toFixed(1)}`);
    expect(r.n).toBe(600_000);
    expect(r.chi2).toBeLessThan(CHI_UPPER);
    expect(r.chi2).toBeGreaterThan(CHI_LOWER);
    // Every bucket is reachable (P(some bucket empty) with E = 60 is about 10^4 · e^−60).
    expect(r.empty).toBe(0);
  });
});

describe('properties (seeded)', () => {
  it('raising the percent never moves a device out (600 random salt/id/percent pairs, through decide())', () => {
    const rand = prng(20260101);
    let inBefore = 0;
    for (let i = 0; i < 600; i++) {
      const salt = randomHex(rand, 16);
      const id = `dev-${randomHex(rand, randomInt(rand, 1, 24))}`;
      const lo = randomInt(rand, 0, 10_000) / 100;
      const hi = lo + randomInt(rand, 0, 10_000 - Math.round(lo * 100)) / 100;
      const hiPct = Math.round(hi * 100) / 100;
      const build = buildRef(500);
      const at = (percent: number) =>
        decide(manifest({ build, percent, salt, wifiOnly: false }), { device_id: id, current_version_code: 400 });
      const before = at(lo);
      const after = at(hiPct);
      expect(after.bucket).toBe(before.bucket);
      if (before.in_cohort) {
        inBefore++;
        expect(after.in_cohort, `${salt}/${id} ${lo}% -> ${hiPct}%`).toBe(true);
        expect(after.reason).toBe('ota.eligible');
      }
    }
    // The property was exercised on both sides.
    expect(inBefore).toBeGreaterThan(100);
    expect(inBefore).toBeLessThan(500);
  });

  it('different salts give different cohorts: two 10% cohorts overlap near 1% of the fleet', () => {
    // Independent cohorts: P(in A and in B) = 0.1 · 0.1 = 1%; 99.9% bound 3.3·sqrt(0.01·0.99/n) = ±0.104 points.
    const bound = 3.3 * Math.sqrt((0.01 * 0.99) / N);
    const salts = SALTS.slice(0, 3).map(([s]) => s);
    const cohorts = salts.map((s) => bucketsFor(s, 'sequential'));
    for (let a = 0; a < cohorts.length; a++) {
      for (let c = a + 1; c < cohorts.length; c++) {
        let both = 0;
        for (let i = 0; i < N; i++) if (cohorts[a]![i]! < 1000 && cohorts[c]![i]! < 1000) both++;
        const overlap = both / N;
        measured.push(`overlap ${salts[a]} x ${salts[c]} at 10%: ${(overlap * 100).toFixed(3)}%`);
        expect(Math.abs(overlap - 0.01), `overlap ${(overlap * 100).toFixed(3)}%`).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('200 random salts (100 pairs) never pick the same 10% cohort of 500 devices', () => {
    const rand = prng(77);
    const ids = Array.from({ length: 500 }, (_, i) => `fleet-${i}`);
    for (let t = 0; t < 100; t++) {
      const s1 = randomHex(rand, 16);
      const s2 = randomHex(rand, 16);
      const c1 = ids.filter((id) => inCohort(cohortBucket(s1, id), 10));
      const c2 = new Set(ids.filter((id) => inCohort(cohortBucket(s2, id), 10)));
      const common = c1.filter((id) => c2.has(id)).length;
      // Independent cohorts of ~50 share ~5 devices; the same cohort would share all ~50.
      expect(c1.length).toBeGreaterThan(20);
      expect(common, `${s1} vs ${s2}`).toBeLessThan(25);
    }
  });

  it('prints the measured shares', () => {
    // Not an assertion on values: the numbers for the report (they are asserted above).
    console.log(measured.join('\n'));
    expect(measured.length).toBeGreaterThan(10);
  });
});
