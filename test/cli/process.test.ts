import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import http from 'node:http';
import * as nodeModule from 'node:module';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, seededWorkspace, treeSnapshot } from '../helpers/cli.js';
import { raceRollouts } from '../helpers/rollout-race.js';
import { parseAccessLog } from '../../src/edge/access-log.js';

/**
 * What only a real process of bin/otactl.js shows: a crash (SIGKILL) between two writes, SIGINT and
 * SIGTERM, a terminal's prompt, a closed stdout pipe, writers in separate processes, the bin on
 * PATH, the bin's V8 compile cache. Every other CLI test runs in process (test/helpers/run-cli.ts).
 */

const crashPreload = join(repoRoot, 'test', 'helpers', 'crash-preload.mjs');
const pausePreload = join(repoRoot, 'test', 'helpers', 'pause-preload.mjs');

// About 45 CLI processes in a row, each needed (one crash point each): a budget for a loaded 2-core machine.
describe('a crash between any two writes leaves the channel valid', { timeout: 300_000 }, () => {
  it('kills rollout before each file-system mutation; the channel stays readable and the next writer proceeds', async () => {
    const ws = seededWorkspace();
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    let step = 1;
    let completed = false;
    let crashes = 0;
    let percent = 11;
    while (!completed && step < 40) {
      const before = ws.run(['status', '--json']).json().channels[0].sequence as number;
      const r = ws.run(['rollout', String(percent), '--app', 'demo', '--channel', 'stable', '--yes', '--json'], {
        nodeArgs: ['--import', crashPreload],
        env: { OTACTL_TEST_CRASH_AT: String(step) },
      });
      if (r.signal === 'SIGKILL') {
        crashes++;
        expect(r.stderr).toMatch(/crash-preload: killed before/);
      } else {
        expect(r.code, r.stderr).toBe(0);
        completed = true;
      }
      // The channel verifies and is either the old or the new state.
      const status = ws.run(['status', '--json']);
      expect(status.code, `after crash at step ${step}: ${status.stderr}`).toBe(0);
      const seq = status.json().channels[0].sequence as number;
      expect([before, before + 1]).toContain(seq);
      const hist = ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']);
      expect(hist.code, hist.stderr).toBe(0);
      expect(hist.json().changes.length).toBe(seq);
      // The next writer is never blocked by what the dead one left (orphan record, stale lock).
      const next = ws.run(['rollout', String(percent + 50), '--app', 'demo', '--channel', 'stable', '--yes', '--json']);
      expect(next.code, `next writer after crash at step ${step}: ${next.stderr}`).toBe(0);
      expect(next.json().sequence).toBe(seq + 1);
      step++;
      percent++;
    }
    expect(completed).toBe(true);
    expect(crashes).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'manifest.json.lock'))).toBe(false);
  });

  it('kills repair before each file-system mutation; the channel is still damaged or repaired, and the next repair succeeds', () => {
    const ws = seededWorkspace();
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    const manifest = join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'manifest.json');
    const repair = ['repair', '--app', 'demo', '--channel', 'stable', '--yes', '--json'];
    let completed = false;
    let crashes = 0;
    let before = 1;
    for (let step = 1; !completed && step < 40; step++) {
      truncateSync(manifest, 20);
      const r = ws.run(repair, { nodeArgs: ['--import', crashPreload], env: { OTACTL_TEST_CRASH_AT: String(step) } });
      if (r.signal === 'SIGKILL') crashes++;
      else {
        expect(r.code, r.stderr).toBe(0);
        completed = true;
      }
      const status = ws.run(['status', '--json']);
      if (status.code === 0) expect(status.json().channels[0].sequence).toBeGreaterThan(before);
      else expect(status.json().channels[0].error.code, `after crash at step ${step}`).toBe('E_TAMPERED');
      // Whatever the dead repair left (orphan record, stale lock, temp file), the next one proceeds.
      const next = ws.run(repair);
      expect(next.code, `next repair after crash at step ${step}: ${next.stderr}`).toBe(0);
      const after = ws.run(['status', '--json']);
      expect(after.code, after.stderr).toBe(0);
      expect(after.json().channels[0].build.staged_rollout_percent).toBe(10);
      before = after.json().channels[0].sequence as number;
    }
    expect(completed).toBe(true);
    expect(crashes).toBeGreaterThanOrEqual(3);
  }, 300_000);
});

