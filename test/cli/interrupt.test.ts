import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { constants } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, seededWorkspace } from '../helpers/cli.js';
import { parseAccessLog } from '../../src/edge/access-log.js';

/**
 * SIGINT/SIGTERM in the middle of a store write. A test-only preload parks the CLI right before a
 * chosen file-system call and says so on stderr; the signal is sent then, so nothing depends on timing.
 */
const preload = join(repoRoot, 'test', 'helpers', 'pause-preload.mjs');

describe('interrupted commands', () => {
  const ws = seededWorkspace();
  const store = join(ws.dir, 'ota-store');
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

  function interruptAt(args: string[], pauseAt: string, signal: NodeJS.Signals, extraEnv: Record<string, string> = {}, killAfterMs = 60_000) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', preload, bin, ...args], {
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
