import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BufferSource } from '../../../src/util/byte-source.js';
import { verifyApk } from '../../../src/artifacts/apk/index.js';
import { openZip } from '../../../src/artifacts/apk/zip.js';
import { isIssue } from '../../../src/artifacts/apk/issues.js';
import { BLOCK_ID, findSigningBlock } from '../../../src/artifacts/apk/signing-block.js';
import { sha256Hex } from '../../../src/util/hash.js';
import type { VerifyApkOptions } from '../../../src/artifacts/apk/verify.js';
import { fixture } from './helpers.js';

const load = (name: string): Buffer => Buffer.from(readFileSync(fixture(name)));

async function verify(buf: Buffer, opts: VerifyApkOptions = {}) {
  return verifyApk(new BufferSource(buf), opts);
}

const codes = (r: { report: { errors: Array<{ code: string }> } }): string[] => r.report.errors.map((e) => e.code);
const warningCodes = (r: { report: { warnings: Array<{ code: string }> } }): string[] => r.report.warnings.map((e) => e.code);

/** File offsets of the signing block and of one pair's value, for byte surgery. */
async function layout(buf: Buffer, id: number): Promise<{ blockStart: number; cdOffset: number; value: number }> {
  const zip = await openZip(new BufferSource(buf));
  if (isIssue(zip)) throw new Error(zip.message);
  const lookup = await findSigningBlock(zip);
  if (!lookup.found) throw new Error('no signing block');
  let pos = lookup.block.offset + 8;
  while (buf.readUInt32LE(pos + 8) !== id) pos += 8 + Number(buf.readBigUInt64LE(pos));
  return { blockStart: lookup.block.offset, cdOffset: zip.cdOffset, value: pos + 12 };
}

const RSA_2048 = 'fb5dbd3c669af9fc236c6991e6387b7f11ff0590997f22d0f5c74ff40e04fca8';
const RSA_2048_2 = '681b0e56a796350c08647352a4db800cc44b2adc8f4c72fa350bd05d4d50264d';

describe('verifyApk report and facts', () => {
  it('reports manifest, schemes, signer and whole-file hash', async () => {
    const buf = load('golden-aligned-v1v2v3-out.apk');
    const { report, facts } = await verify(buf);
    expect(report).toMatchObject({
      kind: 'apk',
      verified: true,
      schemes: { v1: true, v2: true, v3: true, v31: false },
      signers: [{ cert_sha256: RSA_2048, subject: 'CN=rsa-2048', key_algorithm: 'RSA', key_size: 2048 }],
      sha256: sha256Hex(buf),
      size: buf.length,
      errors: [],
    });
    expect(facts.signer_fingerprint).toBe(RSA_2048);
    expect(facts.package).toBe(report.package);
    expect(facts.extra).toEqual({ min_sdk: report.min_sdk, target_sdk: report.target_sdk });
  });

  it('reports the rotation lineage oldest first, current signer = newest key', async () => {
    const { report, facts } = await verify(load('golden-aligned-v1v2v3-lineage-out.apk'));
    expect(report.signers.map((s) => s.cert_sha256)).toEqual([RSA_2048_2]);
    expect(report.lineage.map((n) => n.cert_sha256)).toEqual([RSA_2048, RSA_2048_2]);
    expect(report.lineage[0]!.flags).toBe(0x17);
    expect(facts.signer_lineage).toEqual([RSA_2048, RSA_2048_2]);
  });

  it('reports EC keys via node:crypto', async () => {
    const { report } = await verify(load('v3-only-with-ecdsa-sha256-p256.apk'), { minSdk: 28 });
    expect(report.signers[0]).toMatchObject({
      cert_sha256: '6a8b96e278e58f62cfe3584022cec1d0527fcb85a9e5d2e1694eb0405be5b599',
      key_algorithm: 'EC',
      key_size: 256,
    });
  });

  it('turns a non-ZIP into APK_NOT_ZIP and still hashes the file', async () => {
    const buf = Buffer.from('definitely not an APK, just text long enough to have no EOCD record');
    const { report, facts } = await verify(buf);
    expect(report.verified).toBe(false);
    expect(codes({ report })).toEqual(['APK_NOT_ZIP']);
    expect(report.sha256).toBe(sha256Hex(buf));
    expect(facts.signer_fingerprint).toBeUndefined();
  });
});

describe('scheme requirements (stricter than apksigner where devices refuse)', () => {
  it('v3-only with minSdk 24..27: Android 7.x cannot verify it', async () => {
    // apksigner 31 accepts this (docs/formats.md A.11 "observed apksig gap").
    const r = await verify(load('golden-aligned-v3-out.apk'), { minSdk: 24 });
    expect(r.report.verified).toBe(false);
    expect(codes(r)).toContain('APK_V2_REQUIRED_BELOW_28');
  });

  it('v3-only passes from minSdk 28', async () => {
    expect((await verify(load('golden-aligned-v3-out.apk'), { minSdk: 28 })).report.verified).toBe(true);
  });

  it('v2-only with minSdk < 24 needs v1', async () => {
    const r = await verify(load('golden-aligned-v2-out.apk'));
    expect(r.report.min_sdk).toBeLessThan(24);
    expect(codes(r)).toContain('APK_V1_REQUIRED');
  });

  it('an unsigned APK is APK_NOT_SIGNED', async () => {
    expect(codes(await verify(load('golden-aligned-in.apk'), { minSdk: 24 }))).toContain('APK_NOT_SIGNED');
  });

  it('targetSandboxVersion 2 needs v2+', async () => {
    expect(codes(await verify(load('v1-only-targetSandboxVersion-2.apk')))).toContain('APK_V2PLUS_REQUIRED');
  });
});

