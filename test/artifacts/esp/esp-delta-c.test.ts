/**
 * otactl's esp_delta_ota patches against the reference applier: detools' C library, pinned at the
 * commit esp_delta_ota builds (detools-c/PROVENANCE.md), compiled here with gcc with
 * esp_delta_ota's flags, applying patches the way the component does. Real ESP-IDF images
 * (hello_world, ESP32) and variants; damaged, truncated and foreign patches never yield an image
 * that passes the SHA-256 check.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEspDelta } from '../../../src/artifacts/esp/delta/index.js';
import { suffixArray } from '../../../src/artifacts/esp/delta/suffix-array.js';
import { applyDetoolsPatch, applyEspDelta, ESP_DELTA_HEADER_LEN } from '../../../src/protocol/esp-delta.js';
import { FIXTURES, hello, parseImage, seal, validationHash, variant } from './delta-images.mjs';

const C_DIR = fileURLToPath(new URL('./detools-c/', import.meta.url));
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let dir: string;
let driver: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'otactl-delta-'));
  driver = join(dir, 'apply_patch');
  execFileSync('gcc', [
    '-O1', '-Wall', '-Werror',
    '-DDETOOLS_CONFIG_FILE_IO=0', '-DDETOOLS_CONFIG_COMPRESSION_NONE=0',
    '-DDETOOLS_CONFIG_COMPRESSION_LZMA=0', '-DDETOOLS_CONFIG_COMPRESSION_CRLE=0',
    '-I', C_DIR, '-I', join(C_DIR, 'heatshrink'),
    '-o', driver,
    join(C_DIR, 'apply_patch.c'), join(C_DIR, 'detools.c'), join(C_DIR, 'heatshrink', 'heatshrink_decoder.c'),
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Runs the C applier; `running` is the device's image validation hash (null: bare detools patch). */
function applyC(base: Buffer, patch: Buffer, running: Buffer | null, chunk = 1024): { status: number; out: Buffer; stderr: string } {
  const id = n++;
  const [b, p, o] = ['base', 'patch', 'out'].map((x) => join(dir, `${x}-${id}.bin`)) as [string, string, string];
  writeFileSync(b, base);
  writeFileSync(p, patch);
  const r = spawnSync(driver, [b, p, o, running ? running.toString('hex') : '-', String(chunk)], { encoding: 'utf8' });
  const out = r.status === 0 ? readFileSync(o) : Buffer.alloc(0);
  for (const f of [b, p, o]) rmSync(f, { force: true });
  return { status: r.status ?? -1, out, stderr: r.stderr };
}

const base = hello();
const pairs: Array<[string, Buffer]> = [
  ['version string only', variant(base, { version: 'v1.0.1' })],
  ['version + 60 code words', variant(base, { version: 'v1.0.1', words: 60, seed: 3 })],
  ['version + code inserted mid-image', variant(base, { version: 'v1.1.0', words: 20, insert: 1000, seed: 5 })],
  ['a much larger rewrite', variant(base, { version: 'v2', words: 4000, insert: 20000, seed: 9 })],
];

describe('format facts, checked against esp_delta_ota\'s own test vectors', () => {
  it('the TypeScript applier reads a patch Python detools made (esp_delta_ota test_apps assets)', () => {
    const [b, nw, p] = ['base', 'new', 'patch'].map((f) => readFileSync(FIXTURES + f + '.bin'));
    expect(applyDetoolsPatch(b!, p!).equals(nw!)).toBe(true);
    // and the vendored C library agrees
    expect(applyC(b!, p!, null).out.equals(nw!)).toBe(true);
  });

  it('the test images are what they claim: the fixture re-seals to itself (checksum and hash recomputed)', () => {
    expect(seal(parseImage(base)).equals(base)).toBe(true);
    expect(sha(base.subarray(0, base.length - 32))).toBe(validationHash(base).toString('hex'));
  });

  it('suffix array: the same order as a plain sort, on bytes with long repeats', () => {
    const s = Buffer.concat([Buffer.alloc(300, 0xff), base.subarray(1000, 3000), Buffer.alloc(50), base.subarray(1000, 1500)]);
    const naive = [...Array(s.length).keys()].sort((a, b) => Buffer.compare(s.subarray(a), s.subarray(b)));
    expect([...suffixArray(s)]).toEqual(naive);
  });
});

