/**
 * Issue 18: paths that are not regular files, key files that could be read two ways. Every such
 * input is one line and exit 2, at once: never a hang (a FIFO without a writer blocks open() and
 * read() for ever), never a silently different key.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure, treeSnapshot, type RunResult } from '../helpers/cli.js';
import { fifoAt } from '../helpers/fifo.js';
import { seededCliSuite } from '../helpers/run-cli.js';

describe('hostile files', () => {
  const ws = seededCliSuite();
  const fifo = join(ws.dir, 'in.fifo');
  beforeAll(() => {
    fifoAt(fifo);
    mkdirSync(join(ws.dir, 'a-folder'));
  });

  /** The CLI, given up on after 20 s (as SIGKILL): a command that waits on a FIFO fails the test instead of hanging it. */
  async function runBounded(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<RunResult>((resolve) => {
      timer = setTimeout(() => resolve({ code: null, signal: 'SIGKILL', stdout: '', stderr: 'no answer in 20 s', json: () => ({}) as never }), 20_000);
    });
    try {
      return await Promise.race([ws.run(args, { env }), stuck]);
    } finally {
      clearTimeout(timer);
    }
  }

  const nudge = ['nudge', '--app', 'demo', '--channel', 'stable', '--device', 'dev-1', '--via', 'webhook', '--webhook-url', 'http://127.0.0.1:9/hook'];
  const cases: [string, string[], NodeJS.ProcessEnv?][] = [
    ['check --manifest', ['check', '--app', 'demo', '--channel', 'stable', '--device', 'd1', '--current-version-code', '1', '--manifest', fifo]],
    ['inspect', ['inspect', fifo]],
    ['upload', ['upload', fifo, '--app', 'demo', '--kind', 'file', '--version-code', '300']],
    ['--config', ['status', '--config', fifo]],
    ['stats --logs (a file)', ['stats', '--logs', fifo]],
    ['nudge --hmac-key-file', [...nudge, '--hmac-key-file', fifo]],
    ['nudge --devices-file', ['nudge', '--app', 'demo', '--channel', 'stable', '--devices-file', fifo, '--via', 'webhook', '--webhook-url', 'http://127.0.0.1:9/hook', '--hmac-key-file', 'k.bin']],
    ['status --logs (a file)', ['status', '--logs', fifo]],
  ];

  it.each(cases)('a FIFO as %s: exit 2, E_NOT_A_FILE, at once, store unchanged', async (_what, args, env) => {
    ws.file('k.bin', Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 37 + 200) & 0xff)));
    const before = treeSnapshot(join(ws.dir, 'ota-store'));
    const r = await runBounded([...args, '--json'], env);
    expect(r.signal, `still waiting after 20 s: ${r.stderr}`).toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/is a named pipe, not a regular file/);
    expect(treeSnapshot(join(ws.dir, 'ota-store'))).toBe(before);
  });

  it('a folder where a file is expected says so the same way', async () => {
    const r = await runBounded(['check', '--app', 'demo', '--channel', 'stable', '--device', 'd1', '--current-version-code', '1', '--manifest', 'a-folder', '--json']);
    expectCleanFailure(r, 2, 'E_NOT_A_FILE');
    expect(r.json().error.message).toMatch(/a-folder is a directory/);
  });

  it('an HMAC key file of hex text that is not exactly 64 digits is exit 2, not another raw key', async () => {
    for (const text of ['d4'.repeat(31), `${'e5'.repeat(31)}e\n`, '0f'.repeat(40), `0X${'a1'.repeat(32)}\n`]) {
      ws.file('odd.key', text);
      const r = await runBounded([...nudge, '--hmac-key-file', 'odd.key', '--dry-run', '--json']);
      expectCleanFailure(r, 2, 'E_NUDGE_KEY');
      expect(r.json().error.message).toMatch(/exactly 64 hex digits/);
    }
    ws.file('good.key', `${'b7'.repeat(32)}\n`);
    const ok = await runBounded([...nudge, '--hmac-key-file', 'good.key', '--dry-run', '--json']);
    expect(ok.code, ok.stderr).not.toBe(2);
  });
});
