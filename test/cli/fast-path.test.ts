import { describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fastInvocation, parseFast } from '../../src/cli/fast-path.js';
import { commandName } from '../../src/cli/options.js';
import { buildProgram } from '../../src/cli/program.js';
import { registerSpec, type CommandSpec } from '../../src/cli/command-spec.js';
import { spec as inspectSpec } from '../../src/cli/commands/inspect.js';

type Seen = { opts: Record<string, unknown>; globals: unknown; args: string[] } | 'usage-error';

/** What commander hands the action for the same command line (the parser of record). */
async function viaCommander(spec: CommandSpec, words: string[]): Promise<Seen> {
  let seen: Seen = 'usage-error';
  const capture: CommandSpec = {
    ...spec,
    action: async (ctx, opts, args) => {
      seen = { opts, globals: ctx.globals, args };
    },
  };
  const program = buildProgram({}, [(p, run) => registerSpec(p, capture, run)]);
  for (const c of [program, ...program.commands]) c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    await program.parseAsync(['node', 'otactl', ...words]);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    return 'usage-error';
  }
  return seen;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('command names that are Object.prototype members', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`\`otactl ${name}\` is an unknown command (exit 2), not a crash`, () => {
      const bin = fileURLToPath(new URL('../../bin/otactl.js', import.meta.url));
      const r = spawnSync(process.execPath, [bin, name, '--json'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('unknown command');
      expect(JSON.parse(r.stdout).error.code).toBe('E_USAGE');
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
      const fast = parseFast(['node', 'otactl', ...words], inspectSpec);
      expect(fast).not.toBeNull();
      const { opts, globals, args } = fast!;
      expect(plain({ opts, globals, args })).toEqual(plain(await viaCommander(inspectSpec, words)));
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
      expect(parseFast(['node', 'otactl', ...words], inspectSpec)).toBeNull();
    });
  }

  it('loads a command module only for a fast command, and declines the rest without loading', async () => {
    expect(await fastInvocation(['node', 'otactl', 'rollout', '--percent', '5'])).toBeNull();
    expect(await fastInvocation(['node', 'otactl', '--store', 'inspect', 'status'])).toBeNull();
    for (const inherited of ['constructor', 'toString', '__proto__']) {
      expect(await fastInvocation(['node', 'otactl', inherited, 'x'])).toBeNull();
    }
    const behindValue = await fastInvocation(['node', 'otactl', '--store', 'file:///x', 'inspect', 'fw.bin']);
    expect(behindValue?.globals.store).toBe('file:///x');
    const inv = await fastInvocation(['node', 'otactl', 'inspect', 'fw.bin', '--json']);
    expect(inv?.spec.name).toBe('inspect');
    expect(inv?.args).toEqual(['fw.bin']);
  });
});
