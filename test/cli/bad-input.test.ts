import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure, treeSnapshot, type RunResult } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';

/** status reports a damaged channel in its place (every channel listed) and exits 5 at the end. */
function expectDamagedInStatus(r: RunResult, code: string): void {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(5);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const damaged = (r.json().channels as { channel: string; error?: { code: string } }[]).filter((c) => c.error);
  expect(damaged).toEqual([expect.objectContaining({ channel: 'stable', error: expect.objectContaining({ code }) })]);
}

/** Rewrites the payload inside a stored envelope, keeping its signatures; returns the original bytes. */
function tamperPayload(path: string, change: (payload: any) => void): Buffer {
  const original = readFileSync(path);
  const env = JSON.parse(original.toString());
  const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString());
  change(payload);
  env.payload = Buffer.from(JSON.stringify(payload)).toString('base64');
  writeFileSync(path, JSON.stringify(env));
  return original;
}

describe('bad input: clear error, documented exit code, store unchanged', () => {
  const ws = seededCliSuite();
  const store = join(ws.dir, 'ota-store');
  const manifestPath = join(store, 'apps/demo/channels/stable/manifest.json');
  let olderManifest: Buffer; // sequence 1, kept for the splice below
  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    olderManifest = readFileSync(manifestPath);
    expect((await ws.run(['promote', ws.b2, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes'])).code).toBe(0);
  });

  const cases: [string, string[], number, string?][] = [
    ['unknown build', ['promote', 'b-000000000000', '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes'], 2, 'E_UNKNOWN_BUILD'],
    ['rollout before promote', ['rollout', '20', '--app', 'demo', '--channel', 'beta', '--yes'], 2, 'E_NOT_PROMOTED'],
    ['rollback before promote', ['rollback', '--app', 'demo', '--channel', 'beta', '--yes'], 2, 'E_NOT_PROMOTED'],
    ['percent 150', ['rollout', '150', '--app', 'demo', '--channel', 'stable', '--yes'], 2, 'E_USAGE'],
    ['percent -1', ['rollout', '-1', '--app', 'demo', '--channel', 'stable', '--yes'], 2, 'E_USAGE'],
    ['percent 0.001', ['rollout', '0.001', '--app', 'demo', '--channel', 'stable', '--yes'], 2, 'E_USAGE'],
    ['percent not a number', ['rollout', 'lots', '--app', 'demo', '--channel', 'stable', '--yes'], 2, 'E_USAGE'],
    ['promote without --rollout', ['promote', 'b-000000000000', '--app', 'demo', '--channel', 'stable', '--yes'], 2, 'E_USAGE'],
    ['unknown flag', ['status', '--bogus'], 2, 'E_USAGE'],
    ['bad channel name', ['rollout', '5', '--app', 'demo', '--channel', '../etc', '--yes'], 2, 'E_USAGE'],
    ['bad app id', ['status', '--app', 'a/b'], 2, 'E_USAGE'],
    ['same build promoted again', ['promote', '__B2__', '--app', 'demo', '--channel', 'stable', '--rollout', '20', '--yes'], 2, 'E_ALREADY_CURRENT'],
    ['lower version promoted', ['promote', '__B1__', '--app', 'demo', '--channel', 'stable', '--rollout', '20', '--yes'], 2, 'E_VERSION_NOT_HIGHER'],
    ['missing artifact file', ['upload', 'nope.bin', '--app', 'demo', '--version-code', '5'], 2, 'E_NO_FILE'],
    ['file without a version', ['upload', 'build0.bin', '--app', 'other', '--kind', 'file'], 2, 'E_NO_VERSION'],
    ['unknown artifact kind', ['upload', 'build0.bin', '--app', 'demo', '--kind', 'zip'], 2, 'E_KIND'],
    ['no confirmation without a TTY', ['rollout', '30', '--app', 'demo', '--channel', 'stable'], 8, 'E_NEEDS_YES'],
    ['history of an unknown channel', ['history', '--app', 'demo', '--channel', 'nightly'], 2, 'E_NO_CHANNEL'],
    ['bad duration', ['rollout', '30', '--app', 'demo', '--channel', 'stable', '--yes', '--expires-in', 'soon'], 2, 'E_USAGE'],
    ['salt with a space', ['promote', '__B3__', '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--salt', 'a b', '--yes'], 2, 'E_USAGE'],
    ['unreachable manifest URL', ['check', '--app', 'demo', '--channel', 'stable', '--device', 'd', '--current-version-code', '1', '--manifest', 'http://127.0.0.1:9/m.json'], 7, 'ota.manifest.fetch_failed'],
    // check reads the manifest while the keys load; a key problem is still the one reported.
    ['a missing --key and a missing --manifest', ['check', '--app', 'demo', '--channel', 'stable', '--device', 'd', '--current-version-code', '1', '--manifest', 'nope.json', '--key', 'nokey.pem'], 2, 'E_MISSING_KEY'],
    ['a store folder that does not exist', ['--store', 'file:///nonexistent/otactl-store', 'status'], 7, 'E_STORE'],
    // Device ids (docs/design.md contract 3): 1..256 bytes of UTF-8, no control character.
    ['device id with a tab', ['cohort', '--salt', '9f86d081884c7d65', '--device', 'a\tb'], 2, 'E_DEVICE_ID'],
    ['device id of 257 bytes (129 characters)', ['check', '--app', 'demo', '--channel', 'stable', '--device', `${'é'.repeat(128)}a`, '--current-version-code', '1'], 2, 'E_DEVICE_ID'],
    ['canary device id with a newline', ['promote', '__B3__', '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--canary-device', 'dev\n1', '--yes'], 2, 'E_DEVICE_ID'],
    ['simulated device ids with DEL', ['simulate', '--app', 'demo', '--channel', 'stable', '--id-prefix', 'x\u007f'], 2, 'E_DEVICE_ID'],
  ];

  for (const [name, args, exit, code] of cases) {
    it(name, async () => {
      const before = treeSnapshot(store);
      const builds: Record<string, string> = { __B1__: ws.b1, __B2__: ws.b2, __B3__: ws.b3 };
      const real = args.map((a) => builds[a] ?? a);
      expectCleanFailure(await ws.run([...real, '--json']), exit, code);
      expect(treeSnapshot(store)).toBe(before);
    });
  }

  it('a tampered manifest is refused by readers and writers, and nothing is written', async () => {
    const original = tamperPayload(manifestPath, (p) => {
      p.build.staged_rollout_percent = 100; // the attacker's wish
    });
    try {
      const before = treeSnapshot(store);
      expectDamagedInStatus(await ws.run(['status', '--json']), 'E_BAD_SIGNATURE');
      expectCleanFailure(await ws.run(['rollout', '50', '--app', 'demo', '--channel', 'stable', '--yes', '--json']), 5, 'E_BAD_SIGNATURE');
      expectCleanFailure(await ws.run(['check', '--app', 'demo', '--channel', 'stable', '--device', 'd', '--current-version-code', '1', '--json']), 5);
      expect(treeSnapshot(store)).toBe(before);
      writeFileSync(manifestPath, '{ not json');
      expectDamagedInStatus(await ws.run(['status', '--json']), 'E_TAMPERED');
    } finally {
      writeFileSync(manifestPath, original);
    }
    expect((await ws.run(['status'])).code).toBe(0);
  });

  it('a spliced manifest (the old signed one in front of the current one) is damage: status and check exit 5 naming repair', async () => {
    const original = readFileSync(manifestPath);
    const members = (b: Buffer) => b.toString('utf8').trim().slice(1, -1);
    writeFileSync(manifestPath, `{${members(olderManifest)},${members(original)}}`);
    try {
      const before = treeSnapshot(store);
      const status = await ws.run(['status', '--json']);
      expectDamagedInStatus(status, 'E_TAMPERED');
      expect(status.json().channels[0].error.message).toMatch(/duplicate member name.*otactl repair --app demo --channel stable/);
      const check = await ws.run(['check', '--app', 'demo', '--channel', 'stable', '--device', 'd', '--current-version-code', '1', '--json']);
      expectCleanFailure(check, 5, 'E_TAMPERED');
      expect(check.json().error.message).toMatch(/otactl repair --app demo --channel stable/);
      expect(treeSnapshot(store)).toBe(before);
    } finally {
      writeFileSync(manifestPath, original);
    }
    expect((await ws.run(['status'])).code).toBe(0);
  });

  it('a tampered history record breaks the verified chain', async () => {
    const dir = join(store, 'apps/demo/channels/stable/history');
    const files = require('node:fs').readdirSync(dir).filter((f: string) => f.endsWith('.json')).sort();
    const first = join(dir, files[0]);
    const original = readFileSync(first);
    writeFileSync(first, original.toString().replace('"tester"', '"mallory"'));
    try {
      expectCleanFailure(await ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']), 5, 'E_TAMPERED');
    } finally {
      writeFileSync(first, original);
    }
    expect((await ws.run(['history', '--app', 'demo', '--channel', 'stable'])).code).toBe(0);
  });

  it('a tampered release record is refused', async () => {
    const rec = join(store, `apps/demo/builds/${ws.b3}.json`);
    const original = tamperPayload(rec, (p) => {
      p.version_code = 999;
    });
    try {
      const before = treeSnapshot(store);
      expectCleanFailure(await ws.run(['promote', ws.b3, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes', '--json']), 5, 'E_BAD_SIGNATURE');
      expect(treeSnapshot(store)).toBe(before);
    } finally {
      writeFileSync(rec, original);
    }
  });

  it('a missing signing key', async () => {
    const cfgPath = join(ws.dir, 'otactl.config.json');
    const original = readFileSync(cfgPath);
    const cfg = JSON.parse(original.toString());
    cfg.signing_keys = [join(ws.dir, 'gone.key.pem')];
    writeFileSync(cfgPath, JSON.stringify(cfg));
    try {
      const before = treeSnapshot(store);
      expectCleanFailure(await ws.run(['rollout', '40', '--app', 'demo', '--channel', 'stable', '--yes', '--json']), 2, 'E_MISSING_KEY');
      expect(treeSnapshot(store)).toBe(before);
    } finally {
      writeFileSync(cfgPath, original);
    }
  });

  it('a malformed config: bad JSON, wrong type, unknown key', async () => {
    const cfgPath = join(ws.dir, 'otactl.config.json');
    const original = readFileSync(cfgPath);
    try {
      for (const text of ['{ "store": ', '{"store": 5}', '{"stroe": "file://x"}', '{"manifest_ttl": "forever"}', '[]']) {
        writeFileSync(cfgPath, text);
        const before = treeSnapshot(store);
        expectCleanFailure(await ws.run(['rollout', '40', '--app', 'demo', '--channel', 'stable', '--yes', '--json']), 2, 'E_CONFIG');
        expect(treeSnapshot(store)).toBe(before);
      }
    } finally {
      writeFileSync(cfgPath, original);
    }
  });

  it('an unwritable store is a store error (exit 7), not a crash', async () => {
    // Tests run as root, so permissions cannot stop a write: a store folder under a regular file can't exist.
    const r = await ws.run(['--store', `file://${join(ws.dir, 'build0.bin', 'store')}`, 'upload', 'build0.bin', '--app', 'x', '--kind', 'file', '--version-code', '1', '--json']);
    expectCleanFailure(r, 7, 'E_STORE');
    expect(r.json().error.message).toMatch(/store folder .* is not a folder/);
  });
});
