/**
 * Entry point: the fast path for commands declared as data, else the commander program. Both run
 * actions through runAction, so results, errors and exit codes are the same either way.
 */
import { fastInvocation } from './fast-path.js';
import type { CliSeams } from './run-action.js';
import { canonicalArgv } from './options.js';

/** Runs the command line `given` (argv with node and the script first); resolves to the exit code. */
export async function main(given: string[], seams: CliSeams = {}): Promise<number> {
  const argv = canonicalArgv(given);
  const fast = await fastInvocation(argv);
  if (fast) {
    // lazy: the CLI context and the publisher graph behind it load only for a line that runs a command, never for --version or --help
    const { runAction } = await import('./run-action.js');
    return runAction(fast.def, fast.line, fast.globals, seams);
  }
  // lazy: commander and the command table load only when the fast path cannot run the line
  const { runProgram } = await import('./program.js');
  return runProgram(argv, seams);
}
