/**
 * The package as a user installs it: a project whose node_modules/otactl is this repository,
 * a Node script that imports 'otactl' (the `exports` map, dist/ and its .d.ts), and runs a
 * release through the library API, as the README's CI example does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'otactl-user-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("import { ... } from 'otactl'", () => {
  it('resolves through the exports map to dist/ with type declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const dts = readFileSync(join(root, 'dist/index.d.ts'), 'utf8');
    for (const name of ['openRepository', 'releaseDeps', 'upload', 'promote', 'rollout', 'rollback', 'refresh', 'repair', 'MemoryStore']) expect(dts).toContain(name);
  });

  it('a CI script uploads and promotes a build through the API; the CLI reads what it published', () => {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'otactl'), 'dir');
    mkdirSync(join(project, 'ota-store'));
    writeFileSync(join(project, 'fw.bin'), 'firmware 1.2.3');
    writeFileSync(
      join(project, 'release.mjs'),
      `import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openRepository, releaseDeps, upload, promote, rollout } from 'otactl';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
writeFileSync('ota.pub.pem', publicKey.export({ type: 'spki', format: 'pem' }));
const repo = await openRepository({ store: 'file://./ota-store', trustedKeys: ['ota.pub.pem'], signingKeys: [privateKey] });
const deps = releaseDeps(repo, 'github:release-bot');
const build = await upload(deps, { file: 'fw.bin', app: 'sensor', kind: 'file', versionCode: 1002003, versionName: '1.2.3' });
const promoted = await promote(deps, { app: 'sensor', channel: 'stable', build: build.build_id, percent: 10, salt: 'fixed-salt' });
const raised = await rollout(deps, { app: 'sensor', channel: 'stable', percent: 50 });
console.log(JSON.stringify({ build: build.build_id, sequences: [promoted.sequence, raised.sequence], salt: raised.salt }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['release.mjs'], { cwd: project, encoding: 'utf8' }));
    expect(out).toMatchObject({ build: expect.stringMatching(/^b-[0-9a-f]{12}$/), sequences: [1, 2], salt: 'fixed-salt' });

    // The published channel verifies for the CLI too (same format, same trust).
    const status = JSON.parse(
      execFileSync(process.execPath, [join(root, 'bin/otactl.js'), 'check', '--app', 'sensor', '--channel', 'stable', '--device', 'd1', '--current-version-code', '1', '--key', 'ota.pub.pem', '--store', 'file://./ota-store', '--json', '--wifi'], {
        cwd: project,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: project },
      }),
    );
    expect(status).toMatchObject({ sequence: 2 });
    expect(existsSync(join(project, 'ota-store', 'apps', 'sensor', 'channels', 'stable', 'manifest.json'))).toBe(true);
  });
});
