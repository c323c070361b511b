/**
 * A command declared as data, in the GitHub CLI's pattern: its arguments, flags and help examples,
 * a pure `parse` from what the parser found to a typed options object, and a `run` that does the
 * work with those options and the context's dependencies. Commander registers every definition
 * (help, usage errors); the start-up fast path runs the same definition without commander; tests
 * check `parse` of each command as a table, in process.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { OptionSpec } from './options.js';

export interface ArgSpec {
  name: string;
  description: string;
  optional?: boolean;
}

/** What a parser found: flag values keyed as commander's opts() keys them, and the positionals. */
export interface ParsedLine {
  flags: Readonly<Record<string, unknown>>;
  args: readonly string[];
}

export interface CommandDef<O = unknown> {
  /** The command word; a subcommand is named with its parent's (`keys generate`). */
  name: string;
  description: string;
  args: readonly ArgSpec[];
  options: readonly OptionSpec[];
  /** Shown at the end of --help: each line a full command, `otactl <name> ...`. */
  examples: readonly string[];
  /** Flags and arguments to typed options; throws UsageError (exit 2). No I/O. */
  parse(line: ParsedLine): O;
  run(ctx: CliContext, opts: O): Promise<void>;
}

/** A command word that only groups subcommands (`keys`). */
export interface CommandGroup {
  name: string;
  description: string;
  examples: readonly string[];
  subcommands: readonly CommandDef<any>[];
}

export type CommandEntry = CommandDef<any> | CommandGroup;

/** Keeps the options type of a definition (parse's result is what run receives). */
export function defineCommand<O>(def: CommandDef<O>): CommandDef<O> {
  return def;
}

export function isGroup(entry: CommandEntry): entry is CommandGroup {
  return 'subcommands' in entry;
}

export function addOptions(cmd: Command, specs: readonly OptionSpec[]): Command {
  for (const o of specs) {
    const add = o.required ? cmd.requiredOption.bind(cmd) : cmd.option.bind(cmd);
    if (o.fold) add(o.flags, o.description, o.fold);
    else if (o.default !== undefined) add(o.flags, o.description, o.default);
    else add(o.flags, o.description);
  }
  return cmd;
}

/** The block at the end of --help, as gh prints it (without the prompt sign, so a line pastes as it is). */
export function examplesHelp(examples: readonly string[]): string {
  return examples.length === 0 ? '' : `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n`;
}

/** Turns a definition into commander's action callback (program.ts runs it; tests capture with it). */
export type Bind = (def: CommandDef<any>) => (...commanderArgs: unknown[]) => Promise<void>;

export function registerEntry(program: Command, entry: CommandEntry, run: Bind): Command {
  if (!isGroup(entry)) return registerDef(program, entry, run);
  const group = program.command(entry.name).description(entry.description).addHelpText('after', examplesHelp(entry.examples));
  for (const sub of entry.subcommands) registerDef(group, sub, run).exitOverride();
  return group;
}

function registerDef(parent: Command, def: CommandDef<any>, run: Bind): Command {
  const cmd = parent.command(def.name.split(' ').at(-1)!).description(def.description);
  for (const a of def.args) cmd.argument(a.optional ? `[${a.name}]` : `<${a.name}>`, a.description);
  addOptions(cmd, def.options);
  if (def.examples.length > 0) cmd.addHelpText('after', examplesHelp(def.examples));
  return cmd.action(run(def));
}
