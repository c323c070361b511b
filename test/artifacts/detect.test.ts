import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFamily, familyNamed, familyOfKind, inspectArtifact } from '../../src/artifacts/index.js';
import { buildApp } from './esp/builder.js';

/** One detection rule for inspect and upload: --kind, else the name's claim (which must hold), else the first bytes. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otactl-detect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const file = async (name: string, data: Buffer) => {
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
};
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);

describe('chooseFamily', () => {
  it.each([
    ['app.apk', ZIP, 'apk', 'name'],
    ['APP.APK', randomBytes(64), 'apk', 'name'],
    ['archive.zip', ZIP, 'file', 'content'],
    ['fw.bin', Buffer.from([0xe9, 3]), 'esp', 'content'],
    ['fw', Buffer.from([0xea, 3]), 'esp', 'content'],
    ['notes.txt', Buffer.from('hello'), 'file', 'content'],
  ])('%s', (name, head, family, by) => {
    const chosen = chooseFamily(head, `/some/dir/${name}`);
    expect([chosen.family.name, chosen.by]).toEqual([family, by]);
  });

  it('--kind wins over the name, and an unknown kind is exit 2', () => {
    expect(chooseFamily(randomBytes(64), 'r.apk', familyNamed('file')).family.name).toBe('file');
    expect(() => familyNamed('zip')).toThrow(expect.objectContaining({ code: 'E_KIND', exitCode: 2 }));
  });

  it('maps every inspector kind to its family', () => {
    expect(['apk', 'esp-app', 'esp-bootloader', 'esp8266-app', 'file'].map(familyOfKind)).toEqual(['apk', 'esp', 'esp', 'esp', 'file']);
    expect(familyOfKind('ipa')).toBeNull();
  });
});

describe('inspectArtifact', () => {
  it('random bytes named .apk are inspected as an APK and do not verify; --kind file takes them as a file', async () => {
    const path = await file('r.apk', randomBytes(3000));
    const { report, family } = await inspectArtifact(path);
    expect(family).toBe('apk');
    expect(report.kind).toBe('apk');
    expect(report.verified).toBe(false);
    expect(report.errors.map((e) => e.code)).toContain('APK_NOT_ZIP');
    expect(report.warnings.map((w) => w.code)).toContain('ARTIFACT_NAME_CLAIM');
    const asFile = await inspectArtifact(path, {}, 'file');
    expect([asFile.family, asFile.report.verified]).toEqual(['file', true]);
  });

  it('an empty file is never a build, whatever its kind', async () => {
    for (const [name, kind] of [['empty.bin', undefined], ['empty.apk', undefined], ['empty.img', 'esp'], ['empty.dat', 'file']] as const) {
      const { report } = await inspectArtifact(await file(name, Buffer.alloc(0)), {}, kind);
      expect(report.verified, name).toBe(false);
    }
    const { report } = await inspectArtifact(await file('empty2.bin', Buffer.alloc(0)));
    expect(report.errors.map((e) => e.code)).toEqual(['FILE_EMPTY']);
  });

  it('an ESP image is still found by its first bytes', async () => {
    const { family, report } = await inspectArtifact(await file('fw.bin', buildApp('esp32c3')));
    expect([family, report.kind, report.verified]).toEqual(['esp', 'esp-app', true]);
  });
});
