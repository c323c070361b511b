/**
 * ESP32-family image structure (docs/formats.md §C.1–C.5): header, extended header, segments, checksum
 * position, appended SHA-256 position. Only headers are read here; the bytes that need hashing
 * are streamed later by digest-pass.ts. Problems become issues; a null layout means the
 * structure could not be followed far enough to check anything else.
 */
import type { Issue } from '../types.js';
import type { ByteSource } from '../../util/byte-source.js';
import { chipByImageId, ESP8266, segmentType, type ChipInfo } from './chips.js';
import { espIssue, hex } from './issues.js';
import type { ImageLayout, Segment } from './types.js';

export interface Collector {
  errors: Issue[];
  warnings: Issue[];
}

export const ESP_IMAGE_MAGIC = 0xe9;
export const ESP8266_V2_MAGIC = 0xea;
export const HEADER_LEN = 24;
/** magic, segment_count, flash mode, size/freq, u32 entry: shared by every ESP layout. */
export const COMMON_HEADER_LEN = 8;
const SEGMENT_HEADER_LEN = 8;
const MAX_SEGMENTS = 16;
const SIXTEEN_MB = 16 * 1024 * 1024;
const WP_PIN_DISABLED = 0xee;
/** ESP8266 IRAM: an RTOS SDK v3 image (chip_id 0) has its entry here, an ESP32 never does. */
const ESP8266_IRAM: readonly [number, number] = [0x40100000, 0x40110000];

export type Sniffed =
  | { format: 'esp32'; chip: ChipInfo }
  | { format: 'esp8266-rtos'; chip: ChipInfo }
  | { format: 'esp8266-v1' }
  | { format: 'esp8266-v2' }
  | { format: null; issue: Issue };

/**
 * Decides the layout from the first 24 bytes, like esptool's auto-detection (§C.10) but reading
 * chip_id as the u16 the bootloader reads, and naming an unknown chip instead of falling back to
 * ESP8266 when the extended header is plainly an ESP32 one (wp_pin disabled, hash flag 0/1).
 */
export function sniffFormat(head: Buffer, size: number): Sniffed {
  if (head.length === 0) return { format: null, issue: espIssue('ESP_TRUNCATED', { what: 'image header', end: 1, size }) };
  const magic = head[0]!;
  if (magic === ESP8266_V2_MAGIC) return { format: 'esp8266-v2' };
  if (magic !== ESP_IMAGE_MAGIC) return { format: null, issue: espIssue('ESP_BAD_MAGIC', { magic: hex(magic) }) };
  if (head.length < HEADER_LEN) {
    // Even the smallest v1 image (one empty segment, padding, checksum) is 32 bytes long.
    return { format: null, issue: espIssue('ESP_TRUNCATED', { what: 'image header', end: HEADER_LEN, size }) };
  }
  const chipId = head.readUInt16LE(12);
  const hashFlag = head[23]!;
  const chip = chipByImageId(chipId);
  const wpDisabled = head[8] === WP_PIN_DISABLED;
  const entry = head.readUInt32LE(4);
  if (entry >= ESP8266_IRAM[0] && entry < ESP8266_IRAM[1]) {
    // An ESP8266 image. RTOS SDK v3 zeroes the extended header but for the hash flag; in a v1
    // image the same bytes are the first segment's header and data, never all zero.
    const zeroExtended = head.subarray(8, 23).every((b) => b === 0);
    return zeroExtended && hashFlag <= 1 ? { format: 'esp8266-rtos', chip: ESP8266 } : { format: 'esp8266-v1' };
  }
  if (chip && hashFlag <= 1) return { format: 'esp32', chip };
  if (wpDisabled && hashFlag <= 1) return { format: null, issue: espIssue('ESP_UNKNOWN_CHIP', { chip_id: chipId }) };
  if (chip && wpDisabled) return { format: null, issue: espIssue('ESP_BAD_HASH_FLAG', { value: hashFlag }) };
  return { format: 'esp8266-v1' };
}

/** Reads `length` bytes at `offset`, or reports what is missing and returns null. */
export async function readOrTruncated(
  src: ByteSource,
  offset: number,
  length: number,
  what: string,
  c: Collector,
): Promise<Buffer | null> {
  if (offset + length > src.size) {
    c.errors.push(espIssue('ESP_TRUNCATED', { what, end: offset + length, size: src.size }));
    return null;
  }
  return src.read(offset, length);
}

/**
 * Walks `count` segment headers starting at `offset`. Stops at the first segment that cannot be
 * followed (the next header's position depends on it). Returns the segments and where they end.
 */
