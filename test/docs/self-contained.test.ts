/**
 * A clone must pass its tests alone: nothing under test/, scripts/, bench/ or .ci/ may name a path
 * outside the repository (the sibling shared/ folder of the development machines in particular).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /\.(ts|mts|mjs|js|sh)$|^run$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) yield* files(p);
    else if (SOURCE.test(name)) yield p;
  }
}

describe('the repository is self-contained', () => {
  it('no test, script, bench or CI file reaches for ../shared or climbs out of the clone', () => {
    const offenders: string[] = [];
    for (const top of ['test', 'scripts', 'bench', '.ci']) {
      for (const file of files(join(root, top))) {
        if (file === fileURLToPath(import.meta.url)) continue; // its own patterns
        const text = readFileSync(file, 'utf8');
        if (/(^|[^.\w])\.\.\/shared\b|shared\/fixtures/.test(text.replace(/test\/fixtures\/apksig/g, ''))) offenders.push(relative(root, file));
        // A relative path from a file that resolves above the repository root.
        for (const m of text.matchAll(/['"`]((?:\.\.\/)+)[\w.-]/g)) {
          const up = m[1]!.length / 3;
          const depth = relative(root, dirname(file)).split('/').filter(Boolean).length;
          if (up > depth) offenders.push(`${relative(root, file)}: ${m[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the vendored apksig fixtures carry their licence and provenance', () => {
    const dir = join(root, 'test/fixtures/apksig');
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/Apache License/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/platform\/tools\/apksig/);
    expect(readdirSync(dir).filter((n) => n.endsWith('.apk')).length).toBeGreaterThan(300);
  });
});
