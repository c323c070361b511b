/**
 * Checks every ZIP entry outside META-INF/ against MANIFEST.MF and the signers (docs/formats.md A.12):
 * each needs a manifest section, must be named by the same set of signers' .SF files, and its
 * uncompressed bytes must match the manifest digests. Entries stream through node:crypto one at
 * a time, so memory stays flat whatever the APK size.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Issue } from '../../types.js';
import type { SdkRange, ZipArchive, ZipEntry } from '../types.js';
import { ApkIssueError } from '../issues.js';
import { entryChunks } from '../zip.js';
import { digestsToVerify, mismatchOf, type NamedDigest } from './digest-attributes.js';
import { v1Issue } from './issues.js';
import type { JarManifest } from './manifest.js';

export interface EntrySigner {
  /** Signer name for messages ("CERT.RSA"). */
  readonly signer: string;
  readonly entryNames: ReadonlySet<string>;
}

/** A 32-bit ZIP entry can declare at most 4 GiB; zip.ts also stops at the declared size. */
const MAX_ENTRY_BYTES = 0xffffffff;

/** Android's rule (not the JAR spec's): everything under META-INF/ is exempt. */
export function needsManifestDigest(name: string): boolean {
  return !name.startsWith('META-INF/') && !name.endsWith('/');
}

/**
 * Returns the signers that sign the APK's entries (the set signing the first entry; all entries
 * must agree) and the problems found.
 */
export async function verifyEntries<S extends EntrySigner>(
  zip: ZipArchive,
  entries: readonly ZipEntry[],
  manifest: JarManifest,
  signers: readonly S[],
  range: SdkRange,
): Promise<{ errors: Issue[]; apkSigners: S[] }> {
  const errors: Issue[] = [];
  let first: { name: string; signers: S[] } | null = null;
  // Local-header order reads the file front to back.
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (const entry of ordered) {
    const name = entry.name;
    if (!needsManifestDigest(name)) continue;
    const section = manifest.byName.get(name);
    if (!section) {
      errors.push(v1Issue('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST', { name }));
      continue;
    }
    const entrySigners = signers.filter((s) => s.entryNames.has(name));
    if (entrySigners.length === 0) {
      errors.push(v1Issue('JAR_SIG_ZIP_ENTRY_NOT_SIGNED', { name }));
      continue;
    }
    if (!first) {
      first = { name, signers: entrySigners };
    } else if (!sameSigners(first.signers, entrySigners)) {
      errors.push(
        v1Issue('JAR_SIG_ZIP_ENTRY_SIGNERS_MISMATCH', {
          first: first.name,
          firstSigners: first.signers.map((s) => s.signer),
          name,
          signers: entrySigners.map((s) => s.signer),
        }),
      );
      continue;
    }
    const digests = digestsToVerify(section, '-Digest', range);
    if (digests.length === 0) {
      errors.push(v1Issue('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST', { name }));
      continue;
    }
    errors.push(...(await checkEntryDigests(zip, entry, digests)));
  }
  if (!first) errors.push(v1Issue('JAR_SIG_NO_SIGNED_ZIP_ENTRIES'));
  return { errors, apkSigners: first?.signers ?? [] };
}

function sameSigners(a: readonly EntrySigner[], b: readonly EntrySigner[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

async function checkEntryDigests(zip: ZipArchive, entry: ZipEntry, digests: readonly NamedDigest[]): Promise<Issue[]> {
  const hashes: Hash[] = digests.map((d) => createHash(d.hash));
  try {
    for await (const chunk of entryChunks(zip.source, zip.cdOffset, entry, MAX_ENTRY_BYTES)) {
      for (const hash of hashes) hash.update(chunk);
    }
  } catch (err) {
    if (err instanceof ApkIssueError) return [err.issue];
    throw err;
  }
  return digests.flatMap((d, i) => {
    const mismatch = mismatchOf(d, hashes[i]!.digest());
    return mismatch ? [v1Issue('JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY', { name: entry.name, ...mismatch })] : [];
  });
}
