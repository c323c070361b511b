/**
 * Parity with Debian's apksigner on APKs made fresh by Debian's own tools (make-apks.sh):
 * for every generated APK (signed, rotated, multi-signer, tampered, bench), otactl's inspectApk
 * and `apksigner verify -v --print-certs` must agree on the verdict, the signer certificates
 * (current signer first) and the verified schemes; on rotated APKs, otactl's lineage must match
 * `apksigner lineage --print-certs`. apksigner is the oracle: nothing here hard-codes an answer.
 *
 * Needs: apksigner aapt zipalign android-framework-res keytool openssl (scripts/install-test-deps.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { inspectApk } from '../../../../src/artifacts/apk/index.js';
import type { ApkReport } from '../../../../src/artifacts/apk/types.js';
import {
  APK_DIR,
  apksignerLineage,
  apksignerVerify,
  freshApks,
  pool,
  type ApksignerLineageNode,
  type ApksignerVerdict,
  type FreshApk,
} from './apksigner.js';

/**
 * The SDK range otactl verifies for: like apksigner without --min-sdk-version, the minSdkVersion
 * the APK's manifest declares (checked below: the report's min_sdk must be the manifest's).
 * apksigner gets the same value explicitly.
 */
function otactlMinSdk(apk: FreshApk): number {
  return apk.min_sdk;
}

/**
 * otactl's deliberate, documented departures from apksigner 31 (docs/apk-verification.md, "Stricter
 * than apksigner (on purpose)"; src/artifacts/apk/scheme-policy.ts requirementIssues). Only the rules a
 * fresh APK can trigger are listed. A verdict difference counts as deliberate only when
 * otactl rejects with the rule's code, every other error otactl gives is a consequence of the same
 * gap, and the rule's condition holds by apksigner's own account of the APK, so each entry can fail.
 */
const DELIBERATE: { code: string; also: RegExp; why: string; holds: (c: Omit<Case, 'diffs'>) => boolean }[] = [
  {
    code: 'APK_V2_REQUIRED_BELOW_28',
    // With no v2 block otactl also checks v1 for API 24..27 and finds none (the v1 'absent' codes).
    also: /^(APK_V2_REQUIRED_BELOW_28|JAR_SIG_NO_MANIFEST|JAR_SIG_NO_SIGNATURES)$/,
    why: 'v3-only APK with minSdk < 28: Android 7.x (API 24-27) ignores v3 and finds no v2 or v1; apksigner 31 accepts it',
    holds: (c) =>
      c.signer.verified &&
      c.minSdk < 28 &&
      c.signer.schemes.v3 === true &&
      c.signer.schemes.v2 !== true &&
      c.signer.schemes.v1 !== true,
  },
];

interface Case {
  apk: FreshApk;
  minSdk: number;
  signer: ApksignerVerdict;
  lineage: ApksignerLineageNode[] | null;
  report: ApkReport;
  facts: Awaited<ReturnType<typeof inspectApk>>['facts'];
  /** What disagrees, one line each; empty when otactl matches apksigner. */
  diffs: string[];
  /** Set when the only difference is one of DELIBERATE (its `why`). */
  deliberate?: string;
}

function deliberateDifference(c: Omit<Case, 'diffs'>): string | undefined {
  if (!c.signer.verified || c.report.verified) return undefined;
  const codes = c.report.errors.map((e) => e.code);
  for (const d of DELIBERATE) {
    if (codes.includes(d.code) && codes.every((x) => d.also.test(x)) && d.holds(c)) return `${d.code}: ${d.why}`;
  }
  return undefined;
}

const cases: Case[] = [];

