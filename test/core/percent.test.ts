import { describe, expect, it } from 'vitest';
import { checkPercent, parsePercent } from '../../src/core/percent.js';
import { Percent } from '../../src/protocol/schemas.js';

describe('parsePercent', () => {
  const valid: Array<[string, number]> = [
    ['0', 0],
    ['0.01', 0.01],
    ['1', 1],
    ['5', 5],
    ['9.99', 9.99],
    ['10', 10],
    ['12.5%', 12.5],
    ['12.50', 12.5],
    ['33.33', 33.33],
    ['50%', 50],
    ['99.99', 99.99],
    ['100', 100],
    ['100%', 100],
    ['0.29', 0.29],
    ['007', 7],
    [' 25 ', 25], // surrounding whitespace of a flag value is trimmed; inner spaces are not
  ];
  for (const [text, value] of valid) {
    it(`accepts ${JSON.stringify(text)} as ${value}`, () => {
      const r = parsePercent(text);
      expect(r).toEqual({ ok: true, value });
      // Whatever parsePercent accepts, the manifest schema accepts too.
      expect(Percent.safeParse(value).success).toBe(true);
    });
  }

  const invalid = ['150', '100.01', '101', '-1', '-0.01', 'abc', '', ' ', '1e2', 'NaN', 'Infinity', '-Infinity', '0.001', '50.123', ' 5 0', '5 %', '%', '.5', '5.', '0x10', '1,5', '+5', '12.5%%', '1000'];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)} with a reason`, () => {
      const r = parsePercent(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    });
  }
});

describe('checkPercent', () => {
  it('accepts 0..100 in 0.01 steps, including values whose x*100 is inexact in binary', () => {
    const wrong: string[] = [];
    for (let bp = 0; bp <= 10_000; bp++) {
      const v = bp / 100;
      const r = checkPercent(v);
      if (!r.ok || Math.round(r.value * 100) !== bp || r.value !== v) wrong.push(String(v));
      // The text form of every step parses to the same value.
      const t = parsePercent(v.toFixed(2));
      if (!t.ok || t.value !== v) wrong.push(`"${v.toFixed(2)}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('rejects out of range, non-finite and finer-than-0.01 values (never clamps)', () => {
    for (const v of [150, -1, -0.01, 100.01, 1e2 + 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.001, 50.123, 0.005, 99.995]) {
      const r = checkPercent(v);
      expect(r.ok, String(v)).toBe(false);
    }
  });

  it('normalizes float noise to the nearest 0.01 step', () => {
    const r = checkPercent(0.1 + 0.2); // 0.30000000000000004
    expect(r).toEqual({ ok: true, value: 0.3 });
  });
});
