import { beforeAll, describe, expect, it } from 'vitest';
import { CliContext, type GlobalOptions } from '../../src/cli/context.js';
import { IO } from '../../src/cli/io.js';
import { command as uploadCommand } from '../../src/cli/commands/upload.js';
import { cliWorkspace } from '../helpers/run-cli.js';
import { Terminal } from '../helpers/terminal.js';

const globals = (over: Partial<GlobalOptions> = {}): GlobalOptions => ({ json: false, yes: false, debug: false, color: true, quiet: false, ...over });

describe('spinner while upload verifies an artifact', () => {
  const ws = cliWorkspace();
  beforeAll(async () => {
    const init = await ws.run(['init', '--json']);
    expect(init.code, init.stderr).toBe(0);
  });
  const file = ws.file('big.bin', Buffer.alloc(200_000, 3));
  const { NO_COLOR: _noColor, ...rest } = ws.env;
  const env: NodeJS.ProcessEnv = { ...rest, TERM: 'xterm-256color' };

  async function uploadWith(opts: { tty?: boolean; json?: boolean; quiet?: boolean; env?: NodeJS.ProcessEnv; file?: string }): Promise<string> {
    const stderr = new Terminal(opts.tty ?? true);
    const stdout = new Terminal(false);
    const io = await new IO({ json: opts.json ?? false, quiet: opts.quiet, stderr, stdout, env: opts.env ?? env }).init();
    const ctx = new CliContext(io, globals({ json: opts.json, quiet: opts.quiet }), opts.env ?? env, ws.dir);
    await uploadCommand.run(ctx, uploadCommand.parse({ flags: { app: 'demo', kind: 'file', versionCode: '1' }, args: [opts.file ?? file] }));
    expect(stdout.text).toMatch(/(uploaded|already stored as) b-|"build_id": "b-/);
    return stderr.text;
  }

  it('spins on a terminal (ora), then clears its line', async () => {
    const text = await uploadWith({});
    expect(text).toContain('verifying big.bin');
    expect(text).toContain('\u001b[2K');
  });

  it('byte progress on a terminal only: nothing in a pipe or a log (README), nor with --json, --quiet or NO_COLOR', async () => {
    // A new file each time: an artifact already stored is not uploaded again (no progress either way).
    const fresh = (n: number) => ws.file(`fresh${n}.bin`, Buffer.alloc(150_000 + n, n));
    expect(await uploadWith({ file: fresh(1) })).toMatch(/uploading fresh1\.bin 100% \(/);
    const quiet = [{ tty: false }, { json: true }, { quiet: true }, { env: { ...env, NO_COLOR: '1' } }];
    for (const [i, opts] of quiet.entries()) {
      expect(await uploadWith({ ...opts, file: fresh(i + 2) }), JSON.stringify(opts)).not.toMatch(/uploading|\d+%/);
    }
  });

  it('no spinner without a terminal, with --json, --quiet or NO_COLOR', async () => {
    expect(await uploadWith({ tty: false })).not.toContain('verifying');
    expect(await uploadWith({ json: true })).not.toContain('verifying');
    expect(await uploadWith({ quiet: true })).not.toContain('verifying');
    expect(await uploadWith({ env: { ...env, NO_COLOR: '1' } })).not.toContain('verifying');
  });
});
