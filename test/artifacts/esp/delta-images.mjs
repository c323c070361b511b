/**
 * Real ESP-IDF images and their variants for the delta tests and bench (plain JavaScript, so
 * bench/delta.mjs runs it on node; types in delta-images.d.mts): the vendored ESP32
 * hello_world app (fixtures/esp-delta-ota/hello.bin) and edits a new build would bring (another
 * version string, changed code words, code inserted so everything after it moves), re-sealed with
 * a correct checksum and appended SHA-256 (docs/formats.md §C), independently of src/.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/esp-delta-ota/', import.meta.url));
/** @returns {Buffer} */
export const hello = () => readFileSync(FIXTURES + 'hello.bin');

export function parseImage(image) {
  const header = Buffer.from(image.subarray(0, 24));
  const segments = [];
  let off = 24;
  for (let i = 0; i < image[1]; i++) {
    const addr = image.readUInt32LE(off);
    const len = image.readUInt32LE(off + 4);
    segments.push({ addr, data: Buffer.from(image.subarray(off + 8, off + 8 + len)) });
    off += 8 + len;
  }
  return { header, segments };
}

/** Header, segments, zero padding to the checksum byte on a 16-byte boundary, SHA-256. */
export function seal({ header, segments }) {
  const h = Buffer.from(header);
  h[1] = segments.length;
  h[23] = 1;
  const parts = [h];
  let cs = 0xef;
  for (const s of segments) {
    const sh = Buffer.alloc(8);
    sh.writeUInt32LE(s.addr >>> 0, 0);
    sh.writeUInt32LE(s.data.length, 4);
    parts.push(sh, s.data);
    for (const b of s.data) cs ^= b;
  }
  const body = Buffer.concat(parts);
  const tail = Buffer.alloc(16 - (body.length % 16));
  tail[tail.length - 1] = cs;
  const image = Buffer.concat([body, tail]);
  return Buffer.concat([image, createHash('sha256').update(image).digest()]);
}

/** The validation hash esp_delta_ota matches: the SHA-256 appended to the image. */
export function validationHash(image) {
  return Buffer.from(image.subarray(image.length - 32));
}


/** A deterministic 32-bit xorshift generator (a zero seed counts as 1): the same seed, the same bytes. */
function xorshift32(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** A "next build" of `image`: deterministic for the same spec. */
export function variant(image, spec) {
  const p = parseImage(image);
  const segs = p.segments.map((s) => ({ addr: s.addr, data: Buffer.from(s.data) }));
  if (spec.version !== undefined) {
    const v = Buffer.alloc(32);
    v.write(spec.version);
    v.copy(segs[0].data, 0x10);
  }
  const big = segs.reduce((a, s) => (s.data.length > a.data.length ? s : a));
  const rnd = xorshift32(spec.seed ?? 1);
  const words = spec.words ?? 0;
  for (let i = 0; i < words; i++) {
    const at = (Math.floor(((i + 0.5) * big.data.length) / words) & ~3) % (big.data.length - 4);
    big.data.writeUInt32LE(rnd(), at);
  }
  if (spec.insert) {
    const mid = (big.data.length >> 1) & ~3;
    const ins = Buffer.alloc(spec.insert);
    for (let i = 0; i < ins.length; i++) ins[i] = rnd() & 0xff;
    big.data = Buffer.concat([big.data.subarray(0, mid), ins, big.data.subarray(mid)]);
    // Segment lengths stay multiples of 4, as the linker emits them.
    if (big.data.length % 4) big.data = Buffer.concat([big.data, Buffer.alloc(4 - (big.data.length % 4))]);
  }
  return seal({ header: p.header, segments: segs });
}

/**
 * `image` with code-like bytes (short repeats over a small alphabet, as instruction streams have)
 * appended to its largest segment until the image is about `size` bytes: a full-size app from the
 * real one, for the 1.5 MiB bench pair.
 */
export function grow(image, size, seed = 11) {
  const p = parseImage(image);
  const big = p.segments.reduce((a, s) => (s.data.length > a.data.length ? s : a));
  const rnd = xorshift32(seed);
  const add = Buffer.alloc(Math.max(0, (size - image.length) & ~3));
  for (let i = 0; i < add.length; i++) add[i] = i > 64 && rnd() % 4 === 0 ? add[i - 1 - (rnd() % 64)] : rnd() & 0x3f;
  big.data = Buffer.concat([big.data, add]);
  return seal(p);
}
