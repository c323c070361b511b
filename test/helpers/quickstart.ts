// Runs examples/quickstart.sh as a README reader would (a clean environment, a work folder), and
// finds what it left running: shared by the file:// test and the S3 part's test.
import { spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

const script = join(repoRoot, 'examples', 'quickstart.sh');

export interface QuickstartRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the quickstart in `dir` with `env` added; `onStderr` sees stderr as it grows and may signal the script. */
export function runQuickstart(dir: string, env: Record<string, string> = {}, onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<QuickstartRun> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script, dir], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', TMPDIR: tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Processes whose working folder is `dir`: everything the script (which cd's there) started. */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
