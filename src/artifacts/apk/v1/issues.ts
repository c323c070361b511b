/**
 * Closed catalogue of v1 (JAR signing) issues. Codes follow apksig's `JAR_SIG_*` names so a user can
 * match them with apksigner output; messages are for humans and may change. Every v1 issue is built
 * here. ZIP-level failures met while reading an entry keep the ZIP catalogue's own issue.
 */
import { issueCatalogue } from '../../issue-catalogue.js';

type P = Record<string, unknown>;

const s = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));
/** apksigner prefixes signer-specific issues with the signer's block file name. */
const signer = (p: P): string => `JAR signer ${s(p.signer)}: `;

const CATALOGUE = issueCatalogue({
  // --- archive-level ---
  JAR_SIG_DUPLICATE_ZIP_ENTRY: (p: P) => `duplicate entry: ${s(p.name)}`,
  JAR_SIG_ENTRY_NAME_LINE_BREAK: (p: P) =>
    `entry name ${JSON.stringify(p.name)} contains CR or LF and cannot be named in META-INF/MANIFEST.MF`,
  JAR_SIG_NO_MANIFEST: () => 'missing META-INF/MANIFEST.MF',
  JAR_SIG_UNNAMED_MANIFEST_SECTION: (p: P) =>
    `malformed META-INF/MANIFEST.MF: individual section #${s(p.section)} does not have a name`,
  JAR_SIG_DUPLICATE_MANIFEST_SECTION: (p: P) => `META-INF/MANIFEST.MF has more than one section for ${s(p.name)}`,
  JAR_SIG_MISSING_ZIP_ENTRY_REFERENCED_IN_MANIFEST: (p: P) =>
    `${s(p.name)} entry referenced by META-INF/MANIFEST.MF not found in the APK`,
  JAR_SIG_MISSING_FILE: (p: P) => `${s(p.block)} has no matching ${s(p.sigFile)}; signature block ignored`,
  JAR_SIG_NO_SIGNATURES: () => 'no JAR signatures',
  JAR_SIG_MAX_SIGNATURES_EXCEEDED: (p: P) => `${s(p.count)} JAR signers, at most ${s(p.limit)} are allowed`,

  // --- signature block (.RSA/.DSA/.EC) against its .SF ---
  JAR_SIG_PARSE_EXCEPTION: (p: P) => `${signer(p)}failed to parse ${s(p.block)}: ${s(p.reason)}`,
  JAR_SIG_NO_SIGNERS: (p: P) => `${signer(p)}${s(p.block)} contains no SignerInfo`,
  JAR_SIG_UNSUPPORTED_SIG_ALG: (p: P) =>
    `${signer(p)}${s(p.block)} uses digest algorithm ${s(p.digest)} and signature algorithm ${s(p.signature)}, ` +
    `which is not supported on API level(s) ${s(p.apiLevels)} for which this APK is being verified`,
  JAR_SIG_VERIFY_EXCEPTION: (p: P) => `${signer(p)}failed to verify ${s(p.block)} against ${s(p.sigFile)}: ${s(p.reason)}`,
  JAR_SIG_DID_NOT_VERIFY: (p: P) => `${signer(p)}${s(p.block)} did not verify against ${s(p.sigFile)}`,

  // --- .SF against MANIFEST.MF ---
  JAR_SIG_MISSING_VERSION_ATTR_IN_SIG_FILE: (p: P) => `${signer(p)}${s(p.sigFile)} has no Signature-Version`,
  JAR_SIG_NO_MANIFEST_DIGEST_IN_SIG_FILE: (p: P) =>
    `${signer(p)}${s(p.sigFile)} has no usable digest of META-INF/MANIFEST.MF; falling back to per-section digests`,
  JAR_SIG_MANIFEST_DIGEST_DID_NOT_VERIFY: (p: P) =>
    `${signer(p)}${s(p.algorithm)} digest of META-INF/MANIFEST.MF does not match ${s(p.sigFile)}; ` +
    `falling back to per-section digests (expected ${s(p.expected)}, actual ${s(p.actual)})`,
  JAR_SIG_MANIFEST_MAIN_SECTION_DIGEST_DID_NOT_VERIFY: (p: P) =>
    `${signer(p)}${s(p.algorithm)} digest of the META-INF/MANIFEST.MF main section does not match ${s(p.sigFile)} ` +
    `(expected ${s(p.expected)}, actual ${s(p.actual)})`,
  JAR_SIG_UNNAMED_SIG_FILE_SECTION: (p: P) =>
    `${signer(p)}malformed ${s(p.sigFile)}: individual section #${s(p.section)} does not have a name`,
  JAR_SIG_DUPLICATE_SIG_FILE_SECTION: (p: P) => `${signer(p)}${s(p.sigFile)} has more than one section for ${s(p.name)}`,
  JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE: (p: P) =>
    `${signer(p)}${s(p.sigFile)} has no usable digest of the META-INF/MANIFEST.MF section for ${s(p.name)}`,
  JAR_SIG_MANIFEST_SECTION_DIGEST_DID_NOT_VERIFY: (p: P) =>
    `${signer(p)}${s(p.algorithm)} digest of the META-INF/MANIFEST.MF section for ${s(p.name)} does not match ` +
    `${s(p.sigFile)} (expected ${s(p.expected)}, actual ${s(p.actual)})`,
  JAR_SIG_SIGNER_IGNORED: (p: P) => `${signer(p)}ignored, as Android ignores it: ${s(p.reason)}`,

  // --- APK Signature Scheme stripping protection (X-Android-APK-Signed) ---
  JAR_SIG_NO_APK_SIG_STRIP_PROTECTION: (p: P) =>
    `${signer(p)}${s(p.sigFile)} has no X-Android-APK-Signed attribute although the APK has a v2+ signature; ` +
    'stripping the v2+ signature would go unnoticed on older platforms',
  JAR_SIG_UNKNOWN_APK_SIG_SCHEME_ID: (p: P) =>
    `${signer(p)}${s(p.sigFile)} names APK signature scheme ${s(p.id)}, unknown for the checked platforms`,
  JAR_SIG_MISSING_APK_SIG_REFERENCED: (p: P) =>
    `${signer(p)}${s(p.sigFile)} says the APK is signed with APK Signature Scheme v${s(p.id)}, ` +
    'but that signature is missing or did not verify',

  // --- entries against MANIFEST.MF ---
  JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST: (p: P) => `no usable digest of ${s(p.name)} in META-INF/MANIFEST.MF`,
  JAR_SIG_ZIP_ENTRY_NOT_SIGNED: (p: P) => `${s(p.name)} is not signed by any JAR signer`,
  JAR_SIG_ZIP_ENTRY_SIGNERS_MISMATCH: (p: P) =>
    `${s(p.first)} is signed by [${s(p.firstSigners)}] but ${s(p.name)} is signed by [${s(p.signers)}]`,
  JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY: (p: P) =>
    `${s(p.algorithm)} digest of ${s(p.name)} does not match META-INF/MANIFEST.MF ` +
    `(expected ${s(p.expected)}, actual ${s(p.actual)})`,
  JAR_SIG_NO_SIGNED_ZIP_ENTRIES: () => 'no entries are signed by the JAR signature',
  JAR_SIG_UNPROTECTED_ZIP_ENTRY: (p: P) => `${s(p.name)} is not protected by the JAR signature`,
});

export type V1IssueCode = (typeof CATALOGUE.codes)[number];

export const V1_ISSUE_CODES = CATALOGUE.codes;

export const v1Issue = CATALOGUE.issue;
