/**
 * ESP chip table: image `chip_id` -> chip, plus what the verifier needs per chip (flash-mapped
 * address windows, smallest MMU page, flash-frequency names, Secure Boot v2 schemes).
 * Source: docs/formats.md §C.2, §C.3, §C.7 (esptool IMAGE_CHIP_ID and memory maps).
 */

export type SbScheme = 'rsa3072' | 'ecdsa-p192' | 'ecdsa-p256' | 'ecdsa-p384';

export interface ChipInfo {
  /** Lowercase id used in reports and release facts, e.g. "esp32s3". */
  id: string;
  /** Display name, e.g. "ESP32-S3". */
  name: string;
  /** Image header chip_id; null for the ESP8266 (no extended header). */
  imageChipId: number | null;
  /** Flash-mapped windows [start, end): segments here are mapped through the MMU, not loaded. */
  irom: readonly [number, number] | null;
  drom: readonly [number, number] | null;
  /**
   * Smallest MMU page the chip supports. The bootloader requires data offset ≡ load address
   * (mod page); checking with the smallest page is a necessary condition whatever page the
   * build chose, so it never rejects a good image. 0 = no MMU rule (ESP8266).
   */
  minMmuPage: number;
  /** Flash frequency names by header nibble. */
  flashFreq: Readonly<Record<number, string>>;
  /**
   * Secure Boot v2 schemes the chip's bootloader can verify, when known for certain
   * (undefined = not pinned down, anything is accepted).
   */
  sbSchemes?: readonly SbScheme[];
  /** ESP32 (rev 3) checks only signature block 0; later chips try up to three. */
  sbBlocksChecked: number;
}

const FREQ_CLASSIC = { 0x0: '40m', 0x1: '26m', 0x2: '20m', 0xf: '80m' } as const;
const FREQ_C2 = { 0xf: '60m', 0x0: '30m', 0x1: '20m', 0x2: '15m' } as const;
const FREQ_H2 = { 0xf: '48m', 0x0: '24m', 0x1: '16m', 0x2: '12m' } as const;
const FREQ_C6 = { 0x0: '80m', 0x2: '20m' } as const;
const FREQ_C5 = { 0xf: '80m', 0x0: '40m', 0x2: '20m' } as const;

const KB = 1024;
const RSA_ONLY: readonly SbScheme[] = ['rsa3072'];

/** RISC-V chips with the 0x42000000 IROM / 0x42800000 DROM split and 8 KiB pages. */
function riscvSplit(id: string, name: string, imageChipId: number, flashFreq: Record<number, string>): ChipInfo {
  return {
    id,
    name,
    imageChipId,
    irom: [0x42000000, 0x42800000],
    drom: [0x42800000, 0x43000000],
    minMmuPage: 8 * KB,
    flashFreq,
    sbBlocksChecked: 3,
  };
}

