/**
 * heatshrink encoder for the configuration esp_delta_ota's decoder is built with (window 2^8,
 * lookahead 2^7). Bit stream, most significant bit first: a literal is 1 + the byte; a
 * back-reference is 0 + (distance - 1) in 8 bits + (count - 1) in 7 bits; the last byte is padded
 * with zero bits. Greedy longest match over hash chains of two-byte prefixes (a back-reference of
 * two bytes costs 16 bits against 18 for two literals). Deterministic.
 */
import { HEATSHRINK_LOOKAHEAD_BITS, HEATSHRINK_WINDOW_BITS } from '../../../protocol/esp-delta.js';

const WINDOW = 1 << HEATSHRINK_WINDOW_BITS;
const LOOKAHEAD = 1 << HEATSHRINK_LOOKAHEAD_BITS;
/** Candidates tried per position: enough for a 256-byte window, bounded for long runs of near-matches. */
const MAX_CHAIN = 64;

class BitWriter {
  private buf: Uint8Array;
  private len = 0;
  private acc = 0;
  private nbits = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  put(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >>> i) & 1);
      if (++this.nbits === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = this.acc & 0xff;
    this.acc = 0;
    this.nbits = 0;
  }

  finish(): Buffer {
    if (this.nbits > 0) {
      this.acc <<= 8 - this.nbits;
      this.flushByte();
    }
    return Buffer.from(this.buf.buffer, 0, this.len);
  }
}

export function heatshrinkEncode(input: Uint8Array): Buffer {
  const n = input.length;
  const out = new BitWriter(n >> 2);
  const head = new Int32Array(1 << 16).fill(-1);
  const prev = new Int32Array(n);
  const insert = (p: number): void => {
    if (p + 1 >= n) return;
    const h = (input[p]! << 8) | input[p + 1]!;
    prev[p] = head[h]!;
    head[h] = p;
  };
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + 1 < n) {
      const maxLen = Math.min(LOOKAHEAD, n - i);
      let cand = head[(input[i]! << 8) | input[i + 1]!]!;
      for (let tries = MAX_CHAIN; cand >= 0 && i - cand <= WINDOW && tries > 0; tries--) {
        let l = 2;
        while (l < maxLen && input[cand + l] === input[i + l]) l++;
        if (l > bestLen) {
          bestLen = l;
          bestDist = i - cand;
          if (l === maxLen) break;
        }
        cand = prev[cand]!;
      }
    }
    if (bestLen >= 2) {
      out.put(0, 1);
      out.put(bestDist - 1, HEATSHRINK_WINDOW_BITS);
      out.put(bestLen - 1, HEATSHRINK_LOOKAHEAD_BITS);
      for (let e = i + bestLen; i < e; i++) insert(i);
    } else {
      out.put(0x100 | input[i]!, 9);
      insert(i++);
    }
  }
  return out.finish();
}
