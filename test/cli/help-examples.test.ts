import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/program.js';

/** Every --help ends with 2-4 examples that start with the command they document. */
async function program(): Promise<Command> {
  return buildProgram({}, await loadCommands(['node', 'otactl', '--help']));
}

function allCommands(cmd: Command, path: string[] = []): { path: string; cmd: Command }[] {
  return [{ path: path.join(' '), cmd }, ...cmd.commands.flatMap((sub) => allCommands(sub, [...path, sub.name()]))];
}

function helpOf(cmd: Command): string {
  let out = '';
  cmd.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  cmd.outputHelp();
  return out;
}

/** The command an example line runs (longest run of subcommand names after `otactl`). */
function target(root: Command, line: string): Command {
  let cmd = root;
  for (const word of line.split(/\s+/).slice(1)) {
    const sub = cmd.commands.find((c) => c.name() === word);
    if (!sub) break;
    cmd = sub;
  }
  return cmd;
}

describe('--help examples', () => {
  it('every command, subcommand and the program end their help with an "Examples:" block of 2-4 lines', async () => {
    const root = await program();
    const commands = allCommands(root);
    expect(commands.length).toBeGreaterThan(15);
    for (const { path, cmd } of commands) {
      const help = helpOf(cmd).trimEnd().split('\n');
      const start = help.lastIndexOf('Examples:');
      expect(start, `otactl ${path} --help has no Examples: block`).toBeGreaterThan(0);
      const examples = help.slice(start + 1);
      expect(examples.length, `otactl ${path}`).toBeGreaterThanOrEqual(2);
      expect(examples.length, `otactl ${path}`).toBeLessThanOrEqual(4);
      for (const line of examples) expect(line).toMatch(new RegExp(`^  otactl${path ? ` ${path}` : ''}( |$)`));
    }
  });

  it('every example runs the command it documents, with flags that command has', async () => {
    const root = await program();
    const globals = new Set(root.options.map((o) => o.long));
    for (const { path, cmd } of allCommands(root)) {
      const help = helpOf(cmd).trimEnd().split('\n');
      for (const line of help.slice(help.lastIndexOf('Examples:') + 1).map((l) => l.trim())) {
        const ran = target(root, line);
        expect(ran, `${line} (in otactl ${path} --help)`).toBe(path === '' ? target(root, line) : cmd.commands.length > 0 ? ran : cmd);
        const known = new Set([...globals, ...ran.options.map((o) => o.long)]);
        for (const flag of line.split(/\s+/).filter((w) => w.startsWith('--'))) expect(known, `${line}: ${flag}`).toContain(flag);
      }
    }
  });
});
