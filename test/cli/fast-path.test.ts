import { describe, expect, it } from 'vitest';
import { fastInvocation, parseFast } from '../../src/cli/fast-path.js';
import { commandName } from '../../src/cli/options.js';
import { command as inspectCommand } from '../../src/cli/commands/inspect.js';
import { parseLine } from '../helpers/parse-line.js';
import { cliWorkspace } from '../helpers/run-cli.js';

/** What commander hands the action for the same command line (the parser of record). */
async function viaCommander(words: string[]) {
  const r = await parseLine(inspectCommand, words);
  return 'error' in r ? 'usage-error' : { line: r.line, globals: r.globals };
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('command names that are Object.prototype members', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`\`otactl ${name}\` is an unknown command (exit 2), not a crash`, async () => {
      const r = await cliWorkspace().run([name, '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('unknown command');
      expect(r.json().error.code).toBe('E_USAGE');
    });
  }
});

describe('commandName', () => {
  it('skips program options and the values of those that take one', () => {
    expect(commandName(['node', 'otactl', '--json', '-y', 'rollout', '--percent', '5'])).toBe('rollout');
    expect(commandName(['node', 'otactl', '--store', 'inspect', '--config', 'c.json', '--actor', 'me', 'status'])).toBe('status');
    expect(commandName(['node', 'otactl', '--store=file:///x', 'history'])).toBe('history');
    expect(commandName(['node', 'otactl', '--json'])).toBeUndefined();
  });
});

describe('start-up fast path', () => {
  const accepted: string[][] = [
    ['inspect', 'fw.bin'],
    ['inspect', 'fw.bin', '--json'],
    ['--json', 'inspect', 'fw.bin'],
    ['inspect', '--json', 'fw.bin'],
    ['inspect', 'fw.bin', '--kind', 'esp'],
    ['inspect', 'fw.bin', '--kind=apk'],
    ['inspect', 'fw.bin', '--kind', 'esp', '--kind', 'file'],
    ['inspect', 'fw.bin', '--trusted-key-digest', 'aa,bb', '--trusted-key-digest', 'cc'],
    ['inspect', 'fw.bin', '--trusted-key', 'a.pem', '--trusted-key=b.pem'],
    ['inspect', 'fw.bin', '-q', '--no-color', '--debug', '-y'],
    ['inspect', 'fw.bin', '-yq'],
    ['--store', 'file:///tmp/s', '--actor', 'me', '--config', 'c.json', 'inspect', 'fw.bin'],
    ['inspect', 'help'],
    ['inspect', 'fw.bin', '--store=file:///x'],
  ];
  for (const words of accepted) {
    it(`runs \`otactl ${words.join(' ')}\` exactly as commander parses it`, async () => {
      const fast = parseFast(['node', 'otactl', ...words], inspectCommand);
      expect(fast).not.toBeNull();
      const { line, globals } = fast!;
      expect(plain({ line, globals })).toEqual(plain(await viaCommander(words)));
    });
  }

  const declined: string[][] = [
    [],
    ['inspect'],
    ['inspect', 'a.bin', 'b.bin'],
    ['inspect', 'fw.bin', '--help'],
    ['inspect', 'fw.bin', '-h'],
    ['--version'],
    ['inspect', 'fw.bin', '--bogus'],
    ['--kind', 'esp', 'inspect', 'fw.bin'],
    ['inspect', '--', 'fw.bin'],
    ['inspect', 'fw.bin', '--kind'],
    ['inspect', 'fw.bin', '--json=1'],
    ['inspect', 'fw.bin', '--color'],
    ['status'],
  ];
  for (const words of declined) {
    it(`leaves \`otactl ${words.join(' ')}\` to commander`, async () => {
      expect(parseFast(['node', 'otactl', ...words], inspectCommand)).toBeNull();
    });
  }

  it('loads a command module only for a fast command, and declines the rest without loading', async () => {
    expect(await fastInvocation(['node', 'otactl', 'rollout', '--percent', '5'])).toBeNull();
    // `inspect` there is --store's value: the command is history, which is not a fast command.
    expect(await fastInvocation(['node', 'otactl', '--store', 'inspect', 'history'])).toBeNull();
    for (const inherited of ['constructor', 'toString', '__proto__']) {
      expect(await fastInvocation(['node', 'otactl', inherited, 'x'])).toBeNull();
    }
    const behindValue = await fastInvocation(['node', 'otactl', '--store', 'file:///x', 'inspect', 'fw.bin']);
    expect(behindValue?.globals.store).toBe('file:///x');
    const inv = await fastInvocation(['node', 'otactl', 'inspect', 'fw.bin', '--json']);
    expect(inv?.def.name).toBe('inspect');
    expect(inv?.line.args).toEqual(['fw.bin']);
  });
});
