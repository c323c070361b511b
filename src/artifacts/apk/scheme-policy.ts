/**
 * Which schemes must verify for an SDK range, and the checks across schemes (docs/formats.md A.9, A.11):
 * apksigner's decision flow plus otactl's stricter rules where Android devices would refuse the APK.
 * Pure functions over parsed results; no I/O.
 */
import type { Issue } from '../types.js';
import type { SchemeId, SchemeResult, SdkRange } from './types.js';
import { apkIssue } from './issues.js';
import { BLOCK_ID } from './signing-block.js';

export const SDK = { N: 24, O: 26, P: 28, R: 30, T: 33, MAX: 0x7fffffff } as const;

export interface PlannedBlock {
  scheme: Exclude<SchemeId, 'v1'>;
  value: Buffer;
  range: SdkRange;
}

export interface SchemePlan {
  /** v2+ blocks to verify, in apksigner's order (v3.1, v3, v2). */
  blocks: PlannedBlock[];
  /** A v3.1 block that will be used although the v3 block it extends is missing. */
  v31WithoutV3: boolean;
  /** Whether v1 (JAR) must be checked. */
  checkV1: boolean;
}

/** A.11 step 1-2, plus: with min SDK < 28 and no v2 block, v1 is checked too (Android 7.x reads only v1/v2). */
export function planSchemes(range: SdkRange, pairs: ReadonlyMap<number, Buffer>): SchemePlan {
  const blocks: PlannedBlock[] = [];
  const plan = (scheme: PlannedBlock['scheme'], id: number, from: number): void => {
    const value = pairs.get(id);
    if (value) blocks.push({ scheme, value, range: { minSdk: Math.max(range.minSdk, from), maxSdk: range.maxSdk } });
  };
  let v31WithoutV3 = false;
  if (range.maxSdk >= SDK.N) {
    if (range.maxSdk >= SDK.T) plan('v31', BLOCK_ID.V31, SDK.T);
    if ((range.minSdk < SDK.T || blocks.length === 0) && range.maxSdk >= SDK.P) {
      plan('v3', BLOCK_ID.V3, SDK.P);
      v31WithoutV3 = blocks.length === 1 && blocks[0]!.scheme === 'v31';
    }
    if (range.minSdk < SDK.P || blocks.length === 0) plan('v2', BLOCK_ID.V2, SDK.N);
  }
  const hasV2 = blocks.some((b) => b.scheme === 'v2');
  const checkV1 = range.minSdk < SDK.N || blocks.length === 0 || (range.minSdk < SDK.P && !hasV2);
  return { blocks, v31WithoutV3, checkV1 };
}

export interface ManifestFacts {
  targetSdk: number;
  targetSandboxVersion: number;
}

type Results = Partial<Record<SchemeId, SchemeResult>>;

const verified = (r: Results, s: SchemeId): boolean => r[s]?.verified === true;
const found = (r: Results, s: SchemeId): boolean => r[s]?.present === true;

/**
 * Requirements on the set of schemes once each present one verified: what apksigner demands, and
 * otactl's stricter rules (v1 below API 24, v2 or v1 below API 28). Returns errors.
 */
export function requirementIssues(range: SdkRange, results: Results, manifest: ManifestFacts | null): Issue[] {
  const issues: Issue[] = [];
  const v2plus = found(results, 'v2') || found(results, 'v3') || found(results, 'v31');
  if (!v2plus && !found(results, 'v1')) return [apkIssue('APK_NOT_SIGNED')];
  if (range.minSdk < SDK.N && !found(results, 'v1')) {
    issues.push(apkIssue('APK_V1_REQUIRED', { minSdk: range.minSdk }));
  }
  if (range.minSdk < SDK.P && (found(results, 'v3') || found(results, 'v31')) && !found(results, 'v2') && !verified(results, 'v1')) {
    issues.push(apkIssue('APK_V2_REQUIRED_BELOW_28', { minSdk: range.minSdk }));
  }
  if (manifest && !v2plus) {
    if (manifest.targetSandboxVersion > 1 && range.maxSdk >= SDK.O) {
      issues.push(apkIssue('APK_V2PLUS_REQUIRED', { reason: `targetSandboxVersion ${manifest.targetSandboxVersion}` }));
    }
    if (manifest.targetSdk >= SDK.R && range.maxSdk >= manifest.targetSdk) {
      issues.push(apkIssue('APK_V2PLUS_REQUIRED', { reason: `targetSdkVersion ${manifest.targetSdk}` }));
    }
  }
  return issues;
}

/** A.9 cross-scheme checks between verified schemes. `v3Lineage` is the v3 signers' lineage, oldest first. */
export function crossSchemeIssues(results: Results, v3Lineage: readonly string[] | undefined): Issue[] {
  const issues: Issue[] = [];
  const certs = (s: SchemeId): string[] => results[s]?.signers.map((x) => x.cert_sha256) ?? [];
  if (verified(results, 'v1') && verified(results, 'v2')) {
    const v1 = new Set(certs('v1'));
    const v2 = new Set(certs('v2'));
    if (v1.size !== v2.size || [...v1].some((c) => !v2.has(c))) issues.push(apkIssue('APK_SIGNERS_DIFFER', { a: 'v1', b: 'v2' }));
  }
  if (verified(results, 'v3') && (verified(results, 'v1') || verified(results, 'v2'))) {
    const older: SchemeId = verified(results, 'v1') ? 'v1' : 'v2';
    const oldCerts = certs(older);
    if (oldCerts.length !== 1) issues.push(apkIssue('APK_SIGNERS_DIFFER', { a: older, b: 'v3', reason: 'several older signers' }));
    if (!v3Lineage) {
      const v3 = certs('v3');
      if (v3.length !== 1 || v3[0] !== oldCerts[0]) issues.push(apkIssue('APK_SIGNERS_DIFFER', { a: older, b: 'v3' }));
    } else if (v3Lineage[0] !== oldCerts[0]) {
      // With rotation, v1/v2 must be signed by the original key: the lineage root.
      issues.push(apkIssue('APK_SIGNERS_DIFFER', { a: older, b: 'v3 lineage root' }));
    }
  }
  return issues;
}

/** apksigner's "current" signers: last v3.1 signer, else last v3 signer, else all v2, else all v1. */
export function currentSigners(results: Results): SchemeResult['signers'] {
  for (const s of ['v31', 'v3'] as const) {
    const signers = results[s]?.verified ? results[s]!.signers : [];
    if (signers.length > 0) return [signers[signers.length - 1]!];
  }
  for (const s of ['v2', 'v1'] as const) if (results[s]?.verified) return results[s]!.signers;
  return [];
}
