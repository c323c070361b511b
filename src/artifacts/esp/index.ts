/**
 * ESP firmware inspector: ESP32-family apps and bootloaders, ESP8266 v1/v2/RTOS images,
 * Secure Boot v2 signatures. Stages: header → structure → one streaming integrity pass →
 * what the image is and whether it is trusted. Bad images become issues; only I/O throws.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { readRegularFile } from '../../util/regular-file.js';
import type { ArtifactInspector, InspectOptions, InspectResult } from '../types.js';
import { ValidationError } from '../../errors.js';
import { FileSource, type ByteSource } from '../../util/byte-source.js';
import { APP_DESC_LEN, APP_DESC_OFFSET, BOOTLOADER_DESC_LEN, parseAppDesc, parseBootloaderDesc } from './app-desc.js';
import { digestPass } from './digest-pass.js';
import { checkMmuAlignment, parseEsp32Image, sniffFormat, type Collector } from './image.js';
import { ENCRYPTED_MAGIC } from './family.js';
import { espIssue, hex } from './issues.js';
import { buildReport, releaseFacts, type Findings } from './report.js';
import { readTrailer } from './trailer.js';
import type { ChipInfo } from './chips.js';
import type { EspKind, EspReport, ImageLayout, SecureBootReport } from './types.js';
import * as esp8266 from './esp8266.js';
import * as sbv2 from './secure-boot-v2.js';

export type { EspReport } from './types.js';
export { ESP_ISSUE_CODES, type EspIssueCode } from './issues.js';

/** Where an esp_encrypted_img header keeps the plaintext size. */
const ENCRYPTED_SIZE_OFFSET = 4 + 384 + 16;
const HEAD_LEN = 512;

export interface EspInspectOptions {
  /** Trusted Secure Boot v2 key digests (hex SHA-256, as espsecure prints them). */
  trustedKeyDigests?: readonly string[];
}

export async function inspectEsp(path: string, options: InspectOptions = {}): Promise<InspectResult<EspReport>> {
  const pemDigests = await digestsOfPemFiles(options.trustedKeys ?? []);
  const src = await FileSource.open(path);
  try {
    return await inspectEspSource(src, { trustedKeyDigests: [...(options.trustedKeyDigests ?? []), ...pemDigests] });
  } finally {
    await src.close();
  }
}

export const espInspector: ArtifactInspector = {
  inspect: (path, options) => inspectEsp(path, options),
};

/** The inspector over any ByteSource (tests feed buffers). */
export async function inspectEspSource(src: ByteSource, options: EspInspectOptions = {}): Promise<InspectResult<EspReport>> {
  const trusted = trustSet(options.trustedKeyDigests);
  const c: Collector = { errors: [], warnings: [] };
  const f: Findings = {
    kind: 'esp-unknown', sha256: '', size: src.size, layout: null, app: null, bootloader: null,
    checksumValid: null, hashValid: null, secureBoot: null,
  };
  const layout = await readStructure(src, f, c);
  if (layout === null) {
    // Nothing to check beyond the bytes themselves; still report the file's SHA-256.
    const pass = await digestPass(src, { checksumRanges: [], sha256Marks: [], consumers: [] });
    return done(pass.sha256, f, c);
  }
  await identify(src, layout, f, c);
  if (layout.format === 'esp32') checkMmuAlignment(layout, f.app?.mmuPageLog2 ?? 0, c);
  const trailer = await readTrailer(src, layout, c);
  const sb = trailer.kind === 'sbv2' ? await prepareSecureBoot(trailer.sector, trailer.signedLength, c) : null;

  const v2crc = layout.crcOffset === null ? null : esp8266.v2CrcCheck(layout.crcOffset);
  const marks = [...(layout.hashAppended ? [layout.checksumOffset + 1] : []), ...(sb ? [sb.signedLength] : [])];
  const pass = await digestPass(src, {
    checksumRanges: layout.segments.filter((s) => s.inChecksum).map((s) => [s.dataOffset, s.dataOffset + s.length] as const),
    sha256Marks: marks,
    consumers: [...(v2crc ? [v2crc.consumer] : []), ...(sb?.consumers ?? [])],
  });

  f.checksumValid = pass.checksum === layout.storedChecksum;
  if (!f.checksumValid) {
    c.errors.push(espIssue('ESP_CHECKSUM_MISMATCH', { stored: hex(layout.storedChecksum), computed: hex(pass.checksum) }));
  }
  if (layout.hashAppended) await checkAppendedHash(src, layout, pass.prefixSha256.get(layout.checksumOffset + 1)!, f, c);
  if (v2crc) v2crc.compare((await src.read(layout.crcOffset!, 4)).readUInt32LE(0), c);
  if (sb) f.secureBoot = sb.finish(pass.prefixSha256.get(sb.signedLength), layout.chip, trusted);
  else if (trusted !== null) c.errors.push(espIssue('ESP_SB_NOT_SIGNED'));
  return done(pass.sha256, f, c);
}

