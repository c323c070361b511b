/** Turns what the checks found into the public EspReport and the release facts. */
import type { ReleaseFacts } from '../types.js';
import { ESP8266_FLASH_SIZES, FLASH_MODES, FLASH_SIZES } from './chips.js';
import { hex } from './issues.js';
import type { AppDesc, BootloaderDesc } from './app-desc.js';
import type { Collector } from './image.js';
import type { EspKind, EspReport, ImageLayout, SecureBootReport } from './types.js';

export interface Findings {
  kind: EspKind;
  sha256: string;
  size: number;
  layout: ImageLayout | null;
  app: AppDesc | null;
  bootloader: BootloaderDesc | null;
  checksumValid: boolean | null;
  hashValid: boolean | null;
  secureBoot: SecureBootReport | null;
}

export function buildReport(f: Findings, c: Collector): EspReport {
  const l = f.layout;
  const isEsp8266 = l?.chip.id === 'esp8266';
  const maxRev = l?.maxChipRevFull ?? null;
  return {
    kind: f.kind,
    sha256: f.sha256,
    size: f.size,
    verified: c.errors.length === 0,
    errors: c.errors,
    warnings: c.warnings,
    format: l?.format ?? null,
    chip: l?.chip.id ?? null,
    chip_id: l?.chipId ?? null,
    project: f.app?.projectName ?? null,
    version: f.app?.version ?? (f.bootloader ? String(f.bootloader.version) : null),
    idf_version: f.app?.idfVersion ?? f.bootloader?.idfVersion ?? null,
    secure_version: f.app?.secureVersion ?? null,
    elf_sha256: f.app?.elfSha256 ?? null,
    compile_time: f.app?.compileTime ?? f.bootloader?.compileTime ?? null,
    hash_appended: l?.hashAppended ?? false,
    hash_valid: f.hashValid,
    checksum_valid: f.checksumValid,
    secure_boot: f.secureBoot,
    entry: l ? hex(l.entry, 8) : null,
    flash_mode: l ? (FLASH_MODES[l.flashMode] ?? hex(l.flashMode)) : null,
    flash_size: l ? ((isEsp8266 ? ESP8266_FLASH_SIZES : FLASH_SIZES)[l.flashSizeNibble] ?? hex(l.flashSizeNibble, 1)) : null,
    flash_freq: l ? (l.chip.flashFreq[l.flashFreqNibble] ?? hex(l.flashFreqNibble, 1)) : null,
    min_chip_rev: l ? minChipRev(l) : null,
    max_chip_rev: maxRev === null || maxRev === 0 || maxRev === 0xffff ? null : maxRev,
    image_len: l?.imageLen ?? null,
    segments: (l?.segments ?? []).map((s) => ({
      index: s.index,
      load_addr: hex(s.loadAddr, 8),
      length: s.length,
      file_offset: s.headerOffset,
      type: s.type,
    })),
  };
}

/** What `upload` records. version_code is not derived here; the upload command does that. */
export function releaseFacts(report: EspReport): ReleaseFacts {
  const facts: ReleaseFacts = {};
  if (report.chip !== null) facts.chip = report.chip;
  if (report.kind === 'esp-bootloader') return facts;
  if (report.secure_version !== null) facts.secure_version = report.secure_version;
  if (report.version !== null) facts.version_name = report.version;
  if (report.project !== null || report.idf_version !== null || report.elf_sha256 !== null) {
    facts.extra = { project: report.project, idf_version: report.idf_version, elf_sha256: report.elf_sha256 };
  }
  return facts;
}

/** Images from before the _full fields carry only the legacy byte: the major (the minor on ESP32-C3). */
function minChipRev(l: ImageLayout): number | null {
  if (l.minChipRevFull) return l.minChipRevFull;
  if (l.minChipRev === null) return null;
  return l.chip.id === 'esp32c3' ? l.minChipRev : l.minChipRev * 100;
}
