import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, VECTORS_DIR, expectAllPassed, expectOnlyFalsifiedFailures, missingTool, vectorCaseCount, withWrongExpectations } from './toolchain.js';

// The ESP-IDF template's pure C core (templates/esp-idf/src + the mbedTLS port), compiled with the
// host gcc against Debian's mbedTLS 2.28 and cJSON, runs the shared vectors.
const ESP = join(REPO, 'templates', 'esp-idf');
const missing = missingTool('gcc', ['--version'], ['/usr/include/mbedtls/pk.h', '/usr/include/cjson/cJSON.h']);
if (missing) console.warn(`SKIPPING the C template conformance run: ${missing}`);

const work = mkdtempSync(join(tmpdir(), 'otactl-c-core-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** -fsanitize=address,undefined when this gcc can link it. */
function sanitizerFlags(): string[] {
  const probe = join(work, 'probe.c');
  writeFileSync(probe, 'int main(void) { return 0; }\n');
  const r = spawnSync('gcc', ['-fsanitize=address,undefined', probe, '-o', join(work, 'probe')]);
  if (r.status === 0) return ['-fsanitize=address,undefined', '-fno-omit-frame-pointer'];
  console.warn('the C template runs without sanitizers: gcc cannot link -fsanitize=address,undefined here');
  return [];
}

describe.skipIf(missing !== null)('ESP-IDF template: the C core against test/vectors', () => {
  const exe = join(work, 'run_vectors');

  it('compiles warning-free and passes every vector', () => {
    const sources = [
      ...readdirSync(join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => join(ESP, 'src', f)),
      join(ESP, 'port', 'ota_crypto_mbedtls.c'),
      join(ESP, 'test', 'run_vectors.c'),
    ];
    const flags = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-Wshadow', '-O1', '-g', ...sanitizerFlags()];
    const cc = spawnSync('gcc', [...flags, `-I${join(ESP, 'include')}`, '-I/usr/include/cjson', ...sources, '-lmbedcrypto', '-lcjson', '-o', exe], { encoding: 'utf8' });
    expect(cc.stderr + cc.stdout, 'gcc output').toBe('');
    expect(cc.status).toBe(0);

    const run = spawnSync(exe, [VECTORS_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, vectorCaseCount());
  });

  it('the nudge replay table stays within its capacity and fails closed (OTA_NUDGE_REPLAY_CAPACITY=3)', () => {
    const table = join(work, 'replay_table');
    const sources = ['src/ota_nudge.c', 'src/ota_cohort.c', 'port/ota_crypto_mbedtls.c', 'test/replay_table.c'].map((f) => join(ESP, f));
    const flags = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-Wshadow', '-O1', '-g', '-DOTA_NUDGE_REPLAY_CAPACITY=3', ...sanitizerFlags()];
    const cc = spawnSync('gcc', [...flags, `-I${join(ESP, 'include')}`, '-I/usr/include/cjson', ...sources, '-lmbedcrypto', '-lcjson', '-o', table], { encoding: 'utf8' });
    expect(cc.stderr + cc.stdout, 'gcc output').toBe('');
    const run = spawnSync(table, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 20);
  });

  it('reports the cases whose expectations it does not meet (the harness can fail, nudges included)', () => {
    const dir = withWrongExpectations(work);
    const run = spawnSync(exe, [dir], { encoding: 'utf8', timeout: 60_000 });
    expectOnlyFalsifiedFailures(run);
  });
});
