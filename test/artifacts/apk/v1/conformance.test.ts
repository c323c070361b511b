/**
 * verifyV1 alone against apksigner 31's verdicts (expected-apksigner.json) for every fixture that
 * apksigner verified with v1 or whose name says it is v1-signed, at the minSdk apksigner used
 * (the fixture manifest's) up to the newest platform.
 */
import { describe, expect, it } from 'vitest';
import { verifyV1 } from '../../../../src/artifacts/apk/v1/index.js';
import { EXPECTED, fixtureCertSha256, manifestMinSdk, readFixture, zipOf, type ExpectedApksigner } from './helpers.js';

const MAX_SDK = 2147483647;

/** apksigner rejected these APKs after v1 verified, for reasons outside the JAR signature. */
const FAILED_OUTSIDE_V1 = [
  /^ERROR: Target SDK version \d+ requires a minimum of signature scheme v2/,
  /^ERROR: Missing APK Signature Scheme v2 signature required for target sandbox version/,
];

/**
 * With v3 key rotation apksigner prints the newest (v3) certificate; v1 is signed by the lineage
 * root, rsa-2048 (docs/formats.md A.13).
 */
const ROTATED_V3 = new Set([
  'golden-aligned-v1v2v3-lineage-out.apk',
  'golden-legacy-aligned-v1v2v3-lineage-out.apk',
  'golden-unaligned-v1v2v3-lineage-out.apk',
  'v1v2v3-with-rsa-2048-lineage-3-signers.apk',
  'v3-rsa-2048_2-tgt-dev-release.apk',
]);

/** Deliberate disagreements, asserted so that they get revisited when their cause changes. */
const DIVERGENCES: Record<string, string> = {
  'v1-only-11-signers.apk':
    'apksig after apksigner 31 allows at most 10 JAR signers (docs/formats.md A.12, MAX_APK_SIGNERS); we follow the newer rule',
};

interface V1Expectation {
  verified: boolean;
  /** Null when apksigner printed no certificates to compare with. */
  certs: string[] | null;
}

function expectationFor(name: string, exp: ExpectedApksigner): V1Expectation {
  if (exp.schemes.v1 === true) {
    return { verified: true, certs: ROTATED_V3.has(name) ? [fixtureCertSha256('rsa-2048')] : exp.signer_cert_sha256 };
  }
  const outsideV1 = exp.errors.length > 0 && exp.errors.every((e) => FAILED_OUTSIDE_V1.some((re) => re.test(e)));
  return { verified: outsideV1, certs: outsideV1 ? null : [] };
}

const cases = Object.entries(EXPECTED)
  .filter(([name, exp]) => exp.schemes.v1 === true || name.startsWith('v1-'))
  .map(([name, exp]) => ({ name, exp }));

describe('verifyV1 agrees with apksigner 31 on v1 fixtures', () => {
  it('covers the v1 fixtures', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)('$name', async ({ name, exp }) => {
    const zip = await zipOf(readFixture(name));
    const result = await verifyV1(zip, { minSdk: await manifestMinSdk(zip), maxSdk: MAX_SDK });
    const want = expectationFor(name, exp);
    const divergence = DIVERGENCES[name];
    if (divergence) {
      expect(result.verified, divergence).toBe(!want.verified);
      return;
    }
    expect(result.verified, JSON.stringify(result.errors)).toBe(want.verified);
    expect(result.present).toBe(true);
    if (want.certs) expect(result.signers.map((s) => s.cert_sha256)).toEqual(want.certs);
    if (result.verified) expect(result.errors).toEqual([]);
  });
});
