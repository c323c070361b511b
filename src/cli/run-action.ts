/**
 * Runs a command definition: parses its line into typed options, runs it with its context, and
 * turns every failure into one line and an exit code. Shared by the commander program and the
 * start-up fast path, so both report errors alike.
 */
import { ExitCode, OtaError } from '../errors.js';
import type { CommandDef, ParsedLine } from './command-def.js';
import { CliContext, type GlobalOptions } from './context.js';
import { IO } from './io.js';

export async function runAction(def: CommandDef<any>, line: ParsedLine, globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<void> {
  const io = await new IO({ json: globals.json, color: globals.color, quiet: globals.quiet, env }).init();
  const ctx = new CliContext(io, globals, env);
  try {
    await def.run(ctx, def.parse(line));
  } catch (err) {
    process.exitCode = report(io, err, globals.debug);
  }
}

function report(io: IO, err: unknown, debug: boolean): number {
  if (err instanceof OtaError) {
    io.error(err);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.error(new OtaError('E_INTERNAL', `internal error: ${e.message}${debug ? '' : ' (run with --debug for the stack trace)'}`));
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return ExitCode.internal;
}
