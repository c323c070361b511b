import type { CommandEntry } from '../command-def.js';
import { commandName } from '../options.js';

/** Command modules in help order; help and unknown commands load them all. */
const modules: Record<string, () => Promise<{ command: CommandEntry }>> = {
  // lazy: a run loads only its own command's graph (`otactl rollout` never loads the APK verifier or telemetry); start-up time is a CI feature
  init: () => import('./init.js'),
  keys: () => import('./keys.js'),
  inspect: () => import('./inspect.js'),
  upload: () => import('./upload.js'),
  builds: () => import('./builds.js'),
  promote: () => import('./promote.js'),
  rollout: () => import('./rollout.js'),
  'rollout-tick': () => import('./rollout-tick.js'),
  rollback: () => import('./rollback.js'),
  nudge: () => import('./nudge.js'),
  status: () => import('./status.js'),
  history: () => import('./history.js'),
  refresh: () => import('./refresh.js'),
  repair: () => import('./repair.js'),
  invalidate: () => import('./invalidate.js'),
  gc: () => import('./gc.js'),
  check: () => import('./check.js'),
  simulate: () => import('./simulate.js'),
  cohort: () => import('./cohort.js'),
  serve: () => import('./serve.js'),
  'cdn-cookies': () => import('./cdn-cookies.js'),
  stats: () => import('./stats.js'),
};

export async function loadCommands(argv: string[]): Promise<CommandEntry[]> {
  const args = argv.slice(2);
  const name = commandName(argv);
  if (name === undefined && args.some((a) => a === '-V' || a === '--version')) return [];
  const wanted = name !== undefined && Object.hasOwn(modules, name) && !args.includes('--help') && !args.includes('-h') ? [name] : Object.keys(modules);
  // One module at a time: concurrent import()s whose graphs share a module can fail in Node 20's
  // loader ("request for 'X' is not in cache", nodejs/node#52187); see test/core/imports.test.ts.
  const loaded: CommandEntry[] = [];
  for (const n of wanted) loaded.push((await modules[n]!()).command);
  return loaded;
}