function compare(c: Omit<Case, 'diffs'>): string[] {
  const d: string[] = [];
  const { apk, signer, report, lineage, facts } = c;
  if (report.verified !== signer.verified) {
    d.push(
      `verdict: otactl ${report.verified ? 'verified' : 'NOT verified'}, apksigner ${signer.verified ? 'verifies' : 'DOES NOT VERIFY'}` +
        ` (otactl errors: ${report.errors.map((e) => e.code).join(', ') || 'none'}; apksigner: ${signer.errors.slice(0, 2).join(' | ') || 'none'})`,
    );
  }
  if (!signer.verified || !report.verified) {
    // Nothing else is comparable: apksigner prints no schemes or signers when it rejects.
    if (!report.verified && report.errors.length === 0) d.push('otactl: not-verified report carries no error');
    return d;
  }
  // Schemes apksigner printed (31.0.2 prints v1..v4; it knows no v3.1 and cannot sign one, so a
  // v3.1 block cannot be in these APKs and otactl must not claim one).
  for (const k of ['v1', 'v2', 'v3', 'v31'] as const) {
    const theirs = signer.schemes[k] ?? false;
    if (report.schemes[k] !== theirs) d.push(`scheme ${k}: otactl ${report.schemes[k]}, apksigner ${theirs}`);
  }
  const ours = report.signers.map((s) => s.cert_sha256);
  const theirs = signer.signers.map((s) => s.cert_sha256);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) d.push(`signers: otactl [${ours.join(', ')}], apksigner [${theirs.join(', ')}]`);
  signer.signers.forEach((s, i) => {
    const o = report.signers[i];
    if (!o) return;
    if (s.key_algorithm !== undefined && o.key_algorithm !== s.key_algorithm) d.push(`signer #${i + 1} key algorithm: otactl ${o.key_algorithm}, apksigner ${s.key_algorithm}`);
    if (s.key_size !== undefined && o.key_size !== s.key_size) d.push(`signer #${i + 1} key size: otactl ${o.key_size}, apksigner ${s.key_size}`);
  });
  const ourLineage = report.lineage.map((n) => `${n.cert_sha256}/flags=${n.flags}`);
  const theirLineage = (lineage ?? []).map((n) => `${n.cert_sha256}/flags=${n.flags}`);
  if (JSON.stringify(ourLineage) !== JSON.stringify(theirLineage)) {
    d.push(`lineage: otactl [${ourLineage.join(', ')}], apksigner lineage [${theirLineage.join(', ')}]`);
  }
  // What the manifest we built says.
  if (report.package !== apk.package) d.push(`package: otactl ${report.package}, manifest ${apk.package}`);
  if (report.version_code !== apk.version_code) d.push(`version_code: otactl ${report.version_code}, manifest ${apk.version_code}`);
  if (report.version_name !== apk.version_name) d.push(`version_name: otactl ${report.version_name}, manifest ${apk.version_name}`);
  if (report.min_sdk !== apk.min_sdk) d.push(`min_sdk: otactl ${report.min_sdk}, manifest ${apk.min_sdk}`);
  if (report.sha256 !== apk.sha256 || report.size !== apk.size) d.push(`file: otactl ${report.sha256}/${report.size}, index ${apk.sha256}/${apk.size}`);
  // Release facts follow the report.
  if (facts.signer_fingerprint !== theirs[0]) d.push(`facts.signer_fingerprint: ${facts.signer_fingerprint}, apksigner signer #1 ${theirs[0]}`);
  if (lineage && lineage.length > 0 && JSON.stringify(facts.signer_lineage) !== JSON.stringify(lineage.map((n) => n.cert_sha256))) {
    d.push(`facts.signer_lineage: ${JSON.stringify(facts.signer_lineage)}, apksigner lineage ${JSON.stringify(lineage.map((n) => n.cert_sha256))}`);
  }
  return d;
}

