/**
 * Secure Boot v2 signature sector (docs/formats.md §C.7): up to three 1216-byte blocks in the 4 KiB
 * sector that follows the image padded to 4 KiB. Each block carries the image digest, the public
 * key (RSA-3072 with little-endian n/e, or an ECDSA point with little-endian coordinates) and the
 * signature. Signatures are checked with node:crypto; the signed bytes are streamed to the
 * verifiers by digest-pass.ts.
 */
import { createPublicKey, createVerify, constants, type KeyObject, type Verify } from 'node:crypto';
import type { Issue } from '../types.js';
import type { ChipInfo, SbScheme } from './chips.js';
import { crc32 } from './crc32.js';
import { espIssue, hex } from './issues.js';
import { sha256Hex } from '../../util/hash.js';
import type { Collector } from './image.js';
import type { PrefixConsumer } from './digest-pass.js';
import { SIG_BLOCK_MAGIC } from './trailer.js';
import type { SecureBootBlockReport, SecureBootReport } from './types.js';

const BLOCK_LEN = 1216;
const MAX_BLOCKS = 3;
const CRC_COVERED = 1196;
const VERSION_RSA = 0x02;
const VERSION_ECDSA = 0x03;

export interface SbBlock {
  index: number;
  crcValid: boolean;
  /** Why the block cannot be used (after a valid CRC); null when well formed. */
  problem: string | null;
  scheme: SbScheme | null;
  hashAlg: 'sha256' | 'sha384';
  storedDigest: Buffer;
  keyDigest: string | null;
  key: KeyObject | null;
  /** Signature in the encoding node:crypto expects (big-endian RSA, IEEE P1363 r‖s). */
  signature: Buffer | null;
}

// ---- little-endian helpers -------------------------------------------------------------------

function reversed(b: Buffer): Buffer {
  return Buffer.from(b).reverse();
}

function bigFromLE(b: Buffer): bigint {
  const be = reversed(b).toString('hex');
  return be.length === 0 ? 0n : BigInt('0x' + be);
}

function bigToLE(n: bigint, len: number): Buffer {
  return reversed(Buffer.from(n.toString(16).padStart(len * 2, '0'), 'hex'));
}

function allBytes(b: Buffer, value: number): boolean {
  for (const x of b) if (x !== value) return false;
  return true;
}

// ---- RSA-3072 ----------------------------------------------------------------------------------

const RSA_LEN = 384;

/** The ROM's Montgomery constants, derived from n: rinv = 2^6144 mod n, mdash = -n⁻¹ mod 2^32. */
function montgomery(n: bigint): { rinv: bigint; mdash: number } {
  const rinv = (1n << 6144n) % n;
  const n0 = n & 0xffffffffn;
  let x = n0; // Newton's iteration for the inverse mod 2^32 (n is odd)
  for (let i = 0; i < 5; i++) x = (x * (2n - n0 * x)) & 0xffffffffn;
  return { rinv, mdash: Number((0x100000000n - x) & 0xffffffffn) };
}

/** The 776 key bytes of an RSA block (n, e, rinv, mdash): what the eFuse key digest covers. */
function rsaKeyBytes(n: bigint, e: number): Buffer {
  const { rinv, mdash } = montgomery(n);
  const out = Buffer.alloc(RSA_LEN * 2 + 8);
  bigToLE(n, RSA_LEN).copy(out, 0);
  out.writeUInt32LE(e, RSA_LEN);
  bigToLE(rinv, RSA_LEN).copy(out, RSA_LEN + 4);
  out.writeUInt32LE(mdash, RSA_LEN * 2 + 4);
  return out;
}

function b64url(b: Buffer): string {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i).toString('base64url');
}

