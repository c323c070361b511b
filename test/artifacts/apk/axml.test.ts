import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BufferSource } from '../../../src/util/byte-source.js';
import { openZip, findEntry } from '../../../src/artifacts/apk/zip.js';
import { isIssue } from '../../../src/artifacts/apk/issues.js';
import { codenameToSdk, parseManifest, type ManifestInfo } from '../../../src/artifacts/apk/axml.js';
import { fixture } from './helpers.js';

async function manifestBytes(apk: string): Promise<Buffer> {
  const zip = await openZip(new BufferSource(readFileSync(fixture(apk))));
  if (isIssue(zip)) throw new Error(zip.message);
  return Buffer.from(await zip.readEntry(findEntry(zip, 'AndroidManifest.xml')!));
}

function info(buf: Buffer): ManifestInfo {
  const m = parseManifest(buf);
  if (isIssue(m)) throw new Error(m.message);
  return m;
}

describe('binary AndroidManifest.xml', () => {
  it('reads versionCode, versionCodeMajor, SDK levels and sandbox (docs/formats.md B.6 example)', async () => {
    const m = info(await manifestBytes('original-with-versionCodeMajor.apk'));
    expect(m).toMatchObject({
      package: 'android.appsecurity.cts.tinyapp',
      versionCode: 25,
      versionCodeMajor: 1,
      longVersionCode: 0x1_0000_0019,
      versionName: '1.0',
      minSdk: 30,
      targetSdk: 28,
      targetSandboxVersion: 2,
    });
  });

  it('defaults minSdk to 1 and targetSdk to minSdk without <uses-sdk>', async () => {
    const m = info(await manifestBytes('v1-only-no-uses-sdk.apk'));
    expect(m.minSdk).toBe(1);
    expect(m.targetSdk).toBe(1);
  });

  it('reads targetSandboxVersion', async () => {
    expect(info(await manifestBytes('targetSandboxVersion-2.apk')).targetSandboxVersion).toBe(2);
  });

  it('maps preview codenames like apksig', () => {
    expect(codenameToSdk('O')).toBe(25);
    expect(codenameToSdk('P')).toBe(26);
    expect(codenameToSdk('M')).toBe(22);
  });

  it('turns truncated and garbage input into APK_MANIFEST_MALFORMED', async () => {
    const good = await manifestBytes('original-with-versionCodeMajor.apk');
    for (const bad of [Buffer.alloc(0), Buffer.alloc(7), Buffer.alloc(64, 0xff), good.subarray(0, 100)]) {
      const m = parseManifest(bad);
      expect(isIssue(m) ? m.code : 'parsed').toBe('APK_MANIFEST_MALFORMED');
    }
  });

  it('never throws on mutated manifests (deterministic fuzz)', async () => {
    const good = await manifestBytes('original-with-versionCodeMajor.apk');
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(good);
      for (let k = 0; k < 1 + rand(8); k++) buf[rand(buf.length)] = rand(256);
      const m = parseManifest(buf.subarray(0, rand(2) ? buf.length : rand(buf.length)));
      expect(m).toBeTypeOf('object');
    }
  });
});
