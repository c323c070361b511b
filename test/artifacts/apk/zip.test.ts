import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { BufferSource } from '../../../src/util/byte-source.js';
import { openZip, MAX_CD_SIZE } from '../../../src/artifacts/apk/zip.js';
import { ApkIssueError, isIssue } from '../../../src/artifacts/apk/issues.js';
import type { ZipArchive } from '../../../src/artifacts/apk/types.js';
import { fixture } from './helpers.js';

const golden = (): Buffer => Buffer.from(readFileSync(fixture('golden-aligned-v1v2v3-out.apk')));

async function open(buf: Buffer): Promise<ZipArchive> {
  const zip = await openZip(new BufferSource(buf));
  if (isIssue(zip)) throw new Error(`${zip.code}: ${zip.message}`);
  return zip;
}

async function code(buf: Buffer): Promise<string | undefined> {
  const zip = await openZip(new BufferSource(buf));
  return isIssue(zip) ? zip.code : undefined;
}

/** Offset of the EOCD record in a file without comment. */
const eocdAt = (buf: Buffer): number => buf.length - 22;

/** A one-entry ZIP built by hand (method 8), for entry-level tests. */
function tinyZip(content: Buffer, declaredSize = content.length): Buffer {
  const name = Buffer.from('a.txt');
  const data = deflateRawSync(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(name.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(8, 10);
  cd.writeUInt32LE(data.length, 20);
  cd.writeUInt32LE(declaredSize, 24);
  cd.writeUInt16LE(name.length, 28);
  const cdOffset = 30 + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, cd, name, eocd]);
}

describe('openZip', () => {
  it('reads the central directory and inflates every entry', async () => {
    const zip = await open(golden());
    expect(zip.entries.map((e) => e.name)).toContain('AndroidManifest.xml');
    for (const e of zip.entries) expect((await zip.readEntry(e)).length).toBe(e.uncompressedSize);
  });

  it('finds the EOCD behind a maximum-size comment', async () => {
    const zip = await open(readFileSync(fixture('v1-only-max-sized-eocd-comment.apk')));
    expect(zip.source.size - zip.eocdOffset).toBe(22 + 0xffff);
  });

  it('refuses what is not a ZIP', async () => {
    expect(await code(Buffer.alloc(10))).toBe('APK_NOT_ZIP');
    expect(await code(Buffer.alloc(5000, 0x41))).toBe('APK_NOT_ZIP');
  });

  it('refuses a truncated file', async () => {
    const buf = golden();
    expect(await code(buf.subarray(0, buf.length - 5))).toBe('APK_NOT_ZIP');
  });

  it('refuses ZIP64 (locator before the EOCD, or 0xFFFF/0xFFFFFFFF fields)', async () => {
    const locator = golden();
    locator.writeUInt32LE(0x07064b50, eocdAt(locator) - 20);
    expect(await code(locator)).toBe('APK_ZIP64_UNSUPPORTED');
    const count = golden();
    count.writeUInt16LE(0xffff, eocdAt(count) + 10);
    expect(await code(count)).toBe('APK_ZIP64_UNSUPPORTED');
    const offset = golden();
    offset.writeUInt32LE(0xffffffff, eocdAt(offset) + 16);
    expect(await code(offset)).toBe('APK_ZIP64_UNSUPPORTED');
  });

  it('refuses central directory sizes and offsets that lie', async () => {
    const size = golden();
    size.writeUInt32LE(0x7fff0000, eocdAt(size) + 12);
    expect(await code(size)).toBe('APK_ZIP_MALFORMED');
    const offset = golden();
    offset.writeUInt32LE(offset.length, eocdAt(offset) + 16);
    expect(await code(offset)).toBe('APK_ZIP_MALFORMED');
  });

  it('caps the central directory size before reading it', async () => {
    // A "zip bomb" directory: claims more than MAX_CD_SIZE; refused without allocating it.
    const buf = Buffer.alloc(MAX_CD_SIZE + 1024);
    const at = buf.length - 22;
    buf.writeUInt32LE(0x06054b50, at);
    buf.writeUInt16LE(60000, at + 10);
    buf.writeUInt32LE(MAX_CD_SIZE + 1, at + 12);
    buf.writeUInt32LE(0, at + 16);
    expect(await code(buf)).toBe('APK_ZIP_TOO_LARGE');
  });

  it('refuses more records than the directory can hold', async () => {
    const buf = golden();
    buf.writeUInt16LE(60000, eocdAt(buf) + 10);
    buf.writeUInt16LE(60000, eocdAt(buf) + 8);
    expect(await code(buf)).toBe('APK_ZIP_MALFORMED');
  });
});

