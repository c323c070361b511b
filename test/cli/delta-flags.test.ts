import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../helpers/run-cli.js';
import { hello, variant } from '../artifacts/esp/delta-images.mjs';

/** promote --delta-from / --no-deltas through the CLI (docs/delta.md), in process. */
describe('otactl promote: delta patches of ESP builds', () => {
  const ws = cliWorkspace();
  const ids: string[] = [];
  const manifest = () => {
    const env = JSON.parse(readFileSync(join(ws.dir, 'ota-store/apps/sensor/channels/stable/manifest.json'), 'utf8')) as { payload: string };
    return JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { build: { build_id: string; deltas?: Array<{ from_build_id: string }> } };
  };
  const promote = (id: string, ...extra: string[]) => ws.run(['promote', id, '--app', 'sensor', '--channel', 'stable', '--rollout', '100', '--yes', '--json', ...extra]);

  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
    let img = hello();
    for (let i = 1; i <= 4; i++) {
      img = i === 1 ? img : variant(img, { version: `1.0.${i}`, words: 10, seed: i });
      const r = await ws.run(['upload', ws.file(`fw${i}.bin`, img), '--app', 'sensor', '--version-code', String(i), '--json']);
      expect(r.code, r.stderr).toBe(0);
      ids.push(r.json().build_id);
    }
  });

  it('--no-deltas publishes none; by default the current build is a base; --delta-from 1 adds the newest other build', async () => {
    expect((await promote(ids[0]!, '--no-deltas')).code).toBe(0);
    expect(manifest().build.deltas).toBeUndefined();
    const r = await promote(ids[1]!, '--no-deltas');
    expect(r.code, r.stderr).toBe(0);
    expect(manifest().build.deltas).toBeUndefined();
    expect((await promote(ids[3]!, '--delta-from', '1')).code).toBe(0);
    // the current build, its last safe build, then the newest other build (not the one promoted)
    expect(manifest().build.deltas!.map((d) => d.from_build_id)).toEqual([ids[1], ids[0], ids[2]]);
  });

  it('a --delta-from that is not a whole number is a usage error (exit 2), the store unchanged', async () => {
    const before = readFileSync(join(ws.dir, 'ota-store/apps/sensor/channels/stable/manifest.json'));
    const r = await promote(ids[2]!, '--delta-from', 'two', '--allow-lower-version');
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/--delta-from/);
    expect(readFileSync(join(ws.dir, 'ota-store/apps/sensor/channels/stable/manifest.json')).equals(before)).toBe(true);
  });
});