describe('otactl patches applied by detools\' C library (as esp_delta_ota runs it)', () => {
  for (const [name, target] of pairs) {
    it(`${name}: byte for byte, in 1024-byte and 1-byte feeds`, () => {
      const patch = makeEspDelta(base, target, validationHash(base));
      expect(patch.equals(makeEspDelta(base, target, validationHash(base)))).toBe(true); // deterministic
      expect(patch.readUInt32LE(0)).toBe(0xfccdde10);
      expect(patch.subarray(4, 36).equals(validationHash(base))).toBe(true);
      expect(patch.subarray(36, 64).equals(Buffer.alloc(28))).toBe(true);
      for (const chunk of [1024, 1]) {
        const r = applyC(base, patch, validationHash(base), chunk);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.out.equals(target)).toBe(true);
      }
      expect(applyEspDelta(base, patch, { baseValidationHash: validationHash(base), expectedSha256: sha(target) }).equals(target)).toBe(true);
    });
  }

  it('a small change gives a small patch (under 10 % of the image)', () => {
    const target = pairs[2]![1];
    expect(makeEspDelta(base, target, validationHash(base)).length).toBeLessThan(target.length / 10);
  });

  it('unrelated images and an empty base still round-trip (all literals, long zero runs)', () => {
    const target = Buffer.concat([Buffer.alloc(5000), base.subarray(0, 3000), Buffer.alloc(300, 0xff)]);
    for (const b of [Buffer.alloc(0), Buffer.from(base.subarray(40000, 41000))]) {
      const patch = makeEspDelta(b, target, Buffer.alloc(32, 7));
      const r = applyC(b, patch, Buffer.alloc(32, 7), 97);
      expect(r.status).toBe(0);
      expect(r.out.equals(target)).toBe(true);
    }
  });
});

describe('bad patches never give an image that verifies', () => {
  const target = pairs[2]![1];
  const running = validationHash(base);
  const patch = makeEspDelta(base, target, running);
  const opts = { baseValidationHash: running, expectedSha256: sha(target) };

  it('a patch for another base is refused by its header, in C and in TypeScript', () => {
    const other = pairs[3]![1];
    const r = applyC(other, patch, validationHash(other));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/another base/);
    expect(() => applyEspDelta(other, patch, { ...opts, baseValidationHash: validationHash(other) })).toThrow(/another base/);
    // Without the header check detools cannot tell: the image it writes is wrong, which the SHA-256 catches.
    const blind = applyC(other, patch.subarray(ESP_DELTA_HEADER_LEN), null);
    expect(blind.status === 0 && sha(blind.out) === sha(target)).toBe(false);
    expect(() => applyEspDelta(other, patch, { ...opts, baseValidationHash: running })).toThrow(/SHA-256/);
  });

  it('a wrong magic is refused', () => {
    const bad = Buffer.from(patch);
    bad[0] = bad[0]! ^ 1;
    expect(applyC(base, bad, running).status).toBe(3);
    expect(() => applyEspDelta(base, bad, opts)).toThrow(/magic/);
  });

  it('a patch announcing a larger image than the build is refused before anything is applied', () => {
    expect(() => applyEspDelta(base, patch, { ...opts, maxSize: target.length - 1 })).toThrow(/more than/);
    expect(applyEspDelta(base, patch, { ...opts, maxSize: target.length }).equals(target)).toBe(true);
  });

  it('truncated patches: the C library reports missing data; TypeScript refuses', () => {
    for (const cut of [ESP_DELTA_HEADER_LEN - 1, ESP_DELTA_HEADER_LEN + 1, ESP_DELTA_HEADER_LEN + 5, Math.floor(patch.length / 2), patch.length - 1]) {
      const short = patch.subarray(0, cut);
      const r = applyC(base, short, running);
      expect(r.status, `cut at ${cut}`).not.toBe(0);
      expect(() => applyEspDelta(base, short, opts)).toThrow();
    }
  });

  it('corrupted patches: the C library refuses most; what it writes otherwise fails the SHA-256 (the TypeScript applier agrees)', () => {
    let refusedByC = 0;
    let harmless = 0;
    const positions = [64, 65, 66, 67, 70, 100, 200, 500, Math.floor(patch.length / 2), patch.length - 2];
    for (const at of positions) {
      const bad = Buffer.from(patch);
      bad[at] = bad[at]! ^ 0x5a;
      const r = applyC(base, bad, running);
      if (r.status !== 0) refusedByC++;
      // A flip in bits nothing reads (the last seek, the padding) still yields the exact image.
      const exact = r.status === 0 && r.out.equals(target);
      if (exact) harmless++;
      let ts: Buffer | null = null;
      try {
        ts = applyEspDelta(base, bad, opts);
      } catch {
        ts = null;
      }
      expect(ts === null ? false : ts.equals(target), `flip at ${at}`).toBe(exact);
    }
    expect(refusedByC).toBeGreaterThanOrEqual(positions.length / 2);
    expect(harmless).toBeLessThanOrEqual(2);
  });
});
