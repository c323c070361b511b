/**
 * APK Signature Scheme v1 (JAR signing) verifier, following apksig's V1SchemeVerifier
 * (docs/formats.md A.12). Stages run in Android's order and each stops on errors:
 *   1. ZIP entry names, MANIFEST.MF and its sections;
 *   2. each signature block (.RSA/.DSA/.EC) against its .SF;
 *   3. each .SF against MANIFEST.MF;
 *   4. every entry's data against MANIFEST.MF, all signed by the same signers.
 * Returns a report, never throws on a bad APK; only I/O errors propagate.
 */
import type { Issue } from '../../types.js';
import { describeCert } from '../certs.js';
import { ApkIssueError } from '../issues.js';
import type { SchemeResult, SchemeSigner, SdkRange, ZipArchive, ZipEntry } from '../types.js';
import { verifyEntries } from './entries.js';
import { v1Issue } from './issues.js';
import { parseManifest, type JarManifest, type ManifestSection } from './manifest.js';
import { checkSigFile } from './sig-file.js';
import { verifySignatureBlock, type SignerFiles } from './signature-block.js';
import type { SigningCertificate } from './certificate.js';
import type { StrippingProtection } from './strip-protection.js';

export { checkStrippingProtection, type StrippingProtection } from './strip-protection.js';
export { V1_ISSUE_CODES, type V1IssueCode } from './issues.js';

/**
 * `present`: the APK has JAR signature files (a .SF or .RSA/.DSA/.EC under META-INF/); a lone
 * MANIFEST.MF, as jar tools write for unsigned archives, does not count.
 * `signers`: the signers Android uses, in ZIP order of their signature blocks (apksigner's order).
 */
export interface V1Result extends SchemeResult {
  scheme: 'v1';
  /**
   * Union of the v2+ scheme IDs the signers' .SF files name in X-Android-APK-Signed (2, 3), sorted.
   * The orchestrator must reject the APK if one of them (known in the range) did not verify:
   * pass `strippingProtection` to checkStrippingProtection.
   */
  apkSignedSchemes: number[];
  strippingProtection: StrippingProtection[];
}

const MANIFEST_NAME = 'META-INF/MANIFEST.MF';
/** Android's limit on JAR signers (apksig MAX_APK_SIGNERS). */
const MAX_SIGNERS = 10;
/** Text files: a 65,535-entry APK has a manifest of a few MiB. */
const MAX_TEXT_BYTES = 32 << 20;
/** PKCS#7 blocks hold a few certificates. */
const MAX_BLOCK_BYTES = 4 << 20;

interface Signer extends SignerFiles {
  blockEntry: ZipEntry;
  sigFileEntry: ZipEntry;
  certificate?: SigningCertificate;
  entryNames: ReadonlySet<string>;
  apkSignedSchemes: number[] | null;
}

export async function verifyV1(zip: ZipArchive, range: SdkRange): Promise<V1Result> {
  const result: V1Result = {
    scheme: 'v1',
    present: false,
    verified: false,
    signers: [],
    errors: [],
    warnings: [],
    apkSignedSchemes: [],
    strippingProtection: [],
  };
  const { errors, warnings } = result;
  const entries = zip.entries.filter((e) => !e.name.endsWith('/'));
  errors.push(...duplicateNames(entries));
  if (errors.length > 0) return result;
  // Such a name cannot be written in a manifest section; the section would name another entry.
  for (const e of entries) if (/[\r\n]/.test(e.name)) errors.push(v1Issue('JAR_SIG_ENTRY_NAME_LINE_BREAK', { name: e.name }));

  const { manifestEntry, signers, present } = findSignatureFiles(entries, warnings);
  result.present = present;
  if (!manifestEntry) return fail(result, v1Issue('JAR_SIG_NO_MANIFEST'));
  const manifestBytes = await readSmall(zip, manifestEntry, MAX_TEXT_BYTES);
  if (!Buffer.isBuffer(manifestBytes)) return fail(result, manifestBytes);
  const manifest = indexManifest(manifestBytes, new Set(entries.map((e) => e.name)), errors);
  if (errors.length > 0) return result;

  if (signers.length === 0) return fail(result, v1Issue('JAR_SIG_NO_SIGNATURES'));
  if (signers.length > MAX_SIGNERS) {
    return fail(result, v1Issue('JAR_SIG_MAX_SIGNATURES_EXCEEDED', { limit: MAX_SIGNERS, count: signers.length }));
  }

  for (const signer of signers) {
    const block = await readSmall(zip, signer.blockEntry, MAX_BLOCK_BYTES);
    if (!Buffer.isBuffer(block)) {
      errors.push(block);
      continue;
    }
    const sigFile = await readSmall(zip, signer.sigFileEntry, MAX_TEXT_BYTES);
    if (!Buffer.isBuffer(sigFile)) {
      errors.push(sigFile);
      continue;
    }
    const outcome = verifySignatureBlock(signer, block, sigFile, range);
    if ('error' in outcome) errors.push(outcome.error);
    else signer.certificate = outcome.certificate;
  }
  if (errors.length > 0) return result;

  const remaining: Signer[] = [];
  for (const signer of signers) {
    // Re-read rather than hold up to ten .SF files between the two passes.
    const sigFile = await readSmall(zip, signer.sigFileEntry, MAX_TEXT_BYTES);
    if (!Buffer.isBuffer(sigFile)) {
      errors.push(sigFile);
      continue;
    }
    const checked = checkSigFile(signer, sigFile, manifest, range);
    if ('ignored' in checked) {
      warnings.push(ignoredWarning(signer, checked.ignored));
      continue;
    }
    errors.push(...checked.errors);
    warnings.push(...checked.warnings);
    if (checked.errors.length > 0) continue;
    signer.entryNames = checked.entryNames;
    signer.apkSignedSchemes = checked.apkSignedSchemes;
    remaining.push(signer);
  }
  if (errors.length > 0) return result;
  if (remaining.length === 0) return fail(result, v1Issue('JAR_SIG_NO_SIGNATURES'));

  const { errors: entryErrors, apkSigners } = await verifyEntries(zip, entries, manifest, remaining, range);
  errors.push(...entryErrors);
  if (errors.length > 0) return result;

  warnings.push(...unprotectedMetaInf(entries, manifestEntry, apkSigners));
  for (const signer of remaining) {
    if (!apkSigners.includes(signer)) {
      warnings.push(v1Issue('JAR_SIG_SIGNER_IGNORED', { signer: signer.signer, reason: 'it signs none of the entries' }));
    }
  }
  result.signers = apkSigners.map(certInfo);
  result.strippingProtection = apkSigners.map(({ signer, sigFile, apkSignedSchemes }) => ({ signer, sigFile, schemes: apkSignedSchemes }));
  result.apkSignedSchemes = [...new Set(apkSigners.flatMap((s) => s.apkSignedSchemes ?? []))].sort((a, b) => a - b);
  result.verified = true;
  return result;
}

