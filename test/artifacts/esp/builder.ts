/**
 * Builds ESP images from the documented format (docs/formats.md §C), independently of the code under
 * test: header + extended header, segments, app descriptor, checksum, optional appended SHA-256,
 * optional Secure Boot v2 sector signed with node:crypto keys; ESP8266 v1 and v2 images.
 */
import { constants, createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import * as zlib from 'node:zlib';

export interface SegmentSpec {
  addr: number;
  data: Buffer;
}

export interface AppDescSpec {
  secureVersion: number;
  version: string;
  project: string;
  time: string;
  date: string;
  idfVersion: string;
  elfSha256: Buffer;
  mmuPageLog2: number;
}

export const DEFAULT_DESC: AppDescSpec = {
  secureVersion: 3,
  version: '1.4.2',
  project: 'blink',
  time: '19:46:07',
  date: 'Sep 13 2022',
  idfVersion: 'v5.2.1',
  elfSha256: createHash('sha256').update('elf').digest(),
  mmuPageLog2: 0,
};

function cstr(s: string, len: number): Buffer {
  const b = Buffer.alloc(len);
  b.write(s, 'utf8');
  return b;
}

export function appDesc(spec: Partial<AppDescSpec> = {}): Buffer {
  const d = { ...DEFAULT_DESC, ...spec };
  const b = Buffer.alloc(256);
  b.writeUInt32LE(0xabcd5432, 0);
  b.writeUInt32LE(d.secureVersion, 4);
  cstr(d.version, 32).copy(b, 0x10);
  cstr(d.project, 32).copy(b, 0x30);
  cstr(d.time, 16).copy(b, 0x50);
  cstr(d.date, 16).copy(b, 0x60);
  cstr(d.idfVersion, 32).copy(b, 0x70);
  d.elfSha256.copy(b, 0x90);
  b[0xb4] = d.mmuPageLog2;
  return b;
}

export function bootloaderDesc(version = 1, idf = 'v5.2-dev', when = 'Apr 25 2023 00:13:32'): Buffer {
  const b = Buffer.alloc(80);
  b[0] = 0x50;
  b.writeUInt32LE(version, 4);
  cstr(idf, 32).copy(b, 8);
  cstr(when, 24).copy(b, 40);
  return b;
}

/** Deterministic filler so images are reproducible. */
export function pattern(len: number, seed = 1): Buffer {
  const b = Buffer.alloc(len);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

export interface ChipWindows {
  chipId: number;
  drom: number;
  irom: number;
}

/** Flash-window bases from docs/formats.md §C.3 (the test's own copy, not the table under test). */
export const CHIP_WINDOWS: Record<string, ChipWindows> = {
  esp32: { chipId: 0, drom: 0x3f400000, irom: 0x400d0000 },
  esp32s2: { chipId: 2, drom: 0x3f000000, irom: 0x40080000 },
  esp32c3: { chipId: 5, drom: 0x3c000000, irom: 0x42000000 },
  esp32s3: { chipId: 9, drom: 0x3c000000, irom: 0x42000000 },
  esp32c2: { chipId: 12, drom: 0x3c000000, irom: 0x42000000 },
  esp32c6: { chipId: 13, drom: 0x42800000, irom: 0x42000000 },
  esp32h2: { chipId: 16, drom: 0x42800000, irom: 0x42000000 },
  esp32p4: { chipId: 18, drom: 0x40000000, irom: 0x40000000 },
  esp32c61: { chipId: 20, drom: 0x42800000, irom: 0x42000000 },
  esp32c5: { chipId: 23, drom: 0x42000000, irom: 0x42000000 },
  esp32h21: { chipId: 25, drom: 0x42800000, irom: 0x42000000 },
  esp32h4: { chipId: 28, drom: 0x42800000, irom: 0x42000000 },
};

const RAM_ADDR = 0x4ff00000;
const PAGE = 0x10000;

export interface AppLayoutSpec {
  desc?: Buffer;
  rodata?: number;
  ram?: number;
  text?: number;
  seed?: number;
}

/**
 * An IDF-like app: DROM segment starting with the descriptor (data at file 0x20), a RAM segment,
 * then an IROM segment whose load address agrees with its file offset modulo 64 KiB.
 */
export function appSegments(w: ChipWindows, spec: AppLayoutSpec = {}): SegmentSpec[] {
  const seed = spec.seed ?? 7;
  const drom = { addr: w.drom + 0x20, data: Buffer.concat([spec.desc ?? appDesc(), pattern(spec.rodata ?? 1024, seed)]) };
  const ram = { addr: RAM_ADDR, data: pattern(spec.ram ?? 512, seed + 1) };
  const textOffset = 24 + 8 + drom.data.length + 8 + ram.data.length + 8;
  const text = { addr: w.irom + PAGE + (textOffset % PAGE), data: pattern(spec.text ?? 2048, seed + 2) };
  return [drom, ram, text];
}

export interface Esp32Spec {
  chipId: number;
  segments: SegmentSpec[];
  hashAppended?: boolean;
  flashMode?: number;
  sizeFreq?: number;
  entry?: number;
  wpPin?: number;
  minRev?: number;
  minRevFull?: number;
  maxRevFull?: number;
  /** Override the stored segment count (broken images). */
  segmentCount?: number;
}

function xorChecksum(segments: SegmentSpec[]): number {
  let cs = 0xef;
  for (const s of segments) for (const b of s.data) cs ^= b;
  return cs;
}

function segmentBytes(segments: SegmentSpec[]): Buffer[] {
  return segments.flatMap((s) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(s.addr >>> 0, 0);
    h.writeUInt32LE(s.data.length, 4);
    return [h, s.data];
  });
}

/** Zero padding so the checksum byte ends on a 16-byte boundary, then the checksum. */
function padAndChecksum(soFar: number, checksum: number): Buffer {
  const pad = 15 - (soFar % 16);
  const b = Buffer.alloc(pad + 1);
  b[pad] = checksum;
  return b;
}

export function buildEsp32(spec: Esp32Spec): Buffer {
  const hash = spec.hashAppended ?? true;
  const h = Buffer.alloc(24);
  h[0] = 0xe9;
  h[1] = spec.segmentCount ?? spec.segments.length;
  h[2] = spec.flashMode ?? 2;
  h[3] = spec.sizeFreq ?? 0x1f;
  h.writeUInt32LE(spec.entry ?? 0x40080400, 4);
  h[8] = spec.wpPin ?? 0xee;
  h.writeUInt16LE(spec.chipId, 12);
  h[14] = spec.minRev ?? 0;
  h.writeUInt16LE(spec.minRevFull ?? 0, 15);
  h.writeUInt16LE(spec.maxRevFull ?? 0xffff, 17);
  h[23] = hash ? 1 : 0;
  const body = Buffer.concat([h, ...segmentBytes(spec.segments)]);
  const image = Buffer.concat([body, padAndChecksum(body.length, xorChecksum(spec.segments))]);
  return hash ? Buffer.concat([image, createHash('sha256').update(image).digest()]) : image;
}

/**
 * Appends a filler segment (load address 0, as esptool's padding) so that the built image is
 * exactly `imageLen` bytes. The checksum ends on 16 bytes, so imageLen - hash must be a multiple of 16.
 */
export function withFiller(segments: SegmentSpec[], imageLen: number, hashAppended = true): SegmentSpec[] {
  const tail = hashAppended ? 32 : 0;
  const checksumEnd = imageLen - tail; // 16 * floor(body / 16) + 16
  if (checksumEnd % 16 !== 0) throw new Error(`image length ${imageLen} cannot end a ${hashAppended ? 'hashed' : 'plain'} image`);
  const body = 24 + segments.reduce((n, s) => n + 8 + s.data.length, 0) + 8;
  let filler = checksumEnd - 16 - body;
  filler += (4 - (filler % 4)) % 4;
  if (filler < 0) throw new Error('segments already longer than the target');
  return [...segments, { addr: 0, data: Buffer.alloc(filler) }];
}

/** A ready-made app image for a chip name in CHIP_WINDOWS. */
export function buildApp(chip: string, opts: Partial<Esp32Spec> & AppLayoutSpec = {}): Buffer {
  const w = CHIP_WINDOWS[chip]!;
  return buildEsp32({ chipId: w.chipId, segments: appSegments(w, opts), ...opts });
}

/** A second-stage bootloader: RAM segments only, bootloader descriptor first. */
export function buildBootloader(chipId: number): Buffer {
  return buildEsp32({
    chipId,
    segments: [
      { addr: 0x3fff0000, data: Buffer.concat([bootloaderDesc(), pattern(176, 3)]) },
      { addr: 0x40078000, data: pattern(1024, 4) },
    ],
  });
}

// ---- Secure Boot v2 ----------------------------------------------------------------------------

function le(bytesBE: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  Buffer.from(bytesBE).reverse().copy(out, 0);
  return out;
}

function bigToBE(n: bigint, len: number): Buffer {
  return Buffer.from(n.toString(16).padStart(len * 2, '0'), 'hex');
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

export function rsaBlockKey(pub: KeyObject): Buffer {
  const jwk = pub.export({ format: 'jwk' });
  const nBE = Buffer.from(jwk.n!, 'base64url');
  const n = BigInt('0x' + nBE.toString('hex'));
  const e = Number(BigInt('0x' + Buffer.from(jwk.e!, 'base64url').toString('hex')));
  const rinv = (1n << 6144n) % n;
  // -n^-1 mod 2^32 via Euler: n^(2^31 - 1) is n^-1 mod 2^32 for odd n.
  const m = 1n << 32n;
  const inv = modPow(n % m, (1n << 31n) - 1n, m);
  const mdash = (m - inv) % m;
  const out = Buffer.alloc(776);
  le(nBE, 384).copy(out, 0);
  out.writeUInt32LE(e, 384);
  le(bigToBE(rinv, 384), 384).copy(out, 388);
  out.writeUInt32LE(Number(mdash), 772);
  return out;
}

/** X and Y (big-endian) from the uncompressed point that ends the SPKI encoding. */
function ecPoint(pub: KeyObject, size: number): { x: Buffer; y: Buffer } {
  const spki = pub.export({ format: 'der', type: 'spki' });
  const point = spki.subarray(spki.length - 2 * size);
  return { x: point.subarray(0, size), y: point.subarray(size) };
}

export type SbKeyType = 'rsa3072' | 'ecdsa-p192' | 'ecdsa-p256' | 'ecdsa-p384';

/** One 1216-byte signature block over `region`. */
export function signatureBlock(region: Buffer, priv: KeyObject, type: SbKeyType): Buffer {
  const b = Buffer.alloc(1216);
  b[0] = 0xe7;
  const pub = createPublicKey(priv);
  if (type === 'rsa3072') {
    b[1] = 2;
    createHash('sha256').update(region).digest().copy(b, 4);
    rsaBlockKey(pub).copy(b, 36);
    const sig = sign('sha256', region, { key: priv, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    le(sig, 384).copy(b, 812);
  } else {
    const p384 = type === 'ecdsa-p384';
    // P-192 keeps the P-256 layout with its 24-byte values packed at the front of each field.
    const size = p384 ? 48 : type === 'ecdsa-p192' ? 24 : 32;
    const field = p384 ? 48 : 32;
    b[1] = 3;
    b[2] = p384 ? 1 : 0;
    createHash(p384 ? 'sha384' : 'sha256').update(region).digest().copy(b, 4);
    const keyAt = p384 ? 52 : 36;
    const { x, y } = ecPoint(pub, size);
    b[keyAt] = p384 ? 3 : size === 24 ? 1 : 2;
    le(x, size).copy(b, keyAt + 1);
    le(y, size).copy(b, keyAt + 1 + size);
    const sig = sign(p384 ? 'sha384' : 'sha256', region, { key: priv, dsaEncoding: 'ieee-p1363' });
    const sigAt = keyAt + 1 + 2 * field;
    le(sig.subarray(0, size), size).copy(b, sigAt);
    le(sig.subarray(size), size).copy(b, sigAt + size);
  }
  b.writeUInt32LE(zlib.crc32(b.subarray(0, 1196)), 1196);
  return b;
}

/** The eFuse key digest of a block (SHA-256 of its key bytes), as espsecure prints it. */
export function blockKeyDigest(block: Buffer): string {
  const range: [number, number] = block[1] === 2 ? [36, 812] : block[2] === 1 ? [52, 149] : [36, 101];
  return createHash('sha256').update(block.subarray(...range)).digest('hex');
}

export interface SignedImage {
  image: Buffer;
  signedLength: number;
  blocks: Buffer[];
}

/** Pads the image with 0xFF to 4 KiB and appends a signature sector with one block per key. */
export function signSbv2(image: Buffer, keys: Array<{ key: KeyObject; type: SbKeyType }>): SignedImage {
  const signedLength = Math.ceil(image.length / 4096) * 4096;
  const region = Buffer.alloc(signedLength, 0xff);
  image.copy(region);
  const sector = Buffer.alloc(4096, 0xff);
  const blocks = keys.map(({ key, type }, i) => {
    const blk = signatureBlock(region, key, type);
    blk.copy(sector, i * 1216);
    return blk;
  });
  return { image: Buffer.concat([region, sector]), signedLength, blocks };
}

// ---- ESP8266 -----------------------------------------------------------------------------------

function commonHeader(magic: number, count: number, entry: number, mode = 2, sizeFreq = 0x20): Buffer {
  const h = Buffer.alloc(8);
  h[0] = magic;
  h[1] = count;
  h[2] = mode;
  h[3] = sizeFreq;
  h.writeUInt32LE(entry, 4);
  return h;
}

export const ESP8266_RAM: SegmentSpec[] = [
  { addr: 0x40100000, data: pattern(1536, 11) },
  { addr: 0x3ffe8000, data: pattern(256, 12) },
  { addr: 0x3ffe8100, data: pattern(64, 13) },
];

export function buildEsp8266V1(segments: SegmentSpec[] = ESP8266_RAM, entry = 0x40100004): Buffer {
  const body = Buffer.concat([commonHeader(0xe9, segments.length, entry), ...segmentBytes(segments)]);
  return Buffer.concat([body, padAndChecksum(body.length, xorChecksum(segments))]);
}

export function esp8266Crc(data: Buffer): number {
  const c = zlib.crc32(data);
  return c & 0x80000000 ? (c ^ 0xffffffff) >>> 0 : c + 1;
}

export function buildEsp8266V2(irom: Buffer = pattern(4000, 21), segments: SegmentSpec[] = ESP8266_RAM, entry = 0x40100004): Buffer {
  const padded = Buffer.concat([irom, Buffer.alloc((16 - (irom.length % 16)) % 16)]);
  const body = Buffer.concat([
    commonHeader(0xea, 4, entry),
    ...segmentBytes([{ addr: 0, data: padded }]),
    commonHeader(0xe9, segments.length, entry),
    ...segmentBytes(segments),
  ]);
  const image = Buffer.concat([body, padAndChecksum(body.length, xorChecksum(segments))]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(esp8266Crc(image));
  return Buffer.concat([image, crc]);
}

/** esp_encrypted_img container: 512-byte header, ciphertext. */
export function buildEncrypted(plaintextSize = 100_000): Buffer {
  const h = pattern(512, 31);
  h.writeUInt32LE(0x0788b6cf, 0);
  h.writeUInt32LE(plaintextSize, 4 + 384 + 16);
  return Buffer.concat([h, pattern(plaintextSize + 16, 32)]);
}
