import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BufferSource } from '../../src/util/byte-source.js';
import { openZip } from '../../src/artifacts/apk/zip.js';
import { isIssue } from '../../src/artifacts/apk/issues.js';
import { findSigningBlock } from '../../src/artifacts/apk/signing-block.js';
import { digestApk } from '../../src/artifacts/apk/digest.js';
import { sha256Hex } from '../../src/util/hash.js';
import { fixture } from './helpers.js';

async function digests(apk: string) {
  const buf = readFileSync(fixture(apk));
  const src = new BufferSource(buf);
  const zip = await openZip(src);
  if (isIssue(zip)) throw new Error(zip.message);
  const lookup = await findSigningBlock(zip);
  if (!lookup.found) throw new Error('no block');
  const sections = { signingBlockOffset: lookup.block.offset, cdOffset: zip.cdOffset, eocdOffset: zip.eocdOffset };
  return { buf, sections, result: await digestApk(src, sections, new Set(['CHUNKED_SHA256', 'CHUNKED_SHA512', 'VERITY_SHA256'])) };
}

describe('content digests (formats.md A.8)', () => {
  it('chunked SHA-256 of golden-aligned-v1v2v3-out.apk matches the memo', async () => {
    const { sections, result } = await digests('golden-aligned-v1v2v3-out.apk');
    expect(sections).toEqual({ signingBlockOffset: 8192, cdOffset: 12288, eocdOffset: 12865 - 22 });
    expect(result.content.get('CHUNKED_SHA256')!.toString('hex')).toBe('42d10f4dd6c158709f9b578aa1c96ca0fe5763fc2f4e696f691126548336b929');
  });

  it('verity SHA-256 of golden-rsa-verity-out.apk matches the memo example', async () => {
    const { result } = await digests('golden-rsa-verity-out.apk');
    const verity = result.content.get('VERITY_SHA256')!;
    expect(verity.length).toBe(40);
    expect(verity.subarray(0, 4).toString('hex')).toBe('e767e32f');
    expect(verity.subarray(30, 32).toString('hex')).toBe('250a');
    expect(verity.subarray(32).toString('hex')).toBe('9721000000000000');
  });

  it('computes the whole-file SHA-256 in the same pass', async () => {
    const { buf, result } = await digests('golden-rsa-verity-out.apk');
    expect(result.sha256).toBe(sha256Hex(buf));
    expect(result.size).toBe(buf.length);
  });
});