// A real SIGKILL needs a real process; what gc then finds is gc.test.ts's subject.
describe('otactl gc after a crash', { timeout: 300_000 }, () => {
  it('finds the temporary file of an upload killed mid-write (a real SIGKILL), and deletes it with --yes', () => {
    const ws = seededWorkspace();
    const artifacts = join(ws.dir, 'ota-store', 'artifacts', 'sha256');
    ws.file('big.bin', randomBytes(2_000_000));
    const temps = () => readdirSync(artifacts).filter((f) => f.endsWith('.tmp'));
    for (let step = 1; step < 30 && temps().length === 0; step++) {
      const r = ws.run(['upload', 'big.bin', '--app', 'demo', '--kind', 'file', '--version-code', '500'], {
        nodeArgs: ['--import', crashPreload],
        env: { OTACTL_TEST_CRASH_AT: String(step) },
      });
      expect(r.signal, r.stderr).toBe('SIGKILL');
    }
    expect(temps()).toHaveLength(1);
    const key = `artifacts/sha256/${temps()[0]}`;
    expect(ws.run(['gc', '--json']).json().temporary).toEqual([]); // younger than an hour
    const dry = ws.run(['gc', '--older-than', '0s', '--json']).json();
    // Earlier kills may also have left the temporary file of the upload's lease (gc/uploading/).
    expect(dry.temporary).toContainEqual(expect.objectContaining({ key }));
    expect(dry.temporary.every((t: any) => t.key === key || t.key.startsWith('gc/uploading/.'))).toBe(true);
    expect(dry.bytes).toBeGreaterThan(0);
    expect(ws.run(['gc', '--older-than', '0s', '--yes']).code).toBe(0);
    expect(temps()).toEqual([]);
  });
});

// Only a process shows it: the reader of stdout has gone before otactl writes (`otactl … | head -1`).
describe('a closed stdout pipe', () => {
  it.each([[['rollout', '--help']], [['--version']]])('otactl %j ends quietly: exit 0, no EPIPE stack trace', async (args) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the read end is closed before the first write
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|node:events|Unhandled/);
    expect(code).toBe(0);
  });
});

/**
 * On a terminal, promote/rollout/rollback show the change and ask. util-linux `script` gives the
 * CLI a real pseudo-terminal; the answer is typed on its input.
 */
describe('confirmation on a TTY', () => {
  const ws = seededWorkspace();
  const store = join(ws.dir, 'ota-store');
  const onTty = (args: string, answer: string) =>
    spawnSync('script', ['-qec', `${process.execPath} ${bin} ${args}`, '/dev/null'], {
      cwd: ws.dir,
      env: { ...ws.env, TERM: 'xterm' },
      input: answer,
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('declining changes nothing (exit 8); accepting publishes', () => {
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    const before = treeSnapshot(store);
    const no = onTty('rollout 30 --app demo --channel stable', 'n\n');
    expect(no.stdout).toMatch(/rollout demo\/stable: .* at 10% -> .* at 30%/);
    expect(no.stdout).toMatch(/Publish this change to demo\/stable\? \[y\/N\]/);
    expect(no.status).toBe(8);
    expect(treeSnapshot(store)).toBe(before);

    const yes = onTty('rollout 30 --app demo --channel stable', 'y\n');
    expect(yes.status, yes.stdout).toBe(0);
    expect(ws.run(['status', '--json']).json().channels[0].build.staged_rollout_percent).toBe(30);
  });

  it('Ctrl-C at the prompt is exit 130 "interrupted; nothing was changed"', async () => {
    const before = treeSnapshot(store);
    // Ctrl-C is typed only once the question is on screen (readline then reads it as a key).
    const out = await new Promise<{ status: number | null; text: string }>((resolve) => {
      const child = spawn('script', ['-qec', `${process.execPath} ${bin} rollout 70 --app demo --channel stable`, '/dev/null'], {
        cwd: ws.dir,
        env: { ...ws.env, TERM: 'xterm' },
      });
      let text = '';
      let typed = false;
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      // The child may be gone by the time a late write lands: that is not a test failure.
      child.stdin.on('error', () => undefined);
      child.stdout.on('data', (d) => {
        text += d;
        if (!typed && text.includes('[y/N]')) {
          typed = true; // once: later output (the error line) must not write to a closed pty
          child.stdin.write('\x03');
        }
      });
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, text });
      });
    });
    expect(out.status, out.text).toBe(130);
    expect(out.text).toMatch(/otactl: error: interrupted; nothing was changed/);
    expect(out.text).not.toMatch(/internal error/);
    expect(treeSnapshot(store)).toBe(before);
  });

  it('--dry-run on a TTY asks nothing and publishes nothing', () => {
    const before = treeSnapshot(store);
    const dry = onTty('rollback --app demo --channel stable --to ' + ws.b1 + ' --dry-run', '');
    expect(dry.status).toBe(2); // b1 is current: nothing to roll back to
    const r = onTty('rollout 50 --app demo --channel stable --dry-run', '');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\[y\/N\]/);
    expect(treeSnapshot(store)).toBe(before);
  });
});

