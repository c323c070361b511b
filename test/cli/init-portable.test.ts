import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFrom } from '../../src/cli/config.js';
import type { RunResult } from '../helpers/cli.js';
import { cliWorkspace, runCli } from '../helpers/run-cli.js';

/** otactl.config.json is committed by a team: it must work from any checkout, on any machine. */
describe('a portable config', { timeout: 180_000 }, () => {
  const ws = cliWorkspace();
  let init: RunResult;
  let configText: string;
  beforeAll(async () => {
    init = await ws.run(['init', '--json']);
    configText = readFileSync(join(ws.dir, 'otactl.config.json'), 'utf8');
  });
  const elsewhere = mkdtempSync(join(tmpdir(), 'otactl-test-copy-'));
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  const runIn = (cwd: string, args: string[], env: NodeJS.ProcessEnv = ws.env) => runCli({ argv: args, cwd, env });
  const publish = async (cwd: string, env?: NodeJS.ProcessEnv) => {
    writeFileSync(join(cwd, 'fw.bin'), Buffer.alloc(4000, cwd.length));
    const up = await runIn(cwd, ['upload', 'fw.bin', '--app', 'demo', '--kind', 'file', '--version-code', '5', '--json'], env);
    expect(up.code, up.stderr).toBe(0);
    const id = JSON.parse(up.stdout).build_id as string;
    const pr = await runIn(cwd, ['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'], env);
    expect(pr.code, pr.stderr).toBe(0);
    const check = await runIn(cwd, ['check', '--app', 'demo', '--channel', 'stable', '--device', 'd1', '--current-version-code', '1', '--json'], env);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ action: 'update', build: { build_id: id } });
  };

  it('init writes no absolute path and no user name; the key is named by id, the public key sits in the project', () => {
    expect(init.code, init.stderr).toBe(0);
    const config = JSON.parse(configText);
    expect(configText).not.toContain(ws.dir);
    expect(configText).not.toMatch(/"(\/|~)/);
    const user = userInfo().username;
    expect(configText).not.toContain(`/${user}/`);
    expect(config.signing_keys).toEqual([expect.stringMatching(/^keyid:[0-9a-f]{16}$/)]);
    expect(config.trusted_keys).toEqual([expect.stringMatching(/^keys\/[0-9a-f]{16}\.pub\.pem$/)]);
    expect(readdirSync(join(ws.dir, 'keys'))).toHaveLength(1);
  });

  it('a copy of the project elsewhere signs and verifies with the same OTACTL_KEY_DIR', async () => {
    for (const name of ['otactl.config.json', 'ota-store', 'keys']) cpSync(join(ws.dir, name), join(elsewhere, name), { recursive: true });
    await publish(elsewhere);
  });

  it('OTACTL_SIGNING_KEY alone (no key folder) signs too; without either the error says what to set', async () => {
    const pem = readFileSync(join(ws.env.OTACTL_KEY_DIR!, readdirSync(ws.env.OTACTL_KEY_DIR!)[0]!), 'utf8');
    const noDir = { ...ws.env, OTACTL_KEY_DIR: join(ws.dir, 'no-such-folder') };
    await publish(ws.dir, { ...noDir, OTACTL_SIGNING_KEY: pem });
    const r = await runIn(ws.dir, ['rollout', '50', '--app', 'demo', '--channel', 'stable', '--yes'], noDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^otactl: error: signing key [0-9a-f]{16} is not in .*: set OTACTL_KEY_DIR .* or OTACTL_SIGNING_KEY/m);
  });

  it('an old config naming the private key by absolute path still signs; keys list shows it', async () => {
    const keyDir = ws.env.OTACTL_KEY_DIR!;
    const config = JSON.parse(configText);
    config.signing_keys = [join(keyDir, readdirSync(keyDir)[0]!)];
    writeFileSync(join(elsewhere, 'otactl.config.json'), JSON.stringify(config));
    const r = await runIn(elsewhere, ['rollout', '50', '--app', 'demo', '--channel', 'stable', '--yes'], { ...ws.env, OTACTL_KEY_DIR: '/nonexistent' });
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse((await runIn(elsewhere, ['keys', 'list', '--json'])).stdout).keys;
    expect(list).toEqual([expect.objectContaining({ signing: true, trusted: true })]);
  });

  it('~/ in a config path is the HOME of the environment otactl was given', () => {
    expect(resolveFrom('/project', '~/k.pem', { HOME: '/home/alice' })).toBe('/home/alice/k.pem');
    expect(resolveFrom('/project', 'keys/k.pem', {})).toBe('/project/keys/k.pem');
  });
});
