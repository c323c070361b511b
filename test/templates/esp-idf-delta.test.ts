import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promote, upload } from '../../src/index.js';
import { makeEspDelta } from '../../src/artifacts/esp/delta/index.js';
import { memoryRelease } from '../helpers/memory-release.js';
import { hello, validationHash, variant } from '../artifacts/esp/delta-images.mjs';
import { ESP, compileC, coreFiles } from './c-build.js';
import { REPO, expectAllPassed, missingTool } from './toolchain.js';

// templates/esp-idf/esp/ota_delta.c on the host (test/delta_scenarios.c): against the ESP-IDF v5.5
// headers, linked with the real esp_delta_ota 1.1.4 (esp-idf-headers/esp_delta_ota) on detools'
// C library at the commit it pins (test/artifacts/esp/detools-c), with ota_install.c's shared
// checks, the crypto port on Debian's mbedTLS, and stand-ins for partitions, esp_ota_* and
// esp_http_client. An otactl patch of the real hello_world image installs byte for byte; a patch
// for another base, flash that does not match its hash, a truncated, overlong, corrupted or missing
// patch and a version mismatch never switch the boot partition and report ota.delta.fail. The C
// manifest parser reads a manifest otactl published with build.deltas, and ota_delta_for_running
// picks the patch made against the running image.
const work = mkdtempSync(join(tmpdir(), 'otactl-esp-idf-delta-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEADERS = join(REPO, 'test', 'templates', 'esp-idf-headers');
const DELTA_OTA = join(HEADERS, 'esp_delta_ota');
const DETOOLS = join(REPO, 'test', 'artifacts', 'esp', 'detools-c');
const DETOOLS_FLAGS = ['-DDETOOLS_CONFIG_FILE_IO=0', '-DDETOOLS_CONFIG_COMPRESSION_NONE=0', '-DDETOOLS_CONFIG_COMPRESSION_LZMA=0', '-DDETOOLS_CONFIG_COMPRESSION_CRLE=0'];

const missing = missingTool('gcc', ['--version'], ['/usr/include/cjson/cJSON.h', '/usr/include/mbedtls/md.h']);
if (missing) console.warn(`SKIPPING the ESP-IDF delta install scenarios: ${missing}`);

/** Third-party C, built as its component builds it (warnings are not ours): objects to link. */
function vendoredObjects(idfDirs: string[]): string[] {
  const build = (src: string, extra: string[]) => {
    const out = join(work, `${src.split('/').pop()!.replace(/\.c$/, '')}.o`);
    const r = spawnSync('gcc', ['-c', '-w', '-O1', '-std=gnu11', ...DETOOLS_FLAGS, `-I${DETOOLS}`, `-I${join(DETOOLS, 'heatshrink')}`, ...extra, src, '-o', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return out;
  };
  return [
    build(join(DETOOLS, 'detools.c'), []),
    build(join(DETOOLS, 'heatshrink', 'heatshrink_decoder.c'), []),
    build(join(DELTA_OTA, 'src', 'esp_delta_ota.c'), [`-I${join(HEADERS, 'sdkconfig')}`, ...idfDirs, `-I${join(DELTA_OTA, 'include')}`]),
  ];
}

describe('ESP-IDF glue: the delta install on the host (v5.5 headers, esp_delta_ota 1.1.4)', () => {
  it.skipIf(missing !== null)('installs an otactl patch byte for byte; refuses every bad case without switching the boot partition; picks the patch from a published manifest', async () => {
    const dir = join(HEADERS, 'v5.5');
    const idfDirs = readFileSync(join(dir, 'include-dirs.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('crypto/')).flatMap((d) => ['-isystem', join(dir, d)]);
    const core = readdirSync(join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => `src/${f}`);
    const exe = join(work, 'delta_scenarios');
    compileC(work, {
      sources: [...coreFiles('esp/ota_delta.c', 'esp/ota_install.c', 'esp/ota_glue_rules.c', 'port/ota_crypto_mbedtls.c', 'test/delta_scenarios.c', ...core), ...vendoredObjects(idfDirs)],
      includeDirs: [join(HEADERS, 'sdkconfig'), join(ESP, 'include'), join(ESP, 'esp'), join(ESP, 'src')],
      flags: ['-std=gnu11', ...idfDirs, '-isystem', join(DELTA_OTA, 'include')],
      lib: '-lmbedcrypto',
      exe,
    });
    const base = hello();
    const target = variant(base, { version: 'v1.1.0', words: 20, insert: 1000, seed: 5 });
    const files = { base, new: target, patch: makeEspDelta(base, target, validationHash(base)) };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(work, `${name}.bin`), bytes);
    // The manifest otactl publishes for it, with patches from three builds (the base among them).
    const r = await memoryRelease();
    const builds = [base, variant(base, { version: 'v1.0.1', seed: 6 }), variant(base, { version: 'v1.0.2', seed: 7 }), target];
    const ids: string[] = [];
    for (const [i, img] of builds.entries()) {
      const file = join(work, `up${i}.bin`);
      writeFileSync(file, img);
      ids.push((await upload(r.deps, { file, app: 'sensor', kind: 'esp', versionCode: i + 1, versionName: `1.0.${i}` })).build_id);
    }
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: ids[0]!, percent: 100, noDeltas: true });
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: ids[1]!, percent: 20, noDeltas: true });
    await promote(r.deps, { app: 'sensor', channel: 'stable', build: ids[3]!, percent: 10 });
    const envelope = JSON.parse((await r.repo.readManifestBytes('sensor', 'stable'))!.toString('utf8')) as { payload: string };
    const payload = Buffer.from(envelope.payload, 'base64');
    expect((JSON.parse(payload.toString('utf8')) as { build: { deltas: unknown[] } }).build.deltas).toHaveLength(3);
    writeFileSync(join(work, 'manifest.json'), payload);
    const run = spawnSync(exe, [...['base', 'new', 'patch'].map((n) => join(work, `${n}.bin`)), join(work, 'manifest.json'), ids[0]!], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 57);
  });
});
