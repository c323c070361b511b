/**
 * A secret given where its file's path (or its variable's name) belongs, the everyday mistake of
 * `--hmac-key-file "$KEY"` (issue 17 item 4: no secret in any output): the HMAC key as the flag or as a guessed `--hmac-key=`, as
 * config nudge.hmac_key_file or nudge.hmac_key_env, a private key's base64 as a signing_keys entry.
 * The command fails (exit 2), and neither its message, its --json error nor its --debug trace
 * quotes the value. Before, each came back whole: "cannot read the HMAC key file /work/3f2a...: ENOENT".
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../helpers/run-cli.js';
import { p256 } from '../helpers/keys.js';

const ws = cliWorkspace();
const nudge = ['nudge', '--app', 'demo', '--channel', 'stable', '--via', 'webhook', '--device', 'dev-1', '--webhook-url', 'http://127.0.0.1:9/hook'];

describe('a secret passed as a path is not echoed', () => {
  it.each([
    ['a hex HMAC key as --hmac-key-file', randomBytes(32).toString('hex')],
    ['an upper-case hex HMAC key as --hmac-key-file', randomBytes(48).toString('hex').toUpperCase()],
  ])('%s', async (_name, key) => {
    const runs = await Promise.all([await ws.run([...nudge, '--hmac-key-file', key, '--debug']), await ws.run([...nudge, '--hmac-key-file', key, '--json'])]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(`${r.stdout}\n${r.stderr}`).not.toContain(key);
      expect(r.stderr).toMatch(/cannot read the HMAC key file/);
    }
  });
});

describe('a key in place of a name in the config', () => {
  it.each([
    ['nudge.hmac_key_file', (key: string) => ({ hmac_key_file: key })],
    ['nudge.hmac_key_env', (key: string) => ({ hmac_key_env: key })],
  ])('%s holding the key itself', async (_name, nudgeBlock) => {
    const key = `A${randomBytes(32).toString('hex').toUpperCase()}`;
    const config = ws.file('key-in-config.json', JSON.stringify({ store: 'file://./store', nudge: nudgeBlock(key) }));
    const r = await ws.run([...nudge, '--config', config, '--debug']);
    expect(r.code, r.stderr).toBe(2);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain(key);
    expect(r.stderr).toMatch(/HMAC key/);
  });
});

describe('a private key in place of its path in signing_keys', () => {
  it('the base64 of a PKCS#8 key (PEM without its armour lines) is not quoted back', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    // One whose base64 holds '//', which a path resolution collapses to '/'.
    let pair = p256();
    while (!pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64').includes('//')) pair = p256();
    const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    ws.file('signer.pub.pem', pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    mkdirSync(join(ws.dir, 'store'), { recursive: true });
    const config = ws.file('key-in-signing-keys.json', JSON.stringify({ store: 'file://./store', signing_keys: [der], trusted_keys: ['signer.pub.pem'] }));
    const build = ws.file('build.bin', 'a build');
    const r = await ws.run(['upload', build, '--app', 'demo', '--kind', 'file', '--version-code', '1', '--config', config, '--debug']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/signing key .* does not exist/);
    // The whole key, and any 40-character run of it (a message may cut it).
    const runs = Array.from({ length: der.length - 40 }, (_, i) => der.slice(i, i + 40)).flatMap((run) => [run, run.replace(/\/\/+/g, '/')]);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(runs.filter((run) => out.includes(run))).toEqual([]);
  });
});

describe('a guessed option carrying a secret', () => {
  it('"unknown option --hmac-key=KEY" names the option, not the value (message and --json)', async () => {
    const key = randomBytes(32).toString('hex');
    const args = [...nudge, `--hmac-key=${key}`];
    const runs = await Promise.all([await ws.run(args), await ws.run([...args, '--json'])]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(`${r.stdout}\n${r.stderr}`).not.toContain(key);
      expect(r.stderr).toContain("unknown option '--hmac-key=***'");
    }
    expect(runs[1]!.json().error.message).toBe("unknown option '--hmac-key=***'");
  });
});
