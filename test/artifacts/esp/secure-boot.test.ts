import { describe, expect, it } from 'vitest';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as zlib from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectEsp } from '../../../src/artifacts/esp/index.js';
import { appSegments, blockKeyDigest, buildApp, buildBootloader, buildEsp32, CHIP_WINDOWS, signSbv2, withFiller, type SbKeyType } from './builder.js';
import { errorCodes, inspectBuf, keys, warningCodes } from './helpers.js';
import { p256, rsa2048 as rsa2048Pair } from '../../helpers/keys.js';

const SCHEMES: SbKeyType[] = ['rsa3072', 'ecdsa-p256', 'ecdsa-p384'];
/** A chip whose bootloader accepts every scheme (no restriction in the chip table). */
const ANY_SCHEME_CHIP = 'esp32c6';

describe('Secure Boot v2', () => {
  for (const type of SCHEMES) {
    describe(type, () => {
      const signed = () => signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()[type], type }]);

      it('verifies without pinned keys and reports the key digest', async () => {
        const s = signed();
        const r = await inspectBuf(s.image);
        expect(errorCodes(r)).toEqual([]);
        expect(r.verified).toBe(true);
        expect(r.secure_boot).toEqual({
          version: 2,
          signed_length: s.signedLength,
          key_digests: [blockKeyDigest(s.blocks[0]!)],
          verified: true,
          blocks: [
            {
              index: 0,
              scheme: type,
              key_digest: blockKeyDigest(s.blocks[0]!),
              crc_valid: true,
              digest_valid: true,
              signature_valid: true,
              trusted: null,
              verified: true,
            },
          ],
        });
        expect(r.hash_valid).toBe(true);
      });

      it('trusted key digest', async () => {
        const s = signed();
        const digest = blockKeyDigest(s.blocks[0]!);
        const r = await inspectBuf(s.image, [digest.toUpperCase().replace(/(..)/g, '$1:').slice(0, -1)]);
        expect(r.verified).toBe(true);
        expect(r.secure_boot!.blocks[0]!.trusted).toBe(true);
      });

      it('untrusted key digest', async () => {
        const r = await inspectBuf(signed().image, ['00'.repeat(32)]);
        expect(errorCodes(r)).toEqual(['ESP_SB_KEY_NOT_TRUSTED']);
        expect(r.verified).toBe(false);
        expect(r.secure_boot!.verified).toBe(false);
        expect(r.secure_boot!.blocks[0]).toMatchObject({ signature_valid: true, trusted: false, verified: false });
      });

      it('image byte changed after signing', async () => {
        const s = signed();
        const img = Buffer.from(s.image);
        img[0x150]! ^= 1;
        expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_CHECKSUM_MISMATCH', 'ESP_HASH_MISMATCH', 'ESP_SB_DIGEST_MISMATCH', 'ESP_SB_SIGNATURE_INVALID']);
      });

      it('0xFF filler changed after signing (covered by the signature only)', async () => {
        const s = signed();
        const img = Buffer.from(s.image);
        img[s.signedLength - 1] = 0;
        expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_SB_DIGEST_MISMATCH', 'ESP_SB_SIGNATURE_INVALID']);
      });

      it('signature forged with CRC fixed up', async () => {
        const s = signed();
        const img = Buffer.from(s.image);
        const sigAt = type === 'rsa3072' ? 812 : type === 'ecdsa-p256' ? 101 : 149;
        img[s.signedLength + sigAt + 3]! ^= 1;
        fixCrc(img, s.signedLength);
        expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_SB_SIGNATURE_INVALID']);
      });

      it('block CRC wrong', async () => {
        const s = signed();
        const img = Buffer.from(s.image);
        img[s.signedLength + 1196]! ^= 1;
        const r = await inspectBuf(img);
        expect(errorCodes(r)).toEqual(['ESP_SB_BLOCK_CRC']);
        expect(r.secure_boot!.blocks[0]).toMatchObject({ crc_valid: false, verified: false });
      });

      it('signature sector truncated', async () => {
        const s = signed();
        expect(errorCodes(await inspectBuf(s.image.subarray(0, s.image.length - 100)))).toEqual(['ESP_TRUNCATED']);
      });
    });
  }

  it('ECDSA P-192 (ESP32-C2): packed 24-byte values, trusted by digest and by PEM', async () => {
    const s = signSbv2(buildApp('esp32c2'), [{ key: keys()['ecdsa-p192'], type: 'ecdsa-p192' }]);
    const digest = blockKeyDigest(s.blocks[0]!);
    const r = await inspectBuf(s.image, [digest]);
    expect(errorCodes(r)).toEqual([]);
    expect(r.secure_boot!.blocks[0]).toMatchObject({ scheme: 'ecdsa-p192', signature_valid: true, trusted: true });
    const dir = await mkdtemp(join(tmpdir(), 'otactl-esp-'));
    try {
      const pem = join(dir, 'p192.pem');
      const fw = join(dir, 'fw.bin');
      await writeFile(pem, createPublicKey(keys()['ecdsa-p192']).export({ format: 'pem', type: 'spki' }));
      await writeFile(fw, s.image);
      expect((await inspectEsp(fw, { trustedKeys: [pem] })).report.secure_boot!.blocks[0]!.trusted).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('image already ending on 4 KiB (elf2image --secure-pad-v2): the sector follows with no filler', async () => {
    const w = CHIP_WINDOWS.esp32s3!;
    const img = buildEsp32({ chipId: w.chipId, segments: withFiller(appSegments(w), 3 * 4096) });
    const s = signSbv2(img, [{ key: keys().rsa3072, type: 'rsa3072' }]);
    expect(s.signedLength).toBe(img.length);
    const r = await inspectBuf(s.image);
    expect(errorCodes(r)).toEqual([]);
    expect(r.image_len).toBe(s.signedLength);
    expect(r.secure_boot!.signed_length).toBe(s.signedLength);
  });

  it('stored digest changed with CRC fixed up', async () => {
    const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    const img = Buffer.from(s.image);
    img[s.signedLength + 4]! ^= 1;
    fixCrc(img, s.signedLength);
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_SB_DIGEST_MISMATCH']);
  });

  it('RSA block with rinv that does not match n', async () => {
    const s = signSbv2(buildApp('esp32s3'), [{ key: keys().rsa3072, type: 'rsa3072' }]);
    const img = Buffer.from(s.image);
    img[s.signedLength + 500]! ^= 1;
    fixCrc(img, s.signedLength);
    const r = await inspectBuf(img);
    expect(errorCodes(r)).toEqual(['ESP_SB_BAD_BLOCK']);
    expect(r.errors[0]!.message).toMatch(/rinv/);
  });

  it('ECDSA point not on the curve', async () => {
    const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    const img = Buffer.from(s.image);
    img[s.signedLength + 40]! ^= 1;
    fixCrc(img, s.signedLength);
    expect(errorCodes(await inspectBuf(img))).toEqual(['ESP_SB_BAD_BLOCK']);
  });

  it('three blocks, one trusted', async () => {
    const k = keys();
    const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [
      { key: k.rsa3072, type: 'rsa3072' },
      { key: k['ecdsa-p256'], type: 'ecdsa-p256' },
      { key: k['ecdsa-p384'], type: 'ecdsa-p384' },
    ]);
    const digests = s.blocks.map(blockKeyDigest);
    const r = await inspectBuf(s.image, [digests[2]!]);
    expect(errorCodes(r)).toEqual([]);
    expect(warningCodes(r)).toEqual(['ESP_SB_KEY_NOT_TRUSTED', 'ESP_SB_KEY_NOT_TRUSTED']);
    expect(r.secure_boot!.key_digests).toEqual(digests);
    expect(r.secure_boot!.blocks.map((b) => b.trusted)).toEqual([false, false, true]);
    expect(r.verified).toBe(true);
  });

  it('ESP32 checks block 0 only', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey;
    const s = signSbv2(buildApp('esp32'), [
      { key: other, type: 'rsa3072' },
      { key: keys().rsa3072, type: 'rsa3072' },
    ]);
    const r = await inspectBuf(s.image, [blockKeyDigest(s.blocks[1]!)]);
    expect(errorCodes(r)).toEqual(['ESP_SB_KEY_NOT_TRUSTED']);
    expect(warningCodes(r)).toContain('ESP_SB_EXTRA_BLOCKS_IGNORED');
    expect(r.verified).toBe(false);
  });

  it('scheme the chip cannot verify', async () => {
    const s = signSbv2(buildApp('esp32s3'), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    expect(errorCodes(await inspectBuf(s.image))).toEqual(['ESP_SB_SCHEME_UNSUPPORTED']);
    const c2 = signSbv2(buildApp('esp32c2'), [{ key: keys().rsa3072, type: 'rsa3072' }]);
    expect(errorCodes(await inspectBuf(c2.image))).toEqual(['ESP_SB_SCHEME_UNSUPPORTED']);
    const ok = signSbv2(buildApp('esp32c2'), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    expect((await inspectBuf(ok.image)).verified).toBe(true);
  });

  it('garbage in the unused part of the signature sector', async () => {
    const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    for (const at of [1216, 3000, 4095]) {
      const img = Buffer.from(s.image);
      img[s.signedLength + at] = 0x00;
      const r = await inspectBuf(img);
      expect(errorCodes(r)).toEqual(['ESP_SB_SECTOR_GARBAGE']);
      expect(r.errors[0]!.params).toEqual({ offset: s.signedLength + at });
    }
  });

  it('data after the signature sector', async () => {
    const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()['ecdsa-p256'], type: 'ecdsa-p256' }]);
    const r = await inspectBuf(Buffer.concat([s.image, Buffer.alloc(16, 0xff)]));
    expect(errorCodes(r)).toEqual(['ESP_TRAILING_DATA']);
    expect(r.secure_boot!.verified).toBe(true);
  });

  it('a malformed trusted digest is a usage error, not an untrusted image', async () => {
    await expect(inspectBuf(buildApp('esp32'), ['abc'])).rejects.toMatchObject({ code: 'E_TRUSTED_KEY' });
  });

  it('pinned keys but an unsigned image', async () => {
    expect(errorCodes(await inspectBuf(buildApp('esp32'), ['ab'.repeat(32)]))).toEqual(['ESP_SB_NOT_SIGNED']);
  });

  it('signed bootloader is still refused for OTA', async () => {
    const s = signSbv2(buildBootloader(5), [{ key: keys().rsa3072, type: 'rsa3072' }]);
    const r = await inspectBuf(s.image);
    expect(errorCodes(r)).toEqual(['ESP_BOOTLOADER_NOT_OTA']);
    expect(r.secure_boot!.verified).toBe(true);
  });

  it('trusted PEM keys (public, private) pin the same digest espsecure would burn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otactl-esp-'));
    try {
      for (const type of SCHEMES) {
        const s = signSbv2(buildApp(ANY_SCHEME_CHIP), [{ key: keys()[type], type }]);
        const fw = join(dir, `${type}.bin`);
        const pub = join(dir, `${type}.pub.pem`);
        const priv = join(dir, `${type}.pem`);
        await writeFile(fw, s.image);
        await writeFile(pub, createPublicKey(keys()[type]).export({ format: 'pem', type: 'spki' }));
        await writeFile(priv, keys()[type].export({ format: 'pem', type: 'pkcs8' }));
        for (const keyPath of [pub, priv]) {
          const { report, facts } = await inspectEsp(fw, { trustedKeys: [keyPath] });
          expect(errorCodes(report)).toEqual([]);
          expect(report.secure_boot!.blocks[0]!.trusted).toBe(true);
          expect(facts).toMatchObject({ chip: ANY_SCHEME_CHIP, version_name: '1.4.2', secure_version: 3 });
        }
        const other = join(dir, 'other.pem');
        await writeFile(other, createPublicKey(p256().privateKey).export({ format: 'pem', type: 'spki' }));
        expect(errorCodes((await inspectEsp(fw, { trustedKeys: [other] })).report)).toEqual(['ESP_SB_KEY_NOT_TRUSTED']);
      }
      const bad = join(dir, 'bad.pem');
      await writeFile(bad, 'not a key');
      await expect(inspectEsp(join(dir, 'rsa3072.bin'), { trustedKeys: [bad] })).rejects.toMatchObject({ code: 'E_TRUSTED_KEY' });
      const rsa2048 = join(dir, 'rsa2048.pem');
      await writeFile(rsa2048, createPublicKey(rsa2048Pair().privateKey).export({ format: 'pem', type: 'spki' }));
      await expect(inspectEsp(join(dir, 'rsa3072.bin'), { trustedKeys: [rsa2048] })).rejects.toMatchObject({ code: 'E_TRUSTED_KEY' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Recomputes a block's CRC after a test edited it, so the later checks are reached. */
function fixCrc(img: Buffer, sectorAt: number, block = 0): void {
  const at = sectorAt + block * 1216;
  img.writeUInt32LE(zlib.crc32(img.subarray(at, at + 1196)), at + 1196);
}

