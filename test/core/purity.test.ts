import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * src/protocol and src/core stay pure (docs/design.md): no I/O, no ambient clock or environment.
 * The CLI and the device SDK share them, so "what would device X do" has one answer. This is the
 * lint rule, as a test. The protocol may also use the secret masker (its MQTT options register the
 * broker's password) and the MQTT client's types, never its code.
 */
const dirOf = (name: string) => fileURLToPath(new URL(`../../src/${name}`, import.meta.url));
const PURE: { name: string; allowed: RegExp[]; min: number }[] = [
  { name: 'core', allowed: [/^\.\.\/protocol\/[\w-]+\.js$/, /^\.\/[\w-]+\.js$/, /^\.\.\/errors\.js$/, /^zod$/, /^node:crypto$/], min: 5 },
  { name: 'protocol', allowed: [/^\.\/[\w-]+\.js$/, /^\.\.\/errors\.js$/, /^\.\.\/util\/redact\.js$/, /^zod$/, /^node:crypto$/, /^type mqtt$/], min: 10 },
];
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now() (pass `now` in)'],
  [/new Date\(\s*\)/, 'new Date() without an argument (pass `now` in)'],
  [/\bprocess\./, 'process.* (environment, exit, stdout)'],
  [/\bconsole\./, 'console.* (the core never prints)'],
  [/\bMath\.random\s*\(/, 'Math.random() (inject randomness)'],
  [/\bfetch\s*\(/, 'fetch()'],
];

for (const { name, allowed, min } of PURE) {
  describe(`src/${name} is pure`, () => {
    const files = readdirSync(dirOf(name)).filter((f) => f.endsWith('.ts'));
    it('has modules to check', () => expect(files.length).toBeGreaterThanOrEqual(min));
    for (const f of files) {
      it(`${f} imports only what src/${name} may, and touches no ambient state`, () => {
        const text = readFileSync(join(dirOf(name), f), 'utf8');
        for (const [, type, spec] of text.matchAll(/^\s*import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)) {
          const ok = allowed.some((re) => re.test(spec!)) || (type !== undefined && allowed.some((re) => re.test(`type ${spec}`)));
          expect(ok, `${f} imports ${type ?? ''}${spec}`).toBe(true);
        }
        const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [re, what] of FORBIDDEN_CODE) expect(re.test(code), `${f} uses ${what}`).toBe(false);
      });
    }
  });
}
