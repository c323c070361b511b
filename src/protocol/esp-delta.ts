/**
 * The `esp_delta_ota` patch format, as devices read it (docs/delta.md). Pure: bytes in, bytes out.
 *
 *   patch   = header(64) || detools sequential patch
 *   header  = magic 0xfccdde10 (u32 little-endian) || base validation hash (32) || 28 zero bytes
 *   detools = type/compression byte (sequential = 0 in bits 4-6, heatshrink = 4 in bits 0-3)
 *             || size(to_size) || heatshrink header byte || heatshrink(stream)
 *   stream  = size(0)  (no data-format patch)
 *             then until to_size bytes are written:
 *             size(n) || n diff bytes (added to base bytes mod 256) || size(m) || m extra bytes
 *             || size(adjustment: signed seek in the base)
 *   size    = first byte: bit 7 more, bit 6 negative, bits 0-5 the lowest value bits;
 *             each next byte: bit 7 more, bits 0-6 the next value bits
 *
 * The device decoder (detools' C library as esp_delta_ota builds it) has heatshrink's static
 * configuration: window 2^8, lookahead 2^7; any other heatshrink header is refused there, so it is
 * refused here too. The applier below exists for the TypeScript device SDK and for tests; an
 * ESP-IDF device runs esp_delta_ota itself.
 */
import { createHash } from 'node:crypto';
import { VerificationError } from '../errors.js';

export const ESP_DELTA_FORMAT = 'esp_delta_ota';
export const ESP_DELTA_MAGIC = 0xfccdde10;
export const ESP_DELTA_HEADER_LEN = 64;
export const HEATSHRINK_WINDOW_BITS = 8;
export const HEATSHRINK_LOOKAHEAD_BITS = 7;
/** detools: patch type sequential (0) in bits 4-6, compression heatshrink (4) in bits 0-3. */
export const DETOOLS_SEQUENTIAL_HEATSHRINK = 0x04;
/** detools' heatshrink header: (window - 4) << 4 | (lookahead - 3). */
export const HEATSHRINK_HEADER = ((HEATSHRINK_WINDOW_BITS - 4) << 4) | (HEATSHRINK_LOOKAHEAD_BITS - 3);

/** The 64-byte `esp_delta_ota` header for a patch made against a base with this validation hash. */
export function espDeltaHeader(baseValidationHash: Uint8Array): Buffer {
  if (baseValidationHash.length !== 32) throw new RangeError('a validation hash is 32 bytes');
  const h = Buffer.alloc(ESP_DELTA_HEADER_LEN);
  h.writeUInt32LE(ESP_DELTA_MAGIC, 0);
  Buffer.from(baseValidationHash).copy(h, 4);
  return h;
}

/** detools' size encoding (sign bit in the first byte). */
export function packSize(value: number): Buffer {
  if (!Number.isSafeInteger(value)) throw new RangeError(`size ${value} is not an integer`);
  let v = Math.abs(value);
  let first = (value < 0 ? 0x40 : 0) | (v & 0x3f);
  v = Math.floor(v / 64);
  const out = [0];
  while (v > 0) {
    out.push(v & 0x7f);
    v = Math.floor(v / 128);
  }
  if (out.length > 1) first |= 0x80;
  for (let i = 1; i < out.length - 1; i++) out[i]! |= 0x80;
  out[0] = first;
  return Buffer.from(out);
}

function corrupt(what: string): VerificationError {
  return new VerificationError(`delta patch refused: ${what}`, 'E_VERIFY', { reason: 'delta_corrupt' });
}

/** Reads bytes one at a time, as the device does; the end of input is an error. */
interface ByteReader {
  next(): number;
}

/** A size field; the header's to_size ignores the sign bit, as the reference reader does. */
function readSize(r: ByteReader, signed = true): number {
  let b = r.next();
  const negative = signed && (b & 0x40) !== 0;
  let value = b & 0x3f;
  let shift = 6;
  while (b & 0x80) {
    // The C decoder keeps sizes in a 32-bit int and refuses a field wider than 27 bits.
    if (shift + 7 > 32) throw corrupt('a size field is too wide');
    b = r.next();
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  }
  return negative ? -value : value;
}

/**
 * heatshrink decoder (window 2^8, lookahead 2^7): a literal is tag 1 + 8 bits; a back-reference is
 * tag 0 + (distance - 1) in 8 bits + (count - 1) in 7 bits; bits are read most significant first.
 * Window bytes before the start are zero, as in the reference decoder.
 */
class HeatshrinkReader implements ByteReader {
  private pos: number;
  private bit = 0;
  private cur = 0;
  private readonly window = new Uint8Array(1 << HEATSHRINK_WINDOW_BITS);
  private head = 0;
  private pendingCount = 0;
  private pendingDistance = 0;

  constructor(
    private readonly input: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  private bits(n: number): number {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      if (this.bit === 0) {
        if (this.pos >= this.input.length) throw corrupt('the patch ends early');
        this.cur = this.input[this.pos++]!;
        this.bit = 0x80;
      }
      acc = (acc << 1) | (this.cur & this.bit ? 1 : 0);
      this.bit >>= 1;
    }
    return acc;
  }

