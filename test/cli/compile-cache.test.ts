import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * bin/otactl.js keeps V8's compile cache where Node has one (22.1+) in the user's own cache folder,
 * never in the shared temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off. On Node 20 nothing
 * is written. Runs on whichever Node runs the tests (CI: 24 for the suite, 20 for the smoke set).
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const hasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function run(env: NodeJS.ProcessEnv): { home: string; cache: string } {
  const home = mkdtempSync(join(tmpdir(), 'otactl-cc-'));
  dirs.push(home);
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/otactl.js'), '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return { home, cache: join(home, '.cache/otactl/node-compile-cache') };
}

describe('the V8 compile cache of bin/otactl.js', () => {
  it(hasCache ? 'is written under ~/.cache/otactl on this Node' : 'is not written on this Node (no module.enableCompileCache)', () => {
    const { cache } = run({});
    expect(existsSync(cache)).toBe(hasCache);
    if (hasCache) expect(readdirSync(cache).length).toBeGreaterThan(0);
  });

  it('goes to $XDG_CACHE_HOME when that is an absolute path, and nowhere with NODE_DISABLE_COMPILE_CACHE=1', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'otactl-xdg-'));
    dirs.push(xdg);
    const { cache } = run({ XDG_CACHE_HOME: xdg });
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(join(xdg, 'otactl/node-compile-cache'))).toBe(hasCache);
    const off = run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(existsSync(join(off.home, '.cache'))).toBe(false);
  });
});
