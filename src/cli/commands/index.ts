import type { Command } from 'commander';
import type { Runner } from '../program.js';

type Register = (program: Command, run: Runner) => Command;

/**
 * Command modules in help order, loaded on demand: a run of `otactl rollout` imports only the
 * rollout module (start-up time is a feature for CI); help and unknown commands load them all.
 */
const modules: Record<string, () => Promise<{ register: Register }>> = {
  init: () => import('./init.js'),
  keys: () => import('./keys.js'),
  inspect: () => import('./inspect.js'),
  upload: () => import('./upload.js'),
  builds: () => import('./builds.js'),
  promote: () => import('./promote.js'),
  rollout: () => import('./rollout.js'),
  rollback: () => import('./rollback.js'),
  status: () => import('./status.js'),
  history: () => import('./history.js'),
  refresh: () => import('./refresh.js'),
  check: () => import('./check.js'),
  simulate: () => import('./simulate.js'),
  cohort: () => import('./cohort.js'),
  serve: () => import('./serve.js'),
};

/** Program options that take a value, so their value is not mistaken for the command name. */
const VALUE_OPTIONS = new Set(['--store', '--config', '--actor']);

export async function loadCommands(argv: string[]): Promise<Register[]> {
  const args = argv.slice(2);
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) {
      name = a;
      break;
    }
  }
  if (name === undefined && args.some((a) => a === '-V' || a === '--version')) return [];
  const wanted = name !== undefined && Object.hasOwn(modules, name) && !args.includes('--help') && !args.includes('-h') ? [name] : Object.keys(modules);
  const loaded = await Promise.all(wanted.map((n) => modules[n]!()));
  return loaded.map((m) => m.register);
}
