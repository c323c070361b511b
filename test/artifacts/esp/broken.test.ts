import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  appDesc,
  appSegments,
  buildApp,
  buildBootloader,
  buildEncrypted,
  buildEsp32,
  CHIP_WINDOWS,
  pattern,
  withFiller,
} from './builder.js';
import { errorCodes, inspectBuf, warningCodes } from './helpers.js';

/** Offset of the checksum byte of an image built with hash on. */
function checksumAt(img: Buffer): number {
  return img.length - 33;
}

describe('broken ESP images: each a clear issue, never a throw', () => {
  it('bad magic', async () => {
    const img = buildApp('esp32');
    img[0] = 0xed;
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_BAD_MAGIC']);
    expect(r.kind).toBe('esp-unknown');
    expect(r.verified).toBe(false);
    expect(r.sha256).toBe(createHash('sha256').update(img).digest('hex'));
  });

  it('empty file', async () => {
    const r = await inspectBuf(Buffer.alloc(0));
    expect(errorCodes(r)).toEqual(['ESP_TRUNCATED']);
  });

  it('segment count of 0 and above 16', async () => {
    for (const count of [0, 17, 255]) {
      const r = await inspectBuf(buildApp('esp32s3', { segmentCount: count }));
      expect(errorCodes(r)).toEqual(['ESP_BAD_SEGMENT_COUNT']);
    }
  });

  it('segment count past the end of the file', async () => {
    const r = await inspectBuf(buildApp('esp32c3', { segmentCount: 9, hashAppended: false }));
    expect(r.verified).toBe(false);
    expect(errorCodes(r)[0]).toMatch(/^ESP_(TRUNCATED|SEGMENT_PAST_END|BAD_SEGMENT_LENGTH)$/);
    expect(r.checksum_valid).toBeNull();
  });

  it('segment length past the end of the file', async () => {
    const img = buildApp('esp32');
    img.writeUInt32LE(0x00100000, 24 + 4); // first segment claims 1 MiB
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_SEGMENT_PAST_END']);
    expect(r.errors[0]!.params).toMatchObject({ index: 0, length: 0x100000, size: img.length });
  });

  it('segment length not a multiple of 4, or 16 MiB and more', async () => {
    for (const len of [1025, 0x1000000, 0xffffffff]) {
      const img = buildApp('esp32');
      img.writeUInt32LE(len, 24 + 4);
      expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_BAD_SEGMENT_LENGTH']);
    }
  });

  it('checksum wrong (no hash)', async () => {
    const img = buildApp('esp32s2', { hashAppended: false });
    img[img.length - 1]! ^= 0x5a;
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_CHECKSUM_MISMATCH']);
    expect(r.checksum_valid).toBe(false);
  });

  it('checksum wrong but hash recomputed over it', async () => {
    const img = buildApp('esp32h2');
    const cs = checksumAt(img);
    img[cs]! ^= 1;
    createHash('sha256').update(img.subarray(0, cs + 1)).digest().copy(img, cs + 1);
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_CHECKSUM_MISMATCH']);
    expect(r.hash_valid).toBe(true);
  });

  it('segment data changed: checksum and hash both catch it', async () => {
    const img = buildApp('esp32c6');
    img[0x200]! ^= 0x80;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_CHECKSUM_MISMATCH', 'ESP_HASH_MISMATCH']);
  });

  it('appended hash wrong', async () => {
    const img = buildApp('esp32c5');
    img[img.length - 1]! ^= 0xff;
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_HASH_MISMATCH']);
    expect(r.hash_valid).toBe(false);
    expect(r.checksum_valid).toBe(true);
  });

  it('header byte changed under the appended hash', async () => {
    const img = buildApp('esp32');
    img[2] = 3; // flash mode DIO -> DOUT
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_HASH_MISMATCH']);
  });

  it('trailing garbage after the image', async () => {
    for (const extra of [1, 15, 16, 4096]) {
      const img = Buffer.concat([buildApp('esp32s3'), Buffer.alloc(extra, 0xff)]);
      const r = await inspectBuf(img);
      expect(errorCodes(r)).toEqual(['ESP_TRAILING_DATA']);
      expect(r.errors[0]!.params).toMatchObject({ offset: img.length - extra, length: extra });
      expect(r.hash_valid).toBe(true);
    }
  });

  it('appended hash cleared: its 32 bytes become trailing data', async () => {
    const img = buildApp('esp32');
    img[23] = 0;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_TRAILING_DATA']);
  });

  it('hash flag other than 0 or 1', async () => {
    const img = buildApp('esp32');
    img[23] = 2;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_BAD_HASH_FLAG']);
  });

  it('unknown chip id', async () => {
    const img = buildApp('esp32');
    img.writeUInt16LE(0x77, 12);
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_UNKNOWN_CHIP']);
    expect(r.errors[0]!.params).toEqual({ chip_id: 0x77 });
  });

  it('truncated anywhere: a clear issue at every cut', async () => {
    const img = buildApp('esp32c3');
    const seen = new Set<string>();
    for (let cut = 0; cut < img.length; cut += cut < 64 ? 1 : 37) {
      const r = await inspectBuf(img.subarray(0, cut));
      expect(r.verified).toBe(false);
      const codes = errorCodes(r);
      expect(codes.length).toBeGreaterThan(0);
      seen.add(codes[0]!);
    }
    expect([...seen].sort()).toEqual(['ESP_SEGMENT_PAST_END', 'ESP_TRUNCATED']);
  });

  it('truncated inside the appended hash or before the checksum', async () => {
    const img = buildApp('esp32');
    for (const cut of [img.length - 1, img.length - 32, checksumAt(img)]) {
      const r = await inspectBuf(img.subarray(0, cut));
      expect(errorCodes(r)).toEqual(['ESP_TRUNCATED']);
      expect(r.errors[0]!.message).toMatch(/truncated/);
    }
  });

  it('non-zero checksum padding is a warning (not covered by anything without a hash)', async () => {
    const img = buildApp('esp32', { hashAppended: false });
    img[img.length - 2] = 0x11;
    const r = await inspectBuf(img);
    expect(r.verified).toBe(true);
    expect(warningCodes(r)).toContain('ESP_PADDING_NOT_ZERO');
  });

  it('bootloader image is refused for OTA', async () => {
    const r = await inspectBuf(buildBootloader(0));
    expect(r.kind).toBe('esp-bootloader');
    expect(errorCodes(r)).toEqual(['ESP_BOOTLOADER_NOT_OTA']);
    expect(r.verified).toBe(false);
    expect(r).toMatchObject({ version: '1', idf_version: 'v5.2-dev', compile_time: 'Apr 25 2023 00:13:32', checksum_valid: true, hash_valid: true });
  });

  it('flash-mapped image without an app descriptor', async () => {
    const w = CHIP_WINDOWS.esp32s3!;
    const desc = Buffer.alloc(256, 0x11);
    const r = await inspectBuf(buildEsp32({ chipId: w.chipId, segments: appSegments(w, { desc }) }));
    expect(r.kind).toBe('esp-app');
    expect(errorCodes(r)).toEqual(['ESP_APP_DESC_MISSING']);
  });

  it('flash-mapped segment not aligned with its file offset', async () => {
    const w = CHIP_WINDOWS.esp32!;
    const segs = appSegments(w);
    segs[2]!.addr += 4;
    const r = await inspectBuf(buildEsp32({ chipId: w.chipId, segments: segs }));
    expect(errorCodes(r)).toEqual(['ESP_SEGMENT_MMU_MISALIGNED']);
  });

  it('MMU page from the app descriptor relaxes the check on chips with small pages', async () => {
    const w = CHIP_WINDOWS.esp32c6!;
    const segs = appSegments(w, { desc: appDesc({ mmuPageLog2: 13 }) });
    segs[2]!.addr = w.irom + 0x2000 + (segs[2]!.addr % 0x2000); // aligned modulo 8 KiB only
    expect((await inspectBuf(buildEsp32({ chipId: w.chipId, segments: segs }))).verified).toBe(true);
    const segs64 = appSegments(w, { desc: appDesc({ mmuPageLog2: 16 }) });
    segs64[2]!.addr = w.irom + 0x2000 + (segs64[2]!.addr % 0x2000);
    expect(errorCodes(await inspectBuf(buildEsp32({ chipId: w.chipId, segments: segs64 })))).toEqual(['ESP_SEGMENT_MMU_MISALIGNED']);
  });

  it('pre-encrypted image', async () => {
    const r = await inspectBuf(buildEncrypted(100_000));
    expect(r.kind).toBe('esp-encrypted');
    expect(errorCodes(r)).toEqual(['ESP_ENCRYPTED_IMAGE']);
    expect(r.errors[0]!.params).toEqual({ plaintext_size: 100_000 });
    expect(r.errors[0]!.message).toMatch(/cannot be verified without the decryption key/);
  });

  it('Secure Boot v1 signature is named, not passed as garbage', async () => {
    // esptool --secure-pad: the image ends 80 bytes (68 signature + 12) before a 64 KiB boundary.
    const w = CHIP_WINDOWS.esp32!;
    const img = buildEsp32({ chipId: w.chipId, segments: withFiller(appSegments(w), 0x10000 - 80) });
    expect(img.length).toBe(0x10000 - 80);
    for (const tail of [0, 12]) {
      const signed = Buffer.concat([img, Buffer.alloc(4), pattern(64, 5), Buffer.alloc(tail, 0xff)]);
      const r = await inspectBuf(signed);
      expect(errorCodes(r)).toEqual(['ESP_SB_V1_UNSUPPORTED']);
      expect(r.segments.at(-1)!.type).toBe('PADDING');
    }
  });

  it('random bytes after a valid magic never throw', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const buf = pattern(seed * 7, seed);
      buf[0] = seed % 2 ? 0xe9 : 0xea;
      const r = await inspectBuf(buf);
      expect(r.verified).toBe(false);
      expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});
