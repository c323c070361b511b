/**
 * Contracts inside the ESP verifier: the layout image.ts / esp8266.ts find, and the report
 * `otactl inspect fw.bin --json` prints for an ESP image.
 */
import type { InspectReportBase } from '../types.js';
import type { ChipInfo, SbScheme, SegmentType } from './chips.js';

export type EspFormat =
  /** ESP32-family image: 24-byte header with extended header, optional appended SHA-256. */
  | 'esp32'
  /** ESP8266 RTOS SDK v3: the ESP32 layout with an all-zero extended header. */
  | 'esp8266-rtos'
  /** ESP8266 v1 ("ROM") image: 8-byte header, RAM segments, checksum. */
  | 'esp8266-v1'
  /** ESP8266 v2 ("OTA") image: 0xEA header, irom0 blob, v1 part, CRC-32. */
  | 'esp8266-v2';

export interface Segment {
  index: number;
  loadAddr: number;
  length: number;
  /** File offset of the 8-byte segment header (what esptool prints as "File offs"). */
  headerOffset: number;
  dataOffset: number;
  type: SegmentType | 'IROM0';
  /** ESP8266 v2 irom0 is outside the XOR checksum. */
  inChecksum: boolean;
}

/** Everything the structure parse found; offsets are file offsets. */
export interface ImageLayout {
  format: EspFormat;
  chip: ChipInfo;
  /** Image header chip_id as stored (null for ESP8266 v1/v2). */
  chipId: number | null;
  flashMode: number;
  flashSizeNibble: number;
  flashFreqNibble: number;
  entry: number;
  minChipRev: number | null;
  minChipRevFull: number | null;
  maxChipRevFull: number | null;
  segments: Segment[];
  checksumOffset: number;
  storedChecksum: number;
  hashAppended: boolean;
  /** ESP8266 v2: offset of the trailing CRC-32. */
  crcOffset: number | null;
  /** End of the image proper: checksum, appended hash or v2 CRC included. */
  imageLen: number;
}

export interface EspSegmentReport {
  index: number;
  load_addr: string;
  length: number;
  file_offset: number;
  type: string;
}

export interface SecureBootBlockReport {
  index: number;
  scheme: SbScheme | null;
  /** SHA-256 of the public key as burnt into eFuse (espsecure's "public key digest"), lowercase hex. */
  key_digest: string | null;
  crc_valid: boolean;
  digest_valid: boolean | null;
  signature_valid: boolean | null;
  /** null when no trusted keys were given. */
  trusted: boolean | null;
  verified: boolean;
}

export interface SecureBootReport {
  version: 2;
  /** Bytes covered by the signatures: the image padded to a 4 KiB boundary. */
  signed_length: number;
  blocks: SecureBootBlockReport[];
  key_digests: string[];
  /** At least one block verifies (with a trusted key when keys are pinned). */
  verified: boolean;
}

export type EspKind = 'esp-app' | 'esp-bootloader' | 'esp8266-app' | 'esp-encrypted' | 'esp-unknown';

/** `otactl inspect fw.bin --json` for an ESP image. Addresses are hex strings, sizes numbers. */
export interface EspReport extends InspectReportBase {
  kind: EspKind;
  format: EspFormat | null;
  /** e.g. "esp32s3"; null when the header could not be read. */
  chip: string | null;
  chip_id: number | null;
  project: string | null;
  version: string | null;
  idf_version: string | null;
  secure_version: number | null;
  elf_sha256: string | null;
  compile_time: string | null;
  hash_appended: boolean;
  /** null when no hash is appended or the image could not be parsed. */
  hash_valid: boolean | null;
  checksum_valid: boolean | null;
  secure_boot: SecureBootReport | null;
  entry: string | null;
  flash_mode: string | null;
  flash_size: string | null;
  flash_freq: string | null;
  /** major*100 + minor; legacy images carry only the major. */
  min_chip_rev: number | null;
  /** major*100 + minor; null when absent or unbounded. */
  max_chip_rev: number | null;
  image_len: number | null;
  segments: EspSegmentReport[];
}