function fail(result: V1Result, error: Issue): V1Result {
  result.errors.push(error);
  return result;
}

function duplicateNames(entries: readonly ZipEntry[]): Issue[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const issues: Issue[] = [];
  for (const { name } of entries) {
    if (!seen.has(name)) seen.add(name);
    else if (!reported.has(name)) {
      reported.add(name);
      issues.push(v1Issue('JAR_SIG_DUPLICATE_ZIP_ENTRY', { name }));
    }
  }
  return issues;
}

/** MANIFEST.MF (first occurrence) and each signature block paired with its .SF, in ZIP order. */
function findSignatureFiles(entries: readonly ZipEntry[], warnings: Issue[]) {
  let manifestEntry: ZipEntry | undefined;
  const sigFiles = new Map<string, ZipEntry>();
  const blocks: ZipEntry[] = [];
  for (const e of entries) {
    if (!e.name.startsWith('META-INF/')) continue;
    if (e.name === MANIFEST_NAME) manifestEntry ??= e;
    else if (e.name.endsWith('.SF')) sigFiles.set(e.name, e);
    else if (/\.(RSA|DSA|EC)$/.test(e.name)) blocks.push(e);
  }
  const signers: Signer[] = [];
  for (const blockEntry of blocks) {
    const sigFile = `${blockEntry.name.slice(0, blockEntry.name.lastIndexOf('.'))}.SF`;
    const sigFileEntry = sigFiles.get(sigFile);
    if (!sigFileEntry) {
      warnings.push(v1Issue('JAR_SIG_MISSING_FILE', { block: blockEntry.name, sigFile }));
      continue;
    }
    const signer = blockEntry.name.slice('META-INF/'.length);
    signers.push({ signer, block: blockEntry.name, sigFile, blockEntry, sigFileEntry, entryNames: new Set(), apkSignedSchemes: null });
  }
  return { manifestEntry, signers, present: blocks.length > 0 || sigFiles.size > 0 };
}

function indexManifest(bytes: Buffer, zipNames: ReadonlySet<string>, errors: Issue[]): JarManifest {
  const parsed = parseManifest(bytes);
  const byName = new Map<string, ManifestSection>();
  parsed.individual.forEach((section, index) => {
    const name = section.name;
    if (name === null) errors.push(v1Issue('JAR_SIG_UNNAMED_MANIFEST_SECTION', { section: index + 1 }));
    else if (byName.has(name)) errors.push(v1Issue('JAR_SIG_DUPLICATE_MANIFEST_SECTION', { name }));
    else {
      byName.set(name, section);
      if (!zipNames.has(name)) errors.push(v1Issue('JAR_SIG_MISSING_ZIP_ENTRY_REFERENCED_IN_MANIFEST', { name }));
    }
  });
  return { bytes, main: parsed.main, byName };
}

/** META-INF files other than the manifest and the APK signers' own files are not signed. */
function unprotectedMetaInf(entries: readonly ZipEntry[], manifestEntry: ZipEntry, apkSigners: readonly Signer[]): Issue[] {
  const covered = new Set([manifestEntry.name, ...apkSigners.flatMap((s) => [s.block, s.sigFile])]);
  return entries
    .filter((e) => e.name.startsWith('META-INF/') && !covered.has(e.name))
    .map((e) => v1Issue('JAR_SIG_UNPROTECTED_ZIP_ENTRY', { name: e.name }));
}

function ignoredWarning(signer: Signer, cause: Issue): Issue {
  return v1Issue('JAR_SIG_SIGNER_IGNORED', { signer: signer.signer, reason: cause.message, cause: cause.code });
}

function certInfo(signer: Signer): SchemeSigner {
  const certificate = signer.certificate!;
  return describeCert(certificate.der, certificate.publicKey);
}

/** An entry's bytes, or the ZIP issue that prevented reading it. */
async function readSmall(zip: ZipArchive, entry: ZipEntry, maxBytes: number): Promise<Buffer | Issue> {
  try {
    return await zip.readEntry(entry, maxBytes);
  } catch (err) {
    if (err instanceof ApkIssueError) return err.issue;
    throw err;
  }
}
