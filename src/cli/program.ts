/** The commander program: every command, help, usage errors. Loaded unless the fast path ran. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { errorObject, ExitCode, UsageError } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { addOptions, registerEntry, type Bind, type CommandEntry, type ParsedLine } from './command-def.js';
export type { LegacyRunner as Runner } from './command-def.js';
import { loadCommands } from './commands/index.js';
import { GLOBAL_OPTIONS } from './options.js';
import { runAction } from './run-action.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export async function runProgram(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const program = buildProgram(env, await loadCommands(argv));
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      // commander printed its message on stderr already; --json also gets the error object.
      if (wantsJson) {
        process.stdout.write(`${JSON.stringify({ error: errorObject(new UsageError(err.message.replace(/^error: /, ''))) }, null, 2)}\n`);
      }
      process.exitCode = ExitCode.usage;
      return;
    }
    throw err;
  }
}

/** What commander found for the command being run (it passes the Command last). */
export function lineOf(commanderArgs: unknown[]): { line: ParsedLine; globals: GlobalOptions } {
  const cmd = commanderArgs[commanderArgs.length - 1] as Command;
  return {
    line: { flags: cmd.opts(), args: cmd.args.slice(0, cmd.registeredArguments.length) },
    globals: cmd.optsWithGlobals() as unknown as GlobalOptions,
  };
}

export function buildProgram(env: NodeJS.ProcessEnv, commands: readonly CommandEntry[], bind?: Bind): Command {
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version');
  addOptions(program, GLOBAL_OPTIONS).showSuggestionAfterError(true).exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({ outputError: (text, write) => write(`otactl: ${text}`) });

  const run: Bind =
    bind ??
    ((def) => async (...commanderArgs) => {
      const { line, globals } = lineOf(commanderArgs);
      await runAction(def, line, globals, env);
    });
  for (const entry of commands) registerEntry(program, entry, run).exitOverride();
  return program;
}
