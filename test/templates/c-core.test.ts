import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRYPTO_PORTS, ESP, compileC, coreFiles, missingPort, type CryptoPort } from './c-build.js';
import { VECTORS_DIR, expectAllPassed, expectOnlyFalsifiedFailures, vectorCheckCount, withWrongExpectations } from './toolchain.js';

// The ESP-IDF template's pure C core (templates/esp-idf/src), compiled with the host gcc against
// Debian's cJSON and each crypto port (mbedTLS 2.28 for ESP-IDF 5, BearSSL 0.6 for the ESP8266
// Arduino core, the PSA Crypto API for ESP-IDF 6 on mbedTLS 2.28's PSA implementation), runs the
// shared vectors: every port must give every answer.
const work = mkdtempSync(join(tmpdir(), 'otactl-c-core-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const coreSources = readdirSync(join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => join(ESP, 'src', f));

describe.each(CRYPTO_PORTS)('ESP-IDF template: the C core on $name against test/vectors', (port: CryptoPort) => {
  const missing = missingPort(port);
  if (missing) console.warn(`SKIPPING the C template conformance run on ${port.name}: ${missing}`);
  const exe = join(work, `run_vectors-${port.name}`);

  it.skipIf(missing !== null)('compiles warning-free and passes every vector', () => {
    compileC(work, { sources: [...coreSources, ...coreFiles(port.source, 'test/run_vectors.c')], includeDirs: [join(ESP, 'include')], lib: port.lib, exe });
    const run = spawnSync(exe, [VECTORS_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, vectorCheckCount());
  });

  it.skipIf(missing !== null)('the nudge replay table stays within its capacity and fails closed (OTA_NUDGE_REPLAY_CAPACITY=3)', () => {
    const table = join(work, `replay_table-${port.name}`);
    const sources = [...coreSources, ...coreFiles(port.source, 'test/replay_table.c')];
    compileC(work, { sources, includeDirs: [join(ESP, 'include')], lib: port.lib, exe: table, flags: ['-DOTA_NUDGE_REPLAY_CAPACITY=3'] });
    const run = spawnSync(table, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 21);
  });

  it.skipIf(missing !== null)('hostile input on a 16 KiB thread (nesting inside cJSON\'s limit, long strings, duplicate keys, lax escapes): malformed, no crash', () => {
    // Without the linear pre-scan cJSON recurses 900 levels and overflows this stack (ASan: stack-overflow).
    const hostile = join(work, `hostile_input-${port.name}`);
    compileC(work, { sources: [...coreSources, ...coreFiles(port.source, 'test/hostile_input.c')], includeDirs: [join(ESP, 'include')], lib: port.lib, exe: hostile });
    const run = spawnSync(hostile, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 73);
  });

  it.skipIf(missing !== null)('passes every vector again on a 16 KiB thread (the crypto port included)', () => {
    const onStack = join(work, `on_device_stack-${port.name}`);
    compileC(work, { sources: [...coreSources, ...coreFiles(port.source, 'test/on_device_stack.c')], includeDirs: [join(ESP, 'include')], lib: port.lib, exe: onStack });
    const run = spawnSync(onStack, [VECTORS_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, vectorCheckCount());
  });

  it.skipIf(missing !== null)('reports the cases whose expectations it does not meet (the harness can fail, nudges included)', () => {
    const dir = withWrongExpectations(work);
    const run = spawnSync(exe, [dir], { encoding: 'utf8', timeout: 60_000 });
    expectOnlyFalsifiedFailures(run, vectorCheckCount());
  });
});
