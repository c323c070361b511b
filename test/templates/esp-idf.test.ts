import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promote, upload } from '../../src/index.js';
import { makeEspDelta } from '../../src/artifacts/esp/delta/index.js';
import { p256 } from '../helpers/keys.js';
import { memoryRelease } from '../helpers/memory-release.js';
import { hello, validationHash, variant } from '../artifacts/esp/delta-images.mjs';
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
 * ESP-IDF headers and run with stand-ins (install, boot validation, delta install), its component
 * definition, and the local time of install windows. One work folder: the harnesses that link the
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

describe.each(CRYPTO_PORTS)('ESP-IDF template: the C core on $name against test/vectors', (port: CryptoPort) => {
  const missing = missingPort(port);
  if (missing) console.warn(`SKIPPING the C template conformance run on ${port.name}: ${missing}`);
  const exe = join(work, `run_vectors-${port.name}`);

  it.skipIf(missing !== null)('compiles warning-free and passes every vector', () => {
    compileC(work, { sources: [...coreObjects(), ...portObjects(port), ...coreFiles('test/run_vectors.c')], includeDirs: CORE_DIRS, lib: port.lib, exe });
    const run = spawnSync(exe, [VECTORS_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, vectorCheckCount());
  });

  it.skipIf(missing !== null)('the nudge replay table stays within its capacity and fails closed (OTA_NUDGE_REPLAY_CAPACITY=3)', () => {
    const table = join(work, `replay_table-${port.name}`);
    const capacity = ['-DOTA_NUDGE_REPLAY_CAPACITY=3'];
    const sources = [...coreObjects(capacity), ...portObjects(port), ...coreFiles('test/replay_table.c')];
    compileC(work, { sources, includeDirs: CORE_DIRS, lib: port.lib, exe: table, flags: capacity });
    const run = spawnSync(table, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 21);
  });

  it.skipIf(missing !== null)('hostile input on a 16 KiB thread (nesting inside cJSON\'s limit, long strings, duplicate keys, lax escapes): malformed, no crash', () => {
    // Without the linear pre-scan cJSON recurses 900 levels and overflows this stack (ASan: stack-overflow).
    const hostile = join(work, `hostile_input-${port.name}`);
    compileC(work, { sources: [...coreObjects(), ...portObjects(port), ...coreFiles('test/hostile_input.c')], includeDirs: CORE_DIRS, lib: port.lib, exe: hostile });
    const run = spawnSync(hostile, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 73);
  });

  it.skipIf(missing !== null)('passes every vector again on a 16 KiB thread (the crypto port included)', () => {
    const onStack = join(work, `on_device_stack-${port.name}`);
    compileC(work, { sources: [...coreObjects(), ...portObjects(port), ...coreFiles('test/on_device_stack.c')], includeDirs: CORE_DIRS, lib: port.lib, exe: onStack });
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
