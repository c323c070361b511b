/**
 * One pass over the APK computes the whole-file SHA-256 and every content digest the signers need
 * (docs/formats.md A.8): chunked SHA-256/SHA-512 and the verity (fs-verity style) root. The file is read
 * once; the whole-file hash (and verity) run on the main thread while the chunk hashes run on
 * libuv's thread pool (WebCrypto), so two cores hash at once. Memory is bounded by two reused
 * 1 MiB read buffers, a 1 MiB copy per chunk digest on the pool (at most one per algorithm) and
 * the verity leaf level (32 bytes per 4 KiB of APK, only for verity signers).
 */
import { createHash, webcrypto, type Hash } from 'node:crypto';
import { openRegularFile } from '../../util/regular-file.js';
import { FileSource, type ByteSource } from '../../util/byte-source.js';
import type { ContentDigestKind } from './algorithms.js';

const { subtle } = webcrypto;

const CHUNK = 1 << 20;
/** A chunk digest's input starts with 0xa5 || u32le(chunk length): read slots keep room for it. */
const FRAME = 5;
/**
 * Where a read lands in its slot (the FRAME bytes before it take the prefix). Not just FRAME: glibc
 * serves large buffers with mmap, 16 bytes past a page start, and when a read lands 1..31 bytes past
 * the page offset of its page-cache source, the kernel's copy suffers 4K aliasing (measured: 40 ms
 * instead of 10 ms per 48 MiB). 64 is clear of that whether the buffer is page-aligned or page + 16.
 */
const DATA_AT = 64;
/**
 * Chunk digests per algorithm on the thread pool at once; past that, the main thread hashes the
 * chunk itself. 1: on two cores a second job would compete with both the main thread and the first
 * one (2 measured no faster), and each job holds a 1 MiB copy of its chunk.
 */
const POOL_LIMIT = 1;
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

/**
 * Chunked content digest: H(0x5a || u32 count || H(0xa5 || u32 len || chunk)...). Chunk hashes go
 * to the thread pool (WebCrypto) to run in parallel with the main thread's whole-file hash; when
 * the pool falls behind (SHA-512 is twice as slow as the SHA-NI SHA-256), the main thread hashes
 * the chunk itself instead of waiting, which balances the two cores for either algorithm.
 */
class ChunkedDigest {
  /** In chunk order: digests made here, or pending ones from the pool. */
  private readonly chunkDigests: Array<Buffer | Promise<Buffer>> = [];
  private onPool = 0;
  constructor(private readonly algorithm: 'sha256' | 'sha512') {}

  /**
   * `framed` is 0xa5 || u32le(len) || chunk. Node copies an async WebCrypto job's input before
   * subtle.digest returns, so the caller may reuse the buffer as soon as this returns.
   */
  update(framed: Buffer): void {
    if (this.onPool >= POOL_LIMIT) {
      this.chunkDigests.push(createHash(this.algorithm).update(framed).digest());
      return;
    }
    this.onPool++;
    const job = subtle.digest(this.algorithm === 'sha256' ? 'SHA-256' : 'SHA-512', framed).then((d) => {
      this.onPool--;
      return Buffer.from(d);
    });
    this.chunkDigests.push(handledLater(job));
  }

  async digest(): Promise<Buffer> {
    const digests = await Promise.all(this.chunkDigests);
    const head = Buffer.alloc(5);
    head[0] = 0x5a;
    head.writeUInt32LE(digests.length, 1);
    const h = createHash(this.algorithm).update(head);
    for (const d of digests) h.update(d);
    return h.digest();
  }
}

/**
 * For a chunk digest awaited only at the end: marks it handled now, so that if the pass fails
 * first (a read throws), a rejection of its own does not also surface as an unhandled rejection.
 */
function handledLater<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
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
 * Reads the file once, front to back, into two alternating slots (the next piece is read while this
 * one is hashed). `sections` is null when there is no signing block (then only the whole-file hash
 * is computed).
 */
