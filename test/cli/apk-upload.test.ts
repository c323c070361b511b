import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, treeSnapshot } from '../helpers/cli.js';
import { cliWorkspace } from '../helpers/run-cli.js';

/** Uploading real APKs made by Debian's aapt/apksigner (test/artifacts/apk/fresh/make-apks.sh). */
const apks = join(repoRoot, 'test', '.generated', 'apks');
interface Fresh {
  file: string;
  version_code: number;
  version_name: string;
  package: string;
  apksigner: { verifies: boolean; signer_cert_sha256: string[] };
}
let index: Fresh[];
const byName = (f: string) => index.find((a) => a.file === f)!;

beforeAll(async () => {
  // made once per run by the apks project's global setup (test/setup/fresh-apks.ts)
  index = JSON.parse(readFileSync(join(apks, 'index.json'), 'utf8')).apks;
});

describe('otactl upload app.apk', () => {
  const ws = cliWorkspace();
  const store = join(ws.dir, 'ota-store');
  const up = async (file: string, ...extra: string[]) => ws.run(['upload', join(apks, file), '--json', ...extra]);
  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
  });

  it('refuses an APK that does not verify, and writes nothing', async () => {
    const before = treeSnapshot(store);
    for (const f of ['tampered-rsa-v123-flip-asset.apk', 'tampered-rsa-v123-stripped.apk', 'rsa-v2-min14.apk']) {
      const r = await up(f);
      expect(r.code, r.stderr).toBe(5);
      expect(r.json().error.code).toBe('E_ARTIFACT_UNVERIFIED');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(treeSnapshot(store)).toBe(before);
  });

  it('takes package, versionCode, versionName and the verified signer from the APK', async () => {
    const a = byName('rsa-v123.apk');
    const r = await up('rsa-v123.apk', '--expect-signer', a.apksigner.signer_cert_sha256[0]!);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      app: a.package,
      kind: 'apk',
      version_code: a.version_code,
      version_name: a.version_name,
      signer_fingerprint: a.apksigner.signer_cert_sha256[0],
      created: true,
    });
    const p = await ws.run(['promote', r.json().build_id, '--app', a.package, '--channel', 'stable', '--rollout', '100', '--yes']);
    expect(p.code, p.stderr).toBe(0);
    const status = (await ws.run(['status', '--json'])).json();
    expect(status.channels[0].build.signer_fingerprint).toBe(a.apksigner.signer_cert_sha256[0]);
  });

  it('a signer that is not pinned is refused with its own exit code (6)', async () => {
    const rsa = byName('rsa-v123.apk').apksigner.signer_cert_sha256[0]!;
    const before = treeSnapshot(store);
    const r = await up('ec-v2.apk', '--expect-signer', rsa);
    expect(r.code, r.stderr).toBe(6);
    expect(r.json().error).toMatchObject({ code: 'E_SIGNER_MISMATCH', signer: byName('ec-v2.apk').apksigner.signer_cert_sha256[0] });
    expect(treeSnapshot(store)).toBe(before);
  });

  it('pins from the config apply too', async () => {
    const cfgPath = join(ws.dir, 'otactl.config.json');
    const original = readFileSync(cfgPath, 'utf8');
    const cfg = JSON.parse(original);
    cfg.apps = { 'dev.otactl.fresh': { expected_signers: [byName('rsa-v123.apk').apksigner.signer_cert_sha256[0]] } };
    writeFileSync(cfgPath, JSON.stringify(cfg));
    try {
      expect((await up('ec-v3.apk')).code).toBe(6);
      expect((await up('rsa-v2.apk')).code).toBe(0);
    } finally {
      writeFileSync(cfgPath, original);
    }
  });

  it('a rotated key is accepted when its lineage contains a pinned certificate, with a warning', async () => {
    const rsa = byName('rsa-v123.apk').apksigner.signer_cert_sha256[0]!;
    const r = await up('rotated-v3.apk', '--expect-signer', rsa);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: signed by rotated key/);
    expect(r.json().signer_fingerprint).toBe(byName('rotated-v3.apk').apksigner.signer_cert_sha256[0]);
    expect(r.json().warnings.join(' ')).toContain(rsa);
  });

  it('a versionCode not above the channel\'s current build is refused unless asked for', async () => {
    const r = await up('ec-v123.apk'); // versionCode 18, same as the current build on stable
    expect(r.code, r.stderr).toBe(2);
    expect(r.json().error.code).toBe('E_VERSION_NOT_HIGHER');
    expect((await up('ec-v123.apk', '--allow-lower-version')).code).toBe(0);
  });

  it('--version-code must not contradict the APK', async () => {
    const r = await up('dsa-v3.apk', '--version-code', '999');
    expect(r.code).toBe(2);
    expect(r.json().error.code).toBe('E_VERSION_MISMATCH');
  });

  it('inspect prints the report contract and exits 0 only when verified', async () => {
    const ok = await ws.run(['inspect', join(apks, 'two-signers-v12.apk'), '--json']);
    expect(ok.code).toBe(0);
    const rep = ok.json();
    expect(Object.keys(rep)).toEqual(expect.arrayContaining(['kind', 'package', 'version_code', 'version_name', 'min_sdk', 'target_sdk', 'schemes', 'signers', 'lineage', 'sha256', 'size', 'verified', 'errors']));
    expect(rep.signers.map((s: { cert_sha256: string }) => s.cert_sha256)).toEqual(byName('two-signers-v12.apk').apksigner.signer_cert_sha256);
    const bad = await ws.run(['inspect', join(apks, 'tampered-rsa-v2-flip-asset.apk'), '--json']);
    expect(bad.code).toBe(5);
    expect(bad.json().verified).toBe(false);
    expect(bad.json().errors.length).toBeGreaterThan(0);
  });
});
