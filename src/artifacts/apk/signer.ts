/**
 * One signer of a v2, v3 or v3.1 block (docs/formats.md A.5, A.6, A.9 checks 1-5 and 8). Parsing and the
 * signature over signedData need no APK bytes; the content digests are compared later, after the one
 * pass over the file (checkContentDigests), because every signer's digests come from that pass.
 */
import type { KeyObject } from 'node:crypto';
import type { Issue } from '../types.js';
import type { CertInfo, SchemeId } from './types.js';
import { apkIssue } from './issues.js';
import { LpError, LpReader } from './lp.js';
import {
  algorithmName,
  findAlgorithm,
  parsePublicKey,
  pickAlgorithmsToVerify,
  verifySignature,
  type ContentDigestKind,
  type SignatureAlgorithm,
} from './algorithms.js';
import { certHasPublicKey, describeCert, parseCertificate, rawSpki } from './certs.js';

export const ATTR = {
  STRIPPING_PROTECTION: 0xbeeff00d,
  PROOF_OF_ROTATION: 0x3ba06f8c,
  ROTATION_MIN_SDK: 0x559f8b02,
  ROTATION_ON_DEV_RELEASE: 0xc2a6b3ba,
} as const;

export interface Attribute {
  id: number;
  value: Buffer;
}

export interface CheckedSigner {
  scheme: SchemeId;
  /** 1-based, as apksigner numbers signers in messages. */
  index: number;
  errors: Issue[];
  warnings: Issue[];
  /** Certificate #0 (present once the signature over signedData verified and certs parsed). */
  cert?: Buffer;
  certInfo?: CertInfo;
  publicKey?: KeyObject;
  /** v3/v3.1 signer SDK range. */
  minSdk?: number;
  maxSdk?: number;
  attributes: Attribute[];
  verifiedAlgorithms: SignatureAlgorithm[];
  /** Digests this signer claims, by signature algorithm, in record order. */
  digests: Array<{ algorithmId: number; digest: Buffer }>;
}

interface Parsed {
  signedData: Buffer;
  minSdk?: number;
  maxSdk?: number;
  signatures: Array<{ algorithmId: number; signature: Buffer }>;
  publicKeyBytes: Buffer;
}

const isV3 = (scheme: SchemeId): boolean => scheme !== 'v2';

function parseOuter(scheme: SchemeId, signer: LpReader): Parsed {
  const signedData = signer.lpBytes();
  const sdk = isV3(scheme) ? { minSdk: signer.u32() | 0, maxSdk: signer.u32() | 0 } : {};
  const signatures = signer.lp().sequence().map((s) => ({ algorithmId: s.u32(), signature: s.lpBytes() }));
  const publicKeyBytes = signer.lpBytes();
  return { signedData, ...sdk, signatures, publicKeyBytes };
}

/**
 * Checks one signer: signatures over signedData with the publicKey field, certificates, digest list,
 * attributes, SDK range. `range` is the SDK range whose platforms must accept the signer (v2: the
 * checked range from API 24; v3: the signer's own range).
 */
export function checkSigner(
  scheme: SchemeId,
  index: number,
  bytes: Buffer,
  range: { minSdk: number; maxSdk: number } | 'own',
): CheckedSigner {
  const out: CheckedSigner = { scheme, index, errors: [], warnings: [], attributes: [], verifiedAlgorithms: [], digests: [] };
  const p = { scheme, signer: index };
  const fail = (issue: Issue): CheckedSigner => {
    out.errors.push(issue);
    return out;
  };
  try {
    const parsed = parseOuter(scheme, new LpReader(bytes));
    if (parsed.minSdk !== undefined && parsed.maxSdk !== undefined) {
      out.minSdk = parsed.minSdk;
      out.maxSdk = parsed.maxSdk;
      if (parsed.minSdk < 0 || parsed.minSdk > parsed.maxSdk) {
        out.errors.push(apkIssue('APK_SIGNER_SDK_INVALID', { ...p, min: parsed.minSdk, max: parsed.maxSdk }));
      }
    }
    if (parsed.signatures.length === 0) return fail(apkIssue('APK_SIGNER_NO_SIGNATURES', p));
    const supported: Array<{ alg: SignatureAlgorithm; signature: Buffer }> = [];
    for (const s of parsed.signatures) {
      const alg = findAlgorithm(s.algorithmId);
      if (alg) supported.push({ alg, signature: s.signature });
      else out.warnings.push(apkIssue('APK_SIGNER_UNKNOWN_ALGORITHM', { ...p, algorithm: algorithmName(s.algorithmId) }));
    }
    const checkRange = range === 'own' ? { minSdk: out.minSdk ?? 0, maxSdk: out.maxSdk ?? 0 } : range;
    const toVerify = pickAlgorithmsToVerify(supported.map((s) => s.alg), checkRange.minSdk, checkRange.maxSdk);
    if (!toVerify) return fail(apkIssue('APK_SIGNER_NO_SUPPORTED_SIGNATURES', { ...p, sdk: checkRange.minSdk }));
    const key = parsePublicKey(parsed.publicKeyBytes);
    if (!key) return fail(apkIssue('APK_SIGNER_MALFORMED', { ...p, reason: 'public key cannot be parsed' }));
    out.publicKey = key;
    for (const alg of toVerify) {
      const signature = supported.find((s) => s.alg === alg)!.signature;
      if (!verifySignature(alg, key, parsed.signedData, signature)) {
        return fail(apkIssue('APK_SIGNER_SIGNATURE_INVALID', { ...p, algorithm: alg.name }));
      }
      out.verifiedAlgorithms.push(alg);
    }
    checkSignedData(out, parsed, p);
  } catch (err) {
    if (!(err instanceof LpError)) throw err;
    out.errors.push(apkIssue('APK_SIGNER_MALFORMED', { ...p, reason: err.message }));
  }
  return out;
}

