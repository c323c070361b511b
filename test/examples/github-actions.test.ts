// The otactl lines of examples/github-actions parse as the CLI parses them: an example that
// drifts from the flags fails here (shell substitutions stand in as plain words).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandEntry } from '../../src/cli/command-def.js';
import { command as promote } from '../../src/cli/commands/promote.js';
import { command as refresh } from '../../src/cli/commands/refresh.js';
import { command as status } from '../../src/cli/commands/status.js';
import { command as upload } from '../../src/cli/commands/upload.js';
import { parseLine } from '../helpers/parse-line.js';
import { repoRoot } from '../helpers/cli.js';

const COMMANDS: Record<string, CommandEntry> = { promote, refresh, status, upload };
const dir = join(repoRoot, 'examples', 'github-actions');

/** The otactl command lines of a workflow, as argument words. */
function otactlLines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(- run:)?\s*/, '').replace(/\s*\|.*$/, ''))
    .filter((l) => l.startsWith('otactl '))
    .map((l) =>
      l
        .replace(/"\$\([^)]*\)"|"\$[a-z]+"/g, 'b-0123456789ab')
        .replace(/\s*>.*$/, '')
        .split(/\s+/)
        .slice(1),
    );
}

describe('examples/github-actions', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  it('has workflows with otactl lines', () => {
    expect(files.sort()).toEqual(['refresh.yml', 'release.yml']);
    for (const f of files) expect(otactlLines(readFileSync(join(dir, f), 'utf8')).length, f).toBeGreaterThan(0);
  });

  it.each(files)('every otactl line of %s parses', async (f) => {
    for (const words of otactlLines(readFileSync(join(dir, f), 'utf8'))) {
      const command = COMMANDS[words[0]!];
      expect(command, words[0]).toBeDefined();
      const parsed = await parseLine(command!, words);
      expect('error' in parsed ? `${words.join(' ')}: ${parsed.error}` : 'ok').toBe('ok');
    }
  });
});
