import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/** The README's "Two commands" must make its own examples work when pasted in order. */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string>; bin: Record<string, string> };

function shBlockAfter(heading: string): string[] {
  const at = readme.indexOf(`\n## ${heading}\n`);
  expect(at, heading).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  return block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

describe('README commands', () => {
  const two = shBlockAfter('Two commands');
  const examples = shBlockAfter('Using it');

  it('"Two commands" are two, and every script and npm script they name exists', () => {
    expect(two).toHaveLength(2);
    for (const line of two) {
      for (const part of line.split('&&').map((p) => p.trim().split(/\s+/))) {
        if (part[0] === 'bash') expect(existsSync(join(repoRoot, part[1]!)), part[1]).toBe(true);
        if (part[0] === 'npm' && part[1] === 'run') expect(pkg.scripts, part[2]).toHaveProperty(part[2]!);
        if (part[0] === 'npm' && part[1] === 'test') expect(pkg.scripts).toHaveProperty('test');
      }
    }
  });

  it('the examples call `otactl`, which the first command puts on PATH (npm link of this package\'s bin)', () => {
    expect(examples.length).toBeGreaterThan(5);
    for (const line of examples) expect(line.startsWith('otactl ')).toBe(true);
    expect(two[0]).toMatch(/\bnpm link\b/);
    expect(pkg.bin).toHaveProperty('otactl');
    expect(existsSync(join(repoRoot, pkg.bin.otactl!))).toBe(true);
  });
  // `npx otactl --version` (the README's fallback) is run in test/cli/process.test.ts: it starts the bin.
});
