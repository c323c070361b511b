/**
 * Seeded mutation loop: thousands of single- and multi-byte edits, cuts and extensions of valid
 * images. The inspector must never throw, and must never call an image verified when a byte that
 * a checksum, hash, CRC or signature covers was changed.
 */
import { describe, expect, it } from 'vitest';
import { buildApp, buildEsp8266V1, buildEsp8266V2, signSbv2, type SbKeyType } from './builder.js';
import { inspectBuf, keys } from './helpers.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Base {
  name: string;
  image: Buffer;
  /** Is a change at this offset caught by some integrity check? */
  covered: (offset: number) => boolean;
  /** Multi-byte edits can cancel out in an XOR checksum; only hashed images take them. */
  multiByte: boolean;
}

/** Segment data ranges of an image, found by walking the documented layout. */
function dataRanges(img: Buffer, first: number, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let pos = first;
  for (let i = 0; i < count; i++) {
    const len = img.readUInt32LE(pos + 4);
    out.push([pos + 8, pos + 8 + len]);
    pos += 8 + len;
  }
  return out;
}

function bases(): Base[] {
  const all = () => true;
  const signed = (chip: string, type: SbKeyType) => signSbv2(buildApp(chip, { text: 1500 }), [{ key: keys()[type], type }]).image;
  const noHash = buildApp('esp32s3', { hashAppended: false });
  const v1 = buildEsp8266V1();
  const inData = (img: Buffer, first: number) => {
    const ranges = dataRanges(img, first, img[1]!);
    return (o: number) => ranges.some(([a, b]) => o >= a && o < b);
  };
  return [
    { name: 'esp32 hashed', image: buildApp('esp32'), covered: all, multiByte: true },
    { name: 'esp32c3 hashed', image: buildApp('esp32c3', { rodata: 300, text: 700 }), covered: all, multiByte: true },
    { name: 'esp32p4 hashed', image: buildApp('esp32p4'), covered: all, multiByte: true },
    { name: 'esp32 rsa', image: signed('esp32', 'rsa3072'), covered: all, multiByte: true },
    { name: 'esp32c6 p256', image: signed('esp32c6', 'ecdsa-p256'), covered: all, multiByte: true },
    { name: 'esp32c5 p384', image: signed('esp32c5', 'ecdsa-p384'), covered: all, multiByte: true },
    { name: 'esp8266 v2', image: buildEsp8266V2(), covered: all, multiByte: true },
    { name: 'esp32s3 no hash', image: noHash, covered: inData(noHash, 24), multiByte: false },
    { name: 'esp8266 v1', image: v1, covered: inData(v1, 8), multiByte: false },
  ];
}

describe('seeded mutation loop', () => {
  it('never throws, never verifies a changed covered byte', async () => {
    const rand = rng(0x0e5b32);
    const int = (n: number) => Math.floor(rand() * n);
    let cases = 0;
    let checked = 0;
    for (const base of bases()) {
      expect((await inspectBuf(base.image)).verified, base.name).toBe(true);
      for (let i = 0; i < 400; i++) {
        const img = Buffer.from(base.image);
        const op = int(10);
        let mustFail = false;
        let mutated: Buffer = img;
        let what = '';
        if (op < 6 || (!base.multiByte && op < 8)) {
          // Single byte: XOR with a non-zero value (so the byte really changes).
          const at = int(img.length);
          img[at]! ^= 1 + int(255);
          mustFail = base.covered(at);
          what = `byte ${at}`;
        } else if (op < 8) {
          const n = 2 + int(4);
          const at = [...Array(n)].map(() => int(img.length));
          for (const a of at) img[a]! ^= 1 + int(255);
          // A position hit twice may cancel out; only distinct positions must fail.
          mustFail = new Set(at).size === at.length && at.some(base.covered);
          what = `bytes ${at.join(',')}`;
        } else if (op === 8) {
          const cut = int(img.length);
          mutated = img.subarray(0, cut);
          mustFail = true;
          what = `cut at ${cut}`;
        } else {
          const extra = Buffer.alloc(1 + int(64), int(256));
          mutated = Buffer.concat([img, extra]);
          mustFail = true;
          what = `${extra.length} extra bytes`;
        }
        const r = await inspectBuf(mutated);
        cases++;
        if (mustFail) {
          checked++;
          expect(r.verified, `${base.name}: ${what}`).toBe(false);
          expect(r.errors.length, `${base.name}: ${what}`).toBeGreaterThan(0);
        }
      }
    }
    expect(cases).toBe(9 * 400);
    expect(checked).toBeGreaterThan(3000);
  });
});
