/**
 * One sequential read of the file feeds every integrity check: the whole-file SHA-256 (with
 * snapshots of the prefix hash where the image wants one), the XOR checksum over segment data,
 * and any other prefix consumer (SHA-384, CRC-32, signature verifiers). A 4 MiB image is read
 * once, in 1 MiB chunks, and SHA-256 runs over it once.
 */
import { createHash } from 'node:crypto';
import type { ByteSource } from '../../util/byte-source.js';
import { SCRATCH_BYTES as CHUNK, xorScratch } from './xor-checksum.js';

const CHECKSUM_SEED = 0xef;

/** Receives the bytes of [0, end) in order. */
export interface PrefixConsumer {
  end: number;
  update(chunk: Buffer): void;
}

export interface PassPlan {
  /** File ranges [start, end) whose bytes are XORed into the 8-bit checksum. */
  checksumRanges: ReadonlyArray<readonly [number, number]>;
  /** Offsets at which the SHA-256 of file[0 .. offset) is wanted. */
  sha256Marks: readonly number[];
  consumers: readonly PrefixConsumer[];
}

export interface PassResult {
  checksum: number;
  /** SHA-256 of file[0 .. mark) for each requested mark. */
  prefixSha256: Map<number, Buffer>;
  /** SHA-256 of the whole file, lowercase hex. */
  sha256: string;
}

export async function digestPass(src: ByteSource, plan: PassPlan): Promise<PassResult> {
  const hash = createHash('sha256');
  const marks = [...new Set(plan.sha256Marks)].filter((m) => m >= 0 && m <= src.size).sort((a, b) => a - b);
  const prefixSha256 = new Map<number, Buffer>();
  let mi = 0;
  let xor = CHECKSUM_SEED;
  // One reused buffer: no fresh memory to fault in per chunk, and the XOR kernel reads it in place.
  const scratch = xorScratch();

  for (let off = 0; off < src.size; off += CHUNK) {
    const len = Math.min(CHUNK, src.size - off);
    const buf = await src.readInto(scratch.buf, off, len);

    let hashed = 0;
    while (mi < marks.length && marks[mi]! <= off + len) {
      const cut = marks[mi]! - off;
      if (cut > hashed) hash.update(buf.subarray(hashed, cut));
      hashed = Math.max(hashed, cut);
      prefixSha256.set(marks[mi]!, hash.copy().digest());
      mi++;
    }
    if (hashed < len) hash.update(buf.subarray(hashed));

    for (const c of plan.consumers) {
      if (c.end > off) c.update(buf.subarray(0, Math.min(len, c.end - off)));
    }
    for (const [start, end] of plan.checksumRanges) {
      const a = Math.max(start, off);
      const b = Math.min(end, off + len);
      if (a < b) xor ^= scratch.xor(a - off, b - off);
    }
  }
  // Only a mark at 0 of an empty file can be left over.
  for (; mi < marks.length; mi++) prefixSha256.set(marks[mi]!, hash.copy().digest());

  return { checksum: xor, prefixSha256, sha256: hash.digest('hex') };
}
