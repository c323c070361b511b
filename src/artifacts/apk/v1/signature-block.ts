/**
 * Verifies one signature block file (.RSA/.DSA/.EC) against its .SF, as Android does: pick the
 * SignerInfo(s) the platform range would try, check the algorithm pair is accepted on every API
 * level in range, find the certificate, and check the signature over the .SF (or over the signed
 * attributes, which must then carry the .SF digest).
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import type { Issue } from '../../types.js';
import type { SdkRange } from '../types.js';
import { digestLabel, formatApiLevels, resolveAlgorithms, signatureLabel, supportedApiLevels, unsupportedApiLevels } from './algorithms.js';
import { Asn1Error } from './ber.js';
import { canonicalNameOf, parseSigningCertificate, type SigningCertificate } from './certificate.js';
import { v1Issue } from './issues.js';
import { parseSignedAttributes, parseSignedData, type SignedData, type SignerInfo } from './pkcs7.js';

const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const API_KITKAT = 19;
const API_N = 24;

export interface SignerFiles {
  /** Block file name without "META-INF/", e.g. "CERT.RSA" (apksigner's signer name). */
  signer: string;
  block: string;
  sigFile: string;
}

/** Issue params naming the signer; only these fields, whatever object carries them. */
export function signerParams({ signer, block, sigFile }: SignerFiles): Record<string, string> {
  return { signer, block, sigFile };
}

export type BlockResult = { certificate: SigningCertificate } | { error: Issue };

/** A problem that stops this signer altogether (apksig: a thrown exception, not a non-match). */
class SignerFailure extends Error {}

export function verifySignatureBlock(files: SignerFiles, block: Buffer, sigFile: Buffer, range: SdkRange): BlockResult {
  const fail = (code: 'JAR_SIG_PARSE_EXCEPTION' | 'JAR_SIG_VERIFY_EXCEPTION', reason: string): BlockResult => ({
    error: v1Issue(code, { ...signerParams(files), reason }),
  });
  let signedData: SignedData;
  try {
    signedData = parseSignedData(block);
  } catch (err) {
    if (err instanceof Asn1Error) return fail('JAR_SIG_PARSE_EXCEPTION', err.message);
    throw err;
  }
  if (signedData.signerInfos.length === 0) return { error: v1Issue('JAR_SIG_NO_SIGNERS', signerParams(files)) };

  // Before Android 7.0 only the first SignerInfo is tried; from 7.0 the first one that verifies wins.
  const candidates = range.minSdk < API_N ? signedData.signerInfos.slice(0, 1) : signedData.signerInfos;
  let certificates: SigningCertificate[];
  try {
    certificates = signedData.certificates.map((der, i) => parseCertificateAt(der, i));
  } catch (err) {
    if (err instanceof Asn1Error) return fail('JAR_SIG_PARSE_EXCEPTION', err.message);
    throw err;
  }

  let verified: SigningCertificate | null = null;
  for (const signerInfo of candidates) {
    const supported = supportedApiLevels(signerInfo.digestOid, signerInfo.signatureOid);
    const gaps = unsupportedApiLevels(range.minSdk, range.maxSdk, supported);
    if (gaps.length > 0) {
      return {
        error: v1Issue('JAR_SIG_UNSUPPORTED_SIG_ALG', {
          ...signerParams(files),
          digestOid: signerInfo.digestOid,
          signatureOid: signerInfo.signatureOid,
          digest: digestLabel(signerInfo.digestOid),
          signature: signatureLabel(signerInfo.signatureOid),
          apiLevels: formatApiLevels(gaps),
        }),
      };
    }
    try {
      const certificate = checkSignerInfo(signerInfo, signedData, certificates, sigFile, range);
      verified ??= certificate;
    } catch (err) {
      if (err instanceof SignerFailure) return fail('JAR_SIG_VERIFY_EXCEPTION', err.message);
      if (err instanceof Asn1Error) return fail('JAR_SIG_PARSE_EXCEPTION', err.message);
      throw err;
    }
  }
  return verified ? { certificate: verified } : { error: v1Issue('JAR_SIG_DID_NOT_VERIFY', signerParams(files)) };
}

