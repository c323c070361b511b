/**
 * ESP8266 v1 ("ROM") and v2 ("OTA") images (docs/formats.md §C.9). RTOS SDK v3 images use the
 * ESP32 layout and are parsed by image.ts.
 */
import type { ByteSource } from '../../util/byte-source.js';
import { ESP8266 } from './chips.js';
import { crc32 } from './crc32.js';
import type { PrefixConsumer } from './digest-pass.js';
import { espIssue, hex } from './issues.js';
import {
  COMMON_HEADER_LEN,
  ESP_IMAGE_MAGIC,
  readChecksum,
  readOrTruncated,
  readSegments,
  type Collector,
} from './image.js';
import type { ImageLayout, Segment } from './types.js';

interface CommonHeader {
  count: number;
  flashMode: number;
  sizeFreq: number;
  entry: number;
}

function commonHeader(b: Buffer): CommonHeader {
  return { count: b[1]!, flashMode: b[2]!, sizeFreq: b[3]!, entry: b.readUInt32LE(4) };
}

function layoutFrom(
  format: 'esp8266-v1' | 'esp8266-v2',
  h: CommonHeader,
  segments: Segment[],
  checksum: { offset: number; stored: number },
  crcOffset: number | null,
): ImageLayout {
  return {
    format,
    chip: ESP8266,
    chipId: null,
    flashMode: h.flashMode,
    flashSizeNibble: h.sizeFreq >> 4,
    flashFreqNibble: h.sizeFreq & 0x0f,
    entry: h.entry,
    minChipRev: null,
    minChipRevFull: null,
    maxChipRevFull: null,
    segments,
    checksumOffset: checksum.offset,
    storedChecksum: checksum.stored,
    hashAppended: false,
    crcOffset,
    imageLen: crcOffset === null ? checksum.offset + 1 : crcOffset + 4,
  };
}

/** v1: 8-byte header, RAM segments, zero padding, checksum. */
export async function parseEsp8266V1(src: ByteSource, c: Collector): Promise<ImageLayout | null> {
  const hb = await readOrTruncated(src, 0, COMMON_HEADER_LEN, 'image header', c);
  if (!hb) return null;
  const h = commonHeader(hb);
  const seg = await readSegments(src, COMMON_HEADER_LEN, h.count, ESP8266, c);
  if (!seg) return null;
  const cs = await readChecksum(src, seg.end, c);
  if (!cs) return null;
  c.warnings.push(espIssue('ESP_ESP8266_V1_RAM_ONLY'));
  return layoutFrom('esp8266-v1', h, seg.segments, cs, null);
}

/**
 * v2: 0xEA header, the irom0 segment (outside the checksum), a v1 header with the RAM segments
 * and checksum, then a CRC-32 of everything before it (esp8266Crc).
 */
export async function parseEsp8266V2(src: ByteSource, c: Collector): Promise<ImageLayout | null> {
  const hb = await readOrTruncated(src, 0, COMMON_HEADER_LEN, 'image header', c);
  if (!hb) return null;
  const first = commonHeader(hb);
  const irom = await readSegments(src, COMMON_HEADER_LEN, 1, ESP8266, c);
  if (!irom) return null;
  const iromSeg: Segment = { ...irom.segments[0]!, type: 'IROM0', inChecksum: false };
  const second = await readOrTruncated(src, irom.end, COMMON_HEADER_LEN, 'second image header', c);
  if (!second) return null;
  if (second[0] !== ESP_IMAGE_MAGIC) {
    c.errors.push(espIssue('ESP_V2_BAD_SECOND_HEADER', { offset: irom.end, magic: hex(second[0]!) }));
    return null;
  }
  const h = commonHeader(second);
  const fields: [string, number, number, number][] = [
    ['flash mode', first.flashMode, h.flashMode, 2],
    ['flash size/frequency', first.sizeFreq, h.sizeFreq, 2],
    ['entry point', first.entry, h.entry, 8],
  ];
  for (const [field, a, b, width] of fields) {
    if (a !== b) c.warnings.push(espIssue('ESP_V2_HEADER_MISMATCH', { field, first: hex(a, width), second: hex(b, width) }));
  }
  const ram = await readSegments(src, irom.end + COMMON_HEADER_LEN, h.count, ESP8266, c, 1);
  if (!ram) return null;
  const cs = await readChecksum(src, ram.end, c);
  if (!cs) return null;
  const crcOffset = cs.offset + 1;
  if (crcOffset + 4 > src.size) {
    c.errors.push(espIssue('ESP_TRUNCATED', { what: 'ESP8266 v2 CRC-32', end: crcOffset + 4, size: src.size }));
    return null;
  }
  return layoutFrom('esp8266-v2', h, [iromSeg, ...ram.segments], cs, crcOffset);
}

/** The SDK bootloader's stored form of the CRC-32 (gen_appbin.py): inverted when bit 31 is set, else plus one. */
export function esp8266Crc(zlibCrc: number): number {
  return (zlibCrc & 0x80000000) !== 0 ? (zlibCrc ^ 0xffffffff) >>> 0 : (zlibCrc + 1) >>> 0;
}

/** The v2 CRC check: fed everything before the CRC by the digest pass, then compared. */
export function v2CrcCheck(crcOffset: number): { consumer: PrefixConsumer; compare(stored: number, c: Collector): void } {
  let crc = 0;
  return {
    consumer: { end: crcOffset, update: (b) => void (crc = crc32(b, crc)) },
    compare(stored, c) {
      const computed = esp8266Crc(crc);
      if (stored !== computed) c.errors.push(espIssue('ESP_V2_CRC_MISMATCH', { stored: hex(stored, 8), computed: hex(computed, 8) }));
    },
  };
}