describe('signature failures carry their issue codes', () => {
  const cases: Array<[string, string, VerifyApkOptions?]> = [
    ['v2-only-with-ecdsa-sha256-p256-digest-mismatch.apk', 'APK_SIGNER_DIGEST_MISMATCH'],
    ['v3-only-with-rsa-pkcs1-sha512-8192-digest-mismatch.apk', 'APK_SIGNER_DIGEST_MISMATCH'],
    ['v2-only-with-rsa-pkcs1-sha256-2048-sig-does-not-verify.apk', 'APK_SIGNER_SIGNATURE_INVALID'],
    ['v2-only-cert-and-public-key-mismatch.apk', 'APK_SIGNER_PUBLIC_KEY_MISMATCH'],
    ['v2-only-no-certs-in-sig.apk', 'APK_SIGNER_NO_CERTIFICATES'],
    ['v2-only-signatures-and-digests-block-mismatch.apk', 'APK_SIGNER_DIGEST_ALGORITHMS_MISMATCH'],
    ['v2-only-two-signers-second-signer-no-sig.apk', 'APK_SIGNER_NO_SIGNATURES'],
    ['v3-only-no-supported-sig-algs.apk', 'APK_SIGNER_NO_SUPPORTED_SIGNATURES'],
    ['v3-stripped.apk', 'APK_V2_STRIPPED'],
    ['v31-tgt-33-no-v3-block.apk', 'APK_V31_WITHOUT_V3'],
    ['v31-block-stripped-v3-attr-value-33.apk', 'APK_V31_STRIPPED'],
    ['v1v2v3-with-rsa-2048-lineage-3-signers-invalid-lineage-attr.apk', 'APK_SIGNER_SIGNATURE_INVALID'],
    ['v2-only-11-signers.apk', 'APK_SCHEME_TOO_MANY_SIGNERS', { minSdk: 28 }],
  ];
  it.each(cases)('%s → %s', async (name, code, opts) => {
    const r = await verify(load(name), opts);
    expect(r.report.verified).toBe(false);
    expect(codes(r)).toContain(code);
  });
});

describe('hostile signing blocks: an issue, never an exception', () => {
  it('footer size larger than the file: no block, with a warning', async () => {
    const buf = load('golden-aligned-v2-out.apk');
    const { cdOffset } = await layout(buf, BLOCK_ID.V2);
    buf.writeBigUInt64LE(0x7fff0000n, cdOffset - 24);
    const r = await verify(buf, { minSdk: 28 });
    expect(r.report.verified).toBe(false);
    expect(warningCodes(r)).toContain('APK_SIG_BLOCK_MALFORMED');
    expect(codes(r)).toContain('APK_NOT_SIGNED');
  });

  it('header and footer sizes differ', async () => {
    const buf = load('golden-aligned-v2-out.apk');
    const { blockStart } = await layout(buf, BLOCK_ID.V2);
    buf.writeBigUInt64LE(buf.readBigUInt64LE(blockStart) + 8n, blockStart);
    expect(warningCodes(await verify(buf, { minSdk: 28 }))).toContain('APK_SIG_BLOCK_MALFORMED');
  });

  it('a pair length running past the block', async () => {
    const buf = load('golden-aligned-v2-out.apk');
    const { value } = await layout(buf, BLOCK_ID.V2);
    buf.writeBigUInt64LE(0xffffffffffn, value - 12);
    const r = await verify(buf, { minSdk: 28 });
    expect(warningCodes(r)).toContain('APK_SIG_BLOCK_MALFORMED');
    expect(r.report.verified).toBe(false);
  });

  it('huge length prefixes inside the v2 block', async () => {
    const outer = load('golden-aligned-v2-out.apk');
    const { value } = await layout(outer, BLOCK_ID.V2);
    outer.writeUInt32LE(0x7ffffff0, value);
    expect(codes(await verify(outer, { minSdk: 28 }))).toContain('APK_SCHEME_BLOCK_MALFORMED');

    const negative = load('golden-aligned-v2-out.apk');
    negative.writeUInt32LE(0xfffffff0, value + 8); // signer's signedData length
    expect(codes(await verify(negative, { minSdk: 28 }))).toContain('APK_SIGNER_MALFORMED');

    // Signed data is parsed only once its signature verified, so tampering there is a bad signature.
    const inner = load('golden-aligned-v2-out.apk');
    inner.writeUInt32LE(0x7ffffff0, value + 12 + 4); // digests sequence length inside signedData
    expect(codes(await verify(inner, { minSdk: 28 }))).toContain('APK_SIGNER_SIGNATURE_INVALID');
  });

  it('a zero-length v2 block and an empty signer list', async () => {
    const buf = load('golden-aligned-v2-out.apk');
    const { value } = await layout(buf, BLOCK_ID.V2);
    buf.writeUInt32LE(0, value);
    expect(codes(await verify(buf, { minSdk: 28 }))).toContain('APK_SCHEME_NO_SIGNERS');
  });

  it('never throws on random corruption of the signing block (deterministic fuzz)', async () => {
    const good = load('golden-aligned-v1v2v3-lineage-out.apk');
    const { blockStart, cdOffset } = await layout(good, BLOCK_ID.V3);
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 150; i++) {
      const buf = Buffer.from(good);
      for (let k = 0; k < 1 + rand(4); k++) buf[blockStart + rand(cdOffset - blockStart)] = rand(256);
      const { report } = await verify(buf);
      expect(typeof report.verified).toBe('boolean');
    }
  });
});
