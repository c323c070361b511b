/**
 * The image checksum's XOR over a scratch buffer the file is read into. The checksum covers the
 * whole image, and a JS loop over 4 MiB runs cold (interpreted until V8 optimises it) for several
 * milliseconds of a start-up budget; xor-checksum.wat does it with 16-byte SIMD lanes on the
 * WebAssembly memory the chunk is read into, so nothing is copied. Without WebAssembly
 * (node --jitless) the same fold runs in JS.
 */

/** The scratch size: one read chunk. */
export const SCRATCH_BYTES = 1 << 20;
/**
 * Where the scratch starts in the module's memory. Not 0: memory is page-aligned, and a read that
 * lands at the same offset within a page as its page-cache source is copied by the kernel about
 * four times slower (4K aliasing; measured 40 ms against 10 ms per 48 MiB), see apk/digest.ts.
 */
const SCRATCH_AT = 64;

/** xor-checksum.wat assembled by `wat2wasm` (test/artifacts/esp/xor-checksum.test.ts checks they match). */
export const XOR_WASM_BASE64 =
  'AGFzbQEAAAABBwFgAn9/AX8DAgEABQQBARERBxACBm1lbW9yeQIAA3hvcgAACnwBegIBewF/AkADQCAAQRBqIAFLDQEgAiAA/QAEAP1RIQIgAEEQaiEADAALCyAC/RsAIAL9GwFzIAL9GwIgAv0bA3NzIQMCQANAIAAgAU8NASADIAAtAABzIQMgAEEBaiEADAALCyADIANBEHZzIQMgAyADQQh2c0H/AXEL';

// The subset of the WebAssembly JS API used here (the project's TS libs do not declare it).
declare const WebAssembly:
  | { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } }
  | undefined;
interface KernelExports {
  memory: { buffer: ArrayBuffer };
  xor(p: number, end: number): number;
}

export interface XorScratch {
  /** SCRATCH_BYTES to read into. */
  readonly buf: Buffer;
  /** XOR of buf[start, end) as one byte. */
  xor(start: number, end: number): number;
}

export function xorScratch(): XorScratch {
  const wasm = wasmKernel();
  if (wasm) return wasm;
  const buf = Buffer.alloc(SCRATCH_BYTES);
  return { buf, xor: (start, end) => xorBytes(buf, start, end) };
}

function wasmKernel(): XorScratch | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const module = new WebAssembly.Module(Buffer.from(XOR_WASM_BASE64, 'base64'));
    const exports = new WebAssembly.Instance(module).exports as KernelExports;
    const buf = Buffer.from(exports.memory.buffer, SCRATCH_AT, SCRATCH_BYTES);
    return {
      buf,
      xor(start, end) {
        if (start < 0 || end > SCRATCH_BYTES || start > end) throw new RangeError(`xor range ${start}..${end} outside the scratch`);
        return exports.xor(SCRATCH_AT + start, SCRATCH_AT + end);
      },
    };
  } catch {
    return null;
  }
}

/** XOR of buf[start..end) as one byte; word-wise in the middle. The fallback and the reference. */
export function xorBytes(buf: Buffer, start: number, end: number): number {
  let acc = 0;
  let i = start;
  while (i < end && ((buf.byteOffset + i) & 3) !== 0) acc ^= buf[i++]!;
  const words = (end - i) >> 2;
  if (words > 0) {
    const view = new Int32Array(buf.buffer, buf.byteOffset + i, words);
    let w = 0;
    for (let k = 0; k < words; k++) w ^= view[k]!;
    acc ^= w ^ (w >>> 8) ^ (w >>> 16) ^ (w >>> 24);
    i += words * 4;
  }
  while (i < end) acc ^= buf[i++]!;
  return acc & 0xff;
}
