/**
 * Node 20's ESM loader can fail a dynamic import() that runs while another import() is still
 * linking a graph they share: "request for 'node:fs/promises' is not in cache", an internal error
 * (nodejs/node#52187; it failed a CI run of `otactl repair`). So the lazy imports must not race:
 * no import() inside a Promise.all, and command modules load one at a time. Builtins are imported
 * statically (they cost nothing at start-up).
 *
 * Imports are static unless start-up time needs otherwise (docs/design.md, "Loading modules"): a
 * lazy import() hides the dependency graph, so each one says why on a `// lazy:` comment line
 * right above it (consecutive import() lines share one comment), or at the end of its own line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The text of each Promise.all([...]) / Promise.all(x.map(...)) call's argument. */
function promiseAllArguments(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/Promise\.all\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    while (depth > 0 && i < text.length) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    out.push(text.slice(start, i - 1));
  }
  return out;
}

/** The import() calls of a text (type positions such as `typeof import('x')` left out) without a `// lazy:` reason. */
function unjustifiedImports(text: string): string[] {
  const lines = text.split('\n');
  const isCall = (l: string) => /(?<!typeof\s)\bimport\(\s*['"][^'"]+['"]\s*\)(?!\.[A-Za-z_])/.test(l);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!isCall(line) || /\/\/ lazy: \S/.test(line)) return;
    let j = i - 1;
    while (j >= 0 && isCall(lines[j]!)) j--;
    if (j < 0 || !/^\s*\/\/ lazy: \S/.test(lines[j]!)) out.push(`${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe('lazy imports do not race (Node 20 loader)', () => {
  const files = sources(SRC);

  it('no import() inside a Promise.all, and no builtin loaded with import()', () => {
    const racing: string[] = [];
    const builtins: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const arg of promiseAllArguments(text)) if (/\bimport\(/.test(arg) || /modules\[/.test(arg)) racing.push(`${file}: Promise.all(${arg.slice(0, 80)}…)`);
      for (const m of text.matchAll(/await import\('node:([a-z/_]+)'\)/g)) builtins.push(`${file}: node:${m[1]}`);
    }
    expect(racing).toEqual([]);
    expect(builtins).toEqual([]);
  });

  it('every import() says why it is lazy', () => {
    const bare: string[] = [];
    for (const file of files) for (const hit of unjustifiedImports(readFileSync(file, 'utf8'))) bare.push(`${file}:${hit}`);
    expect(bare).toEqual([]);
  });

  it('finds an import() without its reason, and accepts one with it (the check can fail)', () => {
    expect(unjustifiedImports("const { x } = await import('./x.js');")).toEqual(["1: const { x } = await import('./x.js');"]);
    expect(unjustifiedImports("// The store.\nconst { x } = await import('./x.js');")).toHaveLength(1);
    expect(unjustifiedImports("// lazy: heavy SDK\nconst { x } = await import('x');\nconst { y } = await import('./y.js');")).toEqual([]);
    expect(unjustifiedImports("let t: typeof import('x'); let u: import('node:fs').Stats;")).toEqual([]);
  });

  it('finds a racing import where there is one (the check can fail)', () => {
    expect(promiseAllArguments("await Promise.all([import('./a.js'), f(1)])")).toEqual(["[import('./a.js'), f(1)]"]);
  });
});
