/**
 * APK Signature Scheme v2, v3 and v3.1 blocks (docs/formats.md A.5, A.6, A.9). v3 and v3.1 share a format;
 * they differ in SDK targeting, which the orchestrator passes in. Work is split in two phases around
 * the single pass over the file: checkBlock (signatures, certificates) and finishBlock (digests, ranges).
 */
import type { Issue } from '../types.js';
import type { SchemeId, SchemeResult, SchemeSigner, SdkRange } from './types.js';
import { apkIssue } from './issues.js';
import { LpError, LpReader } from './lp.js';
import { ATTR, attribute, checkContentDigests, checkSigner, type CheckedSigner } from './signer.js';
import { lineageIndexOf, readLineage, type Lineage } from './lineage.js';
import type { ContentDigestKind } from './algorithms.js';

/** apksig rejects more; also bounds the signature checks on hostile input. */
export const MAX_SIGNERS = 10;
const SDK_MAX = 0x7fffffff;

export interface BlockCheck {
  scheme: SchemeId;
  /** SDK range the block is checked for (v2 from 24, v3 from 28, v3.1 from 33). */
  range: SdkRange;
  signers: CheckedSigner[];
  /** Per signer (same index), its verified rotation lineage when it carries one. */
  lineages: Array<Lineage | undefined>;
  errors: Issue[];
  warnings: Issue[];
}

const hasErrors = (b: BlockCheck): boolean => b.errors.length > 0 || b.signers.some((s) => s.errors.length > 0);

/** Phase 1: parses the block and verifies each signer's signature over its signed data. */
export function checkBlock(scheme: SchemeId, value: Buffer, range: SdkRange): BlockCheck {
  const check: BlockCheck = { scheme, range, signers: [], lineages: [], errors: [], warnings: [] };
  let signerBytes: Buffer[];
  try {
    signerBytes = new LpReader(value).lp().sequence().map((s) => s.rest());
  } catch (err) {
    if (!(err instanceof LpError)) throw err;
    check.errors.push(apkIssue('APK_SCHEME_BLOCK_MALFORMED', { scheme, reason: err.message }));
    return check;
  }
  if (signerBytes.length === 0) {
    check.errors.push(apkIssue('APK_SCHEME_NO_SIGNERS', { scheme }));
    return check;
  }
  if (signerBytes.length > MAX_SIGNERS) {
    check.errors.push(apkIssue('APK_SCHEME_TOO_MANY_SIGNERS', { scheme, count: signerBytes.length, limit: MAX_SIGNERS }));
    return check;
  }
  signerBytes.forEach((bytes, i) => {
    // v2 signers must work on every platform of the range; a v3 signer only on its own range.
    const signer = checkSigner(scheme, i + 1, bytes, scheme === 'v2' ? range : 'own');
    check.signers.push(signer);
    check.lineages.push(scheme === 'v2' ? undefined : signerLineage(signer));
  });
  return check;
}

/** A.9 check 8: a lineage must verify and end with the signer's own certificate. */
function signerLineage(signer: CheckedSigner): Lineage | undefined {
  const value = attribute(signer, ATTR.PROOF_OF_ROTATION);
  if (!value || !signer.cert || signer.errors.length > 0) return undefined;
  const p = { scheme: signer.scheme, signer: signer.index };
  const read = readLineage(value);
  if (!read.ok) {
    signer.errors.push(
      read.kind === 'signature'
        ? apkIssue('APK_V3_LINEAGE_SIGNATURE_INVALID', { ...p, node: read.node, reason: read.reason })
        : apkIssue('APK_V3_LINEAGE_MALFORMED', { ...p, reason: read.reason }),
    );
    return undefined;
  }
  if (lineageIndexOf(read.lineage, signer.cert) !== read.lineage.certs.length - 1) {
    signer.errors.push(apkIssue('APK_V3_LINEAGE_MISMATCH', { ...p, reason: "lineage does not end with the signer's certificate" }));
  }
  return read.lineage;
}

export interface FinishContext {
  /** Content digests from the pass over the file. */
  digests: ReadonlyMap<ContentDigestKind, Buffer>;
  /** v3 only: min SDK of the v3.1 signers when a v3.1 block verified (rotation targets that SDK). */
  rotationMinSdk?: number;
}

/** Phase 2: content digests, then (v3/v3.1) SDK coverage and rotation-targeting checks. */
export function finishBlock(check: BlockCheck, ctx: FinishContext): void {
  // apksig checks integrity only once every signer's signature verified.
  if (hasErrors(check)) return;
  for (const signer of check.signers) checkContentDigests(signer, ctx.digests);
  if (check.scheme !== 'v2') {
    checkSdkCoverage(check, ctx.rotationMinSdk);
    if (check.scheme === 'v3') checkRotationTargeting(check, ctx.rotationMinSdk);
  }
}