describe('readEntry', () => {
  it('stops inflating at the output cap (zip bomb)', async () => {
    const zip = await open(tinyZip(Buffer.alloc(1 << 20)));
    await expect(zip.readEntry(zip.entries[0]!, 4096)).rejects.toMatchObject({ issue: { code: 'APK_ZIP_ENTRY_TOO_LARGE' } });
  });

  it('refuses an entry that inflates past its declared size', async () => {
    const zip = await open(tinyZip(Buffer.alloc(100_000), 10));
    await expect(zip.readEntry(zip.entries[0]!)).rejects.toMatchObject({ issue: { code: 'APK_ZIP_ENTRY_MALFORMED' } });
  });

  // Entries up to 1 MiB inflate in one call, larger ones stream: both paths must agree.
  for (const [path, size] of [['one call', 100_000], ['streamed', 3 << 20]] as const) {
    describe(`${path} (${size} bytes)`, () => {
      const content = Buffer.alloc(size);
      for (let i = 0; i < size; i++) content[i] = (i * 7 + (i >> 9)) & 0xff;

      it('returns the bytes', async () => {
        const zip = await open(tinyZip(content));
        expect((await zip.readEntry(zip.entries[0]!)).equals(content)).toBe(true);
      });

      it('refuses more than the declared size, and less', async () => {
        for (const declared of [size - 1, size + 1]) {
          const zip = await open(tinyZip(content, declared));
          const err = await zip.readEntry(zip.entries[0]!).catch((e: unknown) => e);
          expect((err as ApkIssueError).issue?.code, String(declared)).toBe('APK_ZIP_ENTRY_MALFORMED');
          expect((err as ApkIssueError).issue.message).toMatch(declared < size ? /more than its declared size/ : /less than its declared size/);
        }
      });

      it('names the size limit when the output passes it', async () => {
        const zip = await open(tinyZip(content, size - 1));
        await expect(zip.readEntry(zip.entries[0]!, size - 1)).rejects.toMatchObject({ issue: { code: 'APK_ZIP_ENTRY_TOO_LARGE' } });
      });

      it('refuses corrupt deflate data', async () => {
        const buf = tinyZip(content);
        buf.fill(0xff, 40, 60);
        const zip = await open(buf);
        const err = await zip.readEntry(zip.entries[0]!).catch((e: unknown) => e);
        expect((err as ApkIssueError).issue?.code).toBe('APK_ZIP_ENTRY_MALFORMED');
      });
    });
  }

  it('refuses corrupt deflate data and mismatched local headers with an issue', async () => {
    const corrupt = tinyZip(Buffer.from('hello hello hello'));
    corrupt.fill(0xff, 35, 40);
    const z1 = await open(corrupt);
    const err = await z1.readEntry(z1.entries[0]!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApkIssueError);
    expect((err as ApkIssueError).issue.code).toBe('APK_ZIP_ENTRY_MALFORMED');

    const renamed = tinyZip(Buffer.from('x'));
    renamed.write('b', 30);
    const z2 = await open(renamed);
    await expect(z2.readEntry(z2.entries[0]!)).rejects.toMatchObject({ issue: { code: 'APK_ZIP_ENTRY_MALFORMED' } });
  });

  it('refuses a local header offset past the entries', async () => {
    const buf = tinyZip(Buffer.from('x'));
    const zip = await open(buf);
    const entry = { ...zip.entries[0]!, localHeaderOffset: zip.cdOffset + 1 };
    await expect(zip.readEntry(entry)).rejects.toMatchObject({ issue: { code: 'APK_ZIP_ENTRY_MALFORMED' } });
  });
});
