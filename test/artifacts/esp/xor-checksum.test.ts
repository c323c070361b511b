import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCRATCH_BYTES, XOR_WASM_BASE64, xorBytes, xorScratch } from '../../../src/artifacts/esp/xor-checksum.js';

/** The checksum's definition, byte by byte, independent of both kernels. */
function reference(buf: Uint8Array, start: number, end: number): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= buf[i]!;
  return x;
}

function fill(buf: Buffer, seed: number): void {
  let x = seed >>> 0 || 1;
  for (let i = 0; i < buf.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    buf[i] = x >>> 24;
  }
}

describe('ESP checksum XOR kernel', () => {
  it('the embedded module is xor-checksum.wat as wat2wasm assembles it', () => {
    const wat = fileURLToPath(new URL('../../../src/artifacts/esp/xor-checksum.wat', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'otactl-wat-'));
    try {
      const out = join(dir, 'k.wasm');
      execFileSync('wat2wasm', [wat, '-o', out]);
      expect(readFileSync(out).toString('base64')).toBe(XOR_WASM_BASE64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses WebAssembly here, with the scratch in its memory', () => {
    const s = xorScratch();
    expect(s.buf.length).toBe(SCRATCH_BYTES);
    expect(s.buf.buffer.constructor.name).toBe('ArrayBuffer');
    expect(s.buf.buffer.byteLength).toBe(17 * 65536); // the module's memory, not a pooled buffer
    expect(s.buf.byteOffset % 4096).not.toBe(0); // off the page start (see SCRATCH_AT)
  });

  it('matches the byte-by-byte definition on every alignment and tail length', () => {
    const s = xorScratch();
    fill(s.buf, 7);
    for (let start = 0; start < 20; start++) {
      for (let len = 0; len < 70; len++) {
        expect(s.xor(start, start + len), `${start}+${len}`).toBe(reference(s.buf, start, start + len));
        expect(xorBytes(s.buf, start, start + len), `js ${start}+${len}`).toBe(reference(s.buf, start, start + len));
      }
    }
  });

  it('matches over the whole scratch and random ranges', () => {
    const s = xorScratch();
    for (const seed of [1, 2, 3]) {
      fill(s.buf, seed);
      expect(s.xor(0, SCRATCH_BYTES)).toBe(reference(s.buf, 0, SCRATCH_BYTES));
      let x = seed;
      for (let i = 0; i < 50; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const a = x % SCRATCH_BYTES;
        const b = a + ((x >>> 7) % (SCRATCH_BYTES - a + 1));
        expect(s.xor(a, b)).toBe(reference(s.buf, a, b));
      }
    }
    s.buf.fill(0);
    expect(s.xor(0, SCRATCH_BYTES)).toBe(0);
  });

  it('refuses a range outside the scratch', () => {
    const s = xorScratch();
    expect(() => s.xor(-1, 4)).toThrow(RangeError);
    expect(() => s.xor(0, SCRATCH_BYTES + 1)).toThrow(RangeError);
    expect(() => s.xor(8, 4)).toThrow(RangeError);
  });

  it('falls back to the JS fold without WebAssembly (node --jitless), with the same result', () => {
    const dist = new URL('../../../dist/artifacts/esp/xor-checksum.js', import.meta.url).href;
    const script = `
      const { xorScratch } = await import(${JSON.stringify(dist)});
      const s = xorScratch();
      for (let i = 0; i < s.buf.length; i++) s.buf[i] = (i * 31 + 7) & 0xff;
      process.stdout.write(JSON.stringify({ wasm: typeof WebAssembly, x: s.xor(3, s.buf.length - 5) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--jitless', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const buf = Buffer.alloc(SCRATCH_BYTES);
    for (let i = 0; i < buf.length; i++) buf[i] = (i * 31 + 7) & 0xff;
    expect(out).toEqual({ wasm: 'undefined', x: reference(buf, 3, SCRATCH_BYTES - 5) });
  });
});