export const CHIPS: readonly ChipInfo[] = [
  {
    id: 'esp32', name: 'ESP32', imageChipId: 0,
    irom: [0x400d0000, 0x40400000], drom: [0x3f400000, 0x3f800000],
    minMmuPage: 64 * KB, flashFreq: FREQ_CLASSIC, sbSchemes: RSA_ONLY, sbBlocksChecked: 1,
  },
  {
    id: 'esp32s2', name: 'ESP32-S2', imageChipId: 2,
    irom: [0x40080000, 0x40b80000], drom: [0x3f000000, 0x3f3f0000],
    minMmuPage: 64 * KB, flashFreq: FREQ_CLASSIC, sbSchemes: RSA_ONLY, sbBlocksChecked: 3,
  },
  {
    id: 'esp32c3', name: 'ESP32-C3', imageChipId: 5,
    irom: [0x42000000, 0x42800000], drom: [0x3c000000, 0x3c800000],
    minMmuPage: 64 * KB, flashFreq: FREQ_CLASSIC, sbSchemes: RSA_ONLY, sbBlocksChecked: 3,
  },
  {
    id: 'esp32s3', name: 'ESP32-S3', imageChipId: 9,
    irom: [0x42000000, 0x44000000], drom: [0x3c000000, 0x3e000000],
    minMmuPage: 64 * KB, flashFreq: FREQ_CLASSIC, sbSchemes: RSA_ONLY, sbBlocksChecked: 3,
  },
  {
    id: 'esp32c2', name: 'ESP32-C2', imageChipId: 12,
    irom: [0x42000000, 0x42400000], drom: [0x3c000000, 0x3c400000],
    minMmuPage: 16 * KB, flashFreq: FREQ_C2, sbSchemes: ['ecdsa-p192', 'ecdsa-p256'], sbBlocksChecked: 3,
  },
  riscvSplit('esp32c6', 'ESP32-C6', 13, FREQ_C6),
  riscvSplit('esp32h2', 'ESP32-H2', 16, FREQ_H2),
  {
    id: 'esp32p4', name: 'ESP32-P4', imageChipId: 18,
    irom: [0x40000000, 0x4c000000], drom: [0x40000000, 0x4c000000],
    minMmuPage: 64 * KB, flashFreq: FREQ_C5, sbBlocksChecked: 3,
  },
  riscvSplit('esp32c61', 'ESP32-C61', 20, FREQ_C5),
  {
    id: 'esp32c5', name: 'ESP32-C5', imageChipId: 23,
    irom: [0x42000000, 0x44000000], drom: [0x42000000, 0x44000000],
    minMmuPage: 64 * KB, flashFreq: FREQ_C5, sbBlocksChecked: 3,
  },
  riscvSplit('esp32h21', 'ESP32-H21', 25, FREQ_H2),
  riscvSplit('esp32h4', 'ESP32-H4', 28, FREQ_H2),
  {
    // No memory map in the reference: treated as having no flash windows (no MMU rule, and
    // app-vs-bootloader is decided by the app descriptor alone).
    id: 'esp32e22', name: 'ESP32-E22', imageChipId: 31,
    irom: null, drom: null, minMmuPage: 0, flashFreq: FREQ_C5, sbBlocksChecked: 3,
  },
  {
    id: 'esp32s31', name: 'ESP32-S31', imageChipId: 32,
    irom: null, drom: null, minMmuPage: 32 * KB, flashFreq: FREQ_C5, sbBlocksChecked: 3,
  },
];

/** The ESP8266: v1/v2 images carry no chip id; RTOS SDK v3 images carry chip_id 0 (see image.ts). */
export const ESP8266: ChipInfo = {
  id: 'esp8266', name: 'ESP8266', imageChipId: null,
  irom: [0x40200000, 0x40300000], drom: null,
  minMmuPage: 0, flashFreq: FREQ_CLASSIC, sbBlocksChecked: 0,
};

const BY_IMAGE_ID = new Map(CHIPS.map((c) => [c.imageChipId, c]));

export function chipByImageId(chipId: number): ChipInfo | undefined {
  return BY_IMAGE_ID.get(chipId);
}

export type SegmentType = 'IROM' | 'DROM' | 'PADDING' | 'RAM';

/** Classifies a load address the way the bootloader does: mapped (IROM/DROM), filler, or loaded. */
export function segmentType(chip: ChipInfo, loadAddr: number): SegmentType {
  if (chip.drom && loadAddr >= chip.drom[0] && loadAddr < chip.drom[1]) return 'DROM';
  if (chip.irom && loadAddr >= chip.irom[0] && loadAddr < chip.irom[1]) return 'IROM';
  // Below 0x10000000 nothing is loaded: 0x0 is esptool's filler, 0x4 is reserved.
  if (loadAddr < 0x10000000) return 'PADDING';
  return 'RAM';
}

export const FLASH_MODES: Readonly<Record<number, string>> = {
  0: 'QIO', 1: 'QOUT', 2: 'DIO', 3: 'DOUT', 4: 'FAST_READ', 5: 'SLOW_READ',
};

export const FLASH_SIZES: Readonly<Record<number, string>> = {
  0: '1MB', 1: '2MB', 2: '4MB', 3: '8MB', 4: '16MB', 5: '32MB', 6: '64MB', 7: '128MB',
};

export const ESP8266_FLASH_SIZES: Readonly<Record<number, string>> = {
  0: '512KB', 1: '256KB', 2: '1MB', 3: '2MB', 4: '4MB', 5: '2MB-c1', 6: '4MB-c1', 8: '8MB', 9: '16MB',
};