function parseCertificateAt(der: Buffer, index: number): SigningCertificate {
  try {
    return parseSigningCertificate(der);
  } catch (err) {
    if (err instanceof Asn1Error) throw new Asn1Error(`certificate #${index + 1}: ${err.message}`);
    throw err;
  }
}

/** The signing certificate when this SignerInfo verifies, null when it merely does not match. */
function checkSignerInfo(
  signerInfo: SignerInfo,
  signedData: SignedData,
  certificates: readonly SigningCertificate[],
  sigFile: Buffer,
  range: SdkRange,
): SigningCertificate | null {
  const algorithms = resolveAlgorithms(signerInfo.digestOid, signerInfo.signatureOid)!;
  const certificate = findCertificate(certificates, signerInfo);
  if (!certificate) throw new SignerFailure('signing certificate referenced in SignerInfo not found in SignedData');
  if (certificate.unsupportedCritical.length > 0) {
    throw new SignerFailure(`signing certificate has unsupported critical extensions ${certificate.unsupportedCritical.join(', ')}`);
  }
  const usage = certificate.keyUsage;
  if (usage && !usage[0] && !usage[1]) {
    throw new SignerFailure('signing certificate key usage allows neither digitalSignature nor nonRepudiation');
  }
  const key = usableKey(certificate.publicKey, algorithms.family);

  let signed: Buffer = sigFile;
  if (signerInfo.signedAttrs) {
    // Before 4.4 Android never checked the digest inside signed attributes, so such an APK's
    // content is unprotected there: reject it rather than call it verified.
    if (range.minSdk < API_KITKAT) throw new SignerFailure(`signed attributes are unsafe on API levels below ${API_KITKAT}`);
    const attributes = parseSignedAttributes(signerInfo.signedAttrs);
    if (range.maxSdk >= API_N) {
      const contentType = attributes.oidValue(OID_CONTENT_TYPE);
      if (contentType === null) throw new SignerFailure('no content type in signed attributes');
      if (contentType !== signedData.contentType) return null;
    }
    const messageDigest = attributes.octetsValue(OID_MESSAGE_DIGEST);
    if (messageDigest === null) throw new SignerFailure('no content digest in signed attributes');
    if (!messageDigest.equals(createHash(algorithms.digest).update(sigFile).digest())) return null;
    // Android verifies the attributes as stored, only retagging [0] IMPLICIT as a SET (0x31).
    signed = Buffer.concat([Buffer.of(0x31), signerInfo.signedAttrs.subarray(1)]);
  }
  try {
    return verify(algorithms.signatureHash, signed, key, signerInfo.signature) ? certificate : null;
  } catch (err) {
    throw new SignerFailure(`signature cannot be checked: ${(err as Error).message}`);
  }
}

const KEY_TYPES: Readonly<Record<string, string>> = { rsa: 'RSA', dsa: 'DSA', ec: 'EC' };

function usableKey(key: KeyObject | null, family: string): KeyObject {
  if (!key) throw new SignerFailure('signing certificate public key cannot be read');
  const type = KEY_TYPES[key.asymmetricKeyType ?? ''];
  if (type !== family) throw new SignerFailure(`${family} signature algorithm with a ${type ?? key.asymmetricKeyType} key`);
  return key;
}

function findCertificate(certificates: readonly SigningCertificate[], signerInfo: SignerInfo): SigningCertificate | undefined {
  const { issuer, serial } = signerInfo;
  if (!issuer || serial === null) return undefined; // Android only supports IssuerAndSerialNumber
  const exact = certificates.find((c) => c.serial === serial && c.issuer.equals(issuer));
  if (exact) return exact;
  const canonical = canonicalNameOf(issuer);
  return certificates.find((c) => c.serial === serial && c.issuerCanonical === canonical);
}
