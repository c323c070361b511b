import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BufferSource } from '../../src/util/byte-source.js';
import { openZip } from '../../src/artifacts/apk/zip.js';
import { fixture } from './helpers.js';

describe('openZip', () => {
  it('reads the central directory and inflates entries', async () => {
    const zip = await openZip(new BufferSource(readFileSync(fixture('golden-aligned-out.apk'))));
    if (!('entries' in zip)) throw new Error(zip.message);
    expect(zip.entries.map((e) => e.name)).toContain('AndroidManifest.xml');
    for (const e of zip.entries) expect((await zip.readEntry(e)).length).toBe(e.uncompressedSize);
  });
});
