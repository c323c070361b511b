/**
 * The APK verification pipeline: ZIP → manifest → signing block → v3.1/v3/v2 signatures → one pass over
 * the file (whole-file SHA-256 + content digests) → digests and SDK coverage → v1 → requirements and
 * cross-scheme checks. Like apksig, it stops at the first stage that produced errors.
 * The v1 verifier is injected so the pipeline can be tested on its own.
 */
import type { Issue, InspectResult, ReleaseFacts } from '../types.js';
import type { ByteSource } from '../../util/byte-source.js';
import type { ApkReport, SchemeId, SchemeResult, SdkRange, ZipArchive } from './types.js';
import { ApkIssueError, apkIssue, isIssue } from './issues.js';
import { findEntry, openZip } from './zip.js';
import { parseManifest, type ManifestInfo } from './axml.js';
import { findSigningBlock } from './signing-block.js';
import { digestApk, type ApkSections } from './digest.js';
import { neededDigests } from './signer.js';
import {
  blockLineage,
  checkBlock,
  checkV2Stripping,
  finishBlock,
  rotationMinSdkOf,
  toSchemeResult,
  type BlockCheck,
} from './v2v3.js';
import type { V1Result } from './v1/index.js';
import { checkStrippingProtection } from './v1/strip-protection.js';
import { SDK, crossSchemeIssues, currentSigners, planSchemes, requirementIssues } from './scheme-policy.js';

export type VerifyV1 = (zip: ZipArchive, range: SdkRange) => Promise<V1Result>;

export interface VerifyApkOptions {
  /** Lowest API level the APK must install on; default: the manifest's minSdkVersion. */
  minSdk?: number;
  /** Highest API level considered; default: all. */
  maxSdk?: number;
}

/** Real manifests are well below this; the cap keeps a hostile entry from ballooning memory. */
const MAX_MANIFEST_BYTES = 8 << 20;

type Results = Partial<Record<SchemeId, SchemeResult>>;

export async function verifyApkWith(
  src: ByteSource,
  opts: VerifyApkOptions,
  verifyV1: VerifyV1,
): Promise<InspectResult<ApkReport>> {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];

  const zip = await openZip(src);
  if (isIssue(zip)) {
    const { sha256, size } = await digestApk(src, null, new Set());
    return build({ sha256, size, manifest: null, results: {}, lineage: undefined, errors: [zip], warnings });
  }

  const manifest = await readManifest(zip);
  if (isIssue(manifest)) errors.push(manifest);
  const info = isIssue(manifest) ? null : manifest;
  const range: SdkRange = { minSdk: opts.minSdk ?? info?.minSdk ?? 1, maxSdk: opts.maxSdk ?? SDK.MAX };

  const lookup = await findSigningBlock(zip);
  if (lookup.why) warnings.push(lookup.why);
  const plan = planSchemes(range, lookup.found ? lookup.block.pairs : new Map());
  const checks = plan.blocks.map((b) => checkBlock(b.scheme, b.value, b.range));

  const sections: ApkSections | null = lookup.found
    ? { signingBlockOffset: lookup.block.offset, cdOffset: zip.cdOffset, eocdOffset: zip.eocdOffset }
    : null;
  const digests = await digestApk(src, sections, neededDigests(checks.flatMap((c) => c.signers)));

  const results: Results = {};
  const foundSchemes = new Set<SchemeId>(checks.map((c) => c.scheme));
  let rotationMinSdk: number | undefined;
  let failed = errors.length > 0;
  for (const check of checks) {
    if (failed) break;
    if (check.scheme === 'v2') checkV2Stripping(check, foundSchemes);
    finishBlock(check, rotationMinSdk === undefined ? { digests: digests.content } : { digests: digests.content, rotationMinSdk });
    if (check.scheme === 'v31') rotationMinSdk = rotationMinSdkOf(check);
    results[check.scheme] = toSchemeResult(check);
    failed = !results[check.scheme]!.verified;
    if (check.scheme === 'v31' && plan.v31WithoutV3 && !failed) {
      errors.push(apkIssue('APK_V31_WITHOUT_V3'));
      failed = true;
    }
  }
  if (plan.checkV1 && !failed) {
    const v1 = await verifyV1(zip, range);
    results.v1 = v1;
    failed = v1.present && !v1.verified;
    if (!failed) {
      // The .SF may name v2+ schemes the APK was also signed with; their absence means stripping.
      const verifiedIds = new Set([...(results.v2?.verified ? [2] : []), ...(results.v3?.verified ? [3] : [])]);
      const strip = checkStrippingProtection(v1.strippingProtection, verifiedIds, range);
      errors.push(...strip.errors);
      warnings.push(...strip.warnings);
      failed = strip.errors.length > 0;
    }
  }
  if (!failed) {
    errors.push(...requirementIssues(range, results, info));
    const v3 = checks.find((c) => c.scheme === 'v3');
    const v3Lineage = v3 ? blockLineage(v3)?.nodes.map((n) => n.cert_sha256) : undefined;
    errors.push(...crossSchemeIssues(results, v3Lineage));
  }
  const lineageFrom = checks.find((c) => c.scheme === 'v31' && results.v31?.verified) ?? checks.find((c) => c.scheme === 'v3');
  return build({ ...digests, manifest: info, results, lineage: lineageFrom, errors, warnings });
}

