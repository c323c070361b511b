import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS script without types
import { regenerate } from '../../scripts/gen-cli-docs.mjs';

describe('docs/cli.md', () => {
  it('shows the real --help of every command (npm run docs:cli refreshes it)', () => {
    const text = readFileSync(fileURLToPath(new URL('../../docs/cli.md', import.meta.url)), 'utf8');
    expect(regenerate(text)).toBe(text);
    for (const flag of ['--trusted-key <pem>', '--canary-device <id>', '--force-downgrade', '--last-sequence <n>', '--access-log <file>']) {
      expect(text).toContain(flag);
    }
  });
});
