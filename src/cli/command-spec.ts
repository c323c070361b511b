/**
 * A command declared as data (name, arguments, options, action), for commands that the start-up
 * fast path may run without loading commander. Commander registers the same declaration.
 */
import type { Command } from 'commander';
import type { OptionSpec } from './options.js';
import type { Action } from './run-action.js';
import type { Runner } from './program.js';

export interface CommandSpec {
  name: string;
  description: string;
  /** Required positional arguments, in order. */
  args: ReadonlyArray<{ name: string; description: string }>;
  options: readonly OptionSpec[];
  action: Action;
}

export function addOptions(cmd: Command, specs: readonly OptionSpec[]): Command {
  for (const o of specs) {
    if (o.fold) cmd.option(o.flags, o.description, o.fold);
    else if (o.default !== undefined) cmd.option(o.flags, o.description, o.default);
    else cmd.option(o.flags, o.description);
  }
  return cmd;
}

export function registerSpec(program: Command, spec: CommandSpec, run: Runner): Command {
  const cmd = program.command(spec.name).description(spec.description);
  for (const a of spec.args) cmd.argument(`<${a.name}>`, a.description);
  return addOptions(cmd, spec.options).action(run(spec.action));
}
