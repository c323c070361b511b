/**
 * Independent checker's attacks on the signer pin (issue 17 item 1), with inputs the other tests
 * do not use: what a store writer without the signing key can delete or plant.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { memoryRelease, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'demo';

async function remove(r: MemoryRelease, prefix: string): Promise<void> {
  for (const key of (r.store as MemoryStore).keys()) if (key.startsWith(prefix)) await r.store.delete(key);
}

describe('a store writer cannot make an upload a first upload again', () => {
  for (const junk of [`apps/${APP}/builds/a`, `apps/${APP}/builds/0/x.json`, `apps/${APP}/builds/a.txt`]) {
    it(`app.json and every manifest deleted, the release records kept, and ${junk} planted in front of them: still E_APP_RECORD`, async () => {
      const r = await memoryRelease();
      await r.build(1);
      await remove(r, layout.app(APP));
      await r.store.putIfAbsent(junk, Buffer.from('{}'));
      await expect(r.build(2)).rejects.toMatchObject({ code: 'E_APP_RECORD', exitCode: 5 });
      expect(await r.store.get(layout.app(APP))).toBeNull();
    });
  }
});