  next(): number {
    const mask = this.window.length - 1;
    if (this.pendingCount === 0) {
      if (this.bits(1) === 1) {
        const c = this.bits(8);
        this.window[this.head++ & mask] = c;
        return c;
      }
      this.pendingDistance = this.bits(HEATSHRINK_WINDOW_BITS) + 1;
      this.pendingCount = this.bits(HEATSHRINK_LOOKAHEAD_BITS) + 1;
    }
    const c = this.window[(this.head - this.pendingDistance) & mask]!;
    this.window[this.head++ & mask] = c;
    this.pendingCount--;
    return c;
  }

  /** The reference decoder fails its finish step inside an unfinished back-reference. */
  get midBackref(): boolean {
    return this.pendingCount !== 0;
  }
}

export interface EspDeltaHeader {
  baseValidationHash: Buffer;
}

/** Reads and checks the 64-byte header (magic and reserved bytes). */
export function readEspDeltaHeader(patch: Uint8Array): EspDeltaHeader {
  if (patch.length < ESP_DELTA_HEADER_LEN) throw corrupt('shorter than its 64-byte header');
  const b = Buffer.from(patch.buffer, patch.byteOffset, patch.length);
  if (b.readUInt32LE(0) !== ESP_DELTA_MAGIC) throw corrupt('no esp_delta_ota magic');
  return { baseValidationHash: Buffer.from(b.subarray(4, 36)) };
}

/**
 * Applies a detools sequential heatshrink patch (no esp_delta_ota header) to `base`. `maxSize`
 * bounds the new image before anything is allocated (a device passes the build's size).
 */
export function applyDetoolsPatch(base: Uint8Array, patch: Uint8Array, maxSize = Number.MAX_SAFE_INTEGER): Buffer {
  let pos = 0;
  const raw: ByteReader = {
    next: () => {
      if (pos >= patch.length) throw corrupt('the patch ends early');
      return patch[pos++]!;
    },
  };
  const kind = raw.next();
  if (((kind >> 4) & 0x7) !== 0) throw corrupt('not a sequential detools patch');
  if ((kind & 0xf) !== 4) throw corrupt('not heatshrink-compressed');
  const toSize = readSize(raw, false);
  if (toSize > maxSize) throw corrupt(`it makes an image of ${toSize} bytes, more than ${maxSize}`);
  if (toSize === 0) return Buffer.alloc(0);
  if (raw.next() !== HEATSHRINK_HEADER) throw corrupt('heatshrink parameters other than window 8, lookahead 7');
  const hs = new HeatshrinkReader(patch, pos);
  if (readSize(hs) > 0) throw corrupt('data-format patches are not supported');
  const out = Buffer.alloc(toSize);
  let to = 0;
  let from = 0;
  while (to < toSize) {
    const diff = readSize(hs);
    if (diff < 0 || to + diff > toSize) throw corrupt('a diff block overruns the new image');
    for (let i = 0; i < diff; i++, from++) {
      if (from < 0 || from >= base.length) throw corrupt('a diff block reads outside the base image');
      out[to++] = (hs.next() + base[from]!) & 0xff;
    }
    const extra = readSize(hs);
    if (extra < 0 || to + extra > toSize) throw corrupt('an extra block overruns the new image');
    for (let i = 0; i < extra; i++) out[to++] = hs.next();
    from += readSize(hs);
  }
  if (hs.midBackref) throw corrupt('the compressed stream ends inside a back-reference');
  return out;
}

export interface ApplyEspDeltaOptions {
  /** The validation hash of the image the device runs (the patch must be made against it). */
  baseValidationHash: Uint8Array;
  /** SHA-256 (hex) the result must have: the build's `sha256`, exactly as for a full download. */
  expectedSha256: string;
  /** The build's size: a patch announcing a larger image is refused before it is applied. */
  maxSize?: number;
}

/**
 * Applies an `esp_delta_ota` patch and verifies the result. Throws a VerificationError for a patch
 * made against another base, a damaged or truncated patch, or a result whose SHA-256 is not the
 * build's: the caller then downloads the full image.
 */
export function applyEspDelta(base: Uint8Array, patch: Uint8Array, opts: ApplyEspDeltaOptions): Buffer {
  const header = readEspDeltaHeader(patch);
  if (!header.baseValidationHash.equals(Buffer.from(opts.baseValidationHash))) {
    throw new VerificationError('delta patch refused: made against another base image', 'E_VERIFY', { reason: 'delta_wrong_base' });
  }
  const out = applyDetoolsPatch(base, patch.subarray(ESP_DELTA_HEADER_LEN), opts.maxSize);
  const sha = createHash('sha256').update(out).digest('hex');
  if (sha !== opts.expectedSha256) {
    throw new VerificationError(`delta patch refused: the result's SHA-256 ${sha} is not the build's`, 'E_VERIFY', { reason: 'delta_sha256' });
  }
  return out;
}
