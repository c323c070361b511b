/**
 * Minimal, hostile-input-safe ZIP reader for APKs (docs/formats.md A.1): EOCD search, central directory,
 * and bounded entry reads. 32-bit ZIP only; ZIP64 is refused like the Android framework does.
 *
 * openZip returns an Issue for malformed input. readEntry must return a Buffer (ZipArchive contract),
 * so it reports bad entries by throwing ApkIssueError, which carries the Issue; I/O errors pass through.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import type { Issue } from '../types.js';
import type { ByteSource } from '../../util/byte-source.js';
import type { ZipArchive, ZipEntry } from './types.js';
import { ApkIssueError, apkIssue } from './issues.js';

const EOCD_SIG = 0x06054b50;
const EOCD_MIN = 22;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const CD_RECORD_SIG = 0x02014b50;
const CD_RECORD_MIN = 46;
const LOCAL_SIG = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;

/** Far above any real APK (a 65k-entry APK has a CD of a few MiB), low enough to read in one go. */
export const MAX_CD_SIZE = 64 << 20;
/** 0xFFFF itself is the ZIP64 marker, so 65534 is the real ceiling of a 32-bit ZIP. */
export const MAX_ENTRIES = 65535;
/** Default output cap of readEntry; callers reading manifests pass much smaller caps. */
export const DEFAULT_MAX_ENTRY_BYTES = 64 << 20;
const READ_CHUNK = 1 << 20;
/** Entries up to this size inflate in one synchronous call (no stream set-up); larger ones stream. */
const ONE_SHOT_MAX = 1 << 20;

export interface Eocd {
  offset: number;
  cdOffset: number;
  cdSize: number;
  entryCount: number;
}

/** Finds the EOCD the way apksig does: the first candidate whose comment reaches exactly EOF. */
export async function findEocd(src: ByteSource): Promise<Eocd | Issue> {
  if (src.size < EOCD_MIN) return apkIssue('APK_NOT_ZIP', { reason: `file is ${src.size} bytes` });
  const tailLen = Math.min(src.size, EOCD_MIN + 0xffff);
  const tail = await src.read(src.size - tailLen, tailLen);
  for (let k = 0; k <= tailLen - EOCD_MIN; k++) {
    const at = tailLen - EOCD_MIN - k;
    if (tail.readUInt32LE(at) !== EOCD_SIG || tail.readUInt16LE(at + 20) !== k) continue;
    const eocd = {
      offset: src.size - tailLen + at,
      entryCount: tail.readUInt16LE(at + 10),
      cdSize: tail.readUInt32LE(at + 12),
      cdOffset: tail.readUInt32LE(at + 16),
    };
    return checkEocd(src, eocd, tail.readUInt16LE(at + 8));
  }
  return apkIssue('APK_NOT_ZIP', { reason: 'no End of Central Directory record' });
}

async function checkEocd(src: ByteSource, eocd: Eocd, entriesOnDisk: number): Promise<Eocd | Issue> {
  if (
    eocd.entryCount === 0xffff ||
    entriesOnDisk === 0xffff ||
    eocd.cdSize === 0xffffffff ||
    eocd.cdOffset === 0xffffffff ||
    (eocd.offset >= ZIP64_LOCATOR_SIZE &&
      (await src.read(eocd.offset - ZIP64_LOCATOR_SIZE, 4)).readUInt32LE(0) === ZIP64_LOCATOR_SIG)
  ) {
    return apkIssue('APK_ZIP64_UNSUPPORTED');
  }
  if (eocd.cdOffset + eocd.cdSize > eocd.offset) {
    return apkIssue('APK_ZIP_MALFORMED', {
      reason: `central directory ${eocd.cdOffset}+${eocd.cdSize} overlaps the EOCD at ${eocd.offset}`,
    });
  }
  if (eocd.cdSize > MAX_CD_SIZE) {
    return apkIssue('APK_ZIP_TOO_LARGE', { reason: `central directory of ${eocd.cdSize} bytes` });
  }
  if (eocd.entryCount * CD_RECORD_MIN > eocd.cdSize) {
    return apkIssue('APK_ZIP_MALFORMED', {
      reason: `${eocd.entryCount} entries cannot fit a ${eocd.cdSize}-byte central directory`,
    });
  }
  return eocd;
}

