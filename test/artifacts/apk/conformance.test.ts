/**
 * Conformance with apksigner on AOSP apksig's own test APKs: for every fixture, the verdict, the
 * signer certificates (in apksigner's order) and the verified schemes must match what apksigner 31
 * printed (expected-apksigner.json), except for the deliberate differences in DIFFERENCES below,
 * each with its reason (also documented in docs/apk-verification.md).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { FileSource } from '../../../src/util/byte-source.js';
import { verifyApk } from '../../../src/artifacts/apk/index.js';
import type { ApkReport } from '../../../src/artifacts/apk/types.js';
import { FIXTURES, fixture } from './helpers.js';

interface Expected {
  verifies: boolean;
  signer_cert_sha256: string[];
  schemes: Partial<Record<'v1' | 'v2' | 'v3' | 'v31' | 'v4', boolean>>;
  errors: string[];
}

const EXPECTED: Record<string, Expected> = JSON.parse(readFileSync(fixture('expected-apksigner.json'), 'utf8'));

const RSA_2048 = 'fb5dbd3c669af9fc236c6991e6387b7f11ff0590997f22d0f5c74ff40e04fca8';
const RSA_2048_2 = '681b0e56a796350c08647352a4db800cc44b2adc8f4c72fa350bd05d4d50264d';
const EC_P256_2 = 'd78405f761ff6236cc9b570347a570aba0c62a129a3ac30c831c64d09ad95469';
const ALL_SCHEMES = { v1: true, v2: true, v3: true, v31: true };

type Kind =
  /** otactl rejects what apksigner 31 accepted, on purpose. */
  | 'stricter'
  /** apksigner 31 predates APK Signature Scheme v3.1 (Android 13); we follow the current format. */
  | 'v3.1'
  /** Current apksig's own test suite asserts a different verdict than apksigner 31 printed. */
  | 'current-apksig';

interface Difference {
  kind: Kind;
  reason: string;
  /** Issue code that carries the verdict, for stricter rejections. */
  code?: string;
  verifies: boolean;
  signers?: string[];
  schemes?: ApkReport['schemes'];
}

/** THE table of deliberate differences from apksigner 31. */
export const DIFFERENCES: Record<string, Difference> = {
  'v1-only-11-signers.apk': {
    kind: 'stricter',
    code: 'JAR_SIG_MAX_SIGNATURES_EXCEEDED',
    verifies: false,
    reason: 'More than 10 signers: Android 11+ refuses them (apksig MAX_APK_SIGNERS); decided by the v1 module.',
  },
  'v31-block-stripped-v3-attr-value-33.apk': {
    kind: 'stricter',
    code: 'APK_V31_STRIPPED',
    verifies: false,
    reason: 'The v3 signer says a v3.1 block targets SDK 33 (attribute 0x559f8b02) but there is none: the rotation was stripped. apksigner 31 does not know v3.1.',
  },
  'v31-tgt-34-v3-attr-value-33.apk': {
    kind: 'stricter',
    code: 'APK_V31_STRIPPED',
    verifies: false,
    reason: 'The v3 signer says the v3.1 block targets SDK 33, but the v3.1 signer starts at 34 (mismatch, docs/formats.md A.9 check 9).',
  },
  'v31-rsa-2048_2-tgt-33-1-tgt-28.apk': {
    kind: 'v3.1',
    verifies: true,
    signers: [RSA_2048_2],
    schemes: ALL_SCHEMES,
    reason: 'v3.1 verifies; the current signer is the rotated key of the v3.1 block, as current apksigner prints it.',
  },
  'v31-rsa-2048_2-tgt-34-1-tgt-28.apk': {
    kind: 'v3.1',
    verifies: true,
    signers: [RSA_2048_2],
    schemes: ALL_SCHEMES,
    reason: 'As above, rotation targeting SDK 34.',
  },
  'v31-rsa-2048_2-tgt-34-dev-release.apk': {
    kind: 'v3.1',
    verifies: true,
    signers: [RSA_2048_2],
    schemes: ALL_SCHEMES,
    reason: 'As above, rotation targeting the development release after SDK 33 (attribute 0xc2a6b3ba).',
  },
  'v31-tgt-33-no-v3-attr.apk': {
    kind: 'v3.1',
    verifies: true,
    signers: [RSA_2048_2],
    schemes: ALL_SCHEMES,
    reason: 'v3.1 verifies; a v3 signer without the rotation-min-SDK attribute is only a warning in apksig.',
  },
  'v31-ec-p256-2-tgt-33-1-tgt-28-targetSdk-30.apk': {
    kind: 'v3.1',
    verifies: true,
    signers: [EC_P256_2],
    schemes: { v1: false, v2: false, v3: true, v31: true },
    reason: 'v3 (SDK 28-32) and v3.1 (33+) verify, so targetSdkVersion 30 has its v2+ signature. apksigner 31 did not accept this v3 block without understanding v3.1 and reported no v2+ scheme.',
  },
  'stamp-malformed-signature.apk': {
    kind: 'current-apksig',
    verifies: true,
    signers: [RSA_2048],
    schemes: { v1: true, v2: true, v3: true, v31: false },
    reason: 'Source stamps are not part of APK signature verification; current apksig asserts "a broken stamp should not block a signing scheme verified APK" (ApkVerifierTest.testSourceStampBlock_malformedSignature).',
  },
};