/**
 * SIGINT/SIGTERM in the middle of a store write. A test-only preload parks the CLI right before a
 * chosen file-system call and says so on stderr; the signal is sent then, so nothing depends on timing.
 */
describe('interrupted commands', () => {
  const ws = seededWorkspace();
  const store = join(ws.dir, 'ota-store');
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

  function interruptAt(args: string[], pauseAt: string, signal: NodeJS.Signals, extraEnv: Record<string, string> = {}, killAfterMs = 60_000) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', pausePreload, bin, ...args], {
        cwd: ws.dir,
        env: { ...ws.env, OTACTL_TEST_PAUSE_AT: pauseAt, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let sent = false;
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => {
        stderr += d;
        if (!sent && stderr.includes('pause-preload: paused')) {
          sent = true;
          child.kill(signal);
        }
      });
      child.on('error', reject);
      child.on('close', (status, bySignal) => {
        clearTimeout(timer);
        // Ended by the signal itself (its default action): the shell's exit status is 128 + its number.
        const code = status ?? (bySignal ? 128 + constants.signals[bySignal] : null);
        if (!sent) reject(new Error(`never reached ${pauseAt} (exit ${code}):\n${stderr}`));
        else resolve({ code, stdout, stderr });
      });
    });
  }

  /** Every file under the store whose name says it was left behind by a writer. */
  function leftovers(): string[] {
    return (readdirSync(store, { recursive: true }) as string[]).filter((f) => /\.tmp$|\.lock$/.test(f));
  }

  function sequence(): number {
    const r = ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return r.json().channels[0].sequence;
  }

  it('SIGINT before the history record is linked: exit 130, temp files gone, channel unchanged', async () => {
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    const before = sequence();
    const r = await interruptAt(['rollout', '20', '--app', 'demo', '--channel', 'stable', '--yes'], 'link:.tmp', 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^otactl: error: interrupted; no channel was changed$/m);
    expect(leftovers()).toEqual([]);
    expect(sequence()).toBe(before);
    expect(ws.run(['history', '--app', 'demo', '--channel', 'stable']).code).toBe(0);
  });

  it('SIGTERM with the manifest lock held and its temp written: exit 143, lock and temp gone, one JSON error', async () => {
    const before = sequence();
    const r = await interruptAt(['rollout', '30', '--app', 'demo', '--channel', 'stable', '--yes', '--json'], 'rename:.tmp', 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toMatchObject({ code: 'E_TERMINATED', exit_code: 143 });
    expect(doc.error.message).toMatch(/may or may not have changed/);
    expect(leftovers()).toEqual([]);
    expect(sequence()).toBe(before); // the rename never ran
    // The next writer is not blocked by a lock.
    expect(ws.run(['rollout', '30', '--app', 'demo', '--channel', 'stable', '--yes']).code).toBe(0);
  });

  it('SIGTERM after the manifest was replaced says the change is live', async () => {
    const before = sequence();
    const r = await interruptAt(['rollout', '40', '--app', 'demo', '--channel', 'stable', '--yes'], 'unlink:manifest.json.lock', 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/terminated after publishing apps\/demo\/channels\/stable\/manifest\.json: that change is live/);
    expect(leftovers()).toEqual([]);
    expect(sequence()).toBe(before + 1);
  });

  it('SIGINT during an upload removes the half-stored artifact temp file', async () => {
    ws.file('new.bin', Buffer.from('a new build '.repeat(5000)));
    const r = await interruptAt(['upload', 'new.bin', '--app', 'demo', '--kind', 'file', '--version-code', '200'], 'link:.tmp', 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(leftovers()).toEqual([]);
    expect(ws.run(['builds', '--app', 'demo', '--json']).json().builds).toHaveLength(3);
  });

  it('SIGTERM ends the process even while a worker thread is stuck in a blocking open() (a FIFO without a writer)', async () => {
    const fifo = join(ws.dir, 'stuck.fifo');
    execFileSync('mkfifo', [fifo]);
    try {
      // Killed (SIGKILL, code 137) if it outlives the signal by 15 s; exit 143 when the signal ends it.
      const r = await interruptAt(['rollout', '50', '--app', 'demo', '--channel', 'stable', '--yes'], 'rename:.tmp', 'SIGTERM', { OTACTL_TEST_BLOCK_FIFO: fifo }, 15_000);
      expect(r.code, r.stderr).toBe(143);
      expect(r.stderr).toMatch(/^otactl: error: terminated/m);
      expect(leftovers()).toEqual([]);
    } finally {
      rmSync(fifo, { force: true });
    }
  });

  // serve writes its access log in batches (src/edge/log-writer.ts): stopping it must not lose one.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`otactl serve stopped by ${signal} while requests are in flight: exit 0, every answered request in the access log`, async () => {
      const log = join(ws.dir, `access-${signal}.log`);
      const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--access-log', log, '--json'], { cwd: ws.dir, env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /"url": "([^"]+)"/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('close', (code) => reject(new Error(`otactl serve exited ${code}`)));
      });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const answered: string[] = [];
      let signalled = false;
      const once = () =>
        new Promise<boolean>((resolve) => {
          const req = http.get(`${url}/apps/demo/builds/${ws.b1}.json`, { agent }, (res) => {
            res.resume();
            res.on('end', () => {
              answered.push(String(res.headers['x-amz-cf-id']));
              resolve(true);
            });
            res.on('error', () => resolve(false));
          });
          req.on('error', () => resolve(false));
        });
      // Eight clients request until the server is gone; the signal goes after the 300th answer.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (await once()) {
            if (!signalled && answered.length >= 300) {
              signalled = true;
              child.kill(signal);
            }
          }
        }),
      );
      agent.destroy();
      expect(await exited).toBe(0);
      const logged = new Set(parseAccessLog(readFileSync(log, 'utf8')).map((r) => r['x-edge-request-id']));
      expect(answered.length).toBeGreaterThanOrEqual(300);
      expect(answered.filter((id) => !logged.has(id))).toEqual([]);
    });
  }
});