export async function openZip(src: ByteSource): Promise<ZipArchive | Issue> {
  const eocd = await findEocd(src);
  if (!('cdOffset' in eocd)) return eocd;
  const cd = await src.read(eocd.cdOffset, eocd.cdSize);
  const entries = parseCentralDirectory(cd, eocd.entryCount);
  if (!Array.isArray(entries)) return entries;
  const cdOffset = eocd.cdOffset;
  return {
    source: src,
    eocdOffset: eocd.offset,
    cdOffset,
    cdSize: eocd.cdSize,
    entries,
    readEntry: (entry, maxBytes = DEFAULT_MAX_ENTRY_BYTES) => readEntry(src, cdOffset, entry, maxBytes),
  };
}

const utf8 = new TextDecoder('utf-8');

/** apksig reads exactly the EOCD's record count; trailing bytes in the CD are tolerated. */
export function parseCentralDirectory(cd: Buffer, count: number): ZipEntry[] | Issue {
  if (count > MAX_ENTRIES) return apkIssue('APK_ZIP_TOO_LARGE', { reason: `${count} entries` });
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + CD_RECORD_MIN > cd.length || cd.readUInt32LE(pos) !== CD_RECORD_SIG) {
      return apkIssue('APK_ZIP_MALFORMED', { reason: `central directory record #${i} missing or truncated` });
    }
    const nameLen = cd.readUInt16LE(pos + 28);
    const recordLen = CD_RECORD_MIN + nameLen + cd.readUInt16LE(pos + 30) + cd.readUInt16LE(pos + 32);
    if (pos + recordLen > cd.length) {
      return apkIssue('APK_ZIP_MALFORMED', { reason: `central directory record #${i} runs past the directory` });
    }
    const entry: ZipEntry = {
      flags: cd.readUInt16LE(pos + 8),
      method: cd.readUInt16LE(pos + 10),
      crc32: cd.readUInt32LE(pos + 16),
      compressedSize: cd.readUInt32LE(pos + 20),
      uncompressedSize: cd.readUInt32LE(pos + 24),
      localHeaderOffset: cd.readUInt32LE(pos + 42),
      nameBytes: Buffer.from(cd.subarray(pos + CD_RECORD_MIN, pos + CD_RECORD_MIN + nameLen)),
      name: '',
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      return apkIssue('APK_ZIP64_UNSUPPORTED');
    }
    entry.name = utf8.decode(entry.nameBytes);
    entries.push(entry);
    pos += recordLen;
  }
  return entries;
}

function entryError(entry: ZipEntry, reason: string): ApkIssueError {
  return new ApkIssueError(apkIssue('APK_ZIP_ENTRY_MALFORMED', { name: entry.name, reason }));
}

/** Checks the local header against the CD record; returns where the entry's data starts. */
async function locateData(src: ByteSource, cdOffset: number, entry: ZipEntry): Promise<number> {
  const lho = entry.localHeaderOffset;
  if (lho + LOCAL_HEADER_SIZE > cdOffset) throw entryError(entry, `local header offset ${lho} is outside the entries`);
  const header = await src.read(lho, LOCAL_HEADER_SIZE);
  if (header.readUInt32LE(0) !== LOCAL_SIG) throw entryError(entry, 'no local file header signature');
  const nameLen = header.readUInt16LE(26);
  const dataOffset = lho + LOCAL_HEADER_SIZE + nameLen + header.readUInt16LE(28);
  if (nameLen !== entry.nameBytes.length || dataOffset > cdOffset) {
    throw entryError(entry, 'local header does not match the central directory');
  }
  if (!(await src.read(lho + LOCAL_HEADER_SIZE, nameLen)).equals(entry.nameBytes)) {
    throw entryError(entry, 'local header name differs from the central directory name');
  }
  if (dataOffset + entry.compressedSize > cdOffset) {
    throw entryError(entry, `data (${entry.compressedSize} bytes at ${dataOffset}) overlaps the central directory`);
  }
  return dataOffset;
}

