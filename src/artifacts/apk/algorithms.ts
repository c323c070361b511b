/**
 * APK Signature Scheme v2+ signature algorithm IDs (docs/formats.md A.7) and their verification with
 * node:crypto (OpenSSL; uses SHA-NI and handles EC keys, which node-forge cannot).
 */
import { createPublicKey, verify, constants, type KeyObject } from 'node:crypto';

export type ContentDigestKind = 'CHUNKED_SHA256' | 'CHUNKED_SHA512' | 'VERITY_SHA256';

export interface SignatureAlgorithm {
  id: number;
  name: string;
  keyType: 'RSA' | 'EC' | 'DSA';
  /** Hash used inside the signature over signedData (and over lineage nodes). */
  hash: 'sha256' | 'sha512';
  contentDigest: ContentDigestKind;
  /** First API level that understands this algorithm (apksig's getMinSdkVersion). */
  minSdk: 24 | 28;
  /** RSASSA-PSS salt length in bytes; undefined for PKCS#1 v1.5, ECDSA and DSA. */
  pssSaltLength?: number;
}

const ALGORITHMS: readonly SignatureAlgorithm[] = [
  { id: 0x0101, name: 'RSA_PSS_WITH_SHA256', keyType: 'RSA', hash: 'sha256', contentDigest: 'CHUNKED_SHA256', minSdk: 24, pssSaltLength: 32 },
  { id: 0x0102, name: 'RSA_PSS_WITH_SHA512', keyType: 'RSA', hash: 'sha512', contentDigest: 'CHUNKED_SHA512', minSdk: 24, pssSaltLength: 64 },
  { id: 0x0103, name: 'RSA_PKCS1_V1_5_WITH_SHA256', keyType: 'RSA', hash: 'sha256', contentDigest: 'CHUNKED_SHA256', minSdk: 24 },
  { id: 0x0104, name: 'RSA_PKCS1_V1_5_WITH_SHA512', keyType: 'RSA', hash: 'sha512', contentDigest: 'CHUNKED_SHA512', minSdk: 24 },
  { id: 0x0201, name: 'ECDSA_WITH_SHA256', keyType: 'EC', hash: 'sha256', contentDigest: 'CHUNKED_SHA256', minSdk: 24 },
  { id: 0x0202, name: 'ECDSA_WITH_SHA512', keyType: 'EC', hash: 'sha512', contentDigest: 'CHUNKED_SHA512', minSdk: 24 },
  { id: 0x0301, name: 'DSA_WITH_SHA256', keyType: 'DSA', hash: 'sha256', contentDigest: 'CHUNKED_SHA256', minSdk: 24 },
  { id: 0x0421, name: 'VERITY_RSA_PKCS1_V1_5_WITH_SHA256', keyType: 'RSA', hash: 'sha256', contentDigest: 'VERITY_SHA256', minSdk: 28 },
  { id: 0x0423, name: 'VERITY_ECDSA_WITH_SHA256', keyType: 'EC', hash: 'sha256', contentDigest: 'VERITY_SHA256', minSdk: 28 },
  { id: 0x0425, name: 'VERITY_DSA_WITH_SHA256', keyType: 'DSA', hash: 'sha256', contentDigest: 'VERITY_SHA256', minSdk: 28 },
];

const BY_ID = new Map(ALGORITHMS.map((a) => [a.id, a]));

export function findAlgorithm(id: number): SignatureAlgorithm | undefined {
  return BY_ID.get(id);
}

export const algorithmName = (id: number): string =>
  findAlgorithm(id)?.name ?? `0x${id.toString(16).padStart(4, '0')}`;

/** apksig's preference: chunked SHA-512 > verity SHA-256 > chunked SHA-256. */
const STRENGTH: Record<ContentDigestKind, number> = { CHUNKED_SHA256: 0, VERITY_SHA256: 1, CHUNKED_SHA512: 2 };

export function isStronger(a: SignatureAlgorithm, b: SignatureAlgorithm): boolean {
  return STRENGTH[a.contentDigest] > STRENGTH[b.contentDigest];
}

/**
 * The algorithms Android versions in [minSdk, maxSdk] would check (apksig getSignaturesToVerify):
 * the strongest per "min API" bucket that the range reaches. Null when the oldest version in the
 * range understands none of them.
 */
export function pickAlgorithmsToVerify(
  available: readonly SignatureAlgorithm[],
  minSdk: number,
  maxSdk: number,
): SignatureAlgorithm[] | null {
  const best = new Map<number, SignatureAlgorithm>();
  for (const alg of available) {
    if (alg.minSdk > maxSdk) continue;
    const current = best.get(alg.minSdk);
    if (current === undefined || isStronger(alg, current)) best.set(alg.minSdk, alg);
  }
  if (best.size === 0 || minSdk < Math.min(...best.keys())) return null;
  return [...best.values()].sort((a, b) => a.id - b.id);
}

/** Parses a DER SubjectPublicKeyInfo; null when node:crypto cannot read it. */
export function parsePublicKey(spki: Buffer): KeyObject | null {
  try {
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** Verifies `signature` over `data`; false (never a throw) for a wrong key type or malformed input. */
export function verifySignature(alg: SignatureAlgorithm, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  const keyType = key.asymmetricKeyType;
  const expected = alg.keyType === 'EC' ? 'ec' : alg.keyType === 'DSA' ? 'dsa' : 'rsa';
  if (keyType !== expected) return false;
  try {
    if (alg.pssSaltLength !== undefined) {
      return verify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.pssSaltLength }, signature);
    }
    // ECDSA and DSA signatures are DER SEQUENCE{r,s}, node's default dsaEncoding.
    return verify(alg.hash, data, key, signature);
  } catch {
    return false;
  }
}