const apks = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.apk'))
  .sort();

async function verifyFixture(name: string, opts = {}): Promise<ApkReport> {
  const src = await FileSource.open(fixture(name));
  try {
    return (await verifyApk(src, opts)).report;
  } finally {
    await src.close();
  }
}

const schemesOf = (e: Expected): ApkReport['schemes'] => ({
  v1: e.schemes.v1 === true,
  v2: e.schemes.v2 === true,
  v3: e.schemes.v3 === true,
  v31: e.schemes.v31 === true,
});

describe('apksigner conformance', () => {
  it('has every fixture in expected-apksigner.json', () => {
    expect(apks.length).toBeGreaterThan(300);
    expect(apks.filter((n) => !EXPECTED[n])).toEqual([]);
    expect(Object.keys(DIFFERENCES).filter((n) => !apks.includes(n))).toEqual([]);
  });

  it.each(apks)('%s', async (name) => {
    const report = await verifyFixture(name);
    const diff = DIFFERENCES[name];
    const want = diff ?? {
      verifies: EXPECTED[name]!.verifies,
      signers: EXPECTED[name]!.signer_cert_sha256,
      schemes: schemesOf(EXPECTED[name]!),
    };
    expect(report.verified, report.errors.map((e) => e.code).join(', ')).toBe(want.verifies);
    if (diff?.code) expect(report.errors.map((e) => e.code)).toContain(diff.code);
    // apksigner prints signers and schemes only for an APK that verifies.
    if (want.verifies) {
      expect(report.signers.map((s) => s.cert_sha256)).toEqual(want.signers);
      expect(report.schemes).toEqual(want.schemes);
    }
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

/**
 * Most v2-only / v3-only fixtures fail under apksigner only because their manifest's minSdkVersion
 * needs v1. Checked for API 28+, their v2/v3 signatures must verify unless the name says broken.
 */
describe('v2+/v3 signatures alone (min SDK 28)', () => {
  const BROKEN = /does-not-verify|mismatch|broken|empty|truncated|garbage|wrong-apk-sig-block-magic|11-signers|no-certs|no-sig|no-supported/;
  const v2plusOnly = apks.filter((n) => {
    const e = EXPECTED[n]!;
    return /^(v2|v3|golden)/.test(n) && !e.verifies && (e.errors[0] ?? '').includes('Missing META-INF/MANIFEST.MF');
  });

  it('covers the v2/v3-only fixtures', () => expect(v2plusOnly.length).toBeGreaterThan(70));

  it.each(v2plusOnly)('%s', async (name) => {
    const report = await verifyFixture(name, { minSdk: 28 });
    expect(report.verified, report.errors.map((e) => e.code).join(', ')).toBe(!BROKEN.test(name));
  });
});
