import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferSource, FileSource, type ByteSource } from '../../../src/util/byte-source.js';
import { openZip } from '../../../src/artifacts/apk/zip.js';
import { isIssue } from '../../../src/artifacts/apk/issues.js';
import { findSigningBlock } from '../../../src/artifacts/apk/signing-block.js';
import { digestApk } from '../../../src/artifacts/apk/digest.js';
import type { ContentDigestKind } from '../../../src/artifacts/apk/algorithms.js';
import { sha256Hex } from '../../../src/util/hash.js';
import { fixture } from './helpers.js';

async function digests(apk: string) {
  const buf = readFileSync(fixture(apk));
  const src = new BufferSource(buf);
  const zip = await openZip(src);
  if (isIssue(zip)) throw new Error(zip.message);
  const lookup = await findSigningBlock(zip);
  if (!lookup.found) throw new Error('no block');
  const sections = { signingBlockOffset: lookup.block.offset, cdOffset: zip.cdOffset, eocdOffset: zip.eocdOffset };
  return { buf, sections, result: await digestApk(src, sections, new Set(['CHUNKED_SHA256', 'CHUNKED_SHA512', 'VERITY_SHA256'])) };
}

describe('content digests (docs/formats.md A.8)', () => {
  it('chunked SHA-256 of golden-aligned-v1v2v3-out.apk matches the memo', async () => {
    const { sections, result } = await digests('golden-aligned-v1v2v3-out.apk');
    expect(sections).toEqual({ signingBlockOffset: 8192, cdOffset: 12288, eocdOffset: 12865 - 22 });
    expect(result.content.get('CHUNKED_SHA256')!.toString('hex')).toBe('42d10f4dd6c158709f9b578aa1c96ca0fe5763fc2f4e696f691126548336b929');
  });

  it('verity SHA-256 of golden-rsa-verity-out.apk matches the memo example', async () => {
    const { result } = await digests('golden-rsa-verity-out.apk');
    const verity = result.content.get('VERITY_SHA256')!;
    expect(verity.length).toBe(40);
    expect(verity.subarray(0, 4).toString('hex')).toBe('e767e32f');
    expect(verity.subarray(30, 32).toString('hex')).toBe('250a');
    expect(verity.subarray(32).toString('hex')).toBe('9721000000000000');
  });

  it('computes the whole-file SHA-256 in the same pass', async () => {
    const { buf, result } = await digests('golden-rsa-verity-out.apk');
    expect(result.sha256).toBe(sha256Hex(buf));
    expect(result.size).toBe(buf.length);
  });
});

/**
 * The pass hashes chunks on the thread pool (or on the main thread when the pool is busy) out of
 * reused read slots; these compare it with a plain in-memory computation written from the format.
 */
