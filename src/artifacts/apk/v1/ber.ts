/**
 * Span-keeping BER reader for the PKCS#7 signature block. node-forge's asn1 tree drops byte
 * offsets, but v1 needs exact stored bytes twice: certificate fingerprints are over the certificate
 * as stored (even when it is not DER), and signed attributes are verified over their original
 * encoding. So this walks TLV headers (definite and indefinite lengths) and leaves value decoding
 * (OIDs) to node-forge. Every malformation throws Asn1Error; callers turn it into an issue.
 */
import forge from 'node-forge';

export class Asn1Error extends Error {
  override readonly name = 'Asn1Error';
}

export const UNIVERSAL = 0x00;
export const CONTEXT = 0x80;
export const TAG = { INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, SEQUENCE: 16, SET: 17 } as const;

export interface Tlv {
  /** Class bits of the identifier octet: UNIVERSAL, CONTEXT, ... */
  cls: number;
  constructed: boolean;
  tag: number;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** Nesting of indefinite lengths (and of any walk) stops here: hostile blocks cannot recurse deep. */
const MAX_DEPTH = 64;

export function readTlv(buf: Buffer, offset: number, limit: number = buf.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new Asn1Error('ASN.1 nesting too deep');
  let pos = offset;
  const byte = (): number => {
    if (pos >= limit) throw new Asn1Error(`truncated ASN.1 element at offset ${offset}`);
    return buf[pos++]!;
  };
  const id = byte();
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let b = byte(), n = 0; ; b = byte(), n++) {
      if (n >= 4) throw new Asn1Error('ASN.1 tag number too large');
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  const constructed = (id & 0x20) !== 0;
  const first = byte();
  if (first === 0x80) {
    if (!constructed) throw new Asn1Error('indefinite length on a primitive ASN.1 element');
    const contentStart = pos;
    let child = contentStart;
    while (!(child + 1 < limit && buf[child] === 0 && buf[child + 1] === 0)) {
      child = readTlv(buf, child, limit, depth + 1).end;
    }
    return { cls: id & 0xc0, constructed, tag, start: offset, contentStart, contentEnd: child, end: child + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new Asn1Error('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byte();
  }
  if (pos + length > limit) throw new Asn1Error(`ASN.1 element at offset ${offset} runs past its container`);
  return { cls: id & 0xc0, constructed, tag, start: offset, contentStart: pos, contentEnd: pos + length, end: pos + length };
}

export function children(buf: Buffer, parent: Tlv): Tlv[] {
  if (!parent.constructed) throw new Asn1Error('expected a constructed ASN.1 element');
  const out: Tlv[] = [];
  for (let pos = parent.contentStart; pos < parent.contentEnd; ) {
    const child = readTlv(buf, pos, parent.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function is(t: Tlv | undefined, cls: number, tag: number): t is Tlv {
  return t !== undefined && t.cls === cls && t.tag === tag;
}

/** Checks class and tag; `what` names the field in the error. */
export function expect(t: Tlv | undefined, cls: number, tag: number, what: string): Tlv {
  if (!is(t, cls, tag)) throw new Asn1Error(`${what}: unexpected or missing ASN.1 element`);
  return t;
}

export function raw(buf: Buffer, t: Tlv): Buffer {
  return buf.subarray(t.start, t.end);
}

export function oid(buf: Buffer, t: Tlv | undefined, what: string): string {
  const el = expect(t, UNIVERSAL, TAG.OID, what);
  if (el.constructed || el.contentEnd === el.contentStart) throw new Asn1Error(`${what}: malformed OBJECT IDENTIFIER`);
  return forge.asn1.derToOid(buf.toString('binary', el.contentStart, el.contentEnd));
}

/** OCTET STRING contents; BER allows a constructed string made of primitive pieces. */
export function octets(buf: Buffer, t: Tlv | undefined, what: string): Buffer {
  const el = expect(t, UNIVERSAL, TAG.OCTET_STRING, what);
  if (!el.constructed) return buf.subarray(el.contentStart, el.contentEnd);
  return Buffer.concat(children(buf, el).map((piece) => octets(buf, piece, what)));
}

/** INTEGER as a signed bigint (serial numbers may be stored with or without a leading zero). */
export function integer(buf: Buffer, t: Tlv | undefined, what: string): bigint {
  const el = expect(t, UNIVERSAL, TAG.INTEGER, what);
  const bytes = buf.subarray(el.contentStart, el.contentEnd);
  if (el.constructed || bytes.length === 0) throw new Asn1Error(`${what}: malformed INTEGER`);
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  return bytes[0]! & 0x80 ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}
