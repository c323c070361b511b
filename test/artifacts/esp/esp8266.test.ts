import { describe, expect, it } from 'vitest';
import * as zlib from 'node:zlib';
import { appDesc, buildEsp32, buildEsp8266V1, buildEsp8266V2, ESP8266_RAM, pattern } from './builder.js';
import { errorCodes, inspectBuf, warningCodes } from './helpers.js';

describe('ESP8266 images', () => {
  it('v1 image: RAM segments and checksum', async () => {
    const r = await inspectBuf(buildEsp8266V1());
    expect(errorCodes(r)).toEqual([]);
    expect(r).toMatchObject({
      kind: 'esp8266-app',
      format: 'esp8266-v1',
      chip: 'esp8266',
      chip_id: null,
      checksum_valid: true,
      hash_appended: false,
      hash_valid: null,
      entry: '0x40100004',
      flash_mode: 'DIO',
      flash_size: '1MB',
      flash_freq: '40m',
      verified: true,
    });
    expect(r.segments).toHaveLength(3);
    expect(warningCodes(r)).toEqual(['ESP_ESP8266_V1_RAM_ONLY']);
  });

  it('v1 image whose first segment looks like an ESP32 extended header (chip id 0, hash flag 0)', async () => {
    // Segment length 0x10000 puts 00 00 at bytes 12-13 (chip id 0); data byte 7 is byte 23.
    const data = pattern(0x10000, 5);
    data[7] = 0;
    const img = buildEsp8266V1([{ addr: 0x40100000, data }, ...ESP8266_RAM.slice(1)]);
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual([]);
    expect(r.format).toBe('esp8266-v1');
  });

  it('v1 checksum wrong', async () => {
    const img = buildEsp8266V1();
    img[20]! ^= 1;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_CHECKSUM_MISMATCH']);
  });

  it('v1 trailing data (merged flash dump)', async () => {
    const img = Buffer.concat([buildEsp8266V1(), pattern(4096, 2)]);
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_TRAILING_DATA']);
  });

  it('v2 image: irom0 blob, RAM segments, checksum and CRC', async () => {
    const img = buildEsp8266V2();
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual([]);
    expect(r).toMatchObject({ kind: 'esp8266-app', format: 'esp8266-v2', chip: 'esp8266', checksum_valid: true, verified: true, image_len: img.length });
    expect(r.segments.map((s) => s.type)).toEqual(['IROM0', 'RAM', 'RAM', 'RAM']);
    expect(warningCodes(r)).toEqual([]);
  });

  it('v2 CRC rule covers both branches (bit 31 set and clear)', async () => {
    const seen = new Set<boolean>();
    for (let seed = 1; seed < 40 && seen.size < 2; seed++) {
      const img = buildEsp8266V2(pattern(64 + seed * 16, seed));
      seen.add((zlib.crc32(img.subarray(0, img.length - 4)) & 0x80000000) !== 0);
      expect((await inspectBuf(img)).verified).toBe(true);
    }
    expect(seen.size).toBe(2);
  });

  it('v2 irom0 change is caught by the CRC (the checksum does not cover it)', async () => {
    const img = buildEsp8266V2();
    img[100]! ^= 0x10;
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_V2_CRC_MISMATCH']);
    expect(r.checksum_valid).toBe(true);
  });

  it('v2 CRC bytes wrong', async () => {
    const img = buildEsp8266V2();
    img[img.length - 2]! ^= 1;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_V2_CRC_MISMATCH']);
  });

  it('v2 RAM segment change: checksum and CRC', async () => {
    const img = buildEsp8266V2();
    img[img.length - 100]! ^= 1;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_CHECKSUM_MISMATCH', 'ESP_V2_CRC_MISMATCH']);
  });

  it('v2 second header missing', async () => {
    const img = buildEsp8266V2(pattern(64, 1));
    img[16 + 64] = 0x00;
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_V2_BAD_SECOND_HEADER']);
  });

  it('v2 headers that disagree are a warning', async () => {
    const img = buildEsp8266V2(pattern(64, 1));
    img[2] = 0; // first header says QIO, second DIO
    img.writeUInt32LE(0x40100000 + 1, 4);
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_V2_CRC_MISMATCH']); // the CRC covers the first header too
    expect(warningCodes(r)).toEqual(['ESP_V2_HEADER_MISMATCH', 'ESP_V2_HEADER_MISMATCH']);
  });

  it('v2 truncated before the CRC', async () => {
    const img = buildEsp8266V2();
    expect(errorCodes(await inspectBuf(img.subarray(0, img.length - 2)))).toEqual(['ESP_TRUNCATED']);
  });

  it('RTOS SDK v3 image: ESP32 layout with chip id 0 and an ESP8266 entry point', async () => {
    const segs = [
      { addr: 0x40200020, data: Buffer.concat([appDesc({ project: 'rtos', version: 'v3' }), pattern(256, 2)]) },
      ...ESP8266_RAM,
    ];
    const r = await inspectBuf(buildEsp32({ chipId: 0, wpPin: 0, maxRevFull: 0, entry: 0x40100010, segments: segs }));
    expect(errorCodes(r)).toEqual([]);
    expect(r).toMatchObject({ kind: 'esp8266-app', format: 'esp8266-rtos', chip: 'esp8266', project: 'rtos', version: 'v3', hash_valid: true });
  });
});
