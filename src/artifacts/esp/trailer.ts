/**
 * What follows the image proper. Allowed: nothing, or (ESP32 family) a Secure Boot v2 signature
 * sector after 4 KiB padding. A Secure Boot v1 signature is recognised to name it. Anything else
 * is trailing data: an OTA file must be exactly the image.
 */
import type { ByteSource } from '../../util/byte-source.js';
import { espIssue } from './issues.js';
import type { Collector } from './image.js';
import type { ImageLayout } from './types.js';

export const SIG_SECTOR_LEN = 4096;
export const SIG_BLOCK_MAGIC = 0xe7;

/** Secure Boot v2 signed region: the image (checksum and appended hash included) padded to 4 KiB. */
export function signedLengthFor(imageLen: number): number {
  return Math.ceil(imageLen / SIG_SECTOR_LEN) * SIG_SECTOR_LEN;
}

export type Trailer =
  | { kind: 'none' }
  | { kind: 'sbv2'; signedLength: number; sector: Buffer }
  | { kind: 'other' };

/**
 * SBv1 (ESP32 only): u32 version 0 + 64-byte signature right after the image; esptool's
 * --secure-pad leaves room for it plus 12 alignment bytes before the 64 KiB boundary.
 */
const SBV1_LEN = 68;
const SBV1_SPACE = SBV1_LEN + 12;
const SBV1_ALIGN = 0x10000;

export async function readTrailer(src: ByteSource, layout: ImageLayout, c: Collector): Promise<Trailer> {
  const { imageLen } = layout;
  const size = src.size;
  if (size === imageLen) return { kind: 'none' };
  if (layout.format === 'esp32') {
    const signedLength = signedLengthFor(imageLen);
    if (size > signedLength && (await src.read(signedLength, 1))[0] === SIG_BLOCK_MAGIC) {
      const sectorEnd = signedLength + SIG_SECTOR_LEN;
      if (size < sectorEnd) {
        c.errors.push(espIssue('ESP_TRUNCATED', { what: 'Secure Boot v2 signature sector', end: sectorEnd, size }));
        return { kind: 'other' };
      }
      if (size > sectorEnd) c.errors.push(espIssue('ESP_TRAILING_DATA', { offset: sectorEnd, length: size - sectorEnd }));
      return { kind: 'sbv2', signedLength, sector: await src.read(signedLength, SIG_SECTOR_LEN) };
    }
    if (
      layout.chip.id === 'esp32' &&
      size >= imageLen + SBV1_LEN &&
      size <= imageLen + SBV1_SPACE &&
      (imageLen + SBV1_SPACE) % SBV1_ALIGN === 0 &&
      (await src.read(imageLen, 4)).readUInt32LE(0) === 0
    ) {
      c.errors.push(espIssue('ESP_SB_V1_UNSUPPORTED'));
      return { kind: 'other' };
    }
  }
  c.errors.push(espIssue('ESP_TRAILING_DATA', { offset: imageLen, length: size - imageLen }));
  return { kind: 'other' };
}
