/** The commander program: every command, help, usage errors. Loaded unless the fast path ran. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { errorObject, ExitCode, UsageError } from '../errors.js';
import { REDACTED, redactText } from '../util/redact.js';
import type { GlobalOptions } from './context.js';
import { addOptions, examplesHelp, registerEntry, type Bind, type CommandEntry, type ParsedLine } from './command-def.js';
import { loadCommands } from './commands/index.js';
import { GLOBAL_OPTIONS } from './options.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The program's own --help examples (each command's are in its definition). */
const PROGRAM_EXAMPLES = [
  'otactl init',
  'otactl upload app.apk',
  'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 5',
  'otactl status --json',
];

export async function runProgram(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const wantsJson = argv.includes('--json');
  // With --json, commander's help and version text is held back: stdout gets one JSON document.
  let held = '';
  const program = buildProgram(env, await loadCommands(argv), wantsJson ? { holdOutput: (text) => (held += text) } : {});
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

/** What commander found for the command being run (it passes the Command last). */
export function lineOf(commanderArgs: unknown[]): { line: ParsedLine; globals: GlobalOptions } {
  const cmd = commanderArgs[commanderArgs.length - 1] as Command;
  return {
    line: { flags: cmd.opts(), args: cmd.args.slice(0, cmd.registeredArguments.length) },
    globals: cmd.optsWithGlobals() as unknown as GlobalOptions,
  };
}

function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--name=value` of an unknown option may be a guessed secret flag (`--hmac-key=KEY`): its value is never echoed. */
function maskUnknownOptionValue(text: string): string {
  return text.replace(/(unknown option '[^'=\s]+=)[^']*'/g, `$1${REDACTED}'`);
}

function usageError(rawMessage: string, printLine: boolean, json = true): void {
  const message = maskUnknownOptionValue(rawMessage);
  if (printLine) process.stderr.write(`otactl: error: ${redactText(message)}\n`);
  if (json) writeJson({ error: errorObject(new UsageError(message)) });
  process.exitCode = ExitCode.usage;
}

export interface ProgramOptions {
  /** Turns a definition into commander's action (default: run it); tests capture with it. */
  bind?: Bind;
  /** Takes commander's own output (help, version) instead of the terminal; errors still go to stderr. */
  holdOutput?: (text: string) => void;
}

export function buildProgram(env: NodeJS.ProcessEnv, commands: readonly CommandEntry[], { bind, holdOutput }: ProgramOptions = {}): Command {
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version');
  addOptions(program, GLOBAL_OPTIONS).showSuggestionAfterError(true).exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({
    outputError: (text) => process.stderr.write(`otactl: ${redactText(maskUnknownOptionValue(text))}`),
    ...(holdOutput ? { writeOut: holdOutput, writeErr: holdOutput } : {}),
  });

  const run: Bind =
    bind ??
    ((def) => async (...commanderArgs) => {
      const { line, globals } = lineOf(commanderArgs);
      // lazy: --version and --help build no context, so the publisher graph (zod, store, repository) loads only when a command runs
      const { runAction } = await import('./run-action.js');
      await runAction(def, line, globals, env);
    });
  for (const entry of commands) registerEntry(program, entry, run).exitOverride();
  program.addHelpText('after', examplesHelp(PROGRAM_EXAMPLES));
  return program;
}