export async function readSegments(
  src: ByteSource,
  offset: number,
  count: number,
  chip: ChipInfo,
  c: Collector,
  indexBase = 0,
): Promise<{ segments: Segment[]; end: number } | null> {
  if (count < 1 || count > MAX_SEGMENTS) {
    c.errors.push(espIssue('ESP_BAD_SEGMENT_COUNT', { count, max: MAX_SEGMENTS }));
    return null;
  }
  const segments: Segment[] = [];
  let pos = offset;
  for (let i = 0; i < count; i++) {
    const index = indexBase + i;
    const header = await readOrTruncated(src, pos, SEGMENT_HEADER_LEN, `header of segment ${index}`, c);
    if (!header) return null;
    const loadAddr = header.readUInt32LE(0);
    const length = header.readUInt32LE(4);
    const dataOffset = pos + SEGMENT_HEADER_LEN;
    // Same rule as IDF verify_segment_header: word-sized data, under 16 MiB.
    if (length % 4 !== 0 || length >= SIXTEEN_MB) {
      c.errors.push(espIssue('ESP_BAD_SEGMENT_LENGTH', { index, length }));
      return null;
    }
    if (dataOffset + length > src.size) {
      c.errors.push(espIssue('ESP_SEGMENT_PAST_END', { index, length, offset: dataOffset, size: src.size }));
      return null;
    }
    segments.push({ index, loadAddr, length, headerOffset: pos, dataOffset, type: segmentType(chip, loadAddr), inChecksum: true });
    pos = dataOffset + length;
  }
  return { segments, end: pos };
}

/** The checksum sits at the first offset p ≥ end with (p + 1) % 16 == 0 (§C.4). */
export function checksumOffsetAfter(end: number): number {
  return end + (15 - (end % 16));
}

/** Reads the checksum byte after `end`; zero padding before it is expected (warning otherwise). */
export async function readChecksum(
  src: ByteSource,
  end: number,
  c: Collector,
): Promise<{ offset: number; stored: number } | null> {
  const offset = checksumOffsetAfter(end);
  const tail = await readOrTruncated(src, end, offset + 1 - end, 'checksum byte', c);
  if (!tail) return null;
  const padEnd = tail.length - 1;
  for (let i = 0; i < padEnd; i++) {
    if (tail[i] !== 0) {
      c.warnings.push(espIssue('ESP_PADDING_NOT_ZERO', { offset: end + i }));
      break;
    }
  }
  return { offset, stored: tail[padEnd]! };
}

/** ESP32-family (and ESP8266 RTOS SDK v3) image: §C.2 header, segments, checksum, hash. */
export async function parseEsp32Image(
  src: ByteSource,
  chip: ChipInfo,
  format: 'esp32' | 'esp8266-rtos',
  c: Collector,
): Promise<ImageLayout | null> {
  const h = await readOrTruncated(src, 0, HEADER_LEN, 'image header', c);
  if (!h) return null;
  const hashAppended = h[23] === 1;
  const minChipRevFull = h.readUInt16LE(15);
  const maxChipRevFull = h.readUInt16LE(17);
  const seg = await readSegments(src, HEADER_LEN, h[1]!, chip, c);
  if (!seg) return null;
  const cs = await readChecksum(src, seg.end, c);
  if (!cs) return null;
  let imageLen = cs.offset + 1;
  if (hashAppended) {
    if (imageLen + 32 > src.size) {
      c.errors.push(espIssue('ESP_TRUNCATED', { what: 'appended SHA-256', end: imageLen + 32, size: src.size }));
      return null;
    }
    imageLen += 32;
  } else if (format === 'esp32') {
    c.warnings.push(espIssue('ESP_NO_APPENDED_HASH'));
  }
  if (maxChipRevFull !== 0 && maxChipRevFull !== 0xffff && minChipRevFull > maxChipRevFull) {
    c.warnings.push(espIssue('ESP_CHIP_REV_RANGE_EMPTY', { min: minChipRevFull, max: maxChipRevFull }));
  }
  return {
    format,
    chip,
    chipId: h.readUInt16LE(12),
    flashMode: h[2]!,
    flashSizeNibble: h[3]! >> 4,
    flashFreqNibble: h[3]! & 0x0f,
    entry: h.readUInt32LE(4),
    minChipRev: h[14]!,
    minChipRevFull,
    maxChipRevFull,
    segments: seg.segments,
    checksumOffset: cs.offset,
    storedChecksum: cs.stored,
    hashAppended,
    crcOffset: null,
    imageLen,
  };
}

/**
 * Flash-mapped segments must sit at a file offset congruent to their load address modulo the
 * MMU page (IDF verify_segment_header); app partitions are 64 KiB aligned, so file offsets do.
 */
export function checkMmuAlignment(layout: ImageLayout, pageLog2: number, c: Collector): void {
  const chip = layout.chip;
  if (chip.minMmuPage === 0) return;
  const recorded = pageLog2 > 0 && pageLog2 < 31 ? 2 ** pageLog2 : 0;
  const page = recorded >= chip.minMmuPage && recorded <= 256 * 1024 ? recorded : chip.minMmuPage;
  for (const s of layout.segments) {
    if (s.type !== 'IROM' && s.type !== 'DROM') continue;
    if (s.dataOffset % page !== s.loadAddr % page) {
      c.errors.push(
        espIssue('ESP_SEGMENT_MMU_MISALIGNED', { index: s.index, load_addr: hex(s.loadAddr, 8), offset: s.dataOffset, page }),
      );
    }
  }
}
