import { describe, expect, it } from 'vitest';
import { DEVICE_JSON_MAX_DEPTH, parseStrictJson } from '../../src/core/strict-json.js';

const reason = (text: string, depth?: number) => {
  const r = parseStrictJson(text, depth);
  return r.ok ? null : r.reason;
};

describe('parseStrictJson: one reading of a JSON text (contracts 1 and 2)', () => {
  it('reads what JSON.parse reads when names are unique', () => {
    const text = '{"a":{"b":[1,{"b":2}],"c":"}{\\"]["},"b":null,"d":[{"a":1},{"a":1}]}';
    expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it.each([
    ['{"a":1,"a":2}', '"a"'],
    ['{"a":1,"\\u0061":2}', '"a"'],
    ['{"x":{"a":1,"b":{"c":[]},"a":2}}', '"a"'],
    ['[{"k":[1,2],"k":[1,2]}]', '"k"'],
    ['{"a":{"z":1},"b":2,"a":3}', '"a"'],
    ['{"":1,"":2}', '""'],
  ])('refuses a duplicate member name: %s', (text, name) => {
    expect(reason(text)).toBe(`duplicate member name ${name}`);
  });

  it('counts each object or array as a level, the top one as level 1, nothing inside strings', () => {
    const deep = (n: number) => `${'['.repeat(n - 1)}{"s":"[[[[[[[[[[{{{{"}${']'.repeat(n - 1)}`;
    expect(parseStrictJson(deep(DEVICE_JSON_MAX_DEPTH), DEVICE_JSON_MAX_DEPTH).ok).toBe(true);
    expect(reason(deep(DEVICE_JSON_MAX_DEPTH + 1), DEVICE_JSON_MAX_DEPTH)).toBe('nested deeper than 8 levels');
    expect(parseStrictJson('[1,[2,[3]],{"a":[4]}]', 3).ok).toBe(true);
  });

  it('answers at once on hostile input, without recursion', () => {
    expect(reason('['.repeat(1_000_000), DEVICE_JSON_MAX_DEPTH)).toBe('nested deeper than 8 levels');
    // No bound given: JSON.parse meets it (and fails on the unclosed text), the scan does not overflow.
    expect(parseStrictJson('['.repeat(100_000)).ok).toBe(false);
  });

  it('leaves syntax errors to JSON.parse', () => {
    for (const bad of ['', '{', '{"a" 1}', '{"a":1,}', '"\\x"', '{"\\q":1}', '[1]]']) expect(parseStrictJson(bad).ok).toBe(false);
  });
});
