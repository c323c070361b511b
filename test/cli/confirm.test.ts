import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, seededWorkspace, treeSnapshot } from '../helpers/cli.js';

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
