import type { Command } from 'commander';
import type { Runner } from '../main.js';
import * as init from './init.js';
import * as keys from './keys.js';
import * as inspect from './inspect.js';
import * as upload from './upload.js';
import * as builds from './builds.js';
import * as promote from './promote.js';
import * as rollout from './rollout.js';
import * as rollback from './rollback.js';
import * as status from './status.js';
import * as history from './history.js';
import * as refresh from './refresh.js';
import * as check from './check.js';
import * as simulate from './simulate.js';
import * as cohort from './cohort.js';
import * as serve from './serve.js';

/** Command modules in help order. Each imports only commander at load time; its work is lazy. */
export const commands: ((program: Command, run: Runner) => Command)[] = [
  init.register,
  keys.register,
  inspect.register,
  upload.register,
  builds.register,
  promote.register,
  rollout.register,
  rollback.register,
  status.register,
  history.register,
  refresh.register,
  check.register,
  simulate.register,
  cohort.register,
  serve.register,
];
