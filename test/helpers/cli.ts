import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

/** A fresh folder (removed after the test file) with its own key dir, and the environment a run there gets. */
export function workspaceDir(): { dir: string; env: NodeJS.ProcessEnv; file(name: string, bytes: Buffer | string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-test-'));
  workspaces.push(dir);
  // CI variables are left out so actor and prompts are predictable.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    OTACTL_KEY_DIR: join(dir, '.keys'),
    OTACTL_ACTOR: 'tester',
    NO_COLOR: '1',
  };
  const file = (name: string, bytes: Buffer | string) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  return { dir, env, file };
}

/** A workspace whose runs are real processes of bin/otactl.js (test/helpers/run-cli.ts runs in process). */
export function workspace(): Workspace {
  const { dir, env, file } = workspaceDir();
  return {
    dir,
    env,
    file,
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
  };
}

/** init + three uploaded generic builds; returns their ids. */
export function seededWorkspace(): Workspace & { b1: string; b2: string; b3: string } {
  const ws = workspace();
  const init = ws.run(['init', '--json']);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const ids = SEED_BUILDS.map((_, i) => {
    const up = ws.run(seedUpload(ws, i));
    if (up.code !== 0) throw new Error(`upload failed: ${up.stderr}`);
    return up.json().build_id as string;
  });
  return Object.assign(ws, { b1: ids[0]!, b2: ids[1]!, b3: ids[2]! });
}

/** The seeded builds' version codes; seedUpload writes build i and returns its upload line. */
export const SEED_BUILDS = [100, 101, 102] as const;
export function seedUpload(ws: { file(name: string, bytes: Buffer | string): string }, i: number): string[] {
  ws.file(`build${i}.bin`, Buffer.from(`build ${i} `.repeat(1000 + i)));
  return ['upload', `build${i}.bin`, '--app', 'demo', '--kind', 'file', '--version-code', String(SEED_BUILDS[i]), '--version-name', `1.0.${i}`, '--json'];
}

/** Every file under `dir` with its SHA-256, sorted by path: "unchanged" means byte-for-byte. */
export function treeSnapshot(dir: string): string {
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
  return files.map((f) => `${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}  ./${f}\n`).join('');
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
