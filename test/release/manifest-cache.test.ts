/**
 * Cache-Control of channel manifests: 30 s unless the repository is told otherwise (library option,
 * config manifest_max_age, OTACTL_MANIFEST_MAX_AGE), written with the manifest and served as written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository, promote, releaseDeps, upload } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { serveStore } from '../../src/store/http-server.js';
import { p256, scratchDir } from '../helpers/memory-release.js';
import { workspace } from '../helpers/cli.js';

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

  describe('from the command line', () => {
    const ws = workspace();
    const init = ws.run(['init', '--json']);
    const file = ws.file('fw.bin', Buffer.from('firmware'));

    it('OTACTL_MANIFEST_MAX_AGE wins over config manifest_max_age; a bad value is exit 2 and publishes nothing', async () => {
      expect(init.code, init.stderr).toBe(0);
      const configPath = join(ws.dir, 'otactl.config.json');
      writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), manifest_max_age: 120 }));
      const up = ws.run(['upload', file, '--app', 'demo', '--kind', 'file', '--version-code', '1', '--json']);
      expect(up.code, up.stderr).toBe(0);
      const id = up.json().build_id as string;
      const bad = ws.run(['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes'], { env: { OTACTL_MANIFEST_MAX_AGE: '2h' } });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/OTACTL_MANIFEST_MAX_AGE "2h" is not a manifest max-age/);
      expect(ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']).json().channels).toEqual([]);
      const headers = (): string => readFileSync(join(ws.dir, 'ota-store', '.headers', `${layout.manifest('demo', 'stable')}.json`), 'utf8');
      expect(ws.run(['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes']).code).toBe(0);
      expect(headers()).toContain('max-age=120,');
      expect(ws.run(['rollout', '10', '--app', 'demo', '--channel', 'stable', '--yes'], { env: { OTACTL_MANIFEST_MAX_AGE: '7' } }).code).toBe(0);
      expect(headers()).toContain('max-age=7,');
    });
  });
});