/** Fills the RSA fields of `block`; returns why it is unusable, or null. */
function parseRsa(block: SbBlock, raw: Buffer): string | null {
  block.scheme = 'rsa3072';
  const nLE = raw.subarray(36, 36 + RSA_LEN);
  const e = raw.readUInt32LE(420);
  const n = bigFromLE(nLE);
  block.keyDigest = sha256Hex(raw.subarray(36, 812));
  if (raw[2] !== 0) return 'byte 2 must be 0 in an RSA block';
  if (nLE[RSA_LEN - 1]! < 0x80 || (n & 1n) === 0n) return 'modulus is not an odd 3072-bit number';
  const { rinv, mdash } = montgomery(n);
  if (bigFromLE(raw.subarray(424, 808)) !== rinv || raw.readUInt32LE(808) !== mdash) {
    return 'rinv/mdash do not match the modulus';
  }
  const eBE = Buffer.alloc(4);
  eBE.writeUInt32BE(e);
  block.key = keyOrNull(() => createPublicKey({ key: { kty: 'RSA', n: b64url(reversed(nLE)), e: b64url(eBE) }, format: 'jwk' }));
  if (!block.key) return 'public key is not usable';
  block.signature = reversed(raw.subarray(812, 812 + RSA_LEN));
  return null;
}

// ---- ECDSA -------------------------------------------------------------------------------------

interface Curve {
  scheme: SbScheme;
  id: number;
  /** Coordinate size in bytes. */
  size: number;
  oid: string;
  nodeName: string;
}

const CURVES: readonly Curve[] = [
  { scheme: 'ecdsa-p192', id: 1, size: 24, oid: '06082a8648ce3d030101', nodeName: 'prime192v1' },
  { scheme: 'ecdsa-p256', id: 2, size: 32, oid: '06082a8648ce3d030107', nodeName: 'prime256v1' },
  { scheme: 'ecdsa-p384', id: 3, size: 48, oid: '06052b81040022', nodeName: 'secp384r1' },
];
const EC_PUBLIC_KEY_OID = '06072a8648ce3d0201';

/** DER TLV with a short-form length (every structure here is under 128 bytes). */
function der(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, content.length]), content]);
}

function ecSpki(curve: Curve, xBE: Buffer, yBE: Buffer): Buffer {
  const algorithm = der(0x30, Buffer.from(EC_PUBLIC_KEY_OID + curve.oid, 'hex'));
  const point = der(0x03, Buffer.concat([Buffer.from([0x00, 0x04]), xBE, yBE]));
  return der(0x30, Buffer.concat([algorithm, point]));
}

/**
 * The ECDSA key bytes of a block (curve id, then X and Y little-endian, packed; P-192 leaves the
 * last 16 of its 64 point bytes zero): what the eFuse key digest covers.
 */
function ecKeyBytes(curve: Curve, xBE: Buffer, yBE: Buffer): Buffer {
  const pointLen = curve.id === 3 ? 96 : 64;
  const out = Buffer.alloc(1 + pointLen);
  out[0] = curve.id;
  reversed(xBE).copy(out, 1);
  reversed(yBE).copy(out, 1 + curve.size);
  return out;
}

/** Fills the ECDSA fields of `block`; returns why it is unusable, or null. */
function parseEcdsa(block: SbBlock, raw: Buffer): string | null {
  const sha384 = raw[2] === 1;
  if (raw[2] !== 0 && !sha384) return `unknown digest type ${raw[2]}`;
  // SHA-256 layout: digest 4..36, key 36..101, signature 101..165. SHA-384: 4..52, 52..149, 149..245.
  const keyAt = sha384 ? 52 : 36;
  const pointLen = sha384 ? 96 : 64;
  const sigAt = keyAt + 1 + pointLen;
  const end = sigAt + pointLen;
  block.hashAlg = sha384 ? 'sha384' : 'sha256';
  block.storedDigest = raw.subarray(4, sha384 ? 52 : 36);
  block.keyDigest = sha256Hex(raw.subarray(keyAt, sigAt));
  const curve = CURVES.find((c) => c.id === raw[keyAt]);
  if (!curve || (curve.id === 3) !== sha384) return `curve id ${raw[keyAt]} does not fit digest type ${raw[2]}`;
  block.scheme = curve.scheme;
  const used = curve.size * 2;
  const point = raw.subarray(keyAt + 1, keyAt + 1 + pointLen);
  const sig = raw.subarray(sigAt, end);
  if (!allBytes(point.subarray(used), 0) || !allBytes(sig.subarray(used), 0) || !allBytes(raw.subarray(end, CRC_COVERED), 0)) {
    return 'reserved bytes are not zero';
  }
  const xBE = reversed(point.subarray(0, curve.size));
  const yBE = reversed(point.subarray(curve.size, used));
  block.key = keyOrNull(() => createPublicKey({ key: ecSpki(curve, xBE, yBE), format: 'der', type: 'spki' }));
  if (!block.key) return 'public key is not a point on the curve';
  block.signature = Buffer.concat([reversed(sig.subarray(0, curve.size)), reversed(sig.subarray(curve.size, used))]);
  return null;
}

