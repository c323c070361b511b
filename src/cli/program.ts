/** The commander program: every command, help, usage errors. Loaded unless the fast path ran. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { errorObject, ExitCode, UsageError } from '../errors.js';
import { REDACTED, redactText } from '../util/redact.js';
import type { GlobalOptions } from './context.js';
import { addOptions, examplesHelp, registerEntry, type Bind, type CommandEntry, type ParsedLine } from './command-def.js';
import { loadCommands } from './commands/index.js';
import { GLOBAL_OPTIONS } from './options.js';
import type { CliSeams } from './run-action.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The program's own --help examples (each command's are in its definition). */
const PROGRAM_EXAMPLES = [
  'otactl init',
  'otactl upload app.apk',
  'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 5',
  'otactl status --json',
];

/** Runs argv through commander; resolves to the exit code. */
export async function runProgram(argv: string[], seams: CliSeams = {}): Promise<number> {
  const out = streamsOf(seams);
  const wantsJson = argv.includes('--json');
  // With --json, commander's help and version text is held back: stdout gets one JSON document.
  let held = '';
  let code = 0;
  const run: Bind = (def) => async (...commanderArgs) => {
    const { line, globals } = lineOf(commanderArgs);
    // lazy: --version and --help build no context, so the publisher graph (zod, store, repository) loads only when a command runs
    const { runAction } = await import('./run-action.js');
    code = await runAction(def, line, globals, seams);
  };
  const program = buildProgram(seams, await loadCommands(argv), { bind: run, ...(wantsJson ? { holdOutput: (text: string) => (held += text) } : {}) });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.code === 'commander.version') {
      if (wantsJson) writeJson(out.stdout, { version: pkg.version });
    } else if (err.code === 'commander.helpDisplayed') {
      out.stdout.write(held); // asked for: --help --json still shows the help
    } else if (err.code === 'commander.help') {
      // No (sub)command given: commander showed the help; with --json that is a usage error.
      if (wantsJson) return usageError(out, 'no command given (otactl --help lists the commands)', true);
    } else {
      // commander printed its message on stderr already; --json also gets the error object.
      return usageError(out, err.message.replace(/^error: /, ''), false, wantsJson);
    }
    return 0;
  }
}

function widthOf(stream: NodeJS.WritableStream): number | undefined {
  const s = stream as NodeJS.WriteStream;
  return s.isTTY ? s.columns : undefined;
}

/** The run's streams: the injected ones, else the process's (looked up only when asked for: start-up time). */
function streamsOf(seams: CliSeams): { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } {
  return {
    get stdout() {
      return seams.stdout ?? process.stdout;
    },
    get stderr() {
      return seams.stderr ?? process.stderr;
    },
  };
}

/** What commander found for the command being run (it passes the Command last). */
export function lineOf(commanderArgs: unknown[]): { line: ParsedLine; globals: GlobalOptions } {
  const cmd = commanderArgs[commanderArgs.length - 1] as Command;
  return {
    line: { flags: cmd.opts(), args: cmd.args.slice(0, cmd.registeredArguments.length) },
    globals: cmd.optsWithGlobals() as unknown as GlobalOptions,
  };
}

function writeJson(stdout: NodeJS.WritableStream, value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--name=value` of an unknown option may be a guessed secret flag (`--hmac-key=KEY`): its value is never echoed. */
function maskUnknownOptionValue(text: string): string {
  return text.replace(/(unknown option '[^'=\s]+=)[^']*'/g, `$1${REDACTED}'`);
}

function usageError(out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, rawMessage: string, printLine: boolean, json = true): number {
  const message = maskUnknownOptionValue(rawMessage);
  if (printLine) out.stderr.write(`otactl: error: ${redactText(message)}\n`);
  if (json) writeJson(out.stdout, { error: errorObject(new UsageError(message)) });
  return ExitCode.usage;
}

export interface ProgramOptions {
  /** Turns a definition into commander's action (default: run it); tests capture with it. */
  bind?: Bind;
  /** Takes commander's own output (help, version) instead of the terminal; errors still go to stderr. */
  holdOutput?: (text: string) => void;
}

export function buildProgram(seams: CliSeams, commands: readonly CommandEntry[], { bind, holdOutput }: ProgramOptions = {}): Command {
  const out = streamsOf(seams);
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version');
  addOptions(program, GLOBAL_OPTIONS).showSuggestionAfterError(true).exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({
    outputError: (text) => out.stderr.write(`otactl: ${redactText(maskUnknownOptionValue(text))}`),
    // Help width as commander's default (undefined off a TTY, typed number there), of the run's streams.
    getOutHelpWidth: () => widthOf(out.stdout) as number,
    getErrHelpWidth: () => widthOf(out.stderr) as number,
    ...(holdOutput ? { writeOut: holdOutput, writeErr: holdOutput } : { writeOut: (text) => out.stdout.write(text), writeErr: (text) => out.stderr.write(text) }),
  });

  const run: Bind =
    bind ??
    ((def) => async (...commanderArgs) => {
      const { line, globals } = lineOf(commanderArgs);
      // lazy: --version and --help build no context, so the publisher graph (zod, store, repository) loads only when a command runs
      const { runAction } = await import('./run-action.js');
      await runAction(def, line, globals, seams);
    });
  for (const entry of commands) registerEntry(program, entry, run).exitOverride();
  program.addHelpText('after', examplesHelp(PROGRAM_EXAMPLES));
  return program;
}
