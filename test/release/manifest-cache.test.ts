/**
 * Cache-Control of channel manifests: 30 s unless the repository is told otherwise (the library's
 * manifestMaxAge; the CLI's config and env in test/cli/manifest-max-age.test.ts), written with the
 * manifest and served as written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository, promote, releaseDeps, upload } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { serveStore } from '../../src/edge/http-server.js';
import { p256, scratchDir } from '../helpers/memory-release.js';

const scratch = scratchDir('manifest-cache');
const key = p256();

/** Publishes one build on a file store and returns the manifest's Cache-Control as otactl serve sends it. */
async function servedCacheControl(name: string, manifestMaxAge?: number): Promise<string | null> {
  const root = join(scratch, name);
  mkdirSync(root);
  const repo = await openRepository({ store: root, trustedKeys: [key.publicKey], signingKeys: [key.privateKey], ...(manifestMaxAge === undefined ? {} : { manifestMaxAge }) });
  const deps = releaseDeps(repo, 'ci', { previewFleet: 10 });
  const file = join(scratch, `${name}.bin`);
  writeFileSync(file, name);
  const { build_id } = await upload(deps, { file, app: 'demo', kind: 'file', versionCode: 1 });
  await promote(deps, { app: 'demo', channel: 'stable', build: build_id, percent: 10 });
  const srv = await serveStore({ root, port: 0 });
  try {
    const res = await fetch(`${srv.url}/${layout.manifest('demo', 'stable')}`);
    await res.arrayBuffer();
    return res.headers.get('cache-control');
  } finally {
    await srv.close();
  }
}

describe('manifest Cache-Control', () => {
  it('is 30 s by default and follows manifestMaxAge; served as written', async () => {
    expect(await servedCacheControl('default')).toBe('public, max-age=30, must-revalidate');
    expect(await servedCacheControl('five', 5)).toBe('public, max-age=5, must-revalidate');
    expect(await servedCacheControl('zero', 0)).toBe('public, max-age=0, must-revalidate');
  });

  it('refuses a max-age past an hour or not whole seconds (E_INVALID)', async () => {
    for (const bad of [3601, -1, 1.5]) {
      await expect(openRepository({ store: scratch, trustedKeys: [key.publicKey], manifestMaxAge: bad })).rejects.toMatchObject({ code: 'E_INVALID' });
    }
  });
});