// ---- sector ------------------------------------------------------------------------------------

function keyOrNull(make: () => KeyObject): KeyObject | null {
  try {
    return make();
  } catch {
    return null;
  }
}

/** Parses the blocks of a signature sector; unused slots and the sector tail must be erased (0xFF). */
export function parseSignatureSector(sector: Buffer, sectorOffset: number, c: Collector): SbBlock[] {
  const blocks: SbBlock[] = [];
  let erasedFrom = MAX_BLOCKS * BLOCK_LEN;
  for (let i = 0; i < MAX_BLOCKS; i++) {
    const raw = sector.subarray(i * BLOCK_LEN, (i + 1) * BLOCK_LEN);
    if (raw[0] !== SIG_BLOCK_MAGIC) {
      erasedFrom = i * BLOCK_LEN;
      break;
    }
    const block: SbBlock = {
      index: i,
      crcValid: false,
      problem: null,
      scheme: null,
      hashAlg: 'sha256',
      storedDigest: raw.subarray(4, 36),
      keyDigest: null,
      key: null,
      signature: null,
    };
    blocks.push(block);
    const stored = raw.readUInt32LE(CRC_COVERED);
    const computed = crc32(raw.subarray(0, CRC_COVERED));
    if (stored !== computed) {
      c.errors.push(espIssue('ESP_SB_BLOCK_CRC', { block: i, stored: hex(stored, 8), computed: hex(computed, 8) }));
      continue;
    }
    block.crcValid = true;
    block.problem =
      raw[3] !== 0 || !allBytes(raw.subarray(1200, BLOCK_LEN), 0) ? 'reserved bytes are not zero'
      : raw[1] === VERSION_RSA ? parseRsa(block, raw)
      : raw[1] === VERSION_ECDSA ? parseEcdsa(block, raw)
      : `unknown version ${raw[1]}`;
    if (block.problem) c.errors.push(espIssue('ESP_SB_BAD_BLOCK', { block: i, detail: block.problem }));
  }
  const garbage = sector.subarray(erasedFrom).findIndex((b) => b !== 0xff);
  if (garbage !== -1) c.errors.push(espIssue('ESP_SB_SECTOR_GARBAGE', { offset: sectorOffset + erasedFrom + garbage }));
  return blocks;
}

/** One streaming verifier per usable block; the digest pass feeds each the signed region. */
export function blockVerifiers(blocks: SbBlock[], signedLength: number): { verifiers: Map<number, Verify>; consumers: PrefixConsumer[] } {
  const verifiers = new Map<number, Verify>();
  const consumers: PrefixConsumer[] = [];
  for (const b of blocks) {
    if (!b.key || !b.signature) continue;
    const v = createVerify(b.hashAlg);
    verifiers.set(b.index, v);
    consumers.push({ end: signedLength, update: (chunk) => void v.update(chunk) });
  }
  return { verifiers, consumers };
}

