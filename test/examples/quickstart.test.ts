import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * The quickstart is a README command: it must stop everything it starts (the `serve` in the
 * background), when it finishes and when it is interrupted.
 */
const script = join(repoRoot, 'examples', 'quickstart.sh');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-test-quickstart-'));
  dirs.push(dir);
  return dir;
}

/** Processes whose working folder is `dir`: everything the script (which cd's there) started. */
function processesIn(dir: string): number[] {
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

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the quickstart; `onStderr` sees stderr as it grows and may signal the script. */
function runQuickstart(dir: string, onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script, dir], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', TMPDIR: tmpdir() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('examples/quickstart.sh', () => {
  it('runs to the end and leaves no process behind (the background serve is stopped)', async () => {
    const dir = workDir();
    const r = await runQuickstart(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('quickstart: serving the store on http://127.0.0.1:');
    expect(r.stderr).toContain('== done');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);

  it('interrupted (SIGINT) while serving: exits 130 and stops the server it started', async () => {
    const dir = workDir();
    let sent = false;
    const r = await runQuickstart(dir, (text, child) => {
      if (!sent && text.includes('quickstart: serving the store on')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).not.toContain('== done');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);
});
