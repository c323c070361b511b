/**
 * One sequential pass over the APK computes the whole-file SHA-256 and every content digest the
 * signers need (formats.md A.8): chunked SHA-256/SHA-512 and the verity (fs-verity style) root.
 * Memory is bounded by two reused 1 MiB read buffers and the verity leaf level (32 bytes per
 * 4 KiB of APK, only for verity signers).
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { FileSource, type ByteSource } from '../../util/byte-source.js';
import type { ContentDigestKind } from './algorithms.js';

const CHUNK = 1 << 20;
const PAGE = 4096;
const VERITY_SALT = Buffer.alloc(8);

/** Where the three digested sections are (S = signing block start). */
export interface ApkSections {
  signingBlockOffset: number;
  cdOffset: number;
  eocdOffset: number;
}

export interface DigestResults {
  sha256: string;
  size: number;
  content: Map<ContentDigestKind, Buffer>;
}

/** One read: a byte range of the file and, for content digests, which section it belongs to. */
interface Piece {
  offset: number;
  length: number;
  /** Undefined for the signing block itself, which only the whole-file hash sees. */
  section?: 0 | 1 | 2;
}

/** Cuts the file into reads that are exactly the content-digest chunks (and 1 MiB elsewhere). */
export function* plan(size: number, sections: ApkSections | null): Generator<Piece> {
  const ranges: Array<[number, number, 0 | 1 | 2 | undefined]> = sections
    ? [
        [0, sections.signingBlockOffset, 0],
        [sections.signingBlockOffset, sections.cdOffset, undefined],
        [sections.cdOffset, sections.eocdOffset, 1],
        [sections.eocdOffset, size, 2],
      ]
    : [[0, size, undefined]];
  for (const [start, end, section] of ranges) {
    for (let at = start; at < end; at += CHUNK) {
      const piece: Piece = { offset: at, length: Math.min(CHUNK, end - at) };
      if (section !== undefined) piece.section = section;
      yield piece;
    }
  }
}

/** Chunked content digest: H(0x5a || u32 count || H(0xa5 || u32 len || chunk)...). */
class ChunkedDigest {
  private readonly chunkDigests: Buffer[] = [];
  constructor(private readonly algorithm: 'sha256' | 'sha512') {}

  update(chunk: Buffer): void {
    const prefix = Buffer.alloc(5);
    prefix[0] = 0xa5;
    prefix.writeUInt32LE(chunk.length, 1);
    this.chunkDigests.push(createHash(this.algorithm).update(prefix).update(chunk).digest());
  }

  digest(): Buffer {
    const head = Buffer.alloc(5);
    head[0] = 0x5a;
    head.writeUInt32LE(this.chunkDigests.length, 1);
    const h = createHash(this.algorithm).update(head);
    for (const d of this.chunkDigests) h.update(d);
    return h.digest();
  }
}

/** Verity SHA-256 root over the concatenated sections, 4 KiB pages, 8-byte zero salt. */
export class VerityDigest {
  /** Leaf hashes, 32 bytes per 4 KiB page, in one growing buffer (no per-leaf objects to collect). */
  private leaves = Buffer.alloc(32 * 1024);
  private leafBytes = 0;
  private pending = Buffer.alloc(0);
  private total = 0;

  update(data: Buffer): void {
    this.total += data.length;
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    let pos = 0;
    for (; pos + PAGE <= buf.length; pos += PAGE) this.addLeaf(buf.subarray(pos, pos + PAGE));
    // Copied: `data` may be a reused read buffer.
    this.pending = Buffer.from(buf.subarray(pos));
  }

  private addLeaf(page: Buffer): void {
    if (this.leafBytes + 32 > this.leaves.length) {
      const grown = Buffer.alloc(this.leaves.length * 2);
      this.leaves.copy(grown, 0, 0, this.leafBytes);
      this.leaves = grown;
    }
    pageHash(page).copy(this.leaves, this.leafBytes);
    this.leafBytes += 32;
  }

