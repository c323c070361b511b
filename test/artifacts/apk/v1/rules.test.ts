/**
 * Platform rules that depend on the SDK range (which algorithms, how many SignerInfos, signed
 * attributes, X-Android-APK-Signed), checked on untouched fixtures, plus the small parsers.
 */
import { describe, expect, it } from 'vitest';
import { checkStrippingProtection, verifyV1, type V1Result } from '../../../../src/artifacts/apk/v1/index.js';
import { supportedApiLevels, unsupportedApiLevels } from '../../../../src/artifacts/apk/v1/algorithms.js';
import { digestsToVerify } from '../../../../src/artifacts/apk/v1/digest-attributes.js';
import { parseManifest } from '../../../../src/artifacts/apk/v1/manifest.js';
import { readFixture, zipOf } from './helpers.js';

const MAX = 2147483647;

async function verify(fixture: string, minSdk: number, maxSdk = MAX): Promise<V1Result> {
  return verifyV1(await zipOf(readFixture(fixture)), { minSdk, maxSdk });
}

const codes = (issues: { code: string }[]): string[] => issues.map((i) => i.code);

describe('algorithm support by API level', () => {
  it.each([
    // fixture, minSdk, API levels reported unsupported (null: verifies)
    ['v1-only-with-ecdsa-sha256-1.2.840.10045.4.3.2-p256.apk', 18, '18-20'],
    ['v1-only-with-ecdsa-sha256-1.2.840.10045.4.3.2-p256.apk', 21, null],
    ['v1-only-with-ecdsa-sha1-1.2.840.10045.2.1-p256.apk', 17, '17'],
    ['v1-only-with-ecdsa-sha1-1.2.840.10045.2.1-p256.apk', 18, null],
    ['v1-only-with-rsa-pkcs1-sha256-1.2.840.113549.1.1.1-2048.apk', 1, '9-17'],
    ['v1-only-with-rsa-pkcs1-sha512-1.2.840.113549.1.1.13-2048.apk', 18, '18-20'],
    ['v1-only-with-dsa-sha256-1.2.840.10040.4.1-2048.apk', 21, '21'],
    ['v1-only-with-dsa-sha256-1.2.840.10040.4.1-2048.apk', 22, null],
    ['v1-only-with-dsa-sha384-2.16.840.1.101.3.4.3.3-2048.apk', 30, '30+'],
  ] as const)('%s at minSdk %i: unsupported on %s', async (fixture, minSdk, levels) => {
    const result = await verify(fixture, minSdk);
    if (levels === null) {
      expect(result.verified, JSON.stringify(result.errors)).toBe(true);
      return;
    }
    expect(codes(result.errors)).toEqual(['JAR_SIG_UNSUPPORTED_SIG_ALG']);
    expect(result.errors[0]!.params).toMatchObject({ apiLevels: levels });
  });

  it('SHA-256 with rsaEncryption: early platforms and 18+, nothing in between', () => {
    const supported = supportedApiLevels('2.16.840.1.101.3.4.2.1', '1.2.840.113549.1.1.1');
    expect(unsupportedApiLevels(1, MAX, supported)).toEqual([[9, 17]]);
    expect(unsupportedApiLevels(18, MAX, supported)).toEqual([]);
  });

  it('a hash-specific OID with another digest only passed on Android 5.0-6.0', () => {
    expect(supportedApiLevels('1.3.14.3.2.26', '1.2.840.113549.1.1.11')).toEqual([[21, 23]]);
    expect(supportedApiLevels('2.16.840.1.101.3.4.2.1', '1.2.840.113549.1.1.5')).toEqual([[21, 21]]);
    expect(supportedApiLevels('2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.3.3')).toEqual([]);
    expect(supportedApiLevels('1.2.3', '1.2.840.113549.1.1.1')).toEqual([]);
  });
});

describe('SignerInfo selection and signed attributes', () => {
  it('before Android 7.0 only the first SignerInfo counts; from 7.0 the first that verifies', async () => {
    const fixture = 'v1-only-with-signed-attrs-signerInfo1-wrong-digest-signerInfo2-good.apk';
    expect(codes((await verify(fixture, 23)).errors)).toEqual(['JAR_SIG_DID_NOT_VERIFY']);
    expect((await verify(fixture, 24)).verified).toBe(true);
  });

  it('signed attributes are refused below API 19', async () => {
    const result = await verify('v1-only-with-signed-attrs.apk', 18);
    expect(codes(result.errors)).toEqual(['JAR_SIG_VERIFY_EXCEPTION']);
    expect((await verify('v1-only-with-signed-attrs.apk', 19)).verified).toBe(true);
  });

  it('the content-type attribute is only checked when the range reaches API 24', async () => {
    expect(codes((await verify('v1-only-with-signed-attrs-wrong-content-type.apk', 23)).errors)).toEqual(['JAR_SIG_DID_NOT_VERIFY']);
    expect((await verify('v1-only-with-signed-attrs-wrong-content-type.apk', 19, 23)).verified).toBe(true);
    expect(codes((await verify('v1-only-with-signed-attrs-missing-content-type.apk', 23)).errors)).toEqual(['JAR_SIG_VERIFY_EXCEPTION']);
    expect((await verify('v1-only-with-signed-attrs-missing-content-type.apk', 19, 23)).verified).toBe(true);
  });

  it('attributes verify over their stored (not DER-sorted) encoding', async () => {
    expect((await verify('v1-only-with-signed-attrs-wrong-order.apk', 23)).verified).toBe(true);
  });

  it('a repeated message-digest attribute is malformed, and missing digests fail the signer', async () => {
    expect(codes((await verify('v1-only-with-signed-attrs-multiple-good-digests.apk', 23)).errors)).toEqual(['JAR_SIG_PARSE_EXCEPTION']);
    expect(codes((await verify('v1-only-with-signed-attrs-missing-digest.apk', 23)).errors)).toEqual(['JAR_SIG_VERIFY_EXCEPTION']);
    expect(codes((await verify('v1-only-with-signed-attrs-wrong-digest.apk', 23)).errors)).toEqual(['JAR_SIG_DID_NOT_VERIFY']);
  });

  it('SHA-256-only manifests do not verify for platforms before API 18', async () => {
    // API 1-8 accept its SHA-256/RSA signature but read only SHA-1 ("SHA SHA1") manifest digests.
    const result = await verify('v1-only-with-rsa-2048.apk', 1, 8);
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toContain('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE');
  });

  it('SHA-1 and SHA-256 both checked across API 18; a wrong SHA-1 in the manifest fails', async () => {
    expect((await verify('v1-sha1-sha256-manifest-and-sf.apk', 1)).verified).toBe(true);
    const wrong = await verify('v1-sha1-sha256-manifest-and-sf-with-sha1-wrong-in-manifest.apk', 1);
    expect(codes(wrong.errors)).toContain('JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY');
    expect(wrong.errors[0]!.params).toMatchObject({ algorithm: 'SHA-1' });
    // From API 18 only the strongest (SHA-256) digest is read.
    expect((await verify('v1-sha1-sha256-manifest-and-sf-with-sha1-wrong-in-manifest.apk', 18)).verified).toBe(true);
  });

  it('signers are reported in ZIP order with key facts', async () => {
    const result = await verify('v1-only-two-signers.apk', 23);
    expect(result.signers.map((s) => [s.key_algorithm, s.key_size, s.subject])).toEqual([
      ['RSA', 2048, 'CN=rsa-2048'],
      ['EC', 256, 'CN=ec-p256'],
    ]);
  });
});

