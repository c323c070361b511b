/** The manifest's Cache-Control from the command line: OTACTL_MANIFEST_MAX_AGE over config manifest_max_age; bad values refused before publishing. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout } from '../../src/repo/layout.js';
import { cliWorkspace } from '../helpers/run-cli.js';

describe('manifest max-age from the command line', () => {
  const ws = cliWorkspace();
  const file = ws.file('fw.bin', Buffer.from('firmware'));

  it('OTACTL_MANIFEST_MAX_AGE wins over config manifest_max_age; a bad value is exit 2 and publishes nothing', async () => {
    const init = await ws.run(['init', '--json']);
    expect(init.code, init.stderr).toBe(0);
    const configPath = join(ws.dir, 'otactl.config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), manifest_max_age: 120 }));
    const up = await ws.run(['upload', file, '--app', 'demo', '--kind', 'file', '--version-code', '1', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const id = up.json().build_id as string;
    const bad = await ws.run(['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes'], { env: { OTACTL_MANIFEST_MAX_AGE: '2h' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/OTACTL_MANIFEST_MAX_AGE "2h" is not a manifest max-age/);
    expect((await ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json'])).json().channels).toEqual([]);
    const headers = (): string => readFileSync(join(ws.dir, 'ota-store', '.headers', `${layout.manifest('demo', 'stable')}.json`), 'utf8');
    expect((await ws.run(['promote', id, '--app', 'demo', '--channel', 'stable', '--rollout', '5', '--yes'])).code).toBe(0);
    expect(headers()).toContain('max-age=120,');
    expect((await ws.run(['rollout', '10', '--app', 'demo', '--channel', 'stable', '--yes'], { env: { OTACTL_MANIFEST_MAX_AGE: '7' } })).code).toBe(0);
    expect(headers()).toContain('max-age=7,');
  });
});
