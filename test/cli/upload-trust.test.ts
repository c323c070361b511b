import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../artifacts/esp/builder.js';
import { repoRoot, treeSnapshot } from '../helpers/cli.js';
import { seededCliWorkspace, cliWorkspace, type CliWorkspace } from '../helpers/run-cli.js';

/**
 * What an upload may publish: only what it claims to be (r.apk must be an APK), one kind per app,
 * APK signers trusted on first use, and the same bytes again are the stored build.
 */
const apks = join(repoRoot, 'test', '.generated', 'apks');
let signerOf: (file: string) => string;

beforeAll(async () => {
  // made once per run by the apks project's global setup (test/setup/fresh-apks.ts)
  const index: { file: string; apksigner: { signer_cert_sha256: string[] } }[] = JSON.parse(readFileSync(join(apks, 'index.json'), 'utf8')).apks;
  signerOf = (file) => index.find((a) => a.file === file)!.apksigner.signer_cert_sha256[0]!;
});

const workspaces: CliWorkspace[] = [];
afterAll(async () => {
  for (const ws of workspaces) rmSync(ws.dir, { recursive: true, force: true });
});
async function fresh(): Promise<CliWorkspace & { store: string; up: (file: string, ...extra: string[]) => ReturnType<CliWorkspace['run']> }> {
  const ws = cliWorkspace();
  workspaces.push(ws);
  expect((await ws.run(['init'])).code).toBe(0);
  const up = (file: string, ...extra: string[]) => ws.run(['upload', file.includes('/') ? file : join(apks, file), '--json', ...extra]);
  return Object.assign(ws, { store: join(ws.dir, 'ota-store'), up });
}
const APP = 'dev.otactl.fresh';

describe('upload: an artifact is what its name claims, and an app keeps one kind', () => {
  it('random bytes named .apk fail inspect and upload (exit 5) unless --kind file; the store is unchanged', async () => {
    const ws = await fresh();
    const bytes = ws.file('r.apk', randomBytes(4096));
    const inspect = await ws.run(['inspect', bytes, '--json']);
    expect(inspect.code).toBe(5);
    expect(inspect.json()).toMatchObject({ kind: 'apk', verified: false });
    const before = treeSnapshot(ws.store);
    const r = await ws.up(bytes, '--app', 'demo', '--version-code', '1');
    expect(r.code, r.stderr).toBe(5);
    expect(r.json().error.code).toBe('E_ARTIFACT_UNVERIFIED');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^otactl: (error: )?\S*r\.apk does not verify: APK_NOT_ZIP/);
    expect(treeSnapshot(ws.store)).toBe(before);
    const asFile = await ws.up(bytes, '--app', 'demo', '--version-code', '1', '--kind', 'file');
    expect(asFile.code, asFile.stderr).toBe(0);
    expect(asFile.json()).toMatchObject({ kind: 'file', created: true });
  });

  it('an empty file is never a build', async () => {
    const ws = await fresh();
    const before = treeSnapshot(ws.store);
    const r = await ws.up(ws.file('empty.bin', ''), '--app', 'demo', '--version-code', '1', '--kind', 'file');
    expect(r.code).toBe(5);
    expect(r.json().error.errors[0].code).toBe('FILE_EMPTY');
    expect(treeSnapshot(ws.store)).toBe(before);
  });

  it('an upload of another kind than the app\'s first is refused (exit 2) with the reason', async () => {
    const ws = await fresh();
    expect((await ws.up(ws.file('a.bin', 'plain bytes '.repeat(100)), '--app', 'demo', '--version-code', '1')).code).toBe(0);
    const before = treeSnapshot(ws.store);
    const esp = await ws.up(ws.file('fw.bin', buildApp('esp32s3')), '--app', 'demo', '--version-code', '2');
    expect(esp.code, esp.stderr).toBe(2);
    expect(esp.json().error).toMatchObject({ code: 'E_KIND_MISMATCH', app_kind: 'file', artifact_kind: 'esp' });
    expect(esp.stderr).toMatch(/^otactl: (error: )?demo holds file builds .*this artifact is esp/);
    // An APK app refuses --kind file too: devices would be told to install a "file".
    expect((await ws.up('rsa-v123.apk')).code).toBe(0);
    const beforeApk = treeSnapshot(ws.store);
    const forced = await ws.up('rsa-v2.apk', '--kind', 'file', '--app', APP, '--version-code', '99');
    expect(forced.code).toBe(2);
    expect(forced.json().error.code).toBe('E_KIND_MISMATCH');
    expect(treeSnapshot(ws.store)).toBe(beforeApk);
    expect(before).not.toBe(beforeApk);
  });
});