describe('content digests against a reference computation', () => {
  const MiB = 1 << 20;

  /** Deterministic bytes (a counter run through SHA-256), so a misplaced chunk changes the digest. */
  function bytes(n: number, seed: string): Buffer {
    const out = Buffer.alloc(n);
    for (let at = 0, i = 0; at < n; at += 32, i++) createHash('sha256').update(`${seed}:${i}`).digest().copy(out, at);
    return out;
  }

  /** A synthetic APK: entries || signing block || central directory || 22-byte EOCD. */
  function fakeApk(entries: number, cd: number) {
    const parts = [bytes(entries, 'entries'), bytes(4096 + 17, 'block'), bytes(cd, 'cd'), bytes(22, 'eocd')];
    const sections = { signingBlockOffset: parts[0]!.length, cdOffset: parts[0]!.length + parts[1]!.length, eocdOffset: 0 };
    sections.eocdOffset = sections.cdOffset + parts[2]!.length;
    const eocd = Buffer.from(parts[3]!);
    eocd.writeUInt32LE(sections.signingBlockOffset, 16);
    return { buf: Buffer.concat(parts), sections, digested: [parts[0]!, parts[2]!, eocd] };
  }

  function chunkedRef(alg: 'sha256' | 'sha512', sections: Buffer[]): Buffer {
    const chunks = sections.flatMap((s) => Array.from({ length: Math.ceil(s.length / MiB) }, (_, i) => s.subarray(i * MiB, (i + 1) * MiB)));
    const top = createHash(alg).update(Buffer.from([0x5a, ...u32le(chunks.length)]));
    for (const c of chunks) top.update(createHash(alg).update(Buffer.from([0xa5, ...u32le(c.length)])).update(c).digest());
    return top.digest();
  }

  function verityRef(sections: Buffer[]): Buffer {
    const data = Buffer.concat(sections);
    const salt = Buffer.alloc(8);
    const hashPages = (b: Buffer) => {
      const padded = Buffer.concat([b, Buffer.alloc((4096 - (b.length % 4096)) % 4096)]);
      const out: Buffer[] = [];
      for (let at = 0; at < padded.length; at += 4096) out.push(createHash('sha256').update(salt).update(padded.subarray(at, at + 4096)).digest());
      return Buffer.concat(out);
    };
    let level = hashPages(data);
    while (level.length > 4096) level = hashPages(level);
    const root = createHash('sha256').update(salt).update(Buffer.concat([level, Buffer.alloc(4096 - level.length)])).digest();
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(data.length));
    return Buffer.concat([root, len]);
  }

  function u32le(n: number): number[] {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return [...b];
  }

  const ALL = new Set(['CHUNKED_SHA256', 'CHUNKED_SHA512', 'VERITY_SHA256'] as const);

  async function expectMatches(src: ByteSource, apk: ReturnType<typeof fakeApk>, kinds: ReadonlySet<ContentDigestKind>) {
    const r = await digestApk(src, apk.sections, kinds);
    expect(r.sha256).toBe(sha256Hex(apk.buf));
    expect(r.size).toBe(apk.buf.length);
    const want = new Map<ContentDigestKind, Buffer>();
    if (kinds.has('CHUNKED_SHA256')) want.set('CHUNKED_SHA256', chunkedRef('sha256', apk.digested));
    if (kinds.has('CHUNKED_SHA512')) want.set('CHUNKED_SHA512', chunkedRef('sha512', apk.digested));
    if (kinds.has('VERITY_SHA256')) want.set('VERITY_SHA256', verityRef(apk.digested));
    expect(new Map([...r.content].map(([k, v]) => [k, v.toString('hex')]))).toEqual(new Map([...want].map(([k, v]) => [k, v.toString('hex')])));
  }

  it('the references reproduce the golden memo values', async () => {
    const { buf, sections, result } = await digests('golden-rsa-verity-out.apk');
    const digested = [
      buf.subarray(0, sections.signingBlockOffset),
      buf.subarray(sections.cdOffset, sections.eocdOffset),
      Buffer.from(buf.subarray(sections.eocdOffset)),
    ];
    digested[2]!.writeUInt32LE(sections.signingBlockOffset, 16);
    expect(verityRef(digested).toString('hex')).toBe(result.content.get('VERITY_SHA256')!.toString('hex'));
    expect(chunkedRef('sha256', digested).toString('hex')).toBe(result.content.get('CHUNKED_SHA256')!.toString('hex'));
  });

  const sizes = [0, 1, MiB - 1, MiB, MiB + 1, 5 * MiB + 12345];
  for (const entries of sizes) {
    it(`entries of ${entries} bytes: buffer and file give the reference digests`, async () => {
      const apk = fakeApk(entries, 3000);
      await expectMatches(new BufferSource(apk.buf), apk, ALL);
      await withFile(apk.buf, (src) => expectMatches(src, apk, ALL));
    });
  }

  it('a central directory over 1 MiB is chunked on its own; SHA-512 alone', async () => {
    const apk = fakeApk(2 * MiB + 5, MiB + 7);
    for (const kinds of [new Set(['CHUNKED_SHA512'] as const), new Set(['CHUNKED_SHA256'] as const), ALL]) {
      await withFile(apk.buf, (src) => expectMatches(src, apk, kinds));
    }
  });

  it('without sections, the whole-file hash alone', async () => {
    const buf = bytes(3 * MiB + 3, 'plain');
    await withFile(buf, async (src) => {
      const r = await digestApk(src, null, new Set());
      expect(r.sha256).toBe(sha256Hex(buf));
      expect(r.size).toBe(buf.length);
    });
  });

  it('a read failing mid-way rejects with its error, with no unhandled rejection left behind', async () => {
    const apk = fakeApk(6 * MiB, 3000);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Fails on the fourth chunk, after earlier chunk digests started, and only after a delay.
      const inner = new BufferSource(apk.buf);
      const failing: ByteSource = {
        size: apk.buf.length,
        read: (offset, length) => inner.read(offset, length),
        async readInto(scratch, offset, length) {
          await new Promise((r) => setTimeout(r, 1));
          if (offset >= 3 * MiB) throw new Error('disk gone');
          return inner.readInto(scratch, offset, length);
        },
      };
      await expect(digestApk(failing, apk.sections, ALL)).rejects.toThrow('disk gone');
      // Give jobs still on the pool time to settle.
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a file that shrinks during the pass rejects cleanly', async () => {
    const apk = fakeApk(4 * MiB, 3000);
    await withFile(apk.buf, async (src, path) => {
      truncateSync(path, 2 * MiB);
      await expect(digestApk(src, apk.sections, ALL)).rejects.toThrow(/shrank/);
    });
  });

  async function withFile(buf: Buffer, use: (src: FileSource, path: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'otactl-digest-'));
    const path = join(dir, 'a.apk');
    writeFileSync(path, buf);
    const src = await FileSource.open(path);
    try {
      await use(src, path);
    } finally {
      await src.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
