import { Readable, Writable } from 'node:stream';
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
}

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super({ decodeStrings: false });
  }

  override _write(chunk: unknown, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

export async function runCli({ argv, env, cwd, now, stdin = '', isTTY = false }: RunCliOptions): Promise<RunResult> {
  const stdout = new Capture(isTTY);
  const stderr = new Capture(isTTY);
  const input = Object.assign(Readable.from([stdin]), { isTTY });
  // Artifact paths on the command line are opened as given, relative to the process's working
  // folder (messages echo them as typed), so the run holds the test's folder for its duration.
  const before = process.cwd();
  process.chdir(cwd);
  let code: number;
  try {
    code = await main(['node', 'otactl', ...argv], { env, cwd, stdout, stderr, stdin: input, signals: false, ...(now ? { now } : {}) });
  } finally {
    process.chdir(before);
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

/** init + three uploaded generic builds, as seededWorkspace(), in process. */
export async function seededCliWorkspace(): Promise<CliWorkspace & { b1: string; b2: string; b3: string }> {
  const ws = cliWorkspace();
  const init = await ws.run(['init', '--json']);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const ids: string[] = [];
  for (const i of SEED_BUILDS.keys()) {
    const up = await ws.run(seedUpload(ws, i));
    if (up.code !== 0) throw new Error(`upload failed: ${up.stderr}`);
    ids.push(up.json().build_id);
  }
  return Object.assign(ws, { b1: ids[0]!, b2: ids[1]!, b3: ids[2]! });
}