  /** root (32 bytes) || u64le(data length), the 40-byte value stored in the signer. */
  digest(): Buffer {
    if (this.pending.length > 0) this.addLeaf(padTo(this.pending, PAGE));
    let level = padTo(this.leaves.subarray(0, this.leafBytes), PAGE);
    while (level.length > PAGE) {
      const next: Buffer[] = [];
      for (let pos = 0; pos < level.length; pos += PAGE) next.push(pageHash(level.subarray(pos, pos + PAGE)));
      level = padTo(Buffer.concat(next), PAGE);
    }
    const out = Buffer.alloc(40);
    pageHash(level).copy(out, 0);
    out.writeBigUInt64LE(BigInt(this.total), 32);
    return out;
  }
}

function pageHash(page: Buffer): Buffer {
  return createHash('sha256').update(VERITY_SALT).update(page).digest();
}

/** Zero-pads to a positive multiple of `unit` (an empty level becomes one zero page). */
function padTo(buf: Buffer, unit: number): Buffer {
  const len = Math.max(unit, Math.ceil(buf.length / unit) * unit);
  return len === buf.length ? buf : Buffer.concat([buf, Buffer.alloc(len - buf.length)]);
}

/**
 * Reads the file once, front to back, prefetching the next piece while the current one is hashed.
 * `sections` is null when there is no signing block (then only the whole-file hash is computed).
 */
export async function digestApk(
  src: ByteSource,
  sections: ApkSections | null,
  kinds: ReadonlySet<ContentDigestKind>,
): Promise<DigestResults> {
  const whole: Hash = createHash('sha256');
  const chunked = new Map<ContentDigestKind, ChunkedDigest>();
  if (kinds.has('CHUNKED_SHA256')) chunked.set('CHUNKED_SHA256', new ChunkedDigest('sha256'));
  if (kinds.has('CHUNKED_SHA512')) chunked.set('CHUNKED_SHA512', new ChunkedDigest('sha512'));
  const verity = kinds.has('VERITY_SHA256') ? new VerityDigest() : null;
  const wantContent = sections !== null && (chunked.size > 0 || verity !== null);

  const pieces = [...plan(src.size, wantContent ? sections : null)];
  const reader = await pieceReader(src);
  try {
    let next = pieces.length > 0 ? reader.read(pieces[0]!, 0) : null;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const data = await next!;
      next = i + 1 < pieces.length ? reader.read(pieces[i + 1]!, (i + 1) % 2) : null;
      whole.update(data);
      if (piece.section === undefined || !sections) continue;
      const content = piece.section === 2 ? eocdForDigest(data, sections.signingBlockOffset) : data;
      for (const d of chunked.values()) d.update(content);
      verity?.update(content);
    }
  } finally {
    await reader.close();
  }

  const content = new Map<ContentDigestKind, Buffer>();
  for (const [kind, d] of chunked) content.set(kind, d.digest());
  if (verity) content.set('VERITY_SHA256', verity.digest());
  return { sha256: whole.digest('hex'), size: src.size, content };
}

interface PieceReader {
  /** Reads a piece into reusable buffer `slot` (0 or 1; the caller alternates while prefetching). */
  read(piece: Piece, slot: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * For files, two reused 1 MiB buffers keep memory flat whatever the APK size (a fresh buffer per
 * read would leave the garbage collector tens of MiB behind on large files). Other sources
 * (buffers in tests) are read through their own interface.
 */
async function pieceReader(src: ByteSource): Promise<PieceReader> {
  if (!(src instanceof FileSource)) {
    return { read: (p) => src.read(p.offset, p.length), close: async () => undefined };
  }
  const fh = await open(src.path, 'r');
  const slots = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  return {
    async read(p, slot) {
      const buf = slots[slot]!;
      for (let done = 0; done < p.length; ) {
        const { bytesRead } = await fh.read(buf, done, p.length - done, p.offset + done);
        if (bytesRead === 0) throw new RangeError(`file shrank while reading ${src.path}`);
        done += bytesRead;
      }
      return buf.subarray(0, p.length);
    },
    close: () => fh.close(),
  };
}

/** The EOCD as digested: its CD-offset field points at the signing block, making the block invisible. */
function eocdForDigest(eocd: Buffer, signingBlockOffset: number): Buffer {
  const copy = Buffer.from(eocd);
  copy.writeUInt32LE(signingBlockOffset, 16);
  return copy;
}