describe('X-Android-APK-Signed (stripping protection)', () => {
  it('is reported, and enforced by checkStrippingProtection against the verified schemes', async () => {
    const result = await verify('golden-aligned-v1v2v3-out.apk', 23);
    expect(result.verified).toBe(true);
    expect(result.apkSignedSchemes).toEqual([2, 3]);
    const all = { minSdk: 23, maxSdk: MAX };
    expect(checkStrippingProtection(result.strippingProtection, new Set([2, 3]), all)).toEqual({ errors: [], warnings: [] });
    const stripped = checkStrippingProtection(result.strippingProtection, new Set([2]), all);
    expect(codes(stripped.errors)).toEqual(['JAR_SIG_MISSING_APK_SIG_REFERENCED']);
    expect(stripped.errors[0]!.params).toMatchObject({ id: 3, sigFile: 'META-INF/RSA-2048.SF' });
    // Android 7.x knows v2 only; before 7.0 nothing is enforced.
    const nougat = checkStrippingProtection(result.strippingProtection, new Set([2]), { minSdk: 23, maxSdk: 27 });
    expect([codes(nougat.errors), codes(nougat.warnings)]).toEqual([[], ['JAR_SIG_UNKNOWN_APK_SIG_SCHEME_ID']]);
    expect(checkStrippingProtection(result.strippingProtection, new Set(), { minSdk: 1, maxSdk: 23 }).errors).toEqual([]);
  });

  it('a v1 signature without the attribute next to a v2+ signature is a warning', async () => {
    const result = await verify('v1-only-with-rsa-2048.apk', 23);
    expect(result.apkSignedSchemes).toEqual([]);
    const check = checkStrippingProtection(result.strippingProtection, new Set([2]), { minSdk: 23, maxSdk: MAX });
    expect(codes(check.warnings)).toEqual(['JAR_SIG_NO_APK_SIG_STRIP_PROTECTION']);
  });
});

describe('manifest parser', () => {
  it('joins continuation lines as bytes and accepts CR, LF and CRLF line ends', () => {
    const euro = Buffer.from('€', 'utf8');
    const text = Buffer.concat([
      Buffer.from('Manifest-Version: 1.0\r\n\r\nName: a/'),
      euro.subarray(0, 1),
      Buffer.from('\n '),
      euro.subarray(1),
      Buffer.from('b\rSHA-256-Digest: x\r\n\r\n\r\nName: c\n\n'),
    ]);
    const parsed = parseManifest(text);
    expect(parsed.main?.get('manifest-version')).toBe('1.0');
    expect(parsed.main).toMatchObject({ start: 0, size: 25 });
    expect(parsed.individual.map((s) => s.name)).toEqual(['a/€b', 'c']);
    const first = parsed.individual[0]!;
    expect(text.subarray(first.start, first.start + first.size).toString('latin1').endsWith('x\r\n\r\n')).toBe(true);
    expect(first.get('SHA-256-DIGEST')).toBe('x');
  });

  it('picks digests by API level: legacy list below 18, strongest present from 18', () => {
    const section = parseManifest(Buffer.from('Name: a\r\nSHA1-Digest: AAAA\r\nSHA-256-Digest: AAAA\r\nSHA-512-Digest: bad!\r\n\r\n')).main!;
    expect(digestsToVerify(section, '-Digest', { minSdk: 1, maxSdk: 17 }).map((d) => d.algorithm)).toEqual(['SHA-1']);
    const both = digestsToVerify(section, '-Digest', { minSdk: 1, maxSdk: MAX });
    expect(both.map((d) => [d.algorithm, d.expected.length])).toEqual([['SHA-1', 3], ['SHA-512', 0]]);
    expect(digestsToVerify(section, '-Digest', { minSdk: 18, maxSdk: MAX }).map((d) => d.algorithm)).toEqual(['SHA-512']);
  });
});
