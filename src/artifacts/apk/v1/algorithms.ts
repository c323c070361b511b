/**
 * Which (digest, signature) algorithm pairs of a PKCS#7 SignerInfo each Android release accepts for
 * JAR signatures, and how node:crypto verifies them. The table states platform behaviour (measured
 * by AOSP apksig, docs/formats.md A.12): a signature only counts if every API level in the checked range
 * accepts its pair.
 */

export type HashName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type KeyFamily = 'RSA' | 'DSA' | 'EC';

/** API level ranges, inclusive. */
export type ApiRange = readonly [number, number];

const MAX_API = 2147483647;

const DIGEST_OIDS: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** `hash` absent: a bare key-type OID, hashed with the SignerInfo's digest algorithm. */
interface SignatureOid {
  family: KeyFamily;
  hash?: HashName;
}

const SIGNATURE_OIDS: Readonly<Record<string, SignatureOid>> = {
  '1.2.840.113549.1.1.1': { family: 'RSA' },
  '1.2.840.113549.1.1.4': { family: 'RSA', hash: 'md5' },
  '1.2.840.113549.1.1.5': { family: 'RSA', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { family: 'RSA', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { family: 'RSA', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { family: 'RSA', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { family: 'RSA', hash: 'sha512' },
  '1.2.840.10040.4.1': { family: 'DSA' },
  '1.2.840.10040.4.3': { family: 'DSA', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.1': { family: 'DSA', hash: 'sha224' },
  '2.16.840.1.101.3.4.3.2': { family: 'DSA', hash: 'sha256' },
  '2.16.840.1.101.3.4.3.3': { family: 'DSA', hash: 'sha384' },
  '2.16.840.1.101.3.4.3.4': { family: 'DSA', hash: 'sha512' },
  '1.2.840.10045.2.1': { family: 'EC' },
  '1.2.840.10045.4.1': { family: 'EC', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { family: 'EC', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { family: 'EC', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { family: 'EC', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { family: 'EC', hash: 'sha512' },
};

type SupportTable = Readonly<Record<KeyFamily, Partial<Record<HashName, readonly ApiRange[]>>>>;

const from = (api: number): readonly ApiRange[] => [[api, MAX_API]];
/** Accepted by the first platforms (API 0-8), dropped, and accepted again from `api`. */
const earlyAndFrom = (api: number): readonly ApiRange[] => [[0, 8], [api, MAX_API]];

/** Bare key-type OID, by SignerInfo digest algorithm. */
const KEY_ONLY: SupportTable = {
  RSA: { md5: from(0), sha1: from(0), sha224: earlyAndFrom(21), sha256: earlyAndFrom(18), sha384: from(18), sha512: from(18) },
  DSA: { sha1: from(0), sha224: from(22), sha256: from(22) },
  EC: { sha1: from(18), sha224: from(21), sha256: from(18), sha384: from(18), sha512: from(18) },
};

/** Hash-specific OID whose hash equals the SignerInfo digest algorithm. No DSA with SHA-384/512. */
const SAME_HASH: SupportTable = {
  RSA: { md5: earlyAndFrom(21), sha1: from(0), sha224: earlyAndFrom(21), sha256: earlyAndFrom(18), sha384: from(21), sha512: from(21) },
  DSA: { sha1: from(9), sha224: from(21), sha256: from(21) },
  EC: { sha1: from(18), sha224: from(21), sha256: from(21), sha384: from(21), sha512: from(21) },
};

/**
 * Hash-specific OID with a different SignerInfo digest: only Android 5.0-6.0 (API 21-23) ignored the
 * mismatch, and for these three RSA pairs only 5.0 did.
 */
const MISMATCH: readonly ApiRange[] = [[21, 23]];
const MISMATCH_API_21_ONLY = new Set(['sha224/sha256', 'sha256/sha1', 'sha512/sha384']);

export interface SignerInfoAlgorithms {
  /** Digest of the .SF (or of the signed attributes' messageDigest). */
  digest: HashName;
  /** Hash node:crypto signs with: the OID's own hash, else the digest algorithm. */
  signatureHash: HashName;
  family: KeyFamily;
}

/** Null when either OID is unknown: no platform accepts the pair. */
export function resolveAlgorithms(digestOid: string, signatureOid: string): SignerInfoAlgorithms | null {
  const digest = DIGEST_OIDS[digestOid];
  const sig = SIGNATURE_OIDS[signatureOid];
  if (!digest || !sig) return null;
  return { digest, signatureHash: sig.hash ?? digest, family: sig.family };
}

/** API levels on which Android accepts this digest/signature OID pair. */
export function supportedApiLevels(digestOid: string, signatureOid: string): readonly ApiRange[] {
  const digest = DIGEST_OIDS[digestOid];
  const sig = SIGNATURE_OIDS[signatureOid];
  if (!digest || !sig) return [];
  if (sig.hash === undefined) return KEY_ONLY[sig.family][digest] ?? [];
  const knownOid = SAME_HASH[sig.family][sig.hash] !== undefined;
  if (!knownOid) return [];
  if (sig.hash === digest) return SAME_HASH[sig.family][digest]!;
  return sig.family === 'RSA' && MISMATCH_API_21_ONLY.has(`${digest}/${sig.hash}`) ? [[21, 21]] : MISMATCH;
}

/** The parts of [min, max] outside every supported range. */
export function unsupportedApiLevels(min: number, max: number, supported: readonly ApiRange[]): ApiRange[] {
  const gaps: ApiRange[] = [];
  let next = min;
  for (const [lo, hi] of [...supported].sort((a, b) => a[0] - b[0])) {
    if (hi < next) continue;
    if (lo > max) break;
    if (lo > next) gaps.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
    if (next > max) return gaps;
  }
  if (next <= max) gaps.push([next, max]);
  return gaps;
}

/** "18", "21-23", "24+" as apksigner prints API level lists. */
export function formatApiLevels(ranges: readonly ApiRange[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : hi === MAX_API ? `${lo}+` : `${lo}-${hi}`)).join(', ');
}

const HASH_LABEL: Readonly<Record<HashName, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

export function digestLabel(oid: string): string {
  const hash = DIGEST_OIDS[oid];
  return hash ? HASH_LABEL[hash] : oid;
}

export function signatureLabel(oid: string): string {
  const sig = SIGNATURE_OIDS[oid];
  if (!sig) return oid;
  const keyLabel = sig.family === 'EC' ? 'ECDSA' : sig.family;
  return sig.hash ? `${HASH_LABEL[sig.hash]} with ${keyLabel}` : keyLabel;
}
