import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/design.md, as a table: each folder of src/ and what it must never import.
 * The CLI is an adapter over a library (nothing imports src/cli); the protocol is what the C and
 * Kotlin clients mirror, so it stands alone; the device SDK ships to devices and carries none of
 * the publisher or the sender; the store is storage only (the HTTP edge and CloudFront live in
 * edge/ and cdn/). src/errors.ts and src/util/redact.ts are the error catalogue and the secret
 * masker every message passes through: any layer may import them.
 */
const src = fileURLToPath(new URL('../../src', import.meta.url));
const SHARED = ['errors.js', 'util/redact.js'];
const EVERY = ['api', 'artifacts', 'cdn', 'cli', 'core', 'device', 'edge', 'nudge', 'protocol', 'release', 'repo', 'signing', 'store', 'telemetry', 'util'];
const except = (...keep: string[]) => EVERY.filter((f) => !keep.includes(f));

/** folder -> the folders it never imports (besides SHARED, which all may). */
const NEVER: Record<string, readonly string[]> = {
  protocol: except('protocol'),
  core: except('core', 'protocol'),
  device: except('device', 'protocol'),
  util: except('util'),
  store: ['cdn', 'edge', 'cli', 'release', 'repo', 'nudge', 'telemetry', 'device', 'api'],
  signing: ['cli', 'release', 'repo', 'store', 'cdn', 'edge', 'nudge', 'telemetry', 'device', 'api'],
  repo: ['cli', 'release', 'edge', 'nudge', 'telemetry', 'device', 'api'],
  release: ['cli', 'edge', 'api'],
  cdn: ['cli', 'edge', 'release', 'api'],
  edge: ['cli', 'release', 'api', 'device', 'nudge', 'telemetry'],
  nudge: ['cli', 'edge', 'store', 'repo', 'release', 'device', 'api', 'telemetry'],
  telemetry: ['cli', 'release', 'nudge', 'device', 'api', 'signing', 'artifacts', 'cdn'],
  artifacts: ['cli', 'release', 'repo', 'store', 'cdn', 'edge', 'nudge', 'telemetry', 'device', 'api'],
  api: ['cli'],
  cli: [],
};

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

function folderOf(target: string): string {
  return target.includes('/') ? target.slice(0, target.indexOf('/')) : target;
}

describe('layers: what each folder never imports', () => {
  it('the table names every folder of src/', () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory()).sort();
    expect(Object.keys(NEVER).sort()).toEqual(folders);
    expect([...EVERY].sort()).toEqual(folders);
  });

  for (const [layer, never] of Object.entries(NEVER)) {
    it(`src/${layer} never imports ${never.length ? never.join(', ') : '(no rule)'}`, () => {
      const offenders: string[] = [];
      for (const file of tsFiles(join(src, layer))) {
        for (const target of importsOf(file)) {
          if (SHARED.includes(target)) continue;
          if (never.includes(folderOf(target)) || (layer === 'protocol' && folderOf(target) === target)) offenders.push(`${relative(src, file)} -> ${target}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }

  it('nothing imports the CLI (every library folder has the rule)', () => {
    for (const [layer, never] of Object.entries(NEVER)) if (layer !== 'cli') expect(never, layer).toContain('cli');
  });

  it('the checker sees imports of every form (it would catch a violation)', () => {
    const promote = join(src, 'cli', 'commands', 'promote.ts');
    expect(importsOf(promote).some((t) => t.startsWith('release/'))).toBe(true); // a static import
    expect(importsOf(promote).some((t) => t === 'cli/command-def.js')).toBe(true);
    expect(importsOf(join(src, 'store', 'open.ts'))).toContain('store/s3-store.js'); // a dynamic import()
    expect(importsOf(join(src, 'cli', 'context.ts'))).toContain('store/s3-store.js'); // a type-only import
  });

  it('the public entry point exports the library API and nothing of the CLI', () => {
    expect(importsOf(join(src, 'index.ts')).filter((t) => t.startsWith('cli/'))).toEqual([]);
  });
});
