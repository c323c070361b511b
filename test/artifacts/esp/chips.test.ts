import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appDesc, buildApp, buildEsp32, CHIP_WINDOWS, pattern } from './builder.js';
import { errorCodes, inspectBuf, warningCodes } from './helpers.js';

describe('ESP32-family app images, every chip id', () => {
  for (const [chip, w] of Object.entries(CHIP_WINDOWS)) {
    it(`${chip} (chip id ${w.chipId}) with appended hash`, async () => {
      const r = await inspectBuf(buildApp(chip));
      expect(errorCodes(r)).toEqual([]);
      expect(r).toMatchObject({
        kind: 'esp-app',
        format: 'esp32',
        chip,
        chip_id: w.chipId,
        project: 'blink',
        version: '1.4.2',
        idf_version: 'v5.2.1',
        secure_version: 3,
        elf_sha256: createHash('sha256').update('elf').digest('hex'),
        compile_time: 'Sep 13 2022 19:46:07',
        hash_appended: true,
        hash_valid: true,
        checksum_valid: true,
        secure_boot: null,
        verified: true,
      });
      expect(r.segments.map((s) => s.type)).toEqual(['DROM', 'RAM', w.drom === w.irom ? 'DROM' : 'IROM']);
    });

    it(`${chip} without appended hash`, async () => {
      const r = await inspectBuf(buildApp(chip, { hashAppended: false }));
      expect(r.verified).toBe(true);
      expect(r.hash_appended).toBe(false);
      expect(r.hash_valid).toBeNull();
      expect(warningCodes(r)).toContain('ESP_NO_APPENDED_HASH');
    });
  }

  for (const [chip, chipId] of [['esp32e22', 31], ['esp32s31', 32]] as const) {
    it(`${chip} (chip id ${chipId}): no flash windows known, the descriptor makes it an app`, async () => {
      const segs = [
        { addr: 0x42000020, data: Buffer.concat([appDesc(), pattern(512, 1)]) },
        { addr: 0x4ff00000, data: pattern(256, 2) },
      ];
      const r = await inspectBuf(buildEsp32({ chipId, segments: segs }));
      expect(errorCodes(r)).toEqual([]);
      expect(r).toMatchObject({ kind: 'esp-app', chip, chip_id: chipId, verified: true });
    });
  }

  it('reports header fields and image length', async () => {
    const img = buildApp('esp32s2', { flashMode: 2, sizeFreq: 0x1f, entry: 0x40022f84, minRevFull: 1, maxRevFull: 399 });
    const r = await inspectBuf(img);
    expect(r).toMatchObject({
      size: img.length,
      image_len: img.length,
      entry: '0x40022f84',
      flash_mode: 'DIO',
      flash_size: '2MB',
      flash_freq: '80m',
      min_chip_rev: 1,
      max_chip_rev: 399,
      sha256: createHash('sha256').update(img).digest('hex'),
    });
    expect(r.segments[0]).toMatchObject({ index: 0, file_offset: 0x18, load_addr: '0x3f000020' });
  });

  it('reads full-width strings without a NUL', async () => {
    const long = 'v5.0-beta1-427-g4532e6e0b2-dirty';
    const r = await inspectBuf(buildApp('esp32s3', { desc: appDesc({ idfVersion: long, version: 'x'.repeat(32) }) }));
    expect(r.idf_version).toBe(long);
    expect(r.version).toBe('x'.repeat(32));
  });

  it('names the ESP32-C2 flash frequencies by its own table', async () => {
    const r = await inspectBuf(buildApp('esp32c2', { sizeFreq: 0x2f }));
    expect(r.flash_freq).toBe('60m');
    expect(r.flash_size).toBe('4MB');
  });
});
