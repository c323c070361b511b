/**
 * `X-Android-APK-Signed` (docs/formats.md A.12): a .SF attribute naming the v2+ schemes the APK was also
 * signed with, so that stripping the APK Signing Block fails on Android 7.0+ instead of silently
 * falling back to v1. verifyV1 only reports the attribute; the orchestrator, which knows which
 * v2+ schemes verified, enforces it with checkStrippingProtection.
 */
import type { Issue } from '../../types.js';
import type { SdkRange } from '../types.js';
import { v1Issue } from './issues.js';

export interface StrippingProtection {
  signer: string;
  sigFile: string;
  /** Scheme IDs the .SF names (2 = v2, 3 = v3); null when it has no X-Android-APK-Signed. */
  schemes: number[] | null;
}

const API_N = 24;
const API_P = 28;

/** Comma-separated decimal IDs; tokens that are not integers are skipped, as Android does. */
export function parseApkSignedAttribute(value: string | undefined): number[] | null {
  if (value === undefined) return null;
  return value
    .split(',')
    .map((token) => token.trim())
    .filter((token) => /^[+-]?\d{1,9}$/.test(token))
    .map(Number);
}

/** The v2+ schemes platforms in range know about: v2 from 7.0, v3 from 9. */
function knownSchemes(range: SdkRange): Set<number> {
  if (range.maxSdk >= API_P) return new Set([2, 3]);
  return range.maxSdk >= API_N ? new Set([2]) : new Set();
}

/**
 * Android 7.0+ rejects an APK whose .SF names a scheme it knows but that did not verify.
 * `verifiedSchemes`: IDs of the v2+ schemes that verified (2, 3). No-op when maxSdk < 24.
 */
export function checkStrippingProtection(
  protections: readonly StrippingProtection[],
  verifiedSchemes: ReadonlySet<number>,
  range: SdkRange,
): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (range.maxSdk < API_N) return { errors, warnings };
  const known = knownSchemes(range);
  for (const { signer, sigFile, schemes } of protections) {
    if (schemes === null) {
      if (verifiedSchemes.size > 0) warnings.push(v1Issue('JAR_SIG_NO_APK_SIG_STRIP_PROTECTION', { signer, sigFile }));
      continue;
    }
    for (const id of new Set(schemes)) {
      if (!known.has(id)) warnings.push(v1Issue('JAR_SIG_UNKNOWN_APK_SIG_SCHEME_ID', { signer, sigFile, id }));
      else if (!verifiedSchemes.has(id)) errors.push(v1Issue('JAR_SIG_MISSING_APK_SIG_REFERENCED', { signer, sigFile, id }));
    }
  }
  return { errors, warnings };
}
