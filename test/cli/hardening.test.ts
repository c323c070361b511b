import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext, type GlobalOptions } from '../../src/cli/context.js';
import { IO } from '../../src/cli/io.js';
import { terminalSafe } from '../../src/cli/render.js';
import { rollout } from '../../src/release/channel-workflows.js';
import { planChange, sealChange } from '../../src/core/channel.js';
import { MANIFEST_PAYLOAD_TYPE } from '../../src/protocol/schemas.js';
import { layout } from '../../src/repo/layout.js';
import { signEnvelope } from '../../src/protocol/dsse.js';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { fifoAt } from '../helpers/fifo.js';
import { seededCliSuite } from '../helpers/run-cli.js';

describe('newcomer hardening: durations, actors, terminals, serve, --json, non-files', () => {
  const ws = seededCliSuite();
  const store = join(ws.dir, 'ota-store');
  const stable = ['--app', 'demo', '--channel', 'stable'];
  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, ...stable, '--rollout', '10', '--yes'])).code).toBe(0);
  });
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

  describe('manifest lifetime', () => {
    const refused: [string, string[], NodeJS.ProcessEnv, string][] = [
      ['--expires-in 0s', ['--expires-in', '0s'], {}, 'E_USAGE'],
      ['--expires-in 59m', ['--expires-in', '59m'], {}, 'E_USAGE'],
      ['--expires-in 99999999d', ['--expires-in', '99999999d'], {}, 'E_USAGE'],
      ['--expires-in 367d', ['--expires-in', '367d'], {}, 'E_USAGE'],
      ['OTACTL_MANIFEST_TTL=2s', [], { OTACTL_MANIFEST_TTL: '2s' }, 'E_USAGE'],
    ];
    it.each(refused)('%s is refused (exit 2), nothing published', async (_name, flags, env, code) => {
      const before = treeSnapshot(store);
      const r = await ws.run(['rollout', '20', ...stable, '--yes', '--json', ...flags], { env });
      expectCleanFailure(r, 2, code);
      expect(treeSnapshot(store)).toBe(before);
    });

    it('a config manifest_ttl of 2s is an E_CONFIG error where it is used', async () => {
      const cfgPath = join(ws.dir, 'otactl.config.json');
      const original = readFileSync(cfgPath, 'utf8');
      try {
        writeFileSync(cfgPath, JSON.stringify({ ...JSON.parse(original), manifest_ttl: '2s' }));
        const before = treeSnapshot(store);
        const r = await ws.run(['rollout', '20', ...stable, '--yes', '--json']);
        expectCleanFailure(r, 2, 'E_CONFIG');
        expect(r.json().error.message).toMatch(/manifest_ttl 2s is shorter than 1h/);
        expect(treeSnapshot(store)).toBe(before);
        expect((await ws.run(['status', '--json'])).code).toBe(0); // reading is not affected
      } finally {
        writeFileSync(cfgPath, original);
      }
    });

    it('under a day publishes with a warning on stderr and in the JSON warnings', async () => {
      const r = await ws.run(['rollout', '15', ...stable, '--yes', '--json', '--expires-in', '12h']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning: the manifest lifetime is shorter than a day \(12 h\)/);
      expect(r.json().warnings.some((w: string) => /shorter than a day \(12 h\)/.test(w))).toBe(true);
      const hours = (Date.parse(r.json().expires_at) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11);
      expect(hours).toBeLessThanOrEqual(12);
    });
  });

  describe('actors and terminal safety', () => {
    const hostile: [string, string[], NodeJS.ProcessEnv][] = [
      ['--actor with a newline', ['--actor', 'alice\n    9  forged'], {}],
      ['--actor with an escape sequence', ['--actor', 'alice\x1b[2J'], {}],
      ['--actor with a bidi override', ['--actor', 'alice\u202eecila'], {}],
      ['--actor of 129 characters', ['--actor', 'a'.repeat(129)], {}],
      ['OTACTL_ACTOR with a newline', [], { OTACTL_ACTOR: 'bob\nforged' }],
      ['a hostile GITHUB_ACTOR', [], { OTACTL_ACTOR: '', GITHUB_ACTOR: 'mallory\x1b]0;owned\x07' }],
    ];
    it.each(hostile)('%s is refused (exit 2, E_ACTOR), nothing published', async (_name, flags, env) => {
      const before = treeSnapshot(store);
      const r = await ws.run(['rollout', '25', ...stable, '--yes', '--json', ...flags], { env });
      expectCleanFailure(r, 2, 'E_ACTOR');
      expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/); // the message shows it escaped
      expect(treeSnapshot(store)).toBe(before);
    });

    it('an actor of 128 printable characters is accepted', async () => {
      expect((await ws.run(['rollout', '16', ...stable, '--yes', '--actor', 'é'.repeat(128)])).code).toBe(0);
    });

    it('a hostile actor already in signed history prints escaped, one line per change', async () => {
      // Signed as an older otactl could have: today neither the CLI nor the library signs it, so the
      // record and the manifest naming it are sealed and signed here by hand.
      const evil = 'eve\n    99  2020-01-01T00:00:00.000Z  promote   - -> b-forged@100%  by admin\x1b[2J\u202e';
      const globals: GlobalOptions = { json: true, yes: true, debug: false, color: false, quiet: true };
      const io = new IO({ json: true, stdout: new PassThrough(), stderr: new PassThrough(), env: {} });
      const ctx = new CliContext(io, globals, { ...ws.env }, ws.dir);
      const deps = { ...(await ctx.releaseDeps()), actor: evil };
      const head = (await deps.repo.readChannel('demo', 'stable'))!;
      const percent = head.payload.build.staged_rollout_percent + 1;
      await expect(rollout(deps, { app: 'demo', channel: 'stable', percent })).rejects.toMatchObject({ code: 'E_ACTOR' });
      const plan = planChange(head.payload, { action: 'rollout', percent }, { now: new Date(), actor: evil, expiresInSeconds: 86_400 * 14, newSalt: () => 'unused', appRecord: head.payload.app_record });
      const { recordBytes, digest, payload } = sealChange(plan, head.payload.change);
      await deps.repo.store.putIfAbsent(layout.history('demo', 'stable', payload.sequence, digest), recordBytes);
      const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, Buffer.from(JSON.stringify(payload)), await ctx.signingKeys());
      await deps.repo.store.compareAndSwap(head.key, Buffer.from(JSON.stringify(env)), head.etag);

      const r = await ws.run(['history', ...stable]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202a-\u202e]/);
      expect(r.stdout).toContain('by eve\\n    99  2020-01-01T00:00:00.000Z');
      expect(r.stdout).toContain('\\x1b[2J\\u202e');
      const lines = r.stdout.trim().split('\n');
      expect(lines.filter((l) => /^\s+99 /.test(l))).toEqual([]); // no forged line
      // JSON keeps the stored text exactly.
      expect((await ws.run(['history', ...stable, '--json'])).json().changes[0].actor).toBe(evil);
    });

    it('terminalSafe escapes C0, C1, DEL and bidi controls and keeps printable text', async () => {
      expect(terminalSafe('a\nb\r\t\x00\x1b[31m\x7f\x9b\u202a\u2066\u2069é✓')).toBe('a\\nb\\r\\t\\x00\\x1b[31m\\x7f\\x9b\\u202a\\u2066\\u2069é✓');
    });
  });

  describe('otactl serve cannot listen', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

    it('a port in use is exit 2 naming the address', async () => {
      const r = await ws.run(['serve', '--port', String(port), '--json']);
      expectCleanFailure(r, 2, 'E_LISTEN');
      expect(r.json().error.message).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
    });

    it('an address that is not on this host is exit 2', async () => {
      const r = await ws.run(['serve', '--host', '192.0.2.1', '--port', '0', '--json']); // TEST-NET-1
      expectCleanFailure(r, 2, 'E_LISTEN');
      expect(r.json().error.message).toMatch(/cannot listen on 192\.0\.2\.1:0: the address is not one of this host's/);
    });
  });

  describe('--json without a command prints one JSON document', () => {
    it('otactl --json is a usage error (exit 2) as one JSON document', async () => {
      const r = await ws.run(['--json']);
      expectCleanFailure(r, 2, 'E_USAGE');
      expect(r.json().error.message).toMatch(/no command given/);
      expect(r.stderr).not.toMatch(/Usage:/);
    });

    it('otactl --version --json prints {"version"} only', async () => {
      const r = await ws.run(['--version', '--json']);
      expect(r.code).toBe(0);
      expect(r.json()).toEqual({ version: JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version });
    });

    it('a usage error with --json is one document on stdout', async () => {
      const r = await ws.run(['status', '--bogus', '--json']);
      expectCleanFailure(r, 2, 'E_USAGE');
    });
  });

  describe('inspect and upload refuse what is not a regular file', () => {
    const fifo = join(ws.dir, 'pipe');
    beforeAll(() => fifoAt(fifo));

    const targets: [string, () => string][] = [
      ['/dev/zero', () => '/dev/zero'],
      ['a named pipe', () => fifo],
      ['a directory', () => store],
    ];
    it.each(targets)('inspect %s: exit 2 before reading it', async (_name, path) => {
      const r = await ws.run(['inspect', path(), '--json']);
      expectCleanFailure(r, 2, 'E_NOT_A_FILE');
      const forced = await ws.run(['inspect', path(), '--kind', 'file', '--json']);
      expectCleanFailure(forced, 2, 'E_NOT_A_FILE');
    });

    it.each(targets)('upload %s: exit 2, nothing stored', async (_name, path) => {
      const before = treeSnapshot(store);
      const r = await ws.run(['upload', path(), '--app', 'demo', '--kind', 'file', '--version-code', '900', '--json']);
      expectCleanFailure(r, 2, 'E_NOT_A_FILE');
      expect(treeSnapshot(store)).toBe(before);
    });
  });
});
