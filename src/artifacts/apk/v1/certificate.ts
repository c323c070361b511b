/**
 * The parts of an X.509 certificate the JAR verifier needs beyond report fields (those come from
 * ../certs.ts): issuer and serial to match a SignerInfo, the key usage and critical extensions
 * Android checks, and a usable public key. Parsed from the stored bytes with the BER reader, so a
 * certificate that is not strict DER still works.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { Asn1Error, CONTEXT, TAG, UNIVERSAL, children, expect, integer, is, octets, oid, raw, readTlv, type Tlv } from './ber.js';

export interface SigningCertificate {
  /** The certificate exactly as stored. */
  der: Buffer;
  serial: bigint;
  /** Issuer Name exactly as stored, and a case/space-insensitive form for a lenient match. */
  issuer: Buffer;
  issuerCanonical: string;
  /** Null when node:crypto cannot read the key. */
  publicKey: KeyObject | null;
  /** Key usage bits (index 0 = digitalSignature); null when the extension is absent. */
  keyUsage: boolean[] | null;
  /** OIDs of critical extensions Java's certificate parser does not understand. */
  unsupportedCritical: string[];
}

/**
 * Extensions Java (and so Android's JAR verifier) understands; any other extension marked critical
 * makes the certificate unusable for signing.
 */
const KNOWN_EXTENSIONS = new Set([
  '2.5.29.14', '2.5.29.15', '2.5.29.16', '2.5.29.17', '2.5.29.18', '2.5.29.19', '2.5.29.30', '2.5.29.31',
  '2.5.29.32', '2.5.29.33', '2.5.29.35', '2.5.29.36', '2.5.29.37', '2.5.29.46', '2.5.29.54',
  '1.3.6.1.5.5.7.1.1', '1.3.6.1.5.5.7.1.11', '2.16.840.1.113730.1.1', '1.3.6.1.5.5.7.48.1.5',
]);
const OID_KEY_USAGE = '2.5.29.15';
const OID_RSA = '1.2.840.113549.1.1.1';

/** Throws Asn1Error when the certificate structure is malformed. */
export function parseSigningCertificate(der: Buffer): SigningCertificate {
  const cert = readTlv(der, 0);
  if (cert.end !== der.length) throw new Asn1Error('trailing bytes after the certificate');
  const tbs = expect(children(der, expect(cert, UNIVERSAL, TAG.SEQUENCE, 'Certificate'))[0], UNIVERSAL, TAG.SEQUENCE, 'TBSCertificate');
  const fields = children(der, tbs);
  let i = is(fields[0], CONTEXT, 0) ? 1 : 0; // explicit [0] version
  const serial = integer(der, fields[i++], 'serialNumber');
  i++; // signature algorithm
  const issuer = expect(fields[i++], UNIVERSAL, TAG.SEQUENCE, 'issuer');
  i++; // validity
  i++; // subject
  const spki = expect(fields[i++], UNIVERSAL, TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const extensionsField = fields.slice(i).find((f) => is(f, CONTEXT, 3));
  const extensions = extensionsField ? readExtensions(der, extensionsField) : [];

  const keyUsageExt = extensions.find((e) => e.oid === OID_KEY_USAGE);
  return {
    der,
    serial,
    issuer: raw(der, issuer),
    issuerCanonical: canonicalName(der, issuer),
    publicKey: importPublicKey(der, spki),
    keyUsage: keyUsageExt ? keyUsageBits(keyUsageExt.value) : null,
    unsupportedCritical: extensions.filter((e) => e.critical && !KNOWN_EXTENSIONS.has(e.oid)).map((e) => e.oid),
  };
}

interface Extension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

function readExtensions(der: Buffer, wrapper: Tlv): Extension[] {
  const list = expect(children(der, wrapper)[0], UNIVERSAL, TAG.SEQUENCE, 'extensions');
  return children(der, list).map((ext) => {
    const parts = children(der, expect(ext, UNIVERSAL, TAG.SEQUENCE, 'extension'));
    const hasCritical = is(parts[1], UNIVERSAL, 1);
    const critical = hasCritical && der[parts[1]!.contentStart] !== 0;
    return { oid: oid(der, parts[0], 'extnID'), critical, value: octets(der, parts[hasCritical ? 2 : 1], 'extnValue') };
  });
}

function keyUsageBits(value: Buffer): boolean[] {
  const bits = expect(readTlv(value, 0), UNIVERSAL, TAG.BIT_STRING, 'keyUsage');
  const content = value.subarray(bits.contentStart, bits.contentEnd);
  if (content.length === 0) throw new Asn1Error('keyUsage: empty BIT STRING');
  const count = (content.length - 1) * 8 - (content[0]! & 7);
  return Array.from({ length: Math.max(0, count) }, (_, bit) => (content[1 + (bit >> 3)]! & (0x80 >> (bit & 7))) !== 0);
}

/** Canonical form of an encoded X.500 Name (e.g. a SignerInfo's issuer). */
export function canonicalNameOf(encoded: Buffer): string {
  return canonicalName(encoded, expect(readTlv(encoded, 0), UNIVERSAL, TAG.SEQUENCE, 'Name'));
}

/** RDN attribute values compared case- and whitespace-insensitively, as X500Principal.equals does. */
function canonicalName(der: Buffer, name: Tlv): string {
  return children(der, name)
    .map((rdn) =>
      children(der, rdn)
        .map((ava) => {
          const [type, value] = children(der, ava);
          const text = value ? der.toString('utf8', value.contentStart, value.contentEnd) : '';
          return `${oid(der, type, 'AttributeType')}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

function importPublicKey(der: Buffer, spki: Tlv): KeyObject | null {
  const encoded = raw(der, spki);
  try {
    return createPublicKey({ key: encoded, format: 'der', type: 'spki' });
  } catch {
    // Old keytool versions wrote RSA moduli as negative INTEGERs; Android reads them as unsigned.
    try {
      const fixed = positiveModulusSpki(der, spki);
      return fixed ? createPublicKey({ key: fixed, format: 'der', type: 'spki' }) : null;
    } catch {
      return null;
    }
  }
}

function positiveModulusSpki(der: Buffer, spki: Tlv): Buffer | null {
  const [algorithm, bitString] = children(der, spki);
  if (!algorithm || oid(der, children(der, algorithm)[0], 'algorithm') !== OID_RSA) return null;
  const keyBits = expect(bitString, UNIVERSAL, TAG.BIT_STRING, 'subjectPublicKey');
  const key = der.subarray(keyBits.contentStart + 1, keyBits.contentEnd);
  const [modulus, exponent] = children(key, expect(readTlv(key, 0), UNIVERSAL, TAG.SEQUENCE, 'RSAPublicKey'));
  if (!modulus || !exponent || (key[modulus.contentStart]! & 0x80) === 0) return null;
  const { asn1 } = forge;
  const int = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes.toString('binary'));
  const rsaKey = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    int(Buffer.concat([Buffer.of(0), key.subarray(modulus.contentStart, modulus.contentEnd)])),
    int(key.subarray(exponent.contentStart, exponent.contentEnd)),
  ]);
  const rebuilt = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.fromDer(der.toString('binary', algorithm.start, algorithm.end)),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${asn1.toDer(rsaKey).getBytes()}`),
  ]);
  return Buffer.from(asn1.toDer(rebuilt).getBytes(), 'binary');
}