async function readManifest(zip: ZipArchive): Promise<ManifestInfo | Issue> {
  const entry = findEntry(zip, 'AndroidManifest.xml');
  if (!entry) return apkIssue('APK_MANIFEST_MISSING');
  try {
    return parseManifest(await zip.readEntry(entry, MAX_MANIFEST_BYTES));
  } catch (err) {
    if (err instanceof ApkIssueError) return err.issue;
    throw err;
  }
}

interface BuildInput {
  sha256: string;
  size: number;
  manifest: ManifestInfo | null;
  results: Results;
  lineage: BlockCheck | undefined;
  errors: Issue[];
  warnings: Issue[];
}

function build(input: BuildInput): InspectResult<ApkReport> {
  const { manifest: m, results } = input;
  const schemeResults = Object.values(results);
  const errors = [...input.errors, ...schemeResults.flatMap((r) => r.errors)];
  const warnings = [...input.warnings, ...schemeResults.flatMap((r) => r.warnings)];
  const verified = errors.length === 0 && schemeResults.some((r) => r.verified);
  const signers = currentSigners(results).map(({ cert_sha256, subject, key_algorithm, key_size }) => ({
    cert_sha256,
    subject,
    key_algorithm,
    key_size,
  }));
  const lineage = (input.lineage && blockLineage(input.lineage)?.nodes) ?? [];
  const report: ApkReport = {
    kind: 'apk',
    package: m?.package ?? null,
    version_code: m?.longVersionCode ?? null,
    version_name: m?.versionName ?? null,
    min_sdk: m?.minSdk ?? null,
    target_sdk: m?.targetSdk ?? null,
    schemes: {
      v1: results.v1?.verified === true,
      v2: results.v2?.verified === true,
      v3: results.v3?.verified === true,
      v31: results.v31?.verified === true,
    },
    signers,
    lineage,
    sha256: input.sha256,
    size: input.size,
    verified,
    errors,
    warnings,
  };
  return { report, facts: factsOf(report, m) };
}

function factsOf(report: ApkReport, m: ManifestInfo | null): ReleaseFacts {
  const facts: ReleaseFacts = { extra: { min_sdk: report.min_sdk, target_sdk: report.target_sdk } };
  if (m?.package) facts.package = m.package;
  if (report.version_code !== null) facts.version_code = report.version_code;
  if (report.version_name !== null) facts.version_name = report.version_name;
  // A fingerprint is a release fact only when the signature holds.
  if (report.verified && report.signers[0]) facts.signer_fingerprint = report.signers[0].cert_sha256;
  if (report.verified && report.lineage.length > 0) facts.signer_lineage = report.lineage.map((n) => n.cert_sha256);
  return facts;
}