/** Signers sorted by max SDK must tile [range.minSdk .. range.maxSdk] without holes or overlaps. */
function checkSdkCoverage(check: BlockCheck, rotationMinSdk: number | undefined): void {
  const scheme = check.scheme;
  const order = check.signers.map((s, i) => ({ s, lineage: check.lineages[i] })).sort((a, b) => a.s.maxSdk! - b.s.maxSdk!);
  let firstMin: number | undefined;
  let lastMax = 0;
  let lastLineageSize = 0;
  for (const { s, lineage } of order) {
    if (firstMin === undefined) firstMin = s.minSdk!;
    else if (s.minSdk !== lastMax + 1 && !(s.minSdk === lastMax && attribute(s, ATTR.ROTATION_ON_DEV_RELEASE))) {
      check.errors.push(apkIssue('APK_V3_SDK_RANGES', { scheme, reason: 'overlap or leave a gap' }));
      return;
    }
    lastMax = s.maxSdk!;
    if (lineage) {
      if (lineage.nodes.length < lastLineageSize) {
        check.errors.push(apkIssue('APK_V3_SDK_RANGES', { scheme, reason: 'have lineages that shrink on newer platforms' }));
        return;
      }
      lastLineageSize = lineage.nodes.length;
    }
  }
  const mustReach = rotationMinSdk !== undefined ? rotationMinSdk - 1 : check.range.maxSdk;
  // v3.1 rotation may start at any SDK (e.g. 34): the v3 block covers the platforms below it.
  const mustStart = scheme === 'v31' ? SDK_MAX : check.range.minSdk;
  if (firstMin === undefined || firstMin > mustStart || lastMax < mustReach) {
    check.errors.push(
      apkIssue('APK_V3_SDK_RANGES', { scheme, reason: `cover ${firstMin}..${lastMax}, not ${check.range.minSdk}..${mustReach}` }),
    );
  }
}

/** A.9 check 9: a v3 signer naming a rotation min SDK proves a v3.1 block with that min SDK existed. */
function checkRotationTargeting(check: BlockCheck, rotationMinSdk: number | undefined): void {
  if (check.range.maxSdk < 33) return;
  for (const s of check.signers) {
    const value = attribute(s, ATTR.ROTATION_MIN_SDK);
    if (!value || value.length < 4) continue;
    const sdk = value.readInt32LE(0);
    if (sdk !== rotationMinSdk) check.errors.push(apkIssue('APK_V31_STRIPPED', { sdk, found: rotationMinSdk ?? null }));
  }
}

/** The longest lineage among the signers (apksig consolidates them; longer ones extend shorter ones). */
export function blockLineage(check: BlockCheck): Lineage | undefined {
  let best: Lineage | undefined;
  for (const l of check.lineages) if (l && (!best || l.nodes.length > best.nodes.length)) best = l;
  return best;
}

export function toSchemeResult(check: BlockCheck): SchemeResult {
  const errors = [...check.errors, ...check.signers.flatMap((s) => s.errors)];
  const signers: SchemeSigner[] = check.signers
    .filter((s) => s.certInfo)
    .map((s) => {
      const out: SchemeSigner = { ...s.certInfo!, verified_algorithms: s.verifiedAlgorithms.map((a) => a.id) };
      if (s.minSdk !== undefined) out.min_sdk = s.minSdk;
      if (s.maxSdk !== undefined) out.max_sdk = s.maxSdk;
      return out;
    });
  const result: SchemeResult = {
    scheme: check.scheme,
    present: true,
    verified: errors.length === 0,
    signers,
    errors,
    warnings: [...check.warnings, ...check.signers.flatMap((s) => s.warnings)],
  };
  const lineage = blockLineage(check);
  if (lineage) result.lineage = lineage.nodes;
  return result;
}

/** v3.1 rotation targets the lowest SDK any v3.1 signer starts at. */
export function rotationMinSdkOf(check: BlockCheck): number | undefined {
  const mins = check.signers.map((s) => s.minSdk).filter((m): m is number => m !== undefined);
  return mins.length > 0 ? Math.min(...mins) : undefined;
}

/**
 * A.9 check 7: a v2 signer lists the newer schemes it was also signed with (attribute 0xbeeff00d);
 * if the checked range would use such a scheme and its block is gone, the v2 signature was downgraded.
 */
export function checkV2Stripping(check: BlockCheck, foundSchemes: ReadonlySet<SchemeId>): void {
  for (const signer of check.signers) {
    const value = attribute(signer, ATTR.STRIPPING_PROTECTION);
    if (!value || value.length < 4) continue;
    const version = value.readUInt32LE(0);
    if (version === 3 && check.range.maxSdk >= 28 && !foundSchemes.has('v3')) {
      signer.errors.push(apkIssue('APK_V2_STRIPPED', { version }));
    }
  }
}
