/**
 * Start-up fast path. `otactl inspect FILE --json` runs once per artifact in CI, and its speed
 * target is measured against starting node at all; loading commander costs more than hashing a
 * 4 MiB image. So the commands listed here are first tried with node:util's
 * strict parseArgs over the same option declarations. Anything it does not accept exactly (help,
 * --version, an unknown or misplaced option, a missing or extra argument, `--`) falls through to
 * commander, which stays the one authority on usage, help and usage errors.
 */
import { parseArgs } from 'node:util';
import type { CommandDef, ParsedLine } from './command-def.js';
import type { GlobalOptions } from './context.js';
import { commandName, GLOBAL_OPTIONS, optionValues, parseArgsOptions, shapeOf, switchPairs } from './options.js';

const FAST_COMMANDS: Record<string, () => Promise<{ command: CommandDef<any> }>> = {
  // inspect runs once per artifact in CI; the channel commands in CI loops, plans and crons (issue 20).
  // lazy: a fast-path command loads only its own module
  inspect: () => import('./commands/inspect.js'),
  promote: () => import('./commands/promote.js'),
  rollout: () => import('./commands/rollout.js'),
  rollback: () => import('./commands/rollback.js'),
  check: () => import('./commands/check.js'),
  status: () => import('./commands/status.js'),
};

export interface FastInvocation {
  def: CommandDef<any>;
  line: ParsedLine;
  globals: GlobalOptions;
}

/** The invocation when the fast path can run it, else null (commander takes over). */
export async function fastInvocation(argv: string[]): Promise<FastInvocation | null> {
  const name = commandName(argv);
  const load = name !== undefined && Object.hasOwn(FAST_COMMANDS, name) ? FAST_COMMANDS[name] : undefined;
  if (!load) return null;
  return parseFast(argv, (await load()).command);
}

/** Exported for the equivalence test against commander. */
export function parseFast(argv: string[], def: CommandDef<any>): FastInvocation | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(2),
      options: parseArgsOptions([...GLOBAL_OPTIONS, ...def.options]),
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch {
    return null;
  }
  const { positionals, tokens, values } = parsed;
  const required = def.args.filter((a) => !a.optional).length;
  if (positionals[0] !== def.name || positionals.length < 1 + required || positionals.length > 1 + def.args.length) return null;
  if (tokens.some((t) => t.kind === 'option-terminator')) return null;
  // A command's own options count only after the command name (commander's rule).
  const commandAt = tokens.find((t) => t.kind === 'positional')!.index;
  const own = new Set(def.options.map((o) => shapeOf(o).long));
  if (tokens.some((t) => t.kind === 'option' && own.has(t.name) && t.index < commandAt)) return null;
  // A switch given both ways (`--wifi-only --no-wifi-only`): the last wins, commander knows which.
  const given = new Set(tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
  for (const key of switchPairs(def.options)) {
    const long = def.options.map(shapeOf).filter((s) => s.key === key);
    if (long.every((s) => given.has(s.long))) return null;
  }
  // A missing required option is commander's to report.
  if (def.options.some((o) => o.required && values[shapeOf(o).long] === undefined)) return null;
  const flags = optionValues(def.options, values);
  // As commander's optsWithGlobals(): program options with the command's own merged in.
  const globals = { ...optionValues(GLOBAL_OPTIONS, values), ...flags } as unknown as GlobalOptions;
  return { def, line: { flags, args: positionals.slice(1) }, globals };
}