function verifySignature(block: SbBlock, v: Verify): boolean {
  try {
    if (block.scheme === 'rsa3072') {
      return v.verify({ key: block.key!, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, block.signature!);
    }
    return v.verify({ key: block.key!, dsaEncoding: 'ieee-p1363' }, block.signature!);
  } catch {
    return false;
  }
}

export interface SbDigests {
  sha256: Buffer | undefined;
  sha384: Buffer | undefined;
}

/**
 * Decides each block and the sector: digest, signature, trust, and what the chip can check.
 * `trusted` null = no keys pinned (any verifying block will do).
 */
export function evaluateSecureBoot(
  blocks: SbBlock[],
  verifiers: Map<number, Verify>,
  digests: SbDigests,
  signedLength: number,
  chip: ChipInfo,
  trusted: ReadonlySet<string> | null,
  c: Collector,
): SecureBootReport {
  const errors: Issue[] = [];
  const untrusted: Issue[] = [];
  const reports: SecureBootBlockReport[] = blocks.map((b) => {
    const usable = b.crcValid && b.problem === null;
    const computed = b.hashAlg === 'sha384' ? digests.sha384 : digests.sha256;
    const digestValid = usable ? computed !== undefined && computed.equals(b.storedDigest) : null;
    if (digestValid === false) errors.push(espIssue('ESP_SB_DIGEST_MISMATCH', { block: b.index, signed_length: signedLength }));
    const v = verifiers.get(b.index);
    const signatureValid = usable && v ? verifySignature(b, v) : usable ? false : null;
    if (signatureValid === false) errors.push(espIssue('ESP_SB_SIGNATURE_INVALID', { block: b.index, scheme: b.scheme }));
    if (usable && b.scheme && chip.sbSchemes && !chip.sbSchemes.includes(b.scheme)) {
      errors.push(espIssue('ESP_SB_SCHEME_UNSUPPORTED', { block: b.index, scheme: b.scheme, chip: chip.name }));
    }
    const isTrusted = trusted === null || b.keyDigest === null ? null : trusted.has(b.keyDigest);
    const sound = usable && digestValid === true && signatureValid === true;
    if (sound && isTrusted === false) untrusted.push(espIssue('ESP_SB_KEY_NOT_TRUSTED', { block: b.index, key_digest: b.keyDigest }));
    return {
      index: b.index,
      scheme: b.scheme,
      key_digest: b.keyDigest,
      crc_valid: b.crcValid,
      digest_valid: digestValid,
      signature_valid: signatureValid,
      trusted: isTrusted,
      verified: sound && isTrusted !== false,
    };
  });

  // ESP32 looks at block 0 only; later chips accept any of the three.
  const checked = reports.slice(0, chip.sbBlocksChecked || MAX_BLOCKS);
  if (reports.length > checked.length) c.warnings.push(espIssue('ESP_SB_EXTRA_BLOCKS_IGNORED', { chip: chip.name }));
  const verified = checked.some((r) => r.verified);
  c.errors.push(...errors);
  // An untrusted key is harmless beside a trusted one that verifies; alone it is a failure.
  (verified ? c.warnings : c.errors).push(...untrusted);
  return {
    version: 2,
    signed_length: signedLength,
    blocks: reports,
    key_digests: reports.flatMap((r) => (r.key_digest ? [r.key_digest] : [])),
    verified,
  };
}

/**
 * The eFuse key digest of a PEM key (public, private or certificate), computed the way the
 * block stores the key, so `--trusted-key key.pem` pins exactly what espsecure would burn.
 * Returns null for keys Secure Boot v2 cannot use.
 */
export function keyDigestOf(key: KeyObject): string | null {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if (details.modulusLength !== 3072) return null;
    const jwk = key.export({ format: 'jwk' });
    const n = BigInt('0x' + Buffer.from(jwk.n!, 'base64url').toString('hex'));
    const e = Number(BigInt('0x' + Buffer.from(jwk.e!, 'base64url').toString('hex')));
    return sha256Hex(rsaKeyBytes(n, e));
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES.find((c) => c.nodeName === details.namedCurve);
    if (!curve) return null;
    const spki = key.export({ format: 'der', type: 'spki' });
    const point = spki.subarray(spki.length - curve.size * 2);
    return sha256Hex(ecKeyBytes(curve, point.subarray(0, curve.size), point.subarray(curve.size)));
  }
  return null;
}