describe('upload: APK signers, trust on first use', () => {
  it('refuses a build signed by another key (exit 6, both fingerprints) and the store is unchanged', async () => {
    const ws = await fresh();
    const first = await ws.up('rsa-v123.apk');
    expect(first.code, first.stderr).toBe(0);
    expect(first.json().new_signer).toMatchObject({ fingerprint: signerOf('rsa-v123.apk'), reason: 'first-upload', by: 'tester' });
    const before = treeSnapshot(ws.store);
    const r = await ws.up('ec-v2.apk');
    expect(r.code, r.stderr).toBe(6);
    expect(r.json().error).toMatchObject({ code: 'E_SIGNER_CHANGED', signer: signerOf('ec-v2.apk'), expected: [signerOf('rsa-v123.apk')] });
    expect(r.stderr).toContain(signerOf('ec-v2.apk'));
    expect(r.stderr).toContain(signerOf('rsa-v123.apk'));
    expect(r.stderr).toMatch(/INSTALL_FAILED_UPDATE_INCOMPATIBLE/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(treeSnapshot(ws.store)).toBe(before);
    // The same key again is fine, and writes no new app record entry.
    const same = await ws.up('rsa-v2.apk');
    expect(same.code, same.stderr).toBe(0);
    expect(same.json().new_signer).toBeNull();
  });

  it('a successor in a verified v3 rotation lineage is accepted and recorded', async () => {
    const ws = await fresh();
    expect((await ws.up('rsa-v123.apk')).code).toBe(0);
    const r = await ws.up('rotated-v3.apk');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().new_signer).toMatchObject({ fingerprint: signerOf('rotated-v3.apk'), reason: 'rotation', from: [signerOf('rsa-v123.apk')] });
  });

  it('--allow-signer-change accepts it, with a warning, and `builds` shows who changed it and when', async () => {
    const ws = await fresh();
    expect((await ws.up('rsa-v123.apk')).code).toBe(0);
    const r = await ws.up('dsa-v3.apk', '--allow-signer-change');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: signer changed to .*--allow-signer-change/);
    expect(r.json().new_signer).toMatchObject({ fingerprint: signerOf('dsa-v3.apk'), reason: 'signer-change', from: [signerOf('rsa-v123.apk')], by: 'tester' });
    const builds = (await ws.run(['builds', '--app', APP, '--json'])).json();
    expect(builds.kind).toBe('apk');
    expect(builds.signers.map((s: { reason: string }) => s.reason)).toEqual(['first-upload', 'signer-change']);
    expect((await ws.run(['builds', '--app', APP])).stdout).toMatch(/accepted signers:[\s\S]*signer-change/);
  });

  it('configured pins keep priority, and a malformed --expect-signer is a usage error (exit 2)', async () => {
    const ws = await fresh();
    expect((await ws.up('rsa-v123.apk')).code).toBe(0);
    const pinned = await ws.up('ec-v2.apk', '--expect-signer', signerOf('ec-v2.apk'));
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.json().new_signer).toMatchObject({ reason: 'pinned' });
    const before = treeSnapshot(ws.store);
    const bad = await ws.up('ec-v3.apk', '--expect-signer', 'nothex');
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('E_USAGE');
    expect(bad.stderr).toMatch(/^otactl: (error: )?--expect-signer "nothex": expected a certificate SHA-256/);
    expect(treeSnapshot(ws.store)).toBe(before);
  });

  it('app.json and the build records deleted: the next upload of another signer is damage (exit 5, naming repair), not a first upload', async () => {
    const ws = await fresh();
    const first = (await ws.up('rsa-v123.apk')).json();
    expect((await ws.run(['promote', first.build_id, '--app', APP, '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    rmSync(join(ws.store, 'apps', APP, 'app.json'));
    rmSync(join(ws.store, 'apps', APP, 'builds'), { recursive: true });
    const before = treeSnapshot(ws.store);
    const r = await ws.up('dsa-v3.apk');
    expect(r.code, r.stderr).toBe(5);
    expect(r.json().error.code).toBe('E_APP_RECORD');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`apps/${APP}/app.json is missing.*otactl repair --app ${APP} rebuilds it`));
    expect(treeSnapshot(ws.store)).toBe(before);
    // Repair rebuilds the pin from the signed manifest, never from the artifact: the other signer stays refused.
    const fixed = await ws.run(['repair', '--app', APP, '--yes', '--json']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.json().app_record).toMatchObject({ signers: [signerOf('rsa-v123.apk')] });
    expect((await ws.up('dsa-v3.apk')).code).toBe(6);
    expect((await ws.up('rsa-v2.apk', '--allow-lower-version')).code).toBe(0);
  });

  it('a store whose app record is missing: repair takes kind and signers from the signed builds', async () => {
    const ws = await fresh();
    expect((await ws.up('rsa-v123.apk')).code).toBe(0);
    expect((await ws.up('ec-v2.apk', '--allow-signer-change')).code).toBe(0);
    rmSync(join(ws.store, 'apps', APP, 'app.json')); // what an older otactl left, or a deletion: builds, no app record
    const before = treeSnapshot(ws.store);
    const dsa = await ws.up('dsa-v3.apk');
    expect(dsa.code, dsa.stderr).toBe(5);
    expect(dsa.json().error.code).toBe('E_APP_RECORD');
    expect(treeSnapshot(ws.store)).toBe(before);
    const dry = await ws.run(['repair', '--app', APP, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would rebuild/);
    expect(treeSnapshot(ws.store)).toBe(before);
    expect((await ws.run(['repair', '--app', APP, '--yes'])).code).toBe(0);
    const refused = await ws.up('dsa-v3.apk');
    expect(refused.code, refused.stderr).toBe(6);
    expect(refused.json().error.expected).toEqual([signerOf('rsa-v123.apk'), signerOf('ec-v2.apk')]);
    const ec = await ws.up('ec-v3.apk');
    expect(ec.code, ec.stderr).toBe(0);
    const builds = (await ws.run(['builds', '--app', APP, '--json'])).json();
    expect(builds.signers.map((s: { reason: string }) => s.reason)).toEqual(['existing-builds', 'existing-builds']);
    // A second repair finds nothing to do.
    expect((await ws.run(['repair', '--app', APP, '--yes', '--json'])).json()).toMatchObject({ changed: false, app_record: null });
  });

  it('a store whose app record is missing: a file app stays a file app once repaired', async () => {
    const ws = await seededCliWorkspace();
    workspaces.push(ws);
    const store = join(ws.dir, 'ota-store');
    rmSync(join(store, 'apps', 'demo', 'app.json'));
    const before = treeSnapshot(store);
    const upEsp = () => ws.run(['upload', ws.file('fw.bin', buildApp('esp32')), '--app', 'demo', '--version-code', '500', '--json']);
    const esp = await upEsp();
    expect(esp.code).toBe(5);
    expect(esp.json().error.code).toBe('E_APP_RECORD');
    expect(treeSnapshot(store)).toBe(before);
    expect((await ws.run(['repair', '--app', 'demo', '--yes'])).code).toBe(0);
    const again = await upEsp();
    expect(again.code).toBe(2);
    expect(again.json().error.code).toBe('E_KIND_MISMATCH');
  });
});

describe('promote: the channel\'s current signer', () => {
  it('a build of another signer is refused (exit 6) unless --allow-signer-change, which the history records', async () => {
    const ws = await fresh();
    const rsa = (await ws.up('rsa-v123.apk')).json();
    const dsa = (await ws.up('dsa-v3.apk', '--allow-signer-change', '--allow-lower-version')).json();
    const stable = ['--app', APP, '--channel', 'stable'];
    expect((await ws.run(['promote', rsa.build_id, ...stable, '--rollout', '100', '--yes'])).code).toBe(0);
    const before = treeSnapshot(ws.store);
    const refused = await ws.run(['promote', dsa.build_id, ...stable, '--rollout', '10', '--yes', '--allow-lower-version', '--json']);
    expect(refused.code, refused.stderr).toBe(6);
    expect(refused.json().error).toMatchObject({ code: 'E_SIGNER_CHANGED', signer: signerOf('dsa-v3.apk'), expected: [signerOf('rsa-v123.apk')] });
    expect(treeSnapshot(ws.store)).toBe(before);
    const allowed = await ws.run(['promote', dsa.build_id, ...stable, '--rollout', '10', '--yes', '--allow-lower-version', '--allow-signer-change', '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    const history = (await ws.run(['history', ...stable, '--json'])).json();
    expect(history.changes[0].details.signer_change).toEqual({ from: signerOf('rsa-v123.apk'), to: signerOf('dsa-v3.apk') });
  });
});

describe('upload: the same bytes are the same build', () => {
  it('re-uploading a promoted build exits 0 with the stored build id and writes nothing', async () => {
    const ws = await seededCliWorkspace();
    workspaces.push(ws);
    const store = join(ws.dir, 'ota-store');
    const args = ['upload', 'build0.bin', '--app', 'demo', '--kind', 'file', '--version-code', '100', '--version-name', '1.0.0'];
    expect((await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    const before = treeSnapshot(store);
    const again = await ws.run(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^already stored as ${ws.b1} `));
    const json = (await ws.run([...args, '--json'])).json();
    expect(json).toMatchObject({ build_id: ws.b1, created: false, version_code: 100 });
    // Other metadata flags do not make it another build: the stored record is kept, and said so.
    const notes = await ws.run([...args, '--notes', 'retry', '--json']);
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.json()).toMatchObject({ build_id: ws.b1, created: false });
    expect(notes.stderr).toMatch(/warning: these bytes are already stored as .* --notes not applied/);
    expect(treeSnapshot(store)).toBe(before);
  });

  it('an APK promoted on a channel, uploaded again by a CI re-run', async () => {
    const ws = await fresh();
    const first = (await ws.up('rsa-v123.apk')).json();
    expect((await ws.run(['promote', first.build_id, '--app', APP, '--channel', 'stable', '--rollout', '10', '--yes'])).code).toBe(0);
    const again = await ws.up('rsa-v123.apk');
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ build_id: first.build_id, created: false });
  });
});
