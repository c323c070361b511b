import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

/** Runs the built CLI (dist/, built by `npm test`'s pretest) as a real process. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(repoRoot, 'bin', 'otactl.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export interface Workspace {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; input?: string }): RunResult;
  runAsync(args: string[], opts?: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] }): Promise<RunResult>;
  file(name: string, bytes: Buffer | string): string;
}

function result(code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): RunResult {
  return {
    code,
    signal,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

// Every workspace of a test file is removed after that file (this module is evaluated per file),
// also when a test failed.
const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder with its own key dir; CI variables are cleared so actor and prompts are predictable. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-test-'));
  workspaces.push(dir);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    OTACTL_KEY_DIR: join(dir, '.keys'),
    OTACTL_ACTOR: 'tester',
    NO_COLOR: '1',
  };
  return {
    dir,
    env,
    run(args, opts = {}) {
      const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), bin, ...args], {
        cwd: dir,
        env: { ...env, ...opts.env },
        encoding: 'utf8',
        input: opts.input ?? '',
        timeout: 60_000,
      });
      return result(r.status, r.signal, r.stdout, r.stderr);
    },
    runAsync(args, opts = {}) {
      return new Promise((res) => {
        const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), bin, ...args], { cwd: dir, env: { ...env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code, signal) => res(result(code, signal, out, err)));
      });
    },
    file(name, bytes) {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
  };
}

/** init + two uploaded generic builds; returns their ids. */
export function seededWorkspace(): Workspace & { b1: string; b2: string; b3: string } {
  const ws = workspace();
  const init = ws.run(['init', '--json']);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const ids: string[] = [];
  for (const [i, code] of [100, 101, 102].entries()) {
    ws.file(`build${i}.bin`, Buffer.from(`build ${i} `.repeat(1000 + i)));
    const up = ws.run(['upload', `build${i}.bin`, '--app', 'demo', '--kind', 'file', '--version-code', String(code), '--version-name', `1.0.${i}`, '--json']);
    if (up.code !== 0) throw new Error(`upload failed: ${up.stderr}`);
    ids.push(up.json().build_id);
  }
  return Object.assign(ws, { b1: ids[0]!, b2: ids[1]!, b3: ids[2]! });
}

export function treeSnapshot(dir: string): string {
  // Every file under the store with its SHA-256: "unchanged" means byte-for-byte.
  const r = spawnSync('bash', ['-c', `cd "${dir}" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum`], { encoding: 'utf8' });
  return r.stdout;
}

/** One readable line on stderr, no stack trace, the JSON error object on stdout, the right code. */
export function expectCleanFailure(r: RunResult, exit: number, code?: string): void {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(exit);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const errLines = r.stderr.trim().split('\n').filter((l) => l.startsWith('otactl: error:'));
  expect(errLines.length).toBe(1);
  const j = r.json();
  expect(j.error.exit_code).toBe(exit);
  if (code) expect(j.error.code).toBe(code);
  expect(typeof j.error.message).toBe('string');
}