/** The stored (possibly compressed) bytes of an entry, in bounded pieces. */
async function* rawChunks(src: ByteSource, offset: number, length: number): AsyncGenerator<Buffer> {
  for (let done = 0; done < length; done += READ_CHUNK) {
    yield await src.read(offset + done, Math.min(READ_CHUNK, length - done));
  }
}

/**
 * Streams an entry's uncompressed bytes, never holding more than ~1 MiB of input and failing as
 * soon as the output passes `maxBytes`. For callers that only digest entries (v1 scheme).
 */
export async function* entryChunks(
  src: ByteSource,
  cdOffset: number,
  entry: ZipEntry,
  maxBytes: number = DEFAULT_MAX_ENTRY_BYTES,
): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize > maxBytes) {
    throw new ApkIssueError(apkIssue('APK_ZIP_ENTRY_TOO_LARGE', { name: entry.name, limit: maxBytes }));
  }
  const dataOffset = await locateData(src, cdOffset, entry);
  // Like apksig (and so apksigner's verdicts), any method other than 0 (stored) is read as deflate.
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw entryError(entry, 'stored entry sizes differ');
    yield* rawChunks(src, dataOffset, entry.compressedSize);
    return;
  }
  if (entry.compressedSize <= ONE_SHOT_MAX && entry.uncompressedSize <= ONE_SHOT_MAX) {
    // Manifests and v1 signature files: one read, one inflate, output capped one byte past the
    // declared size so that "more than declared" is still seen.
    yield inflateOnce(await src.read(dataOffset, entry.compressedSize), entry, maxBytes);
    return;
  }
  const inflater = createInflateRaw();
  const feed = (async () => {
    for await (const chunk of rawChunks(src, dataOffset, entry.compressedSize)) {
      if (inflater.destroyed) return;
      if (!inflater.write(chunk)) await drainedOrClosed(inflater);
    }
    inflater.end();
  })();
  // The feeder may reject (I/O) while we are iterating; surface that error via destroy.
  feed.catch((err: unknown) => inflater.destroy(err as Error));
  let produced = 0;
  try {
    for await (const out of inflater) {
      produced += (out as Buffer).length;
      if (produced > entry.uncompressedSize) throw oversize(entry, produced, maxBytes);
      yield out as Buffer;
    }
  } catch (err) {
    throw inflateError(entry, err);
  } finally {
    inflater.destroy();
    await feed.catch(() => undefined);
  }
  if (produced !== entry.uncompressedSize) throw entryError(entry, 'inflates to less than its declared size');
}

/**
 * Waits until the stream takes more input or is gone. 'drain' alone never comes once the reader
 * has stopped (an oversized or corrupt entry destroys the inflater), and the feeder, which the
 * reader awaits on its way out, would wait forever.
 */
function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

function inflateOnce(raw: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (err) {
    // Output past maxOutputLength: at least one byte more than declared.
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw oversize(entry, entry.uncompressedSize + 1, maxBytes);
    throw inflateError(entry, err);
  }
  if (out.length > entry.uncompressedSize) throw oversize(entry, out.length, maxBytes);
  if (out.length !== entry.uncompressedSize) throw entryError(entry, 'inflates to less than its declared size');
  return out;
}

function oversize(entry: ZipEntry, produced: number, maxBytes: number): Error {
  return produced > maxBytes
    ? new ApkIssueError(apkIssue('APK_ZIP_ENTRY_TOO_LARGE', { name: entry.name, limit: maxBytes }))
    : entryError(entry, 'inflates to more than its declared size');
}

function inflateError(entry: ZipEntry, err: unknown): unknown {
  if (err instanceof ApkIssueError) return err;
  if (isZlibError(err)) return entryError(entry, `deflate data is corrupt (${(err as Error).message})`);
  return err;
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

async function readEntry(src: ByteSource, cdOffset: number, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of entryChunks(src, cdOffset, entry, maxBytes)) parts.push(part);
  return Buffer.concat(parts);
}

/** The first entry with this exact name (apksig and the v1 rules use the first occurrence). */
export function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  return zip.entries.find((e) => e.name === name);
}
