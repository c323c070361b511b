/**
 * Closed catalogue of APK verification issues. Codes are stable (scripts and tests match on them);
 * messages are for humans and may change. Every issue the APK verifier reports is built here.
 */
import { issueCatalogue } from '../issue-catalogue.js';
import type { Issue } from '../types.js';

type P = Record<string, unknown>;

const str = (v: unknown): string => String(v);

const CATALOGUE = issueCatalogue({
  // --- container (ZIP) ---
  APK_NOT_ZIP: (p: P) => `not a ZIP archive: ${str(p.reason)}`,
  APK_ZIP_MALFORMED: (p: P) => `malformed ZIP: ${str(p.reason)}`,
  APK_ZIP64_UNSUPPORTED: () => 'ZIP64 archives are not supported for APKs',
  APK_ZIP_TOO_LARGE: (p: P) => `ZIP structure exceeds the limit: ${str(p.reason)}`,
  APK_ZIP_ENTRY_MALFORMED: (p: P) => `entry ${str(p.name)}: ${str(p.reason)}`,
  APK_ZIP_ENTRY_TOO_LARGE: (p: P) => `entry ${str(p.name)} inflates to more than ${str(p.limit)} bytes`,

  // --- APK Signing Block ---
  APK_SIG_BLOCK_MALFORMED: (p: P) => `malformed APK Signing Block: ${str(p.reason)}`,

  // --- v2 / v3 / v3.1 signers (p.scheme = "v2" | "v3" | "v31") ---
  APK_SCHEME_BLOCK_MALFORMED: (p: P) => `${str(p.scheme)}: malformed block: ${str(p.reason)}`,
  APK_SCHEME_NO_SIGNERS: (p: P) => `${str(p.scheme)}: no signers`,
  APK_SCHEME_TOO_MANY_SIGNERS: (p: P) => `${str(p.scheme)}: ${str(p.count)} signers (at most ${str(p.limit)})`,
  APK_SIGNER_MALFORMED: (p: P) => `${str(p.scheme)} signer #${str(p.signer)}: malformed: ${str(p.reason)}`,
  APK_SIGNER_NO_SIGNATURES: (p: P) => `${str(p.scheme)} signer #${str(p.signer)}: no signatures`,
  APK_SIGNER_NO_SUPPORTED_SIGNATURES: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: no signature usable on API level ${str(p.sdk)}`,
  APK_SIGNER_UNKNOWN_ALGORITHM: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: unknown signature algorithm ${str(p.algorithm)} ignored`,
  APK_SIGNER_SIGNATURE_INVALID: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: signature ${str(p.algorithm)} does not verify`,
  APK_SIGNER_NO_CERTIFICATES: (p: P) => `${str(p.scheme)} signer #${str(p.signer)}: no certificates`,
  APK_SIGNER_CERT_MALFORMED: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: certificate #${str(p.cert)} cannot be parsed`,
  APK_SIGNER_PUBLIC_KEY_MISMATCH: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: public key does not match the first certificate`,
  APK_SIGNER_DIGEST_ALGORITHMS_MISMATCH: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: signature and digest algorithm lists differ`,
  APK_SIGNER_DIGEST_MISMATCH: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: ${str(p.algorithm)} content digest does not match the APK`,
  APK_SIGNER_UNKNOWN_ATTRIBUTE: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: unknown additional attribute ${str(p.attribute)}`,
  APK_SIGNER_SDK_MISMATCH: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: SDK range differs between signed and unsigned data`,
  APK_SIGNER_SDK_INVALID: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: invalid SDK range ${str(p.min)}..${str(p.max)}`,
  APK_V2_STRIPPED: (p: P) => `v2 signature says the APK was also signed with scheme ${str(p.version)}, which is missing or failed`,
  APK_V3_SDK_RANGES: (p: P) => `${str(p.scheme)}: signer SDK ranges ${str(p.reason)}`,
  APK_V3_LINEAGE_MISMATCH: (p: P) => `${str(p.scheme)} signer #${str(p.signer)}: ${str(p.reason)}`,
  APK_V3_LINEAGE_MALFORMED: (p: P) => `${str(p.scheme)} signer #${str(p.signer)}: malformed rotation lineage: ${str(p.reason)}`,
  APK_V3_LINEAGE_SIGNATURE_INVALID: (p: P) =>
    `${str(p.scheme)} signer #${str(p.signer)}: lineage node #${str(p.node)} signature does not verify`,
  APK_V31_STRIPPED: (p: P) => `v3 signer says a v3.1 block with min SDK ${str(p.sdk)} exists, but it is missing or differs`,
  APK_V31_WITHOUT_V3: () => 'v3.1 block present without a v3 block',

  // --- decision across schemes ---
  APK_NOT_SIGNED: () => 'no APK signature (no v1, v2, v3 or v3.1)',
  APK_V1_REQUIRED: (p: P) =>
    `min SDK ${str(p.minSdk)} < 24: Android ${str(p.minSdk)}..23 only checks v1 (JAR) signatures, which are missing or failed`,
  APK_V2_REQUIRED_BELOW_28: (p: P) =>
    `min SDK ${str(p.minSdk)} < 28: Android 7.x (API 24-27) does not read v3 signatures and there is no v2 signature`,
  APK_SIGNERS_DIFFER: (p: P) => `${str(p.a)} and ${str(p.b)} signers differ`,
  APK_V2PLUS_REQUIRED: (p: P) => `v2 or newer signature required: ${str(p.reason)}`,

  // --- manifest ---
  APK_MANIFEST_MISSING: () => 'AndroidManifest.xml missing',
  APK_MANIFEST_MALFORMED: (p: P) => `AndroidManifest.xml: ${str(p.reason)}`,
});

export type ApkIssueCode = (typeof CATALOGUE.codes)[number];

export const APK_ISSUE_CODES = CATALOGUE.codes;

export const apkIssue = CATALOGUE.issue;

/** An Issue carried through a throw, for APIs that must return a value (ZipArchive.readEntry). */
export class ApkIssueError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
    this.name = 'ApkIssueError';
  }
}

export function isIssue(x: unknown): x is Issue {
  return typeof x === 'object' && x !== null && typeof (x as Issue).code === 'string' && !Buffer.isBuffer(x);
}
