import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appDesc, buildApp, buildBootloader } from '../artifacts/esp/builder.js';
import { treeSnapshot } from '../helpers/cli.js';
import { cliWorkspace } from '../helpers/run-cli.js';
import { p256 } from '../helpers/keys.js';

/** Firmware through the CLI: version and chip from the image, partition size, anti-rollback, gating. */
describe('otactl upload fw.bin and firmware gating', () => {
  const ws = cliWorkspace();
  const store = join(ws.dir, 'ota-store');
  const fw = (name: string, version: string, secureVersion: number, chip = 'esp32s3') =>
    ws.file(name, buildApp(chip, { desc: appDesc({ version, secureVersion, project: 'sensor' }), seed: secureVersion + version.length }));
  const up = async (file: string, ...extra: string[]) => ws.run(['upload', file, '--app', 'sensor', '--json', ...extra]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
  });

  it('takes version and chip from the image and derives the version code from MAJOR.MINOR.PATCH', async () => {
    const r = await up(fw('fw-1.0.0.bin', '1.0.0', 1));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'esp-app', chip: 'esp32s3', version_name: '1.0.0', version_code: 1_000_000, secure_version: 1 });
    ids.v1 = r.json().build_id;
    const r2 = await up(fw('fw-2.4.1.bin', 'v2.4.1-rc1', 2));
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.json()).toMatchObject({ version_code: 2_004_001, version_name: 'v2.4.1-rc1' });
    ids.v2 = r2.json().build_id;
  });

  it('a version that is not MAJOR.MINOR.PATCH needs --version-code', async () => {
    const file = fw('fw-nightly.bin', 'nightly-4532e6', 2);
    const r = await up(file);
    expect(r.code).toBe(2);
    expect(r.json().error.code).toBe('E_NO_VERSION');
    const ok = await up(file, '--version-code', '3000000');
    expect(ok.code, ok.stderr).toBe(0);
    ids.nightly = ok.json().build_id;
  });

  it('refuses an image larger than the OTA partition, and a bootloader', async () => {
    const before = treeSnapshot(store);
    const big = fw('fw-5.0.0.bin', '5.0.0', 2);
    const r = await up(big, '--partition-size', '1024');
    expect(r.code).toBe(2);
    expect(r.json().error.code).toBe('E_TOO_LARGE');
    const boot = ws.file('bootloader.bin', buildBootloader(9));
    const b = await up(boot, '--version-code', '1');
    expect(b.code).toBe(5);
    expect(JSON.stringify(b.json().error.errors)).toContain('ESP_BOOTLOADER_NOT_OTA');
    expect(treeSnapshot(store)).toBe(before);
  });

  it('gates by chip, model and minimum current version (devices below take the intermediate build)', async () => {
    const p = await ws.run(['promote', ids.nightly!, '--app', 'sensor', '--channel', 'stable', '--rollout', '100', '--model', 'tab5',
      '--min-current-version', '2000000', '--intermediate', ids.v2!, '--yes', '--json']);
    expect(p.code, p.stderr).toBe(0);
    const check = async (...args: string[]) => {
      const r = await ws.run(['check', '--app', 'sensor', '--channel', 'stable', '--device', 'dev-1', '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return r.json();
    };
    expect(await check('--current-version-code', '2004001', '--chip', 'esp32s3', '--model', 'tab5')).toMatchObject({ action: 'update', build: { build_id: ids.nightly } });
    expect(await check('--current-version-code', '1000000', '--chip', 'esp32s3', '--model', 'tab5')).toMatchObject({
      action: 'update',
      reason: 'ota.eligible.intermediate',
      build: { build_id: ids.v2 },
    });
    expect(await check('--current-version-code', '2004001', '--chip', 'esp32', '--model', 'tab5')).toMatchObject({ action: 'stay', reason: 'ota.ineligible.chip' });
    expect(await check('--current-version-code', '2004001', '--model', 'tab5')).toMatchObject({ action: 'stay', reason: 'ota.ineligible.chip' });
    expect(await check('--current-version-code', '2004001', '--chip', 'esp32s3', '--model', 'tab4')).toMatchObject({ action: 'stay', reason: 'ota.ineligible.model' });
  });

  it('refuses a secure_version below the channel\'s current one unless told', async () => {
    const low = fw('fw-9.0.0.bin', '9.0.0', 1); // current build has secure_version 2
    const r = await up(low);
    expect(r.code).toBe(2);
    expect(r.json().error.code).toBe('E_SECURE_VERSION');
    expect((await up(low, '--allow-lower-secure-version')).code).toBe(0);
  });

  it('rolling back below the anti-rollback counter is said before publishing', async () => {
    const r = await ws.run(['rollback', '--app', 'sensor', '--channel', 'stable', '--to', ids.v1!, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().warnings.join(' ')).toMatch(/secure_version 1, below .* 2: devices with anti-rollback/);
  });
});

describe('Secure Boot v2 pinning through the CLI', () => {
  it('inspect and upload accept a signed image only with its key pinned (--trusted-key PEM or --trusted-key-digest)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { signSbv2, blockKeyDigest } = await import('../artifacts/esp/builder.js');
    const ws = cliWorkspace();
    expect((await ws.run(['init'])).code).toBe(0);
    const mine = p256();
    const other = p256();
    const signed = signSbv2(buildApp('esp32c6', { desc: appDesc({ version: '3.0.0', secureVersion: 0 }) }), [{ key: mine.privateKey, type: 'ecdsa-p256' }]);
    const file = ws.file('signed.bin', signed.image);
    const pem = ws.file('mine.pub.pem', mine.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const otherPem = ws.file('other.pub.pem', other.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const good = await ws.run(['inspect', file, '--json', '--trusted-key', pem]);
    expect(good.code, good.stdout).toBe(0);
    expect(good.json().secure_boot.verified).toBe(true);
    const digest = blockKeyDigest(signed.blocks[0]!);
    expect((await ws.run(['inspect', file, '--json', '--trusted-key-digest', digest])).code).toBe(0);
    const bad = await ws.run(['upload', file, '--app', 'sensor', '--json', '--trusted-key', otherPem]);
    expect(bad.code).toBe(5);
    expect(JSON.stringify(bad.json().error.errors)).toMatch(/ESP_SB_/);
    expect((await ws.run(['upload', file, '--app', 'sensor', '--json', '--trusted-key', pem])).code).toBe(0);
  });
});
