/** The commander program: every command, help, usage errors. Loaded unless the fast path ran. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ExitCode } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { addOptions } from './command-spec.js';
import { loadCommands } from './commands/index.js';
import { examplesText } from './help-examples.js';
import { GLOBAL_OPTIONS } from './options.js';
import { runAction, type Action } from './run-action.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Adapts an action to commander's callback (which passes the Command last). */
export type Runner = (body: Action) => (...commanderArgs: unknown[]) => Promise<void>;
/** What each command module exports: adds its command to the program. */
export type Register = (program: Command, run: Runner) => Command;

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
        process.stdout.write(`${JSON.stringify({ error: { code: 'E_USAGE', message: err.message.replace(/^error: /, ''), exit_code: ExitCode.usage } }, null, 2)}\n`);
      }
      process.exitCode = ExitCode.usage;
      return;
    }
    throw err;
  }
}

export function buildProgram(env: NodeJS.ProcessEnv, commands: Register[]): Command {
  const program = new Command('otactl')
    .description('Verify OTA artifacts and publish signed, staged-rollout manifests to a static store.')
    .version(pkg.version, '-V, --version');
  addOptions(program, GLOBAL_OPTIONS).showSuggestionAfterError(true).exitOverride();
  program.configureHelp({ sortSubcommands: false });
  // Parser errors read like every other error (subcommands inherit this).
  program.configureOutput({ outputError: (text, write) => write(`otactl: ${text}`) });

  const runner: Runner = (body) => async (...commanderArgs) => {
    const cmd = commanderArgs[commanderArgs.length - 1] as Command;
    const globals = cmd.optsWithGlobals() as unknown as GlobalOptions;
    await runAction(body, cmd.opts(), globals, cmd.args.slice(0, cmd.registeredArguments.length), env);
  };

  for (const register of commands) {
    const sub = register(program, runner);
    sub.exitOverride();
  }
  addExamples(program, []);
  return program;
}

/** Attaches the examples table to the program and every (sub)command it has now. */
function addExamples(cmd: Command, path: string[]): void {
  const text = examplesText(path.join(' '));
  if (text) cmd.addHelpText('after', text);
  for (const sub of cmd.commands) addExamples(sub, [...path, sub.name()]);
}