/** The signed part, trusted once a signature over it verified. Extra trailing bytes are ignored (apksig). */
function checkSignedData(out: CheckedSigner, parsed: Parsed, p: { scheme: SchemeId; signer: number }): void {
  const signed = new LpReader(parsed.signedData);
  const digestRecords = signed.lp().sequence();
  const certs = signed.lp().sequence().map((c) => c.rest());
  if (parsed.minSdk !== undefined) {
    const min = signed.u32() | 0;
    const max = signed.u32() | 0;
    if (min !== parsed.minSdk || max !== parsed.maxSdk) out.errors.push(apkIssue('APK_SIGNER_SDK_MISMATCH', p));
  }
  const attributes = signed.lp().sequence();

  if (certs.length === 0) {
    out.errors.push(apkIssue('APK_SIGNER_NO_CERTIFICATES', p));
    return;
  }
  const cert = certs[0]!;
  if (!parseCertificate(cert) && !rawSpki(cert)) {
    out.errors.push(apkIssue('APK_SIGNER_CERT_MALFORMED', { ...p, cert: 1 }));
    return;
  }
  out.cert = cert;
  out.certInfo = describeCert(cert, out.publicKey);
  if (!certHasPublicKey(cert, parsed.publicKeyBytes)) {
    out.errors.push(apkIssue('APK_SIGNER_PUBLIC_KEY_MISMATCH', p));
    return;
  }
  out.digests = digestRecords.map((d) => ({ algorithmId: d.u32(), digest: d.lpBytes() }));
  const sigIds = parsed.signatures.map((s) => s.algorithmId).join(',');
  if (sigIds !== out.digests.map((d) => d.algorithmId).join(',')) {
    out.errors.push(apkIssue('APK_SIGNER_DIGEST_ALGORITHMS_MISMATCH', p));
    return;
  }
  for (const a of attributes) {
    const attr = { id: a.u32(), value: a.rest() };
    out.attributes.push(attr);
    if (!knownAttribute(out.scheme, attr.id)) {
      out.warnings.push(apkIssue('APK_SIGNER_UNKNOWN_ATTRIBUTE', { ...p, attribute: `0x${attr.id.toString(16)}` }));
    }
  }
}

function knownAttribute(scheme: SchemeId, id: number): boolean {
  if (scheme === 'v2') return id === ATTR.STRIPPING_PROTECTION;
  return id === ATTR.PROOF_OF_ROTATION || id === ATTR.ROTATION_MIN_SDK || id === ATTR.ROTATION_ON_DEV_RELEASE;
}

export function attribute(signer: CheckedSigner, id: number): Buffer | undefined {
  return signer.attributes.find((a) => a.id === id)?.value;
}

/** Content digest kinds the verified signatures rely on. */
export function neededDigests(signers: readonly CheckedSigner[]): Set<ContentDigestKind> {
  const kinds = new Set<ContentDigestKind>();
  for (const s of signers) for (const alg of s.verifiedAlgorithms) kinds.add(alg.contentDigest);
  return kinds;
}

/** A.9 check 6: each verified algorithm's digest must match the APK. Adds errors to the signer. */
export function checkContentDigests(signer: CheckedSigner, actual: ReadonlyMap<ContentDigestKind, Buffer>): void {
  for (const alg of signer.verifiedAlgorithms) {
    const claimed = signer.digests.find((d) => d.algorithmId === alg.id)?.digest;
    const computed = actual.get(alg.contentDigest);
    if (!claimed || !computed || !claimed.equals(computed)) {
      signer.errors.push(
        apkIssue('APK_SIGNER_DIGEST_MISMATCH', {
          scheme: signer.scheme,
          signer: signer.index,
          algorithm: alg.contentDigest,
          expected: claimed?.toString('hex'),
          actual: computed?.toString('hex'),
        }),
      );
    }
  }
}
