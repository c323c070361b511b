/**
 * esp_app_desc_t (256 bytes) and esp_bootloader_desc_t (80 bytes), both at file offset 0x20:
 * right after the image header and the first segment header (docs/formats.md §C.6).
 */

export const APP_DESC_OFFSET = 0x20;
export const APP_DESC_LEN = 256;
export const BOOTLOADER_DESC_LEN = 80;
const APP_DESC_MAGIC = 0xabcd5432;
const BOOTLOADER_DESC_MAGIC = 0x50;

export interface AppDesc {
  secureVersion: number;
  version: string;
  projectName: string;
  /** `__DATE__ __TIME__`, e.g. "Sep 13 2022 19:46:07". */
  compileTime: string;
  idfVersion: string;
  elfSha256: string;
  /** log2 of the MMU page the app was built for; 0 = not recorded. */
  mmuPageLog2: number;
}

export interface BootloaderDesc {
  version: number;
  idfVersion: string;
  compileTime: string;
}

/** A fixed-size C string field: up to the first NUL, or the whole field when it has none. */
function cString(buf: Buffer, offset: number, length: number): string {
  const field = buf.subarray(offset, offset + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? field.length : nul).toString('utf8');
}

export function isAppDesc(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === APP_DESC_MAGIC;
}

export function parseAppDesc(buf: Buffer): AppDesc | null {
  if (buf.length < APP_DESC_LEN || !isAppDesc(buf)) return null;
  const time = cString(buf, 0x50, 16);
  const date = cString(buf, 0x60, 16);
  return {
    secureVersion: buf.readUInt32LE(0x04),
    version: cString(buf, 0x10, 32),
    projectName: cString(buf, 0x30, 32),
    compileTime: [date, time].filter((s) => s.length > 0).join(' '),
    idfVersion: cString(buf, 0x70, 32),
    elfSha256: buf.subarray(0x90, 0xb0).toString('hex'),
    mmuPageLog2: buf[0xb4]!,
  };
}

export function parseBootloaderDesc(buf: Buffer): BootloaderDesc | null {
  if (buf.length < BOOTLOADER_DESC_LEN || buf[0] !== BOOTLOADER_DESC_MAGIC) return null;
  return {
    version: buf.readUInt32LE(4),
    idfVersion: cString(buf, 8, 32),
    compileTime: cString(buf, 40, 24),
  };
}