describe('fresh APKs: otactl inspectApk vs apksigner', () => {
  beforeAll(async () => {
    const index = freshApks();
    // Two JVMs at a time (two cores).
    const oracle = await pool(index.apks, 2, async (apk) => {
      const file = path.join(APK_DIR, apk.file);
      const minSdk = otactlMinSdk(apk);
      const signer = await apksignerVerify(file, minSdk);
      const lineage = signer.verified && apk.schemes_signed.includes('v3') ? await apksignerLineage(file) : null;
      return { apk, minSdk, signer, lineage };
    });
    for (const o of oracle) {
      const { report, facts } = await inspectApk(path.join(APK_DIR, o.apk.file));
      const c = { ...o, report: report as ApkReport, facts };
      const deliberate = deliberateDifference(c);
      cases.push({ ...c, diffs: deliberate ? [] : compare(c), ...(deliberate ? { deliberate } : {}) });
    }
  }, 600_000);

  afterAll(() => {
    if (cases.length === 0) return;
    const agree = cases.filter((c) => c.diffs.length === 0 && !c.deliberate).length;
    const deliberate = cases.filter((c) => c.deliberate).length;
    const lines = cases.map(
      (c) =>
        `${c.deliberate ? 'STRICTER' : c.diffs.length === 0 ? 'agree   ' : 'DISAGREE'} ${c.apk.file.padEnd(40)} apksigner=${c.signer.verified ? 'verifies' : 'rejects '} otactl=${c.report.verified ? 'verified' : 'rejected'}` +
        (c.diffs.length ? `\n           ${c.diffs.join('\n           ')}` : '') +
        (c.deliberate ? `\n           deliberate: ${c.deliberate}` : ''),
    );
    process.stdout.write(
      `\napksigner parity: ${agree} agree / ${cases.length - agree - deliberate} disagree / ${deliberate} deliberately stricter (of ${cases.length} fresh APKs)\n${lines.join('\n')}\n`,
    );
  });

  it('the generator made what it promises (checked with apksigner, not by name)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const by = (f: (c: Case) => boolean) => cases.filter(f);
    for (const alg of ['RSA', 'EC', 'DSA']) {
      for (const scheme of ['v1', 'v2', 'v3'] as const) {
        const ok = by((c) => c.apk.kind === 'signed' && c.apk.key_algs.length === 1 && c.apk.key_algs[0] === alg && c.signer.verified && c.signer.schemes[scheme] === true);
        expect(ok.length, `${alg} APK verified by apksigner with ${scheme}`).toBeGreaterThan(0);
      }
    }
    expect(by((c) => c.signer.verified && (c.lineage?.length ?? 0) >= 3).length, 'rotated APK with a 3-certificate lineage').toBeGreaterThan(0);
    expect(by((c) => c.signer.verified && (c.lineage?.length ?? 0) === 2).length, 'rotated APK with a 2-certificate lineage').toBeGreaterThan(0);
    expect(by((c) => c.signer.verified && c.signer.signers.length === 2).length, 'APK with two signers').toBeGreaterThan(0);
    expect(by((c) => c.apk.kind === 'tampered' && c.apk.covered_by_signature === true).length).toBeGreaterThanOrEqual(10);
    const big = cases.find((c) => c.apk.file === 'bench-48m.apk');
    expect(big?.apk.size ?? 0).toBeGreaterThan(47 * 2 ** 20);
    expect(big?.apk.size ?? Infinity).toBeLessThan(49 * 2 ** 20);
  });

  it('tampered APKs whose changed bytes are signed are rejected by apksigner and by otactl', () => {
    const tampered = cases.filter((c) => c.apk.kind === 'tampered' && c.apk.covered_by_signature === true);
    expect(tampered.length).toBeGreaterThan(0);
    const wrong = tampered
      .filter((c) => c.signer.verified || c.report.verified)
      .map((c) => `${c.apk.file}: apksigner ${c.signer.verified}, otactl ${c.report.verified}`);
    expect(wrong).toEqual([]);
  });

  it('same verdict as apksigner on every fresh APK (bar otactl\'s documented stricter rules)', () => {
    const wrong = cases.filter((c) => c.report.verified !== c.signer.verified && !c.deliberate).map((c) => `${c.apk.file}: ${c.diffs[0]}`);
    expect(wrong).toEqual([]);
  });

  it('otactl is never more lenient than apksigner', () => {
    const wrong = cases.filter((c) => c.report.verified && !c.signer.verified).map((c) => `${c.apk.file}: ${c.diffs[0]}`);
    expect(wrong).toEqual([]);
  });

  it('same signer certificates (current first), key algorithms and sizes as apksigner', () => {
    const wrong = cases.flatMap((c) => c.diffs.filter((d) => d.startsWith('signer')).map((d) => `${c.apk.file}: ${d}`));
    expect(wrong).toEqual([]);
  });

  it('same verified schemes as apksigner', () => {
    const wrong = cases.flatMap((c) => c.diffs.filter((d) => d.startsWith('scheme')).map((d) => `${c.apk.file}: ${d}`));
    expect(wrong).toEqual([]);
  });

  it('same rotation lineage (certificates and capability flags) as apksigner lineage', () => {
    const wrong = cases.flatMap((c) => c.diffs.filter((d) => d.startsWith('lineage') || d.startsWith('facts.signer_lineage')).map((d) => `${c.apk.file}: ${d}`));
    expect(wrong).toEqual([]);
  });

  it('manifest facts (package, versions, minSdk) and release facts match what was built', () => {
    const wrong = cases.flatMap((c) =>
      c.diffs
        .filter((d) => /^(package|version_code|version_name|min_sdk|file|facts\.signer_fingerprint|otactl:)/.test(d))
        .map((d) => `${c.apk.file}: ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  it('agrees with apksigner on everything, APK by APK', () => {
    const wrong = cases.filter((c) => c.diffs.length > 0).map((c) => `${c.apk.file} (${c.apk.description}): ${c.diffs.join('; ')}`);
    expect(wrong).toEqual([]);
  });
});

/**
 * The same comparison with an explicit SDK floor (otactl's `minSdk` option, apksigner's
 * --min-sdk-version), which moves the decision flow: at 24 v1 is no longer needed, at 28 a v3
 * block makes v2 irrelevant. Signed and tampered APKs only (the bench ones add nothing here).
 */
describe.each([24, 28])('fresh APKs at --min-sdk-version %i: otactl vs apksigner', (minSdk) => {
  const at: Case[] = [];
  beforeAll(async () => {
    const index = freshApks();
    const apks = index.apks.filter((a) => a.kind !== 'bench');
    const oracle = await pool(apks, 2, async (apk) => {
      const file = path.join(APK_DIR, apk.file);
      const signer = await apksignerVerify(file, minSdk);
      const lineage = signer.verified && apk.schemes_signed.includes('v3') ? await apksignerLineage(file) : null;
      return { apk, minSdk, signer, lineage };
    });
    for (const o of oracle) {
      const { report, facts } = await inspectApk(path.join(APK_DIR, o.apk.file), { minSdk });
      const c = { ...o, report: report as ApkReport, facts };
      const deliberate = deliberateDifference(c);
      at.push({ ...c, diffs: deliberate ? [] : compare(c), ...(deliberate ? { deliberate } : {}) });
    }
    const bad = at.filter((c) => c.diffs.length > 0);
    process.stdout.write(
      `\napksigner parity at --min-sdk-version ${minSdk}: ${at.length - bad.length - at.filter((c) => c.deliberate).length} agree / ${bad.length} disagree / ` +
        `${at.filter((c) => c.deliberate).length} deliberately stricter (of ${at.length})\n` +
        bad.map((c) => `DISAGREE ${c.apk.file}: ${c.diffs.join('; ')}`).join('\n') +
        '\n',
    );
  }, 600_000);

  it('agrees with apksigner on verdict, signers, schemes, lineage and facts', () => {
    expect(at.length).toBeGreaterThan(0);
    const wrong = at.filter((c) => c.diffs.length > 0).map((c) => `${c.apk.file}: ${c.diffs.join('; ')}`);
    expect(wrong).toEqual([]);
  });

  it('the SDK floor changes some verdicts (the option reaches the verifier)', () => {
    // Verdicts at the manifest's own minSdk, by apksigner (index.json, recorded by make-apks.sh).
    const moved = at.filter((c) => c.apk.apksigner !== undefined && c.apk.apksigner.verifies !== c.signer.verified);
    if (minSdk === 24) expect(moved.length, 'e.g. v2-only at manifest minSdk 14 verifies at 24').toBeGreaterThan(0);
    // Whatever moved for apksigner moved for otactl too.
    expect(moved.filter((c) => c.report.verified !== c.signer.verified && !c.deliberate).map((c) => c.apk.file)).toEqual([]);
  });
});