describe('concurrent writers on one channel', () => {
  it('20 rollout processes at once: each wins with its own sequence or exits 3; history has no gap and no orphan record', async () => {
    const ws = seededWorkspace();
    // Losers removed the records they wrote: the history folder holds the chain and nothing else.
    await raceRollouts(ws, ws.b1, () => readdirSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'history')).filter((f) => !f.startsWith('.')).length);
  });
});

// The README's fallback: the package's bin through npm, from the repository, without the network.
describe('npx otactl', () => {
  it('`npx otactl --version` works from the repository without the network (the README\'s fallback)', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = spawnSync('npx', ['--no-install', 'otactl', '--version'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_offline: 'true' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 180_000);
});

/**
 * bin/otactl.js keeps V8's compile cache where Node has one (22.1+) in the user's own cache folder,
 * never in the shared temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off. On Node 20 nothing
 * is written. Runs on whichever Node runs the tests (CI: 24 for the suite, 20 for the smoke set).
 */
describe('the V8 compile cache of bin/otactl.js', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const hasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

  function run(env: NodeJS.ProcessEnv): { home: string; cache: string } {
    const home = mkdtempSync(join(tmpdir(), 'otactl-cc-'));
    dirs.push(home);
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/otactl.js'), '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, ...env } });
    expect(r.status, r.stderr).toBe(0);
    return { home, cache: join(home, '.cache/otactl/node-compile-cache') };
  }

  it(hasCache ? 'is written under ~/.cache/otactl on this Node' : 'is not written on this Node (no module.enableCompileCache)', () => {
    const { cache } = run({});
    expect(existsSync(cache)).toBe(hasCache);
    if (hasCache) expect(readdirSync(cache).length).toBeGreaterThan(0);
  });

  it('goes to $XDG_CACHE_HOME when that is an absolute path, and nowhere with NODE_DISABLE_COMPILE_CACHE=1', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'otactl-xdg-'));
    dirs.push(xdg);
    const { cache } = run({ XDG_CACHE_HOME: xdg });
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(join(xdg, 'otactl/node-compile-cache'))).toBe(hasCache);
    const off = run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(existsSync(join(off.home, '.cache'))).toBe(false);
  });
});
