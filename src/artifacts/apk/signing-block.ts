/**
 * APK Signing Block lookup (docs/formats.md A.2) the way apksig does it. A block that is absent or whose
 * sizes do not add up is "no block" for apksig (it then falls back to v1); we do the same and say why.
 */
import type { Issue } from '../types.js';
import type { ZipArchive } from './types.js';
import { apkIssue } from './issues.js';

export const BLOCK_ID = {
  V2: 0x7109871a,
  V3: 0xf05368c0,
  V31: 0x1b93ad61,
  VERITY_PADDING: 0x42726577,
  SOURCE_STAMP_V1: 0x2b09189e,
  SOURCE_STAMP_V2: 0x6dff800d,
} as const;

const MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
const FOOTER_SIZE = 24;
/** apksig holds the block in one int-indexed buffer; we also refuse to read absurd blocks. */
export const MAX_SIGNING_BLOCK_SIZE = 64 << 20;

export interface SigningBlock {
  /** Offset S of the block's first byte (the section-1 / section-2 boundary for digests). */
  offset: number;
  /** Pair values by ID; the first pair wins when an ID repeats (apksig). */
  pairs: Map<number, Buffer>;
}

export type SigningBlockLookup =
  | { found: true; block: SigningBlock; why?: Issue }
  /** `why` is set when something block-like was there but unusable (worth a warning). */
  | { found: false; why?: Issue };

const none = (reason?: string): SigningBlockLookup =>
  reason === undefined ? { found: false } : { found: false, why: apkIssue('APK_SIG_BLOCK_MALFORMED', { reason }) };

export async function findSigningBlock(zip: ZipArchive): Promise<SigningBlockLookup> {
  const { cdOffset, cdSize, eocdOffset, source } = zip;
  // apksig requires the CD to end exactly at the EOCD; otherwise it does not look for a block.
  if (cdOffset + cdSize !== eocdOffset) return none('bytes between the central directory and the EOCD');
  if (cdOffset < FOOTER_SIZE + 8) return none();
  const footer = await source.read(cdOffset - FOOTER_SIZE, FOOTER_SIZE);
  if (!footer.subarray(8).equals(MAGIC)) return none();
  const size = footer.readBigUInt64LE(0);
  if (size < BigInt(FOOTER_SIZE) || size > BigInt(0x7fffffff - 8)) return none(`block size ${size} out of range`);
  const total = Number(size) + 8;
  const offset = cdOffset - total;
  if (offset < 0) return none(`block size ${size} exceeds the bytes before the central directory`);
  if (total > MAX_SIGNING_BLOCK_SIZE) return none(`block of ${total} bytes exceeds the ${MAX_SIGNING_BLOCK_SIZE}-byte limit`);
  const block = await source.read(offset, total);
  if (block.readBigUInt64LE(0) !== size) return none('sizes in header and footer differ');
  const { pairs, error } = parsePairs(block.subarray(8, total - FOOTER_SIZE));
  const result: SigningBlockLookup = { found: true, block: { offset, pairs } };
  if (error !== undefined) result.why = apkIssue('APK_SIG_BLOCK_MALFORMED', { reason: error });
  return result;
}

/**
 * Reads ID-value pairs up to the first malformed one. apksig scans pairs only until it finds the ID
 * it wants, so pairs before a broken one stay usable and those after it are "not found".
 */
export function parsePairs(buf: Buffer): { pairs: Map<number, Buffer>; error?: string } {
  const pairs = new Map<number, Buffer>();
  let pos = 0;
  for (let n = 1; pos < buf.length; n++) {
    if (buf.length - pos < 8) return { pairs, error: `pair #${n}: truncated length` };
    const len = buf.readBigUInt64LE(pos);
    if (len < 4n || len > 0x7fffffffn || len > BigInt(buf.length - pos - 8)) {
      return { pairs, error: `pair #${n}: length ${len} out of range` };
    }
    const id = buf.readUInt32LE(pos + 8);
    const end = pos + 8 + Number(len);
    if (!pairs.has(id)) pairs.set(id, buf.subarray(pos + 12, end));
    pos = end;
  }
  return { pairs };
}