export async function digestApk(
  src: ByteSource,
  sections: ApkSections | null,
  kinds: ReadonlySet<ContentDigestKind>,
): Promise<DigestResults> {
  const whole: Hash = createHash('sha256');
  const chunked: Array<[ContentDigestKind, ChunkedDigest]> = [];
  if (kinds.has('CHUNKED_SHA256')) chunked.push(['CHUNKED_SHA256', new ChunkedDigest('sha256')]);
  if (kinds.has('CHUNKED_SHA512')) chunked.push(['CHUNKED_SHA512', new ChunkedDigest('sha512')]);
  const verity = kinds.has('VERITY_SHA256') ? new VerityDigest() : null;
  const wantContent = sections !== null && (chunked.length > 0 || verity !== null);

  const pieces = [...plan(src.size, wantContent ? sections : null)];
  const reader = await pieceReader(src);
  const readAhead = (i: number) => (i < pieces.length ? reader.read(pieces[i]!, i % 2) : null);
  try {
    let next = readAhead(0);
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const framed = await next!;
      const inContent = sections !== null && piece.section !== undefined;
      if (inContent) {
        const content = piece.section === 2 ? eocdForDigest(framed, sections.signingBlockOffset) : framed;
        content[0] = 0xa5;
        content.writeUInt32LE(content.length - FRAME, 1);
        for (const [, d] of chunked) d.update(content);
        verity?.update(content.subarray(FRAME));
      }
      const digesting = inContent && chunked.length > 0;
      // The next read also runs on the pool. While chunk digests run there, starting it after the
      // whole-file hash below measured faster (two cores, three busy threads otherwise); with
      // nothing else on the pool, it overlaps that hash.
      if (!digesting) next = readAhead(i + 1);
      whole.update(framed.subarray(FRAME));
      if (digesting) next = readAhead(i + 1);
    }
  } finally {
    await reader.close();
  }

  const content = new Map<ContentDigestKind, Buffer>();
  for (const [kind, d] of chunked) content.set(kind, await d.digest());
  if (verity) content.set('VERITY_SHA256', verity.digest());
  return { sha256: whole.digest('hex'), size: src.size, content };
}

interface PieceReader {
  /**
   * Reads a piece into reusable slot `slot` (0 or 1; the caller alternates while reading ahead) and
   * returns it framed: FRAME spare bytes, then the piece's bytes.
   */
  read(piece: Piece, slot: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Two reused slots keep memory flat whatever the APK size (a fresh buffer per read would leave the
 * garbage collector tens of MiB behind on large files). The FRAME bytes in front of the data let a
 * chunk digest take its prefixed input as one view, with no copy.
 *
 * Files get their own handle read asynchronously, on the thread pool, although FileSource reads
 * synchronously: an `await` that really waits is what lets the main thread see chunk digests
 * finish on the pool (their callbacks run only on an event-loop turn). With synchronous reads it
 * never saw one and hashed nearly every chunk itself (measured 99 ms against 74 for 48 MiB).
 * Other sources (buffers in tests) go through readInto.
 */
async function pieceReader(src: ByteSource): Promise<PieceReader> {
  const slots = [Buffer.allocUnsafe(DATA_AT + CHUNK), Buffer.allocUnsafe(DATA_AT + CHUNK)];
  const framed = (slot: number, p: Piece) => slots[slot]!.subarray(DATA_AT - FRAME, DATA_AT + p.length);
  if (!(src instanceof FileSource)) {
    return {
      async read(p, slot) {
        await src.readInto(slots[slot]!.subarray(DATA_AT), p.offset, p.length);
        return framed(slot, p);
      },
      close: async () => undefined,
    };
  }
  const fh = await openRegularFile(src.path);
  return {
    async read(p, slot) {
      for (let done = 0; done < p.length; ) {
        const { bytesRead } = await fh.read(slots[slot]!, DATA_AT + done, p.length - done, p.offset + done);
        if (bytesRead === 0) throw new RangeError(`file shrank while reading ${src.path}`);
        done += bytesRead;
      }
      return framed(slot, p);
    },
    close: () => fh.close(),
  };
}

/**
 * The EOCD as digested, framed like `framed`: its CD-offset field points at the signing block,
 * making the block invisible. A copy, since the whole-file hash needs the real bytes.
 */
function eocdForDigest(framed: Buffer, signingBlockOffset: number): Buffer {
  const copy = Buffer.from(framed);
  copy.writeUInt32LE(signingBlockOffset, FRAME + 16);
  return copy;
}
