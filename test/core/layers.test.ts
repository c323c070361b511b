import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The CLI is an adapter over a library: nothing below it imports from src/cli (issue 9). The
 * release workflows, the repository, the stores, the core, the device SDK, the artifact verifiers,
 * nudges and the public API must run from code with no terminal, config file or flags.
 */
const src = fileURLToPath(new URL('../../src', import.meta.url));
const LIBRARY = ['release', 'repo', 'store', 'core', 'device', 'artifacts', 'nudge', 'signing', 'util', 'api', 'cdn'];

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

/** Every module a file names: static imports, re-exports, type imports and dynamic import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const specs = [
    ...text.matchAll(/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(src, resolve(file, '..', s)));
}

describe('layers: the library imports nothing from the CLI', () => {
  for (const layer of LIBRARY) {
    it(`src/${layer}`, () => {
      const offenders: string[] = [];
      for (const file of tsFiles(join(src, layer))) {
        for (const target of importsOf(file)) if (target.startsWith('cli/') || target === 'cli') offenders.push(`${relative(src, file)} -> ${target}`);
      }
      expect(offenders).toEqual([]);
    });
  }

  it('the checker sees imports of every form (it would catch a violation)', () => {
    const file = join(src, 'cli', 'commands', 'promote.ts');
    expect(importsOf(file).some((t) => t.startsWith('release/'))).toBe(true); // a dynamic import()
    expect(importsOf(file).some((t) => t === 'cli/command-def.js')).toBe(true); // a static import
  });

  it('the public entry point exports the library API and nothing of the CLI', () => {
    expect(importsOf(join(src, 'index.ts')).filter((t) => t.startsWith('cli/'))).toEqual([]);
  });
});
