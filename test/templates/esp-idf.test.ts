import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promote, upload } from '../../src/index.js';
import { makeEspDelta } from '../../src/artifacts/esp/delta/index.js';
import { suffixArray } from '../../src/artifacts/esp/delta/suffix-array.js';
import { applyDetoolsPatch, applyEspDelta, ESP_DELTA_HEADER_LEN } from '../../src/protocol/esp-delta.js';
import { p256 } from '../helpers/keys.js';
import { memoryRelease } from '../helpers/memory-release.js';
import { FIXTURES, hello, parseImage, seal, validationHash, variant } from '../artifacts/esp/delta-images.mjs';
import { CRYPTO_PORTS, ESP, compileC, compileObjects, coreFiles, missingPort, type CryptoPort } from './c-build.js';
import {
  REPO,
  VECTORS_DIR,
  expectAllPassed,
  expectOnlyFalsifiedFailures,
  missingTool,
  vectorCheckCount,
  withWrongExpectations,
} from './toolchain.js';

/**
 * The ESP-IDF template (templates/esp-idf) on the host, with gcc: its pure C core on each crypto
 * port against the shared vectors, the ports' signature checks, the ESP-IDF glue against pinned
 * ESP-IDF headers and run with stand-ins (install, boot validation, delta install), otactl's delta
 * patches on the library that applies them on the device (detools' C, as esp_delta_ota builds
 * it), its component definition, and the local time of install windows. One work folder: the harnesses that link the
 * same core share one compile of it (compileObjects).
 */
