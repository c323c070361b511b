/**
 * Entry point: the fast path for commands declared as data, else the commander program. Both run
 * actions through runAction, so results, errors and exit codes are the same either way.
 */
import { fastInvocation } from './fast-path.js';
import { runAction } from './run-action.js';
import { canonicalArgv } from './options.js';

export async function main(given: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const argv = canonicalArgv(given);
  const fast = await fastInvocation(argv);
  if (fast) return runAction(fast.def, fast.line, fast.globals, env);
  const { runProgram } = await import('./program.js');
  return runProgram(argv, env);
}
