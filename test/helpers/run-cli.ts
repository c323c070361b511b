import { realpathSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SEED_BUILDS, seedUpload, workspaceDir, type RunResult } from './cli.js';

/**
 * The CLI run in this process, through the seams main() takes (src/cli/run-action.ts CliSeams):
 * argv, env, working folder, clock and streams in; exit code, stdout and stderr out. Nothing is
 * spawned, so a run costs milliseconds instead of a node start-up. What only a real process
 * shows (signals, a TTY's spinner or prompt, a crash's exit, bin/otactl.js itself, a stdin pipe)
 * stays with test/helpers/cli.ts.
 */
export interface RunCliOptions {
  /** The arguments after `otactl`. */
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  now?: () => Date;
  stdin?: string;
  /** Whether stdout, stderr and stdin claim to be a terminal (default: no, as a pipe). */
  isTTY?: boolean;
  /** Stops a command that runs until SIGTERM (serve) as SIGTERM would (CliSeams.signal). */
  signal?: AbortSignal;
  /** Sees stdout as it grows, for a command that runs until stopped (serve prints its URL). */
  onStdout?: (text: string) => void;
}

class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    private readonly onText?: (text: string) => void,
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: unknown, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    this.onText?.(this.text);
    done();
  }
}

export async function runCli({ argv, env, cwd, now, stdin = '', isTTY = false, signal, onStdout }: RunCliOptions): Promise<RunResult> {
  const stdout = new Capture(isTTY, onStdout);
  const stderr = new Capture(isTTY);
  const input = Object.assign(Readable.from([stdin]), { isTTY });
  enterFolder(cwd);
  let code: number;
  try {
    code = await main(['node', 'otactl', ...argv], { env, cwd, stdout, stderr, stdin: input, signals: false, ...(now ? { now } : {}), ...(signal ? { signal } : {}) });
  } finally {
    leaveFolder();
  }
  return {
    code,
    signal: null,
    stdout: stdout.text,
    stderr: stderr.text,
    json() {
      try {
        return JSON.parse(stdout.text);
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout.text}\nstderr:\n${stderr.text}`);
      }
    },
  };
}

/**
 * Artifact paths on the command line are opened as given, relative to the process's working
 * folder (messages echo them as typed), so runs hold the test's folder while any is under way;
 * concurrent runs must share it.
 */
let running = 0;
let home = '';
function enterFolder(cwd: string): void {
  if (running++ === 0) home = process.cwd();
  else if (process.cwd() !== realpathSync(cwd)) throw new Error(`in-process CLI runs at once in ${process.cwd()} and ${cwd}`);
  process.chdir(cwd);
}

function leaveFolder(): void {
  if (--running === 0) process.chdir(home);
}

/**
 * The AWS SDK reads its credentials, AWS_MAX_ATTEMPTS and its config files from process.env, not
 * from the env a run is given (a real process has one env for both): puts `vars` there too, until
 * the test file ends. Pass the same `vars` in the runs' env for what otactl itself reads.
 */
export function sdkProcessEnv(vars: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}
afterAll(() => {
  vi.unstubAllEnvs();
});

/**
 * Runs `run` with this process's AWS_* variables and HOME replaced by those of `env`, as a process
 * started with `env` would have them: the AWS SDK's whole credential chain (environment, the
 * profile files under HOME, instance metadata) reads process.env, not the run's env, so a case
 * about that chain (no credentials anywhere, a profile file) sees only what the run was given.
 * Such runs must not overlap.
 */
export async function withAwsProcessEnv<T>(env: NodeJS.ProcessEnv, run: () => Promise<T>): Promise<T> {
  const swapped = (name: string) => name.startsWith('AWS_') || name === 'HOME';
  const saved = Object.entries(process.env).filter(([name]) => swapped(name));
  for (const [name] of saved) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (swapped(name) && value !== undefined) process.env[name] = value;
  try {
    return await run();
  } finally {
    for (const name of Object.keys(process.env).filter(swapped)) delete process.env[name];
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/** A workspace (as test/helpers/cli.ts's) whose runs are in process. */
export interface CliWorkspace {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; now?: () => Date; isTTY?: boolean }): Promise<RunResult>;
  file(name: string, bytes: Buffer | string): string;
}

export function cliWorkspace(): CliWorkspace {
  const { dir, env, file } = workspaceDir();
  return {
    dir,
    env,
    file,
    run: (args, opts = {}) =>
      runCli({ argv: args, env: { ...env, ...opts.env }, cwd: dir, ...(opts.input !== undefined ? { stdin: opts.input } : {}), ...(opts.now ? { now: opts.now } : {}), ...(opts.isTTY ? { isTTY: true } : {}) }),
  };
}

type Seeded = { b1: string; b2: string; b3: string };

/** init + three uploaded generic builds, as seededWorkspace(), in process. */
export async function seededCliWorkspace(): Promise<CliWorkspace & Seeded> {
  const ws = cliWorkspace();
  return Object.assign(ws, await seed(ws));
}

/**
 * For a describe body (which cannot await): the workspace at once, seeded by a beforeAll
 * registered here, so before the suite's own hooks and tests read its builds.
 */
export function seededCliSuite(): CliWorkspace & Seeded {
  const ws = cliWorkspace() as CliWorkspace & Seeded;
  beforeAll(async () => {
    Object.assign(ws, await seed(ws));
  });
  return ws;
}

async function seed(ws: CliWorkspace): Promise<Seeded> {
  const init = await ws.run(['init', '--json']);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const ids: string[] = [];
  for (const i of SEED_BUILDS.keys()) {
    const up = await ws.run(seedUpload(ws, i));
    if (up.code !== 0) throw new Error(`upload failed: ${up.stderr}`);
    ids.push(up.json().build_id);
  }
  return { b1: ids[0]!, b2: ids[1]!, b3: ids[2]! };
}
