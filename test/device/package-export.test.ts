import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * `otactl/device` as a user gets it: a project whose node_modules/otactl is this package, a script
 * that imports the subpath (through package.json `exports` and dist/), and tsc type-checking a
 * TypeScript user of it (through the `types` condition).
 */
const dir = mkdtempSync(join(tmpdir(), 'otactl-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(repoRoot, join(dir, 'node_modules', 'otactl'), 'dir');
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-app', type: 'module', private: true }));

describe("import 'otactl/device' from another project", () => {
  it('runs: the SDK classes and functions are there and work', () => {
    writeFileSync(
      join(dir, 'use.mjs'),
      `import { Updater, MemoryStateStore, JsonFileStateStore, DeviceFetchError, fetchManifest, decide, cohortBucket } from 'otactl/device';
const updater = new Updater({ manifestUrl: 'http://127.0.0.1:1/m.json', trusted: new Map(), install: async () => {} });
const outcome = await updater.check({ device_id: 'd1', current_version_code: 1 }, {});
let code = null;
try { await fetchManifest('http://127.0.0.1:1/m.json'); } catch (err) { code = err instanceof DeviceFetchError ? err.code : String(err); }
console.log(JSON.stringify({ outcome, code, bucket: cohortBucket('s', 'd1'), decide: typeof decide, stores: [typeof MemoryStateStore, typeof JsonFileStateStore] }));
`,
    );
    const r = spawnSync(process.execPath, ['use.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      outcome: { decision: null, error: 'ota.manifest.fetch_failed' },
      code: 'ota.manifest.fetch_failed',
      bucket: cohortBucket('s', 'd1'),
      decide: 'function',
      stores: ['function', 'function'],
    });
  });

  it('type-checks: a TypeScript user gets the declarations (and a wrong call is an error)', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }),
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = (body: string) => {
      writeFileSync(join(dir, 'use.ts'), `import { Updater, type CheckOutcome, type DeviceEvent } from 'otactl/device';\n${body}\n`);
      return spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    };
    const good = check(
      `const u = new Updater({ manifestUrl: 'https://cdn/m.json', trusted: new Map(), install: async (file: string) => void file, onEvent: (e: DeviceEvent) => void e.build_id });
export const p: Promise<CheckOutcome> = u.check({ device_id: 'd', current_version_code: 1 }, { wifi: true });`,
    );
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    const bad = check(`export const u = new Updater({ manifestUrl: 'https://cdn/m.json', trusted: new Map() });`);
    expect(bad.stdout).toMatch(/install/);
    expect(bad.status).not.toBe(0);
  });
});
