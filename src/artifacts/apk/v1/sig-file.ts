/**
 * Checks one signature file (.SF) against MANIFEST.MF (docs/formats.md A.12). If the whole-manifest
 * digest matches, the .SF's per-entry sections only need to exist; otherwise each one must match the
 * digest of its manifest section. Some malformations make Android ignore the signer instead of
 * rejecting the APK; those come back as `ignored`.
 */
import { createHash } from 'node:crypto';
import type { Issue } from '../../types.js';
import type { SdkRange } from '../types.js';
import { digestsToVerify, mismatchOf, type DigestMismatch, type NamedDigest } from './digest-attributes.js';
import { v1Issue } from './issues.js';
import { parseManifest, type JarManifest, type ManifestSection } from './manifest.js';
import { signerParams, type SignerFiles } from './signature-block.js';
import { parseApkSignedAttribute } from './strip-protection.js';

export type SigFileResult =
  | { ignored: Issue }
  | {
      errors: Issue[];
      warnings: Issue[];
      /** Entries the .SF names; an entry is signed by this signer only if named here. */
      entryNames: Set<string>;
      /** X-Android-APK-Signed scheme IDs; null when the attribute is absent. */
      apkSignedSchemes: number[] | null;
    };

export function checkSigFile(files: SignerFiles, sigFile: Buffer, manifest: JarManifest, range: SdkRange): SigFileResult {
  const sf = parseManifest(sigFile);
  if (!sf.main || sf.main.get('Signature-Version') === undefined) {
    return { ignored: v1Issue('JAR_SIG_MISSING_VERSION_ATTR_IN_SIG_FILE', signerParams(files)) };
  }
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const apkSigned = sf.main.get('X-Android-APK-Signed');

  // jarsigner's ancestor "signtool" named the whole-manifest digest "<ALG>-Digest" and kept an
  // extra newline in section digests.
  const signtool = sf.main.get('Created-By')?.includes('signtool') ?? false;
  const manifestDigests = digestsToVerify(sf.main, signtool ? '-Digest' : '-Digest-Manifest', range);
  let manifestVerified = manifestDigests.length > 0;
  if (!manifestVerified) warnings.push(v1Issue('JAR_SIG_NO_MANIFEST_DIGEST_IN_SIG_FILE', signerParams(files)));
  for (const mismatch of mismatches(manifestDigests, manifest.bytes)) {
    warnings.push(v1Issue('JAR_SIG_MANIFEST_DIGEST_DID_NOT_VERIFY', { ...signerParams(files), ...mismatch }));
    manifestVerified = false;
  }
  if (!signtool) {
    const mainDigests = digestsToVerify(sf.main, '-Digest-Manifest-Main-Attributes', range);
    const mainBytes = manifest.main ? sectionBytes(manifest.bytes, manifest.main, false) : Buffer.alloc(0);
    for (const mismatch of mismatches(mainDigests, mainBytes)) {
      errors.push(v1Issue('JAR_SIG_MANIFEST_MAIN_SECTION_DIGEST_DID_NOT_VERIFY', { ...signerParams(files), ...mismatch }));
    }
  }
  const result = { errors, warnings, entryNames: new Set<string>(), apkSignedSchemes: parseApkSignedAttribute(apkSigned) };
  if (errors.length > 0) return result;

  for (const [index, section] of sf.individual.entries()) {
    const name = section.name;
    if (name === null) return { ignored: v1Issue('JAR_SIG_UNNAMED_SIG_FILE_SECTION', { ...signerParams(files), section: index + 1 }) };
    if (result.entryNames.has(name)) return { ignored: v1Issue('JAR_SIG_DUPLICATE_SIG_FILE_SECTION', { ...signerParams(files), name }) };
    result.entryNames.add(name);
    if (manifestVerified) continue;
    const manifestSection = manifest.byName.get(name);
    if (!manifestSection) return { ignored: v1Issue('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE', { ...signerParams(files), name }) };
    const digests = digestsToVerify(section, '-Digest', range);
    if (digests.length === 0) errors.push(v1Issue('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE', { ...signerParams(files), name }));
    for (const mismatch of mismatches(digests, sectionBytes(manifest.bytes, manifestSection, signtool))) {
      errors.push(v1Issue('JAR_SIG_MANIFEST_SECTION_DIGEST_DID_NOT_VERIFY', { ...signerParams(files), name, ...mismatch }));
    }
  }
  return result;
}

function sectionBytes(bytes: Buffer, section: ManifestSection, signtool: boolean): Buffer {
  let end = section.start + section.size;
  if (signtool && end - section.start >= 2 && bytes[end - 1] === 0x0a && bytes[end - 2] === 0x0a) end--;
  return bytes.subarray(section.start, end);
}

function mismatches(digests: readonly NamedDigest[], data: Buffer): DigestMismatch[] {
  return digests.flatMap((d) => mismatchOf(d, createHash(d.hash).update(data).digest()) ?? []);
}