/** Header and structure: the layout, or null (with the reason in `c`) when it cannot be followed. */
async function readStructure(src: ByteSource, f: Findings, c: Collector): Promise<ImageLayout | null> {
  const head = await src.read(0, Math.min(src.size, HEAD_LEN));
  if (head.length >= 4 && head.readUInt32LE(0) === ENCRYPTED_MAGIC) {
    f.kind = 'esp-encrypted';
    const plaintext = head.length >= ENCRYPTED_SIZE_OFFSET + 4 ? head.readUInt32LE(ENCRYPTED_SIZE_OFFSET) : '?';
    c.errors.push(espIssue('ESP_ENCRYPTED_IMAGE', { plaintext_size: plaintext }));
    return null;
  }
  const sniffed = sniffFormat(head, src.size);
  if (sniffed.format === null) {
    c.errors.push(sniffed.issue);
    return null;
  }
  if (sniffed.format === 'esp8266-v1' || sniffed.format === 'esp8266-v2') {
    // Loaded on demand, like Secure Boot: ESP32-family images never need it.
    f.kind = 'esp8266-app';
    f.layout = sniffed.format === 'esp8266-v1' ? await esp8266.parseEsp8266V1(src, c) : await esp8266.parseEsp8266V2(src, c);
  } else {
    if (sniffed.format === 'esp8266-rtos') f.kind = 'esp8266-app';
    f.layout = await parseEsp32Image(src, sniffed.chip, sniffed.format, c);
  }
  return f.layout;
}

/**
 * Parses the signature sector and sets up its streaming verifiers. Loaded on demand: most
 * images carry no signature, and `inspect` should not pay for what it does not use.
 */
async function prepareSecureBoot(sector: Buffer, signedLength: number, c: Collector) {
  const blocks = sbv2.parseSignatureSector(sector, signedLength, c);
  const { verifiers, consumers } = sbv2.blockVerifiers(blocks, signedLength);
  const sha384 = blocks.some((b) => b.hashAlg === 'sha384') ? createHash('sha384') : undefined;
  if (sha384) consumers.push({ end: signedLength, update: (b) => void sha384.update(b) });
  return {
    signedLength,
    consumers,
    finish: (sha256: Buffer | undefined, chip: ChipInfo, trusted: ReadonlySet<string> | null): SecureBootReport =>
      sbv2.evaluateSecureBoot(blocks, verifiers, { sha256, sha384: sha384?.digest() }, signedLength, chip, trusted, c),
  };
}

/** App, bootloader, or ESP8266 image; reads the descriptor at 0x20 when the layout has one. */
async function identify(src: ByteSource, layout: ImageLayout, f: Findings, c: Collector): Promise<void> {
  if (layout.format === 'esp8266-v1' || layout.format === 'esp8266-v2') {
    f.kind = 'esp8266-app';
    return;
  }
  const first = layout.segments[0]!;
  const appKind: EspKind = layout.format === 'esp8266-rtos' ? 'esp8266-app' : 'esp-app';
  if (first.dataOffset === APP_DESC_OFFSET && first.length >= APP_DESC_LEN) {
    f.app = parseAppDesc(await src.read(APP_DESC_OFFSET, APP_DESC_LEN));
  }
  if (f.app) {
    f.kind = appKind;
    return;
  }
  const flashMapped = layout.segments.some((s) => s.type === 'IROM' || s.type === 'DROM');
  if (flashMapped) {
    // Code runs from flash, so this is an app; without a descriptor it has no version to release.
    f.kind = appKind;
    c.errors.push(espIssue('ESP_APP_DESC_MISSING'));
    return;
  }
  f.kind = 'esp-bootloader';
  if (first.dataOffset === APP_DESC_OFFSET && first.length >= BOOTLOADER_DESC_LEN) {
    f.bootloader = parseBootloaderDesc(await src.read(APP_DESC_OFFSET, BOOTLOADER_DESC_LEN));
  }
  c.errors.push(espIssue('ESP_BOOTLOADER_NOT_OTA'));
}

async function checkAppendedHash(src: ByteSource, layout: ImageLayout, computed: Buffer, f: Findings, c: Collector): Promise<void> {
  const stored = await src.read(layout.checksumOffset + 1, 32);
  f.hashValid = stored.equals(computed);
  if (!f.hashValid) c.errors.push(espIssue('ESP_HASH_MISMATCH', { stored: stored.toString('hex'), computed: computed.toString('hex') }));
}

function done(sha256: string, f: Findings, c: Collector): InspectResult<EspReport> {
  const report = buildReport({ ...f, sha256 }, c);
  return { report, facts: releaseFacts(report) };
}

/**
 * Lowercase hex without separators; null when nothing is pinned. A digest that is not 32 bytes
 * of hex is a usage error: silently never matching would read as "untrusted image".
 */
function trustSet(digests: readonly string[] | undefined): Set<string> | null {
  if (!digests || digests.length === 0) return null;
  return new Set(
    digests.map((d) => {
      const hexDigest = d.replace(/[\s:]/g, '').toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hexDigest)) {
        throw new ValidationError(`trusted key digest "${d}" is not a hex SHA-256 (64 hex digits)`, 'E_TRUSTED_KEY', { digest: d });
      }
      return hexDigest;
    }),
  );
}

/** Reads pinned PEM keys; an unreadable or unsuitable key is a usage error, not an image issue. */
async function digestsOfPemFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let digest: string | null;
    try {
      digest = sbv2.keyDigestOf(createPublicKey(await readRegularFile(path)));
    } catch (err) {
      throw new ValidationError(`cannot read trusted key ${path}: ${(err as Error).message}`, 'E_TRUSTED_KEY', { path });
    }
    if (digest === null) {
      throw new ValidationError(`trusted key ${path} is not an RSA-3072 or ECDSA P-192/P-256/P-384 key`, 'E_TRUSTED_KEY', { path });
    }
    out.push(digest);
  }
  return out;
}

