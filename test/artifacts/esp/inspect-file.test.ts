import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectArtifact } from '../../../src/artifacts/index.js';
import { inspectEsp } from '../../../src/artifacts/esp/index.js';
import { espFamily } from '../../../src/artifacts/esp/family.js';
import { ESP_ISSUE_CODES } from '../../../src/artifacts/esp/issues.js';
import type { ByteSource } from '../../../src/util/byte-source.js';
import { BufferSource } from '../../../src/util/byte-source.js';
import { inspectEspSource } from '../../../src/artifacts/esp/index.js';
import { buildApp, buildBootloader, buildEncrypted, buildEsp8266V2 } from './builder.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otactl-esp-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, data: Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
}

describe('inspectEsp on files', () => {
  it('returns the report and the release facts (no version_code)', async () => {
    const img = buildApp('esp32s3');
    const { report, facts } = await inspectEsp(await file('app.bin', img));
    expect(report.verified).toBe(true);
    expect(report.sha256).toBe(createHash('sha256').update(img).digest('hex'));
    expect(report.size).toBe(img.length);
    expect(facts).toEqual({
      chip: 'esp32s3',
      secure_version: 3,
      version_name: '1.4.2',
      extra: { project: 'blink', idf_version: 'v5.2.1', elf_sha256: createHash('sha256').update('elf').digest('hex') },
    });
    expect(facts.version_code).toBeUndefined();
  });

  it('the artifact registry routes 0xE9, 0xEA and encrypted images here', async () => {
    for (const [name, data, kind] of [
      ['a.bin', buildApp('esp32c3'), 'esp-app'],
      ['b.bin', buildEsp8266V2(), 'esp8266-app'],
      ['c.bin', buildEncrypted(), 'esp-encrypted'],
      ['d.bin', buildBootloader(9), 'esp-bootloader'],
    ] as const) {
      const { report } = await inspectArtifact(await file(name, data));
      expect(report.kind).toBe(kind);
    }
    expect(espFamily.detect(Buffer.from([0xe9]))).toBe(true);
    expect(espFamily.detect(Buffer.from([0x50, 0x4b, 3, 4]))).toBe(false);
  });

  it('bootloader facts carry the chip only', async () => {
    const { facts } = await inspectEsp(await file('boot.bin', buildBootloader(0)));
    expect(facts).toEqual({ chip: 'esp32' });
  });

  it('a missing file is an I/O error, not a report', async () => {
    await expect(inspectEsp(join(dir, 'nope.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('streams big images: reads stay in bounded chunks', async () => {
    const img = buildApp('esp32', { text: 6 * 1024 * 1024 });
    const inner = new BufferSource(img);
    let largest = 0;
    let total = 0;
    const count = (l: number) => {
      largest = Math.max(largest, l);
      total += l;
    };
    const counting: ByteSource = {
      size: inner.size,
      read: async (o, l) => (count(l), inner.read(o, l)),
      readInto: async (b, o, l) => (count(l), inner.readInto(b, o, l)),
    };
    const { report } = await inspectEspSource(counting);
    expect(report.verified).toBe(true);
    expect(largest).toBeLessThanOrEqual(1 << 20);
    // One pass over the bytes plus a few headers.
    expect(total).toBeLessThan(img.length + 4096);
  });

  it('every issue code is documented in docs/esp-firmware.md', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../docs/esp-firmware.md', import.meta.url), 'utf8');
    for (const code of ESP_ISSUE_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});
