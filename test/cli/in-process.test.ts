import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliWorkspace, runCli } from '../helpers/run-cli.js';

/**
 * The seams the in-process runner relies on: a run reads the env, folder and clock it is given
 * and writes only to its streams; its exit code is returned, never left in process.exitCode.
 */
describe('the CLI run in process', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('a found-wrong exit (inspect of a file that does not verify) is returned, process.exitCode untouched, nothing on the process streams', async () => {
    const ws = cliWorkspace();
    ws.file('r.apk', Buffer.alloc(4096, 1));
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const r = await ws.run(['inspect', 'r.apk', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().verified).toBe(false);
    expect(process.exitCode).toBeUndefined();
    expect(out.mock.calls.filter(([t]) => String(t).includes('verified'))).toEqual([]);
    expect(err).not.toHaveBeenCalled();
  });

  it('usage errors and help go to the given streams with their exit codes', async () => {
    const ws = cliWorkspace();
    const bad = await ws.run(['status', '--bogus', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('E_USAGE');
    expect(bad.stderr).toMatch(/^otactl: error: unknown option '--bogus'/);
    const help = await ws.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: otactl /);
    expect(process.exitCode).toBeUndefined();
  });

  it('reads the given env and folder, not the process ones, and signs with the given clock', async () => {
    const ws = cliWorkspace();
    const init = await ws.run(['init', '--json'], { env: { OTACTL_STORE: 'file://./elsewhere' } });
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(ws.dir, 'otactl.config.json'))).toBe(true);
    expect(existsSync(join(ws.dir, 'elsewhere'))).toBe(true);
    ws.file('a.bin', 'a');
    const up = await ws.run(['upload', 'a.bin', '--app', 'demo', '--kind', 'file', '--version-code', '1', '--json'], { env: { OTACTL_STORE: 'file://./elsewhere' } });
    expect(up.code, up.stderr).toBe(0);
    const at = new Date('2031-05-06T07:08:09.000Z');
    const pr = await runCli({ argv: ['promote', up.json().build_id, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--json'], env: { ...ws.env, OTACTL_STORE: 'file://./elsewhere' }, cwd: ws.dir, now: () => at });
    expect(pr.code, pr.stderr).toBe(0);
    const envelope = JSON.parse(readFileSync(join(ws.dir, 'elsewhere/apps/demo/channels/stable/manifest.json'), 'utf8'));
    const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    expect(payload.issued_at).toBe('2031-05-06T07:08:09.000Z');
  });

  it('a run forgets the secrets it registered: the next run in the process prints that text as it is', async () => {
    const ws = cliWorkspace();
    const secret = 'zq-not-secret-later-41';
    const first = await ws.run(['inspect', `${secret}.bin`, '--json'], { env: { AWS_SECRET_ACCESS_KEY: secret } });
    expect(first.json().error.message).toContain('***.bin');
    const later = await ws.run(['inspect', `${secret}.bin`, '--json']);
    expect(later.json().error.message).toContain(`${secret}.bin`);
  });

  it('serve, which runs until SIGTERM, stops when the run\'s signal aborts (CliSeams.signal): exit 0, before it listened too', async () => {
    const ws = cliWorkspace();
    expect((await ws.run(['init'])).code).toBe(0);
    const stop = new AbortController();
    let url = '';
    const serving = runCli({ argv: ['serve', '--port', '0', '--json'], env: ws.env, cwd: ws.dir, signal: stop.signal, onStdout: (out) => {
      const m = /"url": "([^"]+)"/.exec(out);
      if (m && !url) {
        url = m[1]!;
        stop.abort();
      }
    } });
    const r = await serving;
    expect(r.code, r.stderr).toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Closed: nothing listens there any more.
    await expect(fetch(`${url}/apps/`)).rejects.toThrow();
    // A signal aborted before serve takes the signals over stops it as soon as it does.
    const early = await runCli({ argv: ['serve', '--port', '0', '--json'], env: ws.env, cwd: ws.dir, signal: AbortSignal.abort() });
    expect(early.code, early.stderr).toBe(0);
    expect(early.json().url).toMatch(/^http:/);
  });

  it('no command sets process.exitCode: a found-wrong exit goes through ctx.exitCode, which the run returns', () => {
    const dir = join(import.meta.dirname, '../../src/cli/commands');
    const setters = readdirSync(dir).filter((f) => /process\.exitCode\s*=/.test(readFileSync(join(dir, f), 'utf8')));
    expect(setters).toEqual([]);
  });
});
