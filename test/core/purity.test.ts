import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * src/core stays pure (docs/design.md): no I/O, no ambient clock or environment. The CLI and the device
 * SDK share it, so "what would device X do" has one answer. This is the lint rule, as a test.
 */
const coreDir = fileURLToPath(new URL('../../src/core', import.meta.url));
const files = readdirSync(coreDir).filter((f) => f.endsWith('.ts'));
const ALLOWED_IMPORTS = [/^\.\.\/protocol\/[\w-]+\.js$/, /^\.\/[\w-]+\.js$/, /^\.\.\/errors\.js$/, /^zod$/, /^node:crypto$/];
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now() (pass `now` in)'],
  [/new Date\(\s*\)/, 'new Date() without an argument (pass `now` in)'],
  [/\bprocess\./, 'process.* (environment, exit, stdout)'],
  [/\bconsole\./, 'console.* (the core never prints)'],
  [/\bMath\.random\s*\(/, 'Math.random() (inject randomness)'],
  [/\bfetch\s*\(/, 'fetch()'],
];

describe('src/core is pure', () => {
  it('has modules to check', () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const f of files) {
    it(`${f} imports only core, protocol, errors, zod and node:crypto, and touches no ambient state`, () => {
      const text = readFileSync(join(coreDir, f), 'utf8');
      const imports = [...text.matchAll(/^\s*import\s+(?:type\s+)?[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const spec of imports) expect(ALLOWED_IMPORTS.some((re) => re.test(spec)), `${f} imports ${spec}`).toBe(true);
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [re, what] of FORBIDDEN_CODE) expect(re.test(code), `${f} uses ${what}`).toBe(false);
    });
  }
});
