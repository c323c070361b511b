/** The commander program: every command, help, usage errors. Loaded unless the fast path ran. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ExitCode } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { addOptions } from './command-spec.js';
import { loadCommands } from './commands/index.js';
import { GLOBAL_OPTIONS } from './options.js';
import { runAction, type Action } from './run-action.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Adapts an action to commander's callback (which passes the Command last). */
export type Runner = (body: Action) => (...commanderArgs: unknown[]) => Promise<void>;
/** What each command module exports: adds its command to the program. */
export type Register = (program: Command, run: Runner) => Command;

export async function runProgram(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const wantsJson = argv.includes('--json');
  // With --json, commander's help and version text is held back: stdout gets one JSON document.
  let held = '';
  const program = buildProgram(env, await loadCommands(argv), wantsJson ? (text) => (held += text) : undefined);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    process.exitCode = 0;
    if (err.code === 'commander.version') {
      if (wantsJson) writeJson({ version: pkg.version });
    } else if (err.code === 'commander.helpDisplayed') {
      process.stdout.write(held); // asked for: --help --json still shows the help
    } else if (err.code === 'commander.help') {
      // No (sub)command given: commander showed the help; with --json that is a usage error.
      if (wantsJson) usageError('no command given (otactl --help lists the commands)', true);
    } else {
      // commander printed its message on stderr already; --json also gets the error object.
      usageError(err.message.replace(/^error: /, ''), false, wantsJson);
    }
  }
}

function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function usageError(message: string, printLine: boolean, json = true): void {
  if (printLine) process.stderr.write(`otactl: error: ${message}\n`);
  if (json) writeJson({ error: { code: 'E_USAGE', message, exit_code: ExitCode.usage } });
  process.exitCode = ExitCode.usage;
}

/** `holdOutput` takes commander's own output (help, version) instead of the terminal; errors still go to stderr. */
export function buildProgram(env: NodeJS.ProcessEnv, commands: Register[], holdOutput?: (text: string) => void): Command {
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version');
  addOptions(program, GLOBAL_OPTIONS).showSuggestionAfterError(true).exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({
    outputError: (text) => process.stderr.write(`otactl: ${text}`),
    ...(holdOutput ? { writeOut: holdOutput, writeErr: holdOutput } : {}),
  });

  const runner: Runner = (body) => async (...commanderArgs) => {
    const cmd = commanderArgs[commanderArgs.length - 1] as Command;
    const globals = cmd.optsWithGlobals() as unknown as GlobalOptions;
    await runAction(body, cmd.opts(), globals, cmd.args.slice(0, cmd.registeredArguments.length), env);
  };

  for (const register of commands) {
    const sub = register(program, runner);
    sub.exitOverride();
  }
  return program;
}
