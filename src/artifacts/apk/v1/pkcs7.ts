/**
 * PKCS#7 / CMS SignedData reader for JAR signature blocks (docs/formats.md A.12): ContentInfo →
 * SignedData → certificates and SignerInfos, keeping the exact bytes that are hashed or verified.
 * Only structure is checked here; algorithm and signature checks are in signature-block.ts.
 */
import { Asn1Error, CONTEXT, TAG, UNIVERSAL, children, expect, integer, is, octets, oid, raw, readTlv, type Tlv } from './ber.js';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export interface SignerInfo {
  /** IssuerAndSerialNumber; null when the SignerInfo names its certificate by key identifier. */
  issuer: Buffer | null;
  serial: bigint | null;
  digestOid: string;
  signatureOid: string;
  /** The signed attributes exactly as stored (tag [0] IMPLICIT included); null when absent. */
  signedAttrs: Buffer | null;
  signature: Buffer;
}

export interface SignedData {
  /** encapContentInfo.eContentType, which a content-type signed attribute must repeat. */
  contentType: string;
  /** Certificates exactly as stored, in bag order. */
  certificates: Buffer[];
  signerInfos: SignerInfo[];
}

/** Throws Asn1Error on any structural problem. */
export function parseSignedData(block: Buffer): SignedData {
  const contentInfo = readTlv(block, 0);
  const [contentType, content] = children(block, expect(contentInfo, UNIVERSAL, TAG.SEQUENCE, 'ContentInfo'));
  const type = oid(block, contentType, 'ContentInfo.contentType');
  if (type !== OID_SIGNED_DATA) throw new Asn1Error(`unsupported ContentInfo.contentType ${type}`);
  const signedData = expect(children(block, expect(content, CONTEXT, 0, 'ContentInfo.content'))[0], UNIVERSAL, TAG.SEQUENCE, 'SignedData');

  const fields = children(block, signedData);
  expect(fields[0], UNIVERSAL, TAG.INTEGER, 'SignedData.version');
  expect(fields[1], UNIVERSAL, TAG.SET, 'SignedData.digestAlgorithms');
  const encap = children(block, expect(fields[2], UNIVERSAL, TAG.SEQUENCE, 'SignedData.encapContentInfo'));
  let i = 3;
  const certificates = is(fields[i], CONTEXT, 0) ? children(block, fields[i++]!).map((c) => Buffer.from(raw(block, c))) : [];
  if (is(fields[i], CONTEXT, 1)) i++; // CRLs: unused by Android
  const signerInfos = children(block, expect(fields[i], UNIVERSAL, TAG.SET, 'SignedData.signerInfos'));
  return {
    contentType: oid(block, encap[0], 'encapContentInfo.eContentType'),
    certificates,
    signerInfos: signerInfos.map((si) => parseSignerInfo(block, si)),
  };
}

function parseSignerInfo(block: Buffer, signerInfo: Tlv): SignerInfo {
  const fields = children(block, expect(signerInfo, UNIVERSAL, TAG.SEQUENCE, 'SignerInfo'));
  expect(fields[0], UNIVERSAL, TAG.INTEGER, 'SignerInfo.version');
  const sid = fields[1];
  let issuer: Buffer | null = null;
  let serial: bigint | null = null;
  if (is(sid, UNIVERSAL, TAG.SEQUENCE)) {
    const [name, number] = children(block, sid);
    issuer = Buffer.from(raw(block, expect(name, UNIVERSAL, TAG.SEQUENCE, 'IssuerAndSerialNumber.issuer')));
    serial = integer(block, number, 'IssuerAndSerialNumber.serialNumber');
  } else {
    expect(sid, CONTEXT, 0, 'SignerInfo.sid');
  }
  const digestOid = algorithmOid(block, fields[2], 'SignerInfo.digestAlgorithm');
  let i = 3;
  const signedAttrs = is(fields[i], CONTEXT, 0) ? Buffer.from(raw(block, fields[i++]!)) : null;
  const signatureOid = algorithmOid(block, fields[i++], 'SignerInfo.signatureAlgorithm');
  const signature = Buffer.from(octets(block, fields[i], 'SignerInfo.signature'));
  return { issuer, serial, digestOid, signatureOid, signedAttrs, signature };
}

function algorithmOid(block: Buffer, t: Tlv | undefined, what: string): string {
  return oid(block, children(block, expect(t, UNIVERSAL, TAG.SEQUENCE, what))[0], `${what}.algorithm`);
}

/** The signed attributes Android reads. Getters throw Asn1Error for a malformed value. */
export interface SignedAttributes {
  /** The single OBJECT IDENTIFIER value of attribute `type`; null when the attribute is absent. */
  oidValue(type: string): string | null;
  /** The single OCTET STRING value of attribute `type`; null when the attribute is absent. */
  octetsValue(type: string): Buffer | null;
}

/** Parses `signedAttrs` ([0] IMPLICIT SET OF Attribute); a repeated attribute type is malformed. */
export function parseSignedAttributes(encoded: Buffer): SignedAttributes {
  const set = readTlv(encoded, 0);
  if (set.end !== encoded.length) throw new Asn1Error('trailing bytes after signed attributes');
  const byType = new Map<string, Tlv[]>();
  for (const attribute of children(encoded, set)) {
    const [type, values] = children(encoded, expect(attribute, UNIVERSAL, TAG.SEQUENCE, 'Attribute'));
    const typeOid = oid(encoded, type, 'Attribute.attrType');
    if (byType.has(typeOid)) throw new Asn1Error(`duplicate signed attribute ${typeOid}`);
    byType.set(typeOid, children(encoded, expect(values, UNIVERSAL, TAG.SET, 'Attribute.attrValues')));
  }
  const single = (type: string): Tlv | null => {
    const values = byType.get(type);
    if (values === undefined || values.length === 0) return null;
    if (values.length > 1) throw new Asn1Error(`signed attribute ${type} has ${values.length} values`);
    return values[0]!;
  };
  return {
    oidValue: (type) => {
      const value = single(type);
      return value ? oid(encoded, value, `signed attribute ${type}`) : null;
    },
    octetsValue: (type) => {
      const value = single(type);
      return value ? octets(encoded, value, `signed attribute ${type}`) : null;
    },
  };
}