const work = mkdtempSync(join(tmpdir(), 'otactl-esp-idf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const coreSources = readdirSync(join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => join(ESP, 'src', f));

// The ESP-IDF template's pure C core (templates/esp-idf/src), compiled with the host gcc against
// Debian's cJSON and each crypto port (mbedTLS 2.28 for ESP-IDF 5, BearSSL 0.6 for the ESP8266
// Arduino core, the PSA Crypto API for ESP-IDF 6 on mbedTLS 2.28's PSA implementation), runs the
// shared vectors: every port must give every answer.
// The core's objects (src/*.c) and a port's, compiled once and linked by each harness; the replay
// table's capacity is a compile-time constant, so its run has objects of its own.
const CORE_DIRS = [join(ESP, 'include'), join(ESP, 'src')];
const coreObjects = (flags: string[] = []) => compileObjects(work, { sources: coreSources, includeDirs: CORE_DIRS, flags });
const portObjects = (port: CryptoPort) => compileObjects(work, { sources: coreFiles(port.source), includeDirs: CORE_DIRS });

/**
 * Builds test/NAME.c with the core and the port's objects (`flags` for the core's compile and the
 * harness's) and runs it with `args`: its output, after checking the sanitizers reported nothing.
 */
function runCoreHarness(port: CryptoPort, name: string, { args = [] as string[], flags = [] as string[] } = {}) {
  const exe = join(work, `${name}-${port.name}`);
  compileC(work, { sources: [...coreObjects(flags), ...portObjects(port), ...coreFiles(`test/${name}.c`)], includeDirs: CORE_DIRS, lib: port.lib, exe, flags });
  const run = spawnSync(exe, args, { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr, 'sanitizer reports').toBe('');
  return run;
}

describe.each(CRYPTO_PORTS)('ESP-IDF template: the C core on $name against test/vectors', (port: CryptoPort) => {
  const missing = missingPort(port);
  if (missing) console.warn(`SKIPPING the C template conformance run on ${port.name}: ${missing}`);
  const exe = join(work, `run_vectors-${port.name}`);

  it.skipIf(missing !== null)('compiles warning-free and passes every vector', () => {
    expectAllPassed(runCoreHarness(port, 'run_vectors', { args: [VECTORS_DIR] }), vectorCheckCount());
  });

  it.skipIf(missing !== null)('the nudge replay table stays within its capacity and fails closed (OTA_NUDGE_REPLAY_CAPACITY=3)', () => {
    expectAllPassed(runCoreHarness(port, 'replay_table', { flags: ['-DOTA_NUDGE_REPLAY_CAPACITY=3'] }), 21);
  });

  it.skipIf(missing !== null)('hostile input on a 16 KiB thread (nesting inside cJSON\'s limit, long strings, duplicate keys, lax escapes): malformed, no crash', () => {
    // Without the linear pre-scan cJSON recurses 900 levels and overflows this stack (ASan: stack-overflow).
    expectAllPassed(runCoreHarness(port, 'hostile_input'), 73);
  });

  it.skipIf(missing !== null)('passes every vector again on a 16 KiB thread (the crypto port included)', () => {
    expectAllPassed(runCoreHarness(port, 'on_device_stack', { args: [VECTORS_DIR] }), vectorCheckCount());
  });

  it.skipIf(missing !== null)('reports the cases whose expectations it does not meet (the harness can fail, nudges included)', () => {
    const dir = withWrongExpectations(work);
    const run = spawnSync(exe, [dir], { encoding: 'utf8', timeout: 60_000 });
    expectOnlyFalsifiedFailures(run, vectorCheckCount());
  });
});

// Each crypto port's ota_p256_verify on other encodings of one valid signature (test/der_forms.c):
// only the DER form may verify, as in otactl (node:crypto / OpenSSL accepts DER only). The PSA
// port turns DER into r||s itself (PSA takes no DER), so its strictness is its own code.

/** A P-256 key, a message's SHA-256 and its DER signature whose r needs a leading zero byte. */
function signatureWithPaddedR(): { spki: Buffer; hash: Buffer; der: Buffer } {
  const { publicKey, privateKey } = p256();
  for (;;) {
    const message = randomBytes(32);
    const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    if (der[3] === 33 && der[4] === 0 && (der[1] ?? 0x7f) < 0x7f) {
      return { spki: publicKey.export({ type: 'spki', format: 'der' }), hash: createHash('sha256').update(message).digest(), der };
    }
  }
}

const STRICT = {
  der: 1, trailing_byte: 0, long_form_length: 0, r_extra_zero: 0, r_negative: 0, truncated: 0, sequence_length_short: 0,
};
const input = signatureWithPaddedR();

describe.each(CRYPTO_PORTS)('$name port: ota_p256_verify on encodings of one signature', (port: CryptoPort) => {
  const missing = missingPort(port);
  if (missing) console.warn(`SKIPPING the DER forms on ${port.name}: ${missing}`);

  it.skipIf(missing !== null)('verifies the DER form only', () => {
    const exe = join(work, `der_forms-${port.name}`);
    compileC(work, { sources: [...portObjects(port), ...coreFiles('src/ota_der.c', 'test/der_forms.c')], includeDirs: [join(ESP, 'src')], lib: port.lib, exe });
    const run = spawnSync(exe, [input.spki.toString('hex'), input.hash.toString('hex'), input.der.toString('hex')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expect(run.status).toBe(0);
    const answers = Object.fromEntries(run.stdout.trim().split('\n').map((l) => { const [k, v] = l.split(' '); return [k, Number(v)]; }));
    expect(answers).toEqual(STRICT);
  });
});

// The ESP-IDF glue (templates/esp-idf/esp) on the host: its pure rules (esp/ota_glue_rules.c) run
// under ASan/UBSan through test/glue_rules.c: the agent's sleep in ticks at CONFIG_FREERTOS_HZ 100
// and 1000 (pdMS_TO_TICKS wrapped 6 h to ~125 s at 1000 Hz), the capped manifest read (a body over
// the cap was accepted), the resume bookkeeping (a server that ignores Range) and when a new build is
// confirmed.
const missingGcc = missingTool('gcc', ['--version']);
if (missingGcc) console.warn(`SKIPPING the ESP-IDF glue rules: ${missingGcc}`);

describe('ESP-IDF glue: pure rules on the host', () => {
  it.skipIf(missingGcc !== null)('ticks, the capped read and the resume mapping give every expected answer', () => {
    const exe = join(work, 'glue_rules');
    compileC(work, { sources: coreFiles('esp/ota_glue_rules.c', 'src/ota_resume.c', 'test/glue_rules.c'), includeDirs: [join(ESP, 'esp'), join(ESP, 'include')], exe });
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 47);
  });
});

// The glue against the real ESP-IDF headers: pinned minimal sets generated by
// scripts/esp-idf-headers.sh from ESP-IDF v5.0 (+ Mbed TLS 3.2.1: the branch without resumption),
// v5.5 (+ Mbed TLS 3.6.4: with resumption) and v6.0 (+ TF-PSA-Crypto 1.0.0),
// for the host "linux" target, with test/templates/esp-idf-headers/sdkconfig/sdkconfig.h standing in
// for the generated one. gcc -fsyntax-only -Werror on every glue file and the release's crypto port:
// every ESP-IDF call, type and field the glue uses must exist with the types it passes. Warnings
// inside the ESP-IDF headers themselves are not ours (-isystem). What this cannot check (an xtensa
// or RISC-V target's own headers, the ESP-IDF build, behaviour on a chip) is listed in the README.
const HEADERS = join(ESP, '..', '..', 'test', 'templates', 'esp-idf-headers');
const SDKCONFIG = join(HEADERS, 'sdkconfig');
// The espressif/esp_delta_ota component's header (1.1.4; esp-idf-headers/esp_delta_ota/PROVENANCE.md), for esp/ota_delta.c.
const DELTA_OTA_HEADERS = join(HEADERS, 'esp_delta_ota', 'include');

function headerFlags(release: string): string[] {
  const dir = join(HEADERS, release);
  const dirs = readFileSync(join(dir, 'include-dirs.txt'), 'utf8').split('\n').filter((l) => l !== '');
  return ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-Wshadow', `-I${SDKCONFIG}`, ...dirs.flatMap((d) => ['-isystem', join(dir, d)]),
    '-isystem', DELTA_OTA_HEADERS, `-I${join(ESP, 'include')}`, `-I${join(ESP, 'esp')}`, `-I${join(ESP, 'src')}`, '-I/usr/include/cjson'];
}

function syntaxCheck(release: string, file: string, extra: string[] = []) {
  return spawnSync('gcc', [...headerFlags(release), ...extra, '-fsyntax-only', join(ESP, file)], { encoding: 'utf8' });
}

/** The headers gcc read for file: none may come from Debian's mbedTLS 2.28 instead of the pinned set. */
function hostCryptoHeaders(release: string, file: string): string[] {
  const r = spawnSync('gcc', [...headerFlags(release), '-M', join(ESP, file)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split(/[\s\\]+/).filter((f) => /^\/usr\/include\/(mbedtls|psa)\//.test(f));
}

/**
 * The external functions file's object calls that no header it includes declares. gcc does not flag
 * a call that a macro of a system header (-isystem) expands to, so an ESP-IDF macro left undefined
 * by the sdkconfig stand-in (ESP_LOG_LEVEL without a CONFIG_LOG_TIMESTAMP_SOURCE_*) would pass -fsyntax-only; the
 * object's undefined symbols show it. Declarations are searched with comments and preprocessor
 * lines removed.
 */
function undeclaredCalls(release: string, file: string): string[] {
  const object = join(work, `${release}-${basename(file)}.o`);
  const cc = spawnSync('gcc', [...headerFlags(release), '-c', join(ESP, file), '-o', object], { encoding: 'utf8' });
  expect(cc.stderr).toBe('');
  const symbols = spawnSync('nm', ['-u', object], { encoding: 'utf8' }).stdout.split('\n').map((l) => l.trim().split(/\s+/).pop() ?? '').filter((s) => s !== '');
  const deps = spawnSync('gcc', [...headerFlags(release), '-M', join(ESP, file)], { encoding: 'utf8' }).stdout.split(/[\s\\]+/).filter((f) => f.endsWith('.h'));
  const declarations = deps.map((h) => readFileSync(h, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '')
    .replace(/^[ \t]*#(?:[^\n]*\\\n)*[^\n]*$/gm, '')).join('\n');
  return symbols.filter((sym) => !new RegExp(`\\b${sym}\\s*\\(`).test(declarations));
}

const missingCjson = missingTool('gcc', ['--version'], ['/usr/include/cjson/cJSON.h']);
if (missingCjson) console.warn(`SKIPPING the ESP-IDF header check: ${missingCjson}`);

describe.each([
  { release: 'v5.0', port: 'port/ota_crypto_mbedtls.c' },
  { release: 'v5.5', port: 'port/ota_crypto_mbedtls.c' },
  { release: 'v6.0', port: 'port/ota_crypto_psa.c' },
])('ESP-IDF glue against the ESP-IDF $release headers', ({ release, port }) => {
  it.skipIf(missingCjson !== null).each(['esp/ota_agent.c', 'esp/ota_install.c', 'esp/ota_delta.c', 'esp/ota_glue_rules.c', port])('%s compiles (-fsyntax-only -Werror)', (file) => {
    const r = syntaxCheck(release, file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(hostCryptoHeaders(release, file)).toEqual([]);
  });

  it.skipIf(missingCjson !== null).each(['esp/ota_agent.c', 'esp/ota_install.c', 'esp/ota_delta.c'])('every function %s calls is declared by those headers', (file) => {
    expect(undeclaredCalls(release, file)).toEqual([]);
  });

  it.skipIf(missingCjson !== null)('refuses CONFIG_ESP_HTTPS_OTA_DECRYPT_CB with a clear #error', () => {
    const r = syntaxCheck(release, 'esp/ota_install.c', ['-DCONFIG_ESP_HTTPS_OTA_DECRYPT_CB=1']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('turn CONFIG_ESP_HTTPS_OTA_DECRYPT_CB off');
  });
});

// esp/ota_install.c and esp/ota_agent.c run on the host (test/install_scenarios.c,
// test/agent_scenarios.c): compiled against the v5.5 headers (with the mbedTLS port and mbedtls_md
// hashing) and the v6.0 headers (with the PSA port and psa_hash_*), linked with stand-ins for the
// ESP-IDF functions they call; the stand-in esp_https_ota does what v5.5's esp_https_ota.c does.
// Crypto comes from Debian's mbedTLS 2.28 (the library they link; its md and PSA calls are the ones
// the glue makes), not the pinned Mbed TLS / TF-PSA-Crypto headers, whose structures 2.28 would not
// match. Both runs fail on the glue of main (see the README).
const RUNS = [
  { release: 'v5.5', port: 'port/ota_crypto_mbedtls.c' },
  { release: 'v6.0', port: 'port/ota_crypto_psa.c' },
];

/** The core, the glue's pure rules and the port, built once per release's headers (less their crypto) for the harnesses of that release. */
function releaseObjects(release: string, port: string): { objects: string[]; includeDirs: string[]; flags: string[] } {
  const dir = join(HEADERS, release);
  const dirs = readFileSync(join(dir, 'include-dirs.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('crypto/'));
  const includeDirs = [SDKCONFIG, join(ESP, 'include'), join(ESP, 'esp'), join(ESP, 'src')];
  const flags = ['-std=gnu11', ...dirs.flatMap((d) => ['-isystem', join(dir, d)]), '-isystem', DELTA_OTA_HEADERS];
  return { objects: compileObjects(work, { sources: [...coreSources, ...coreFiles('esp/ota_glue_rules.c', port)], includeDirs, flags }), includeDirs, flags };
}

/** Builds a scenario harness against release's headers (less its crypto), the glue file, the core and port. */
function buildScenarios(release: string, port: string, glue: string, harness: string): string {
  const { objects, includeDirs, flags } = releaseObjects(release, port);
  const exe = join(work, `${basename(harness, '.c')}-${release}`);
  compileC(work, { sources: [...coreFiles(glue, harness), ...objects], includeDirs, flags, lib: '-lmbedcrypto', exe });
  return exe;
}

// Install scenarios: a fresh install; a wrong digest, version, project, secure_version or length
// (nothing switched, the last four before a byte is written); a broken link saved and continued with
// a 206; a resume answered with a 200 (refused, then from byte 0); kept bytes that are not the
// build's; a count saved for another build; a shorter 206.
describe.each(RUNS)('ESP-IDF glue: ota_install on the host ($release headers, $port)', ({ release, port }) => {
  it.skipIf(missingCjson !== null)('installs, refuses and resumes as the README says', () => {
    const exe = buildScenarios(release, port, 'esp/ota_install.c', 'test/install_scenarios.c');
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 49);
  });
});

// Boot validation scenarios, esp_http_client serving the shared vector "valid: one signature by a
// provisioned key" or a 500: a new build is marked valid only after its own verified manifest; a
// failed self-test, 30 failed checks, 30 minutes or a restart roll it back, and the previous build
// reports the failed install.
describe.each(RUNS)('ESP-IDF glue: boot validation of ota_agent on the host ($release headers, $port)', ({ release, port }) => {
  it.skipIf(missingCjson !== null)('marks a new build valid only after its own verified manifest, else rolls it back', () => {
    const vectors = JSON.parse(readFileSync(join(VECTORS_DIR, 'envelopes.json'), 'utf8')) as {
      keys: Record<string, { spki_der_base64: string }>;
      cases: Array<{ note: string; envelope: string; trusted: string[] }>;
    };
    const valid = vectors.cases.find((c) => c.note === 'valid: one signature by a provisioned key');
    expect(valid, 'the envelopes.json case this scenario uses').toBeDefined();
    const keyName = valid!.trusted[0] ?? '';
    const spki = Buffer.from(vectors.keys[keyName]?.spki_der_base64 ?? '', 'base64').toString('hex');
    const payload = JSON.parse(Buffer.from((JSON.parse(valid!.envelope) as { payload: string }).payload, 'base64').toString('utf8')) as { issued_at: string };
    const inside = Math.floor(Date.parse(payload.issued_at) / 1000) + 86_400; // a day after issue, before expiry
    const envelopeFile = join(work, `envelope-${release}.json`);
    writeFileSync(envelopeFile, valid!.envelope);
    const exe = buildScenarios(release, port, 'esp/ota_agent.c', 'test/agent_scenarios.c');
    const run = spawnSync(exe, [envelopeFile, spki, String(inside)], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 29);
  });
});

describe('ESP-IDF releases the glue does not build on', () => {
  it.skipIf(missingCjson !== null)('ESP-IDF 6.0 (TF-PSA-Crypto 1.0) has no mbedtls_md_hmac_*: the mbedTLS port cannot be its port', () => {
    const r = syntaxCheck('v6.0', 'port/ota_crypto_mbedtls.c');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/implicit declaration of function .mbedtls_md_hmac_starts/);
  });

  it.skipIf(missingCjson !== null)('ESP-IDF 4.4 stops at a clear ">= 5.0" #error', () => {
    const r = syntaxCheck('v4.4', 'esp/ota_agent.c');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('#error "otactl needs ESP-IDF >= 5.0');
  });
});

// templates/esp-idf/CMakeLists.txt evaluated by cmake itself (script mode, idf_component_register
// stubbed to print what it is given) as ESP-IDF 5 and 6 would: the crypto port and the cJSON
// component per release, and every source of src/ and esp/ built.
const missingCmake = missingTool('cmake', ['--version']);
if (missingCmake) console.warn(`SKIPPING the ESP-IDF CMakeLists.txt check: ${missingCmake}`);

interface Registered { SRCS: string[]; INCLUDE_DIRS: string[]; PRIV_INCLUDE_DIRS: string[]; REQUIRES: string[]; PRIV_REQUIRES: string[] }

function registered(idfMajor: number): Registered {
  const script = join(work, `component-${idfMajor}.cmake`);
  writeFileSync(script, [
    'function(idf_component_register)',
    '  cmake_parse_arguments(A "" "" "SRCS;INCLUDE_DIRS;PRIV_INCLUDE_DIRS;REQUIRES;PRIV_REQUIRES" ${ARGN})',
    '  foreach(key SRCS INCLUDE_DIRS PRIV_INCLUDE_DIRS REQUIRES PRIV_REQUIRES)',
    '    message("${key}=${A_${key}}")',
    '  endforeach()',
    'endfunction()',
    `set(IDF_VERSION_MAJOR ${idfMajor})`,
    `include("${join(ESP, 'CMakeLists.txt')}")`,
  ].join('\n'));
  const r = spawnSync('cmake', ['-P', script], { encoding: 'utf8', cwd: ESP });
  expect(r.status, r.stderr).toBe(0);
  const lists = new Map(r.stderr.trim().split('\n').map((line) => {
    const [key = '', value = ''] = line.split('=');
    return [key, value === '' ? [] : value.split(';')] as const;
  }));
  const list = (key: keyof Registered) => lists.get(key) ?? [];
  return { SRCS: list('SRCS'), INCLUDE_DIRS: list('INCLUDE_DIRS'), PRIV_INCLUDE_DIRS: list('PRIV_INCLUDE_DIRS'), REQUIRES: list('REQUIRES'), PRIV_REQUIRES: list('PRIV_REQUIRES') };
}

describe('ESP-IDF component definition', () => {
  const sources = ['src', 'esp'].flatMap((dir) => readdirSync(join(ESP, dir)).filter((f) => f.endsWith('.c')).map((f) => `${dir}/${f}`));

  it.skipIf(missingCmake !== null)('ESP-IDF 5.x: the mbedTLS port and the built-in json component', () => {
    const c = registered(5);
    expect(c.SRCS).toContain('port/ota_crypto_mbedtls.c');
    expect(c.SRCS).not.toContain('port/ota_crypto_psa.c');
    expect(c.REQUIRES).toEqual(['mbedtls', 'json']);
    expect(c.SRCS.filter((s) => !s.startsWith('port/')).sort()).toEqual([...sources].sort());
  });

  it.skipIf(missingCmake !== null)('ESP-IDF 6.0: the PSA port, no built-in json (espressif/cjson through idf_component.yml)', () => {
    const c = registered(6);
    expect(c.SRCS).toContain('port/ota_crypto_psa.c');
    expect(c.SRCS).not.toContain('port/ota_crypto_mbedtls.c');
    expect(c.REQUIRES).toEqual(['mbedtls']);
    expect(c.SRCS.filter((s) => !s.startsWith('port/')).sort()).toEqual([...sources].sort());
    for (const s of c.SRCS) expect(existsSync(join(ESP, s)), s).toBe(true);
  });

  it('idf_component.yml asks for espressif/cjson, publicly, only from ESP-IDF 6.0 on, and for ESP-IDF >= 5.0', () => {
    const yml = readFileSync(join(ESP, 'idf_component.yml'), 'utf8');
    const cjson = /^ {2}espressif\/cjson:\n((?: {4}.*\n)+)/m.exec(yml);
    expect(cjson, 'an espressif/cjson dependency block').not.toBeNull();
    expect(cjson![1]).toMatch(/^ {4}version: "\^1\.7\.19"$/m);
    expect(cjson![1]).toMatch(/^ {4}require: public$/m);
    expect(cjson![1]).toMatch(/^ {4}rules:\n {6}- if: "idf_version >=6\.0"$/m);
    expect(yml).toMatch(/^ {2}idf: ">=5\.0"$/m);
  });
});

// The C agents' local time for install windows (ota_time.h): localtime_r under TZ, unknown before
// the clock is set, and whether TZ was missing (the agent then reports ota.time.utc_assumed). Host
// glibc here; on the device it is newlib's localtime_r with the same POSIX TZ strings (not run).
const localTimeExe = join(work, 'local_time');
const SANE = String(Date.UTC(2025, 0, 1) / 1000);
const JULY_0230Z = String(Date.UTC(2026, 6, 1, 2, 30) / 1000);

function runLocalTime(args: string[], tz: string | undefined): string {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  if (tz !== undefined) env.TZ = tz;
  const r = spawnSync(localTimeExe, args, { encoding: 'utf8', env });
  expect(r.stderr, 'sanitizer reports').toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

describe.skipIf(missingGcc !== null)('C core: the local time for install windows', () => {
  beforeAll(() => compileC(work, { sources: coreFiles('src/ota_time.c', 'test/local_time.c'), includeDirs: [join(ESP, 'include')], exe: localTimeExe }));

  it.each<[string | undefined, string, string]>([
    [undefined, '150 1', 'no TZ: UTC, and said so'],
    ['', '150 1', 'an empty TZ is no TZ'],
    ['CET-1CEST,M3.5.0,M10.5.0/3', '270 0', 'Berlin in summer (CEST, UTC+2): 04:30'],
    ['JST-9', '690 0', 'Tokyo: 11:30'],
    ['EST5EDT,M3.2.0,M11.1.0', '1350 0', 'New York in summer (EDT, UTC-4): 22:30 the day before'],
  ])('TZ=%j at 2026-07-01T02:30Z -> %s (%s)', (tz, want) => {
    expect(runLocalTime([JULY_0230Z, SANE], tz)).toBe(want);
  });

  it('before the clock is set (below the sane minimum: no SNTP yet) the time is unknown (-1)', () => {
    expect(runLocalTime(['86400', SANE], 'JST-9')).toBe('-1 0');
    expect(runLocalTime([String(Number(SANE) - 1), SANE], undefined)).toBe('-1 1');
    expect(runLocalTime([SANE, SANE], undefined)).toBe('0 1');
  });

  it.each([
    ['00:00', '0'],
    ['23:59', '1439'],
    ['04:00', '240'],
    ['24:00', '-1'],
    ['12:60', '-1'],
    ['7:00', '-1'],
    ['07:00 ', '-1'],
    ['07-00', '-1'],
    ['', '-1'],
  ])('ota_parse_local_time(%j) = %s', (text, want) => {
    expect(runLocalTime(['parse', text], undefined)).toBe(want);
  });

  it('ota_parse_local_time(NULL) = -1', () => {
    expect(runLocalTime(['parse'], undefined)).toBe('-1');
  });
});

// templates/esp-idf/esp/ota_delta.c on the host (test/delta_scenarios.c): against the ESP-IDF v5.5
// headers, linked with the real esp_delta_ota 1.1.4 (esp-idf-headers/esp_delta_ota) on detools'
// C library at the commit it pins (test/artifacts/esp/detools-c), with ota_install.c's shared
// checks, the crypto port on Debian's mbedTLS, and stand-ins for partitions, esp_ota_* and
// esp_http_client. An otactl patch of the real hello_world image installs byte for byte; a patch
// for another base, flash that does not match its hash, a truncated, overlong, corrupted or missing
// patch and a version mismatch never switch the boot partition and report ota.delta.fail. The C
// manifest parser reads a manifest otactl published with build.deltas, and ota_delta_for_running
// picks the patch made against the running image.
const DELTA_OTA = join(HEADERS, 'esp_delta_ota');
const DETOOLS = join(REPO, 'test', 'artifacts', 'esp', 'detools-c');
const DETOOLS_FLAGS = ['-DDETOOLS_CONFIG_FILE_IO=0', '-DDETOOLS_CONFIG_COMPRESSION_NONE=0', '-DDETOOLS_CONFIG_COMPRESSION_LZMA=0', '-DDETOOLS_CONFIG_COMPRESSION_CRLE=0'];

const missingDelta = missingTool('gcc', ['--version'], ['/usr/include/cjson/cJSON.h', '/usr/include/mbedtls/md.h']);
if (missingDelta) console.warn(`SKIPPING the ESP-IDF delta install scenarios: ${missingDelta}`);

/**
 * detools' C library (test/artifacts/esp/detools-c, the commit esp_delta_ota pins) with
 * esp_delta_ota's configuration, compiled once, -Wall -Werror: the install scenarios link it under
 * the component, the patch runs below under a driver that calls it as the component does.
 */
let detools: string[] | undefined;
function detoolsObjects(): string[] {
  if (detools) return detools;
  const out = join(work, 'detools');
  mkdirSync(out, { recursive: true });
  const sources = [join(DETOOLS, 'detools.c'), join(DETOOLS, 'heatshrink', 'heatshrink_decoder.c')];
  const r = spawnSync('gcc', ['-c', '-O1', '-std=gnu11', '-Wall', '-Werror', ...DETOOLS_FLAGS, `-I${DETOOLS}`, `-I${join(DETOOLS, 'heatshrink')}`, ...sources], { encoding: 'utf8', cwd: out });
  expect(r.stderr + r.stdout).toBe('');
  expect(r.status).toBe(0);
  detools = sources.map((f) => join(out, `${basename(f, '.c')}.o`));
  return detools;
}

/** The esp_delta_ota component on detools (third-party C, built as the component builds it: its warnings are not ours): objects to link. */
function vendoredObjects(idfDirs: string[]): string[] {
  const out = join(work, 'esp_delta_ota.o');
  const src = join(DELTA_OTA, 'src', 'esp_delta_ota.c');
  const r = spawnSync('gcc', ['-c', '-w', '-O1', '-std=gnu11', ...DETOOLS_FLAGS, `-I${DETOOLS}`, `-I${join(DETOOLS, 'heatshrink')}`, `-I${join(HEADERS, 'sdkconfig')}`, ...idfDirs, `-I${join(DELTA_OTA, 'include')}`, src, '-o', out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return [...detoolsObjects(), out];
}

describe('ESP-IDF glue: the delta install on the host (v5.5 headers, esp_delta_ota 1.1.4)', () => {
  it.skipIf(missingDelta !== null)('installs an otactl patch byte for byte; refuses every bad case without switching the boot partition; picks the patch from a published manifest', async () => {
    const dir = join(HEADERS, 'v5.5');
    const idfDirs = readFileSync(join(dir, 'include-dirs.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('crypto/')).flatMap((d) => ['-isystem', join(dir, d)]);
    // The core, the glue's rules and the mbedTLS port as the v5.5 install and boot scenarios link them.
    const { objects, includeDirs, flags } = releaseObjects('v5.5', 'port/ota_crypto_mbedtls.c');
    const exe = join(work, 'delta_scenarios');
    compileC(work, {
      sources: [...coreFiles('esp/ota_delta.c', 'esp/ota_install.c', 'test/delta_scenarios.c'), ...objects, ...vendoredObjects(idfDirs)],
      includeDirs,
      flags,
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

/**
 * otactl's esp_delta_ota patches on the applier the device runs: detools' C library, pinned at the
 * commit esp_delta_ota builds (test/artifacts/esp/detools-c/PROVENANCE.md), built above with
 * esp_delta_ota's configuration, fed patches the way the component feeds them. Real ESP-IDF images
 * (hello_world, ESP32) and variants; damaged, truncated and foreign patches never yield an image
 * that passes the SHA-256 check; the TypeScript applier agrees.
 */
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const patchDir = join(work, 'patches');
let driver: string | undefined;

/** detools' apply_patch driver (calling the library as esp_delta_ota does), built on first use. */
function patchDriver(): string {
  if (driver) return driver;
  mkdirSync(patchDir);
  const exe = join(work, 'apply_patch');
  execFileSync('gcc', ['-O1', '-Wall', '-Werror', ...DETOOLS_FLAGS, '-I', DETOOLS, '-I', join(DETOOLS, 'heatshrink'), '-I', join(ESP, 'test'), '-o', exe, join(DETOOLS, 'apply_patch.c'), ...detoolsObjects()]);
  driver = exe;
  return driver;
}

let patchRuns = 0;
/** Runs the C applier; `running` is the device's image validation hash (null: bare detools patch). */
function applyC(base: Buffer, patch: Buffer, running: Buffer | null, chunk = 1024): { status: number; out: Buffer; stderr: string } {
  const exe = patchDriver();
  const id = patchRuns++;
  const [b, p, o] = ['base', 'patch', 'out'].map((x) => join(patchDir, `${x}-${id}.bin`)) as [string, string, string];
  writeFileSync(b, base);
  writeFileSync(p, patch);
  const r = spawnSync(exe, [b, p, o, running ? running.toString('hex') : '-', String(chunk)], { encoding: 'utf8' });
  const out = r.status === 0 ? readFileSync(o) : Buffer.alloc(0);
  for (const f of [b, p, o]) rmSync(f, { force: true });
  return { status: r.status ?? -1, out, stderr: r.stderr };
}

const base = hello();
const pairs: Array<[string, Buffer]> = [
  ['version string only', variant(base, { version: 'v1.0.1' })],
  ['version + 60 code words', variant(base, { version: 'v1.0.1', words: 60, seed: 3 })],
  ['version + code inserted mid-image', variant(base, { version: 'v1.1.0', words: 20, insert: 1000, seed: 5 })],
  ['a much larger rewrite', variant(base, { version: 'v2', words: 4000, insert: 20000, seed: 9 })],
];

describe('format facts, checked against esp_delta_ota\'s own test vectors', () => {
  it('the TypeScript applier reads a patch Python detools made (esp_delta_ota test_apps assets)', () => {
    const [b, nw, p] = ['base', 'new', 'patch'].map((f) => readFileSync(FIXTURES + f + '.bin'));
    expect(applyDetoolsPatch(b!, p!).equals(nw!)).toBe(true);
    // and the vendored C library agrees
    expect(applyC(b!, p!, null).out.equals(nw!)).toBe(true);
  });

  it('the test images are what they claim: the fixture re-seals to itself (checksum and hash recomputed)', () => {
    expect(seal(parseImage(base)).equals(base)).toBe(true);
    expect(sha(base.subarray(0, base.length - 32))).toBe(validationHash(base).toString('hex'));
  });

  it('suffix array: the same order as a plain sort, on bytes with long repeats', () => {
    const s = Buffer.concat([Buffer.alloc(300, 0xff), base.subarray(1000, 3000), Buffer.alloc(50), base.subarray(1000, 1500)]);
    const naive = [...Array(s.length).keys()].sort((a, b) => Buffer.compare(s.subarray(a), s.subarray(b)));
    expect([...suffixArray(s)]).toEqual(naive);
  });
});

describe('otactl patches applied by detools\' C library (as esp_delta_ota runs it)', () => {
  for (const [name, target] of pairs) {
    it(`${name}: byte for byte, in 1024-byte and 1-byte feeds`, () => {
      const patch = makeEspDelta(base, target, validationHash(base));
      expect(patch.equals(makeEspDelta(base, target, validationHash(base)))).toBe(true); // deterministic
      expect(patch.readUInt32LE(0)).toBe(0xfccdde10);
      expect(patch.subarray(4, 36).equals(validationHash(base))).toBe(true);
      expect(patch.subarray(36, 64).equals(Buffer.alloc(28))).toBe(true);
      for (const chunk of [1024, 1]) {
        const r = applyC(base, patch, validationHash(base), chunk);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.out.equals(target)).toBe(true);
      }
      expect(applyEspDelta(base, patch, { baseValidationHash: validationHash(base), expectedSha256: sha(target) }).equals(target)).toBe(true);
    });
  }

  it('a small change gives a small patch (under 10 % of the image)', () => {
    const target = pairs[2]![1];
    expect(makeEspDelta(base, target, validationHash(base)).length).toBeLessThan(target.length / 10);
  });

  it('unrelated images and an empty base still round-trip (all literals, long zero runs)', () => {
    const target = Buffer.concat([Buffer.alloc(5000), base.subarray(0, 3000), Buffer.alloc(300, 0xff)]);
    for (const b of [Buffer.alloc(0), Buffer.from(base.subarray(40000, 41000))]) {
      const patch = makeEspDelta(b, target, Buffer.alloc(32, 7));
      const r = applyC(b, patch, Buffer.alloc(32, 7), 97);
      expect(r.status).toBe(0);
      expect(r.out.equals(target)).toBe(true);
    }
  });
});

describe('bad patches never give an image that verifies', () => {
  const target = pairs[2]![1];
  const running = validationHash(base);
  const patch = makeEspDelta(base, target, running);
  const opts = { baseValidationHash: running, expectedSha256: sha(target) };

  it('a patch for another base is refused by its header, in C and in TypeScript', () => {
    const other = pairs[3]![1];
    const r = applyC(other, patch, validationHash(other));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/another base/);
    expect(() => applyEspDelta(other, patch, { ...opts, baseValidationHash: validationHash(other) })).toThrow(/another base/);
    // Without the header check detools cannot tell: the image it writes is wrong, which the SHA-256 catches.
    const blind = applyC(other, patch.subarray(ESP_DELTA_HEADER_LEN), null);
    expect(blind.status === 0 && sha(blind.out) === sha(target)).toBe(false);
    expect(() => applyEspDelta(other, patch, { ...opts, baseValidationHash: running })).toThrow(/SHA-256/);
  });

  it('a wrong magic is refused', () => {
    const bad = Buffer.from(patch);
    bad[0] = bad[0]! ^ 1;
    expect(applyC(base, bad, running).status).toBe(3);
    expect(() => applyEspDelta(base, bad, opts)).toThrow(/magic/);
  });

  it('a patch announcing a larger image than the build is refused before anything is applied', () => {
    expect(() => applyEspDelta(base, patch, { ...opts, maxSize: target.length - 1 })).toThrow(/more than/);
    expect(applyEspDelta(base, patch, { ...opts, maxSize: target.length }).equals(target)).toBe(true);
  });

  it('truncated patches: the C library reports missing data; TypeScript refuses', () => {
    for (const cut of [ESP_DELTA_HEADER_LEN - 1, ESP_DELTA_HEADER_LEN + 1, ESP_DELTA_HEADER_LEN + 5, Math.floor(patch.length / 2), patch.length - 1]) {
      const short = patch.subarray(0, cut);
      const r = applyC(base, short, running);
      expect(r.status, `cut at ${cut}`).not.toBe(0);
      expect(() => applyEspDelta(base, short, opts)).toThrow();
    }
  });

  it('corrupted patches: the C library refuses most; what it writes otherwise fails the SHA-256 (the TypeScript applier agrees)', () => {
    let refusedByC = 0;
    let harmless = 0;
    const positions = [64, 65, 66, 67, 70, 100, 200, 500, Math.floor(patch.length / 2), patch.length - 2];
    for (const at of positions) {
      const bad = Buffer.from(patch);
      bad[at] = bad[at]! ^ 0x5a;
      const r = applyC(base, bad, running);
      if (r.status !== 0) refusedByC++;
      // A flip in bits nothing reads (the last seek, the padding) still yields the exact image.
      const exact = r.status === 0 && r.out.equals(target);
      if (exact) harmless++;
      let ts: Buffer | null = null;
      try {
        ts = applyEspDelta(base, bad, opts);
      } catch {
        ts = null;
      }
      expect(ts === null ? false : ts.equals(target), `flip at ${at}`).toBe(exact);
    }
    expect(refusedByC).toBeGreaterThanOrEqual(positions.length / 2);
    expect(harmless).toBeLessThanOrEqual(2);
  });
});
