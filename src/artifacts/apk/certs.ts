/**
 * X.509 certificate facts for reports, via node:crypto (node-forge cannot read EC keys).
 * The fingerprint is always SHA-256 over the DER exactly as stored in the APK (what apksigner prints),
 * even when the certificate is not strict DER and node:crypto refuses to parse it.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../../util/hash.js';
import type { CertInfo } from './types.js';
import { parsePublicKey } from './algorithms.js';

const EC_CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

/** Algorithm name and size as apksigner prints them (RSA modulus, EC order, DSA p bits). */
export function describeKey(key: KeyObject | null): { key_algorithm: string; key_size: number } {
  const details = key?.asymmetricKeyDetails;
  switch (key?.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { key_algorithm: 'RSA', key_size: details?.modulusLength ?? 0 };
    case 'dsa':
      return { key_algorithm: 'DSA', key_size: details?.modulusLength ?? 0 };
    case 'ec':
      return { key_algorithm: 'EC', key_size: EC_CURVE_BITS[details?.namedCurve ?? ''] ?? 0 };
    default:
      return { key_algorithm: key?.asymmetricKeyType?.toUpperCase() ?? 'UNKNOWN', key_size: 0 };
  }
}

export function parseCertificate(der: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

/** Java's X500Principal order: RDNs last-to-first, ", " separated (apksigner's "certificate DN"). */
function javaStyleDn(subject: string): string {
  return subject.split('\n').filter(Boolean).reverse().join(', ');
}

/**
 * Report fields of one certificate. `fallbackKey` (the signer's SPKI) describes the key when the
 * certificate itself cannot be parsed.
 */
export function describeCert(der: Buffer, fallbackKey?: KeyObject | null): CertInfo {
  const cert = parseCertificate(der);
  const key = cert ? cert.publicKey : (fallbackKey ?? null);
  return { cert_sha256: sha256Hex(der), subject: cert ? javaStyleDn(cert.subject) : '', ...describeKey(key) };
}

/**
 * Whether `spki` (a signer's publicKey field) is the key of certificate `der`. apksig compares
 * encoded keys byte for byte; the raw SubjectPublicKeyInfo from the certificate is tried first,
 * then both keys normalised by node:crypto (the re-encoding apksig does for legacy RSA keys).
 */
export function certHasPublicKey(der: Buffer, spki: Buffer): boolean {
  const raw = rawSpki(der);
  if (raw?.equals(spki)) return true;
  const certKey = parseCertificate(der)?.publicKey ?? (raw ? parsePublicKey(raw) : null);
  const signerKey = parsePublicKey(spki);
  if (!certKey || !signerKey) return false;
  return certKey.export({ type: 'spki', format: 'der' }).equals(signerKey.export({ type: 'spki', format: 'der' }));
}

/** One DER TLV: tag, header start, content start and end. Null when truncated. */
function tlv(buf: Buffer, pos: number): { tag: number; pos: number; start: number; end: number } | null {
  if (pos + 2 > buf.length) return null;
  const tag = buf[pos]!;
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > buf.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  return start + len > buf.length ? null : { tag, pos, start, end: start + len };
}

/** The SubjectPublicKeyInfo bytes inside a certificate, exactly as stored. */
export function rawSpki(der: Buffer): Buffer | null {
  const cert = tlv(der, 0);
  const tbs = cert && tlv(der, cert.start);
  if (!tbs) return null;
  let field = tlv(der, tbs.start);
  if (field?.tag === 0xa0) field = tlv(der, field.end); // explicit [0] version
  // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo
  for (let i = 0; i < 5 && field; i++) field = tlv(der, field.end);
  return field && field.tag === 0x30 ? der.subarray(field.pos, field.end) : null;
}
