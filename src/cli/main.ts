import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { ExitCode, OtaError } from '../errors.js';
import { CliContext, type GlobalOptions } from './context.js';
import { IO } from './io.js';
import { loadCommands } from './commands/index.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Runs a command body with its context, and turns every failure into one line and an exit code. */
export type Action = (ctx: CliContext, opts: Record<string, unknown>, args: string[]) => Promise<void>;
export type Runner = (body: Action) => (...commanderArgs: unknown[]) => Promise<void>;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
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
        process.stdout.write(`${JSON.stringify({ error: { code: 'E_USAGE', message: err.message.replace(/^error: /, ''), exit_code: ExitCode.usage } }, null, 2)}\n`);
      }
      process.exitCode = ExitCode.usage;
      return;
    }
    throw err;
  }
}

export function buildProgram(env: NodeJS.ProcessEnv, commands: ((program: Command, run: Runner) => Command)[]): Command {
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version')
    .option('--json', 'print one JSON document on stdout (implies non-interactive)', false)
    .option('--store <url>', 'store URL: file://DIR (default from otactl.config.json or $OTACTL_STORE)')
    .option('--config <path>', 'config file (default ./otactl.config.json or $OTACTL_CONFIG)')
    .option('-y, --yes', 'do not ask for confirmation', false)
    .option('--actor <name>', 'who makes the change, for history (default: $OTACTL_ACTOR, the CI user, or the OS user)')
    .option('-q, --quiet', 'no status lines on stderr', false)
    .option('--no-color', 'no colours (also with NO_COLOR set)')
    .addOption(new Option('--debug', 'print stack traces of internal errors').default(false))
    .showSuggestionAfterError(true)
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({ outputError: (text, write) => write(`otactl: ${text}`) });

  const runner: Runner = (body) => async (...commanderArgs) => {
    const cmd = commanderArgs[commanderArgs.length - 1] as Command;
    const opts = cmd.opts();
    const globals = cmd.optsWithGlobals() as unknown as GlobalOptions;
    const args = cmd.args.slice(0, cmd.registeredArguments.length);
    const io = await new IO({ json: globals.json, color: globals.color, quiet: globals.quiet, env }).init();
    const ctx = new CliContext(io, globals, env);
    try {
      await body(ctx, opts, args);
    } catch (err) {
      process.exitCode = report(io, err, globals.debug);
    }
  };

  for (const register of commands) {
    const sub = register(program, runner);
    sub.exitOverride();
  }
  return program;
}

function report(io: IO, err: unknown, debug: boolean): number {
  if (err instanceof OtaError) {
    io.error(err.code, err.message, err.exitCode, err.details);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.error('E_INTERNAL', `internal error: ${e.message}${debug ? '' : ' (run with --debug for the stack trace)'}`, ExitCode.internal);
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return ExitCode.internal;
}
