import { describe, expect, it } from 'vitest';
import { DEVICE_JSON_MAX_DEPTH, parseStrictJson, parseStrictJsonBytes, type StrictJsonProblem } from '../../src/protocol/strict-json.js';
import { deviceIdProblem } from '../../src/protocol/ids.js';

const problemOf = (text: string, maxDepth?: number): StrictJsonProblem | 'ok' => {
  try {
    parseStrictJson(text, maxDepth === undefined ? {} : { maxDepth });
    return 'ok';
  } catch (err) {
    return (err as { problem: StrictJsonProblem }).problem;
  }
};

describe('parseStrictJson: one reading (docs/design.md contract 1)', () => {
  const cases: [string, string, StrictJsonProblem | 'ok'][] = [
    ['two equal names', '{"a":1,"a":2}', 'duplicate_key'],
    ['equal after unescaping', '{"a":1,"\\u0061":2}', 'duplicate_key'],
    ['equal after unescaping an escaped quote', '{"a\\"b":1,"a\\u0022b":2}', 'duplicate_key'],
    ['equal with the same value', '{"a":1,"a":1}', 'duplicate_key'],
    ['in a nested object', '{"a":{"b":1,"c":{"d":1,"d":2}}}', 'duplicate_key'],
    ['in an object inside an array', '[{"a":1},{"b":1,"b":1}]', 'duplicate_key'],
    ['after a nested value closes, names of the outer object continue', '{"a":{"x":1},"b":[1,{"a":2}],"a":3}', 'duplicate_key'],
    ['__proto__ twice', '{"__proto__":1,"__proto__":2}', 'duplicate_key'],
    ['empty name twice', '{"":1,"":2}', 'duplicate_key'],
    ['the same name in sibling objects is fine', '{"a":{"x":1},"b":{"x":1}}', 'ok'],
    ['case differs: two names', '{"a":1,"A":2}', 'ok'],
    ['a string value equal to a name is not a name', '{"a":"a","b":"a"}', 'ok'],
    ['strings in arrays are not names', '{"a":["a","a"]}', 'ok'],
    ['whitespace around names', '{ "a" : 1 ,\n "b" : { "a" : 2 } }', 'ok'],
    ['precomposed and decomposed é are two names (no normalization)', '{"\u00e9":1,"e\u0301":2}', 'ok'],
    ['not JSON', '{"a":1,}', 'syntax'],
    ['"\\u+041" is not an escape', '["\\u+041"]', 'syntax'],
    ['"\\u-041" is not an escape', '["\\u-041"]', 'syntax'],
  ];
  for (const [name, text, want] of cases) it(name, () => expect(problemOf(text)).toBe(want));

  it('returns what JSON.parse returns', () => {
    expect(parseStrictJson('{"a":[1,{"b":null}],"c":"\\u00e9"}')).toEqual({ a: [1, { b: null }], c: 'é' });
  });
});

describe('parseStrictJson: the nesting bound (contract 2)', () => {
  const nest = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  it('8 levels are fine, 9 are not (the top-level value is level 1)', () => {
    expect(DEVICE_JSON_MAX_DEPTH).toBe(8);
    expect(problemOf(nest(8), 8)).toBe('ok');
    expect(problemOf(nest(9), 8)).toBe('too_deep');
    expect(problemOf(`{"a":${'{"b":'.repeat(7)}1${'}'.repeat(7)}}`, 8)).toBe('ok');
    expect(problemOf(`{"a":${'{"b":'.repeat(8)}1${'}'.repeat(8)}}`, 8)).toBe('too_deep');
    expect(problemOf('1', 8)).toBe('ok');
  });

  it('brackets inside strings do not count, and an escaped quote does not end a string', () => {
    expect(problemOf(`["${'['.repeat(50)}"]`, 8)).toBe('ok');
    expect(problemOf(`["\\"${'{'.repeat(50)}\\\\"]`, 8)).toBe('ok');
  });

  it('siblings do not add up: depth is the deepest path', () => {
    expect(problemOf(`[${Array.from({ length: 100 }, () => nest(7)).join(',')}]`, 8)).toBe('ok');
  });

  it('refuses hostile nesting in one linear pass, before JSON.parse', () => {
    const hostile = '['.repeat(5_000_000);
    const t0 = process.hrtime.bigint();
    expect(problemOf(hostile, 8)).toBe('too_deep');
    // The scan stops at level 9; no recursion, nothing proportional to the input before that.
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(1000);
  });

  it('without a bound, deep but valid JSON is read (stored records are not device-facing)', () => {
    expect(problemOf(nest(100))).toBe('ok');
  });
});

describe('parseStrictJson: escapes a device cannot hold (device-facing documents only)', () => {
  const device = { maxDepth: DEVICE_JSON_MAX_DEPTH };
  it('refuses \\u0000 and unpaired surrogate escapes in names and values', () => {
    for (const text of ['{"a":"x\\u0000"}', '{"a\\u0000b":1,"a":2}', '["\\ud800"]', '["\\udc00"]', '["\\ud800\\u0041"]', '["\\uD83D"]', '["x\\ud83d"]']) {
      expect(() => parseStrictJson(text, device), text).toThrow(/device clients cannot hold/);
    }
  });
  it('keeps a surrogate pair, other escapes, and an escaped backslash before the letters u0000', () => {
    expect(parseStrictJson('["\\ud83d\\udcf1","\\u0001\\u00e9","\\\\u0000"]', device)).toEqual(['📱', '\u0001é', '\\u0000']);
  });
  it('a stored document (no bound) still reads them as JSON does', () => {
    expect(parseStrictJson('["a\\u0000","\\ud800"]')).toEqual(['a\u0000', '\ud800']);
  });
});

describe('parseStrictJsonBytes', () => {
  it('refuses bytes that are not UTF-8 instead of reading U+FFFD', () => {
    expect(() => parseStrictJsonBytes(Buffer.from([0x22, 0xff, 0x22]))).toThrow(expect.objectContaining({ problem: 'not_utf8' }));
    expect(() => parseStrictJsonBytes(Buffer.from('"\xed\xa0\x80"', 'latin1'))).toThrow(expect.objectContaining({ problem: 'not_utf8' }));
  });

  it('a byte-order mark is not JSON', () => {
    expect(() => parseStrictJsonBytes(Buffer.from('\ufeff{}', 'utf8'))).toThrow(expect.objectContaining({ problem: 'syntax' }));
  });

  it('reads UTF-8 beyond ASCII', () => {
    expect(parseStrictJsonBytes(Buffer.from('{"a":"café 📱"}', 'utf8'))).toEqual({ a: 'café 📱' });
  });
});

describe('deviceIdProblem (contract 3; the shared cases are in cohort.json device_ids)', () => {
  it('names the problem', () => {
    expect(deviceIdProblem('')).toBe('empty');
    expect(deviceIdProblem('a\ud800')).toMatch(/lone surrogate/);
    expect(deviceIdProblem('a\u0000')).toMatch(/control/);
    expect(deviceIdProblem('x'.repeat(257))).toMatch(/257 bytes/);
    expect(deviceIdProblem('x'.repeat(256))).toBeNull();
    expect(deviceIdProblem('📱')).toBeNull();
  });
});
