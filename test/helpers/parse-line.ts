/**
 * Parses a command line the way `otactl` does, in process: commander (the parser of record)
 * reads the words against the command's declaration, and the definition's `parse` turns what it
 * found into typed options. Nothing runs. For table tests of every command's flags.
 */
import { CommanderError } from 'commander';
import type { CommandDef, CommandEntry, ParsedLine } from '../../src/cli/command-def.js';
import type { GlobalOptions } from '../../src/cli/context.js';
import { buildProgram, lineOf } from '../../src/cli/program.js';
import { OtaError } from '../../src/errors.js';

export type Parsed<O> = { opts: O; line: ParsedLine; globals: GlobalOptions } | { error: string; code: string };

/** `entry` is the command module's export; `words` the arguments after `otactl`. */
export async function parseLine<O>(entry: CommandEntry, words: string[]): Promise<Parsed<O>> {
  let seen: { def: CommandDef<any>; line: ParsedLine; globals: GlobalOptions } | undefined;
  const program = buildProgram({}, [entry], {
    bind: (def) => async (...commanderArgs) => {
      seen = { def, ...lineOf(commanderArgs) };
    },
  });
  for (const c of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined, outputError: () => undefined });
  }
  try {
    await program.parseAsync(['node', 'otactl', ...words]);
  } catch (err) {
    if (err instanceof CommanderError) return { error: err.message.replace(/^error: /, ''), code: 'E_USAGE' };
    throw err;
  }
  if (!seen) throw new Error(`no command ran for: otactl ${words.join(' ')}`);
  try {
    return { opts: seen.def.parse(seen.line) as O, line: seen.line, globals: seen.globals };
  } catch (err) {
    if (err instanceof OtaError) return { error: err.message, code: err.code };
    throw err;
  }
}
