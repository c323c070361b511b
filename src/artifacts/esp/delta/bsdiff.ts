/**
 * A bsdiff-style difference (Colin Percival's search over a suffix array of the base): the new
 * image as blocks of (diff bytes against the base, extra bytes, seek in the base). Diff bytes are
 * mostly zero where code only moved, which is what the compressor afterwards feeds on.
 * Deterministic: the same inputs give the same blocks.
 */
import { suffixArray } from './suffix-array.js';

export interface DiffBlock {
  /** Bytes of the new image, minus the base bytes at `from` (mod 256). */
  diff: Uint8Array;
  /** Bytes of the new image copied as they are. */
  extra: Uint8Array;
  /** Signed seek in the base after this block. */
  adjust: number;
}

/** A match must beat the bytes that already line up with the last offset by this much. */
const MIN_GAIN = 8;

function matchLen(a: Uint8Array, ai: number, b: Uint8Array, bi: number): number {
  let i = 0;
  const max = Math.min(a.length - ai, b.length - bi);
  while (i < max && a[ai + i] === b[bi + i]) i++;
  return i;
}

/** base[from..] < target[at..] over their common length. */
function lessThan(base: Uint8Array, from: number, target: Uint8Array, at: number): boolean {
  const max = Math.min(base.length - from, target.length - at);
  for (let i = 0; i < max; i++) {
    const d = base[from + i]! - target[at + i]!;
    if (d !== 0) return d < 0;
  }
  return false;
}

/** The longest match of target[at..] in the base, by binary search of the suffix array. */
function search(sa: Int32Array, base: Uint8Array, target: Uint8Array, at: number): { pos: number; len: number } {
  if (sa.length === 0) return { pos: 0, len: 0 };
  let lo = 0;
  let hi = sa.length - 1;
  while (hi - lo >= 2) {
    const mid = lo + ((hi - lo) >> 1);
    if (lessThan(base, sa[mid]!, target, at)) lo = mid;
    else hi = mid;
  }
  const a = matchLen(base, sa[lo]!, target, at);
  const b = matchLen(base, sa[hi]!, target, at);
  return a > b ? { pos: sa[lo]!, len: a } : { pos: sa[hi]!, len: b };
}

export function bsdiff(base: Uint8Array, target: Uint8Array): DiffBlock[] {
  const sa = suffixArray(base);
  const blocks: DiffBlock[] = [];
  const oldSize = base.length;
  const newSize = target.length;
  let scan = 0;
  let len = 0;
  let pos = 0;
  let lastScan = 0;
  let lastPos = 0;
  let lastOffset = 0;
  while (scan < newSize) {
    let oldScore = 0;
    let scsc = (scan += len);
    for (; scan < newSize; scan++) {
      ({ pos, len } = search(sa, base, target, scan));
      for (; scsc < scan + len; scsc++) {
        if (scsc + lastOffset < oldSize && base[scsc + lastOffset] === target[scsc]) oldScore++;
      }
      if ((len === oldScore && len !== 0) || len > oldScore + MIN_GAIN) break;
      if (scan + lastOffset < oldSize && base[scan + lastOffset] === target[scan]) oldScore--;
    }
    if (len === oldScore && scan !== newSize) continue;

    // Extend the previous match forwards and this one backwards while that pays (half the bytes).
    let lenF = 0;
    for (let i = 0, s = 0, best = 0; lastScan + i < scan && lastPos + i < oldSize; ) {
      if (base[lastPos + i] === target[lastScan + i]) s++;
      i++;
      if (s * 2 - i > best * 2 - lenF) {
        best = s;
        lenF = i;
      }
    }
    let lenB = 0;
    if (scan < newSize) {
      for (let i = 1, s = 0, best = 0; scan >= lastScan + i && pos >= i; i++) {
        if (base[pos - i] === target[scan - i]) s++;
        if (s * 2 - i > best * 2 - lenB) {
          best = s;
          lenB = i;
        }
      }
    }
    if (lastScan + lenF > scan - lenB) {
      // The two extensions overlap: split where the forward one stops paying.
      const overlap = lastScan + lenF - (scan - lenB);
      let s = 0;
      let best = 0;
      let lenS = 0;
      for (let i = 0; i < overlap; i++) {
        if (target[lastScan + lenF - overlap + i] === base[lastPos + lenF - overlap + i]) s++;
        if (target[scan - lenB + i] === base[pos - lenB + i]) s--;
        if (s > best) {
          best = s;
          lenS = i + 1;
        }
      }
      lenF += lenS - overlap;
      lenB -= lenS;
    }

    const diff = new Uint8Array(lenF);
    for (let i = 0; i < lenF; i++) diff[i] = (target[lastScan + i]! - base[lastPos + i]!) & 0xff;
    const extra = target.subarray(lastScan + lenF, scan - lenB);
    blocks.push({ diff, extra, adjust: pos - lenB - (lastPos + lenF) });
    lastScan = scan - lenB;
    lastPos = pos - lenB;
    lastOffset = pos - scan;
  }
  return blocks;
}
