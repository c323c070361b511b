/**
 * The package as a user installs it: a project whose node_modules/otactl is this repository,
 * a Node script that imports 'otactl' (the `exports` map, dist/ and its .d.ts), and runs a
 * release through the library API, as the README's CI example does; and 'otactl/device'.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { serveStore } from '../../src/edge/http-server.js';
import { startFakeCloudFront } from '../helpers/cloudfront-endpoint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'otactl-user-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("import { ... } from 'otactl'", () => {
  beforeAll(() => {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'otactl'), 'dir');
    mkdirSync(join(project, 'ota-store'));
  });

  it('resolves through the exports map to dist/ with type declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const dts = readFileSync(join(root, 'dist/index.d.ts'), 'utf8');
    for (const name of ['openRepository', 'releaseDeps', 'upload', 'promote', 'rollout', 'rollback', 'refresh', 'repair', 'MemoryStore', 'Cdn', 'CloudFrontInvalidator', 'invalidateChannel', 'ArtifactUrlSigner', 'verifySignedUrl']) expect(dts).toContain(name);
  });

  it('a CI script uploads and promotes a build through the API; the CLI reads what it published', () => {
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

  it("the README's CDN step: a Cdn built from the repository's base URL and trusted keys invalidates and verifies the edge", async () => {
    // otactl serve's server stands in for the CDN, and the local CloudFront endpoint for the API (CloudFront has no local server).
    const edge = await serveStore({ root: join(project, 'ota-store'), port: 0 });
    const cloudFront = await startFakeCloudFront();
    try {
      writeFileSync(
        join(project, 'cdn.mjs'),
        `import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openRepository, releaseDeps, upload, promote, Cdn, CloudFrontInvalidator } from 'otactl';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
writeFileSync('cdn.pub.pem', publicKey.export({ type: 'spki', format: 'pem' }));
const repo = await openRepository({ store: 'file://./ota-store', trustedKeys: ['cdn.pub.pem'], signingKeys: [privateKey], publicUrl: process.env.CDN_BASE_URL });
const cdn = new Cdn({ baseUrl: repo.publicUrl, invalidator: new CloudFrontInvalidator({ distributionId: 'E2QWRUHAPOMQZL' }), verifyEdge: { trustedKeys: repo.trustedKeys } });
const deps = releaseDeps(repo, 'github:release-bot', { cdn });
writeFileSync('cdn.bin', 'firmware 2.0.0');
const build = await upload(deps, { file: 'cdn.bin', app: 'edge', kind: 'file', versionCode: 2 });
const change = await promote(deps, { app: 'edge', channel: 'stable', build: build.build_id, percent: 100 });
console.log(JSON.stringify({ invalidation: change.invalidation, edge: change.edge }));
`,
      );
      const env = { PATH: process.env.PATH, HOME: project, CDN_BASE_URL: edge.url, AWS_ENDPOINT_URL_CLOUDFRONT: cloudFront.url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'test-secret' };
      const { stdout } = await promisify(execFile)(process.execPath, ['cdn.mjs'], { cwd: project, env, encoding: 'utf8' });
      const out = JSON.parse(stdout);
      expect(out.invalidation).toMatchObject({ distribution_id: 'E2QWRUHAPOMQZL', paths: ['/apps/edge/channels/stable/manifest.json'] });
      expect(out.edge).toMatchObject({ manifest_url: `${edge.url}/apps/edge/channels/stable/manifest.json`, sequence: 1, verified: true });
      expect(cloudFront.batches.map((b) => b.paths)).toEqual([['/apps/edge/channels/stable/manifest.json']]);
      expect(cloudFront.malformed).toEqual([]);
    } finally {
      await Promise.all([edge.close(), cloudFront.close()]);
    }
  });
});

// `otactl/device` as a device-side user gets it: a script importing the subpath (package.json
// `exports` and dist/), and tsc type-checking a TypeScript user of it (the `types` condition).
const dir = mkdtempSync(join(tmpdir(), 'otactl-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(root, join(dir, 'node_modules', 'otactl'), 'dir');
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
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
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
