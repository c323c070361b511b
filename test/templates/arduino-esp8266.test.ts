import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEARSSL, ESP, MBEDTLS, PSA, compileC, coreFiles, missingPort } from './c-build.js';
import { REPO, VECTORS_DIR, expectAllPassed, missingTool, vectorCheckCount } from './toolchain.js';

// templates/arduino-esp8266/make-library.sh assembles the Arduino library from the shared C core
// (no copy of it lives in the template). What is checked here: the assembled folder's layout, and
// that its pure C part (core + BearSSL port) builds on its own include path with gcc and passes
// every vector; and the glue's pure decisions (src/otactl_glue.c: the server pin, the build copied
// out of the manifest, Range resume over several responses, the boot-validation record) through
// test/glue_test.c. OtactlAgent.cpp (WiFiClientSecure, Update, LittleFS) and the example are checked
// with the host g++ (-fsyntax-only) against the ESP8266 core 3.1.2's own headers in its host-test
// mode: every call must exist with these types; nothing is linked or run, nothing stands in for the API.
const TEMPLATE = join(REPO, 'templates', 'arduino-esp8266');
const SCRIPT = join(TEMPLATE, 'make-library.sh');
const URL = 'https://git.example.com/fleet/otactl';
const missing = missingPort(BEARSSL);
const XTENSA_CC = 'xtensa-lx106-elf-gcc';
const xtensaMissing = missingTool(XTENSA_CC, ['--version'], ['/usr/lib/xtensa-lx106-elf/include/string.h']);
if (xtensaMissing) console.warn(`SKIPPING the ESP8266 cross-compile of the glue's C: ${xtensaMissing}`);
if (missing) console.warn(`SKIPPING the ESP8266 library build: ${missing}`);

// The ESP8266 core's headers (pinned subset, scripts/esp8266-core-headers.sh, PROVENANCE.md beside
// them) in the core's own host-test mode (CORE_MOCK: tests/host/common/mock.h), as its Makefile sets it.
const CORE_HEADERS = join(REPO, 'test', 'templates', 'esp8266-core-headers', '3.1.2');
const gxxMissing = missingTool('g++', ['--version'], ['/usr/include/cjson/cJSON.h']);
if (gxxMissing) console.warn(`SKIPPING the ESP8266 glue's syntax check: ${gxxMissing}`);

function syntaxCheck(file: string, librarySrc: string, extra: string[]) {
  const dirs = readFileSync(join(CORE_HEADERS, 'include-dirs.txt'), 'utf8').trim().split('\n');
  const mock = join(CORE_HEADERS, 'tests', 'host', 'common');
  const flags = ['-std=gnu++17', '-fsyntax-only', '-Wall', '-Wextra', '-Werror', '-DHOST_MOCK=1', '-DCORE_MOCK=1', '-DLWIP_IPV6=0', '-DNONOSDK221=1', '-DF_CPU=80000000',
    '-DHTTPCLIENT_1_1_COMPATIBLE=0', '-funsigned-char', '-include', join(mock, 'mock.h'), '-include', join(mock, 'c_types.h')];
  const includes = [...dirs.map((d) => join(CORE_HEADERS, d)), '/usr/include/cjson', librarySrc].map((d) => `-I${d}`);
  return spawnSync('g++', [...flags, ...includes, ...extra, file], { encoding: 'utf8', timeout: 120_000 });
}

const work = mkdtempSync(join(tmpdir(), 'otactl-esp8266-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function makeLibrary(...args: string[]) {
  return spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('arduino-esp8266: make-library.sh', () => {
  it.skipIf(missing !== null)('assembles a library whose C part builds alone against BearSSL and passes every vector', () => {
    const out = join(work, 'linked');
    const r = makeLibrary('--url', URL, '--cjson-linked', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lib = join(out, 'otactl_ota');
    expect(readFileSync(join(lib, 'library.properties'), 'utf8')).toMatch(/^architectures=esp8266$/m);
    expect(readFileSync(join(lib, 'library.properties'), 'utf8')).toMatch(new RegExp(`^url=${URL}$`, 'm'));
    expect(existsSync(join(lib, 'examples', 'OtactlUpdate', 'OtactlUpdate.ino'))).toBe(true);
    const src = readdirSync(join(lib, 'src'));
    expect(src).toEqual(expect.arrayContaining(['OtactlAgent.cpp', 'OtactlAgent.h', 'ota_crypto_bearssl.c', 'ota_envelope.h', 'ota_boot.c', 'ota_boot.h', 'ota_resume.c', 'ota_resume.h']));
    expect(src).not.toContain('ota_crypto_mbedtls.c');
    expect(src).not.toContain('cJSON.c'); // --cjson-linked: the build brings cJSON

    // Built from a folder that is not named src: a file that reached another by "../src/..." only
    // compiled because of the folder's name.
    const flat = join(work, 'library-sources');
    cpSync(join(lib, 'src'), flat, { recursive: true });
    const exe = join(work, 'run_vectors-library');
    const sources = [...src.filter((f) => f.endsWith('.c')).map((f) => join(flat, f)), ...coreFiles('test/run_vectors.c')];
    compileC(work, { sources, includeDirs: [flat], lib: BEARSSL.lib, exe });
    const run = spawnSync(exe, [VECTORS_DIR], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, vectorCheckCount()); // run_vectors.c also reads device_ids and timestamps
  });

  it.skipIf(missing !== null)('copies cJSON.c and cJSON.h from the folder --cjson names', () => {
    // Only the copy is checked: Debian ships no cJSON.c, so this one is a placeholder file.
    const cjson = join(work, 'cjson-release');
    mkdirSync(cjson, { recursive: true });
    copyFileSync('/usr/include/cjson/cJSON.h', join(cjson, 'cJSON.h'));
    writeFileSync(join(cjson, 'cJSON.c'), '/* cJSON.c of the release */\n');
    const out = join(work, 'bundled');
    expect(makeLibrary('--url', URL, '--cjson', cjson, out).status).toBe(0);
    for (const f of ['cJSON.c', 'cJSON.h']) {
      expect(readFileSync(join(out, 'otactl_ota', 'src', f), 'utf8')).toBe(readFileSync(join(cjson, f), 'utf8'));
    }
  });

  it.skipIf(missing !== null)('the glue\'s pure decisions: server pin, build copy, Range resume across responses, boot record', () => {
    const out = join(work, 'glue');
    expect(makeLibrary('--url', URL, '--cjson-linked', out).status).toBe(0);
    const lib = join(out, 'otactl_ota', 'src');
    const exe = join(work, 'glue_test');
    const sources = [...readdirSync(lib).filter((f) => f.endsWith('.c')).map((f) => join(lib, f)), join(TEMPLATE, 'test', 'glue_test.c')];
    compileC(work, { sources, includeDirs: [lib], lib: BEARSSL.lib, exe });
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 56);
  });

  it.skipIf(missing !== null || xtensaMissing !== null)('the glue\'s C cross-compiles for the ESP8266 (-Os -Werror), every frame <= 512 B', () => {
    const src = join(TEMPLATE, 'src', 'otactl_glue.c');
    const obj = join(work, 'otactl_glue.o');
    const includes = [join(REPO, 'templates', 'esp-idf', 'include'), join(TEMPLATE, 'src'), '/usr/include/cjson'].map((d) => `-I${d}`);
    const cc = spawnSync(XTENSA_CC, ['-Os', '-Wall', '-Wextra', '-Werror', '-fstack-usage', ...includes, '-c', src, '-o', obj], { encoding: 'utf8' });
    expect(cc.stderr + cc.stdout).toBe('');
    expect(cc.status).toBe(0);
    const frames = readFileSync(obj.replace(/\.o$/, '.su'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.filter(([, bytes, kind]) => Number(bytes) > 512 || kind !== 'static').map(([fn]) => fn)).toEqual([]);
  });

  it.skipIf(gxxMissing !== null)('OtactlAgent.cpp and the example sketch compile against the ESP8266 core 3.1.2 headers (g++ -fsyntax-only -Wall -Wextra -Werror, the core\'s host mode)', () => {
    const out = join(work, 'syntax');
    expect(makeLibrary('--url', URL, '--cjson-linked', out).status).toBe(0);
    const lib = join(out, 'otactl_ota');
    const sketch = join(work, 'OtactlUpdate.cpp');
    copyFileSync(join(lib, 'examples', 'OtactlUpdate', 'OtactlUpdate.ino'), sketch);
    for (const [file, extra] of [[join(lib, 'src', 'OtactlAgent.cpp'), []], [sketch, ['-include', 'Arduino.h']]] as const) {
      const r = syntaxCheck(file, join(lib, 'src'), [...extra]);
      expect(r.stderr + r.stdout, file).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it.skipIf(gxxMissing !== null)('that check can fail: a call the core does not have, a wrong argument type', () => {
    const out = join(work, 'syntax-bad');
    expect(makeLibrary('--url', URL, '--cjson-linked', out).status).toBe(0);
    const agent = join(out, 'otactl_ota', 'src', 'OtactlAgent.cpp');
    const text = readFileSync(agent, 'utf8');
    expect(text).toContain('client.setFingerprint(sha1);');
    writeFileSync(agent, text.replace('client.setFingerprint(sha1);', 'client.setFingerprint(sha1, 20);').replace('Update.getErrorString()', 'Update.errorString()'));
    const r = syntaxCheck(agent, join(out, 'otactl_ota', 'src'), []);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/setFingerprint/);
    expect(r.stderr).toMatch(/errorString/);
  });

  it('refuses to assemble a library where a source includes another by a path (it would build only by folder names)', () => {
    // A copy of the template beside a core whose port reaches its header through "../src/".
    const tree = join(work, 'tree');
    cpSync(TEMPLATE, join(tree, 'arduino-esp8266'), { recursive: true });
    cpSync(join(REPO, 'templates', 'esp-idf'), join(tree, 'esp-idf'), { recursive: true });
    const port = join(tree, 'esp-idf', 'port', 'ota_crypto_bearssl.c');
    writeFileSync(port, readFileSync(port, 'utf8').replace(/#include "ota_crypto\.h"/, '#include "../src/ota_crypto.h"'));
    const r = spawnSync('bash', [join(tree, 'arduino-esp8266', 'make-library.sh'), '--url', URL, '--cjson-linked', join(work, 'pathed')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^make-library: these sources include another by a path, which the flat library breaks: ota_crypto_bearssl\.c/);
    expect(existsSync(join(work, 'pathed', 'otactl_ota'))).toBe(false);
  });

  it.each([
    [[], 'say where cJSON is'],
    [['--cjson', '/nonexistent'], '/nonexistent/cJSON.c not found'],
    [['--cjson-linked'], 'no output folder'],
    [['--cjson-linked', '--url'], '--url needs a URL'],
    [['--cjson-linked', 'OUT'], "say where the library's project page is: --url URL"],
    [['--cjson-linked', '--url', 'git.example.com/x', 'OUT'], "--url must be an http(s) URL without spaces, not 'git.example.com/x'"],
  ])('refuses %j with one line on stderr and exit 2', (args, message) => {
    const refused = join(work, 'refused');
    const r = makeLibrary(...args.map((a) => (a === 'OUT' ? refused : a)), ...(args.includes('--cjson-linked') ? [] : [refused]));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`make-library: ${message}`);
    expect(existsSync(join(work, 'refused'))).toBe(false);
  });
});

// The C core, its crypto ports and cJSON cross-compiled for the ESP8266 (xtensa-lx106) with Debian's
// gcc-xtensa-lx106 + picolibc-xtensa-lx106-elf, as the Arduino builder would (-Os, -mlongcalls,
// -mtext-section-literals), warning-free. Each function's frame comes from -fstack-usage: no function
// of the core or a port may need more than 512 B (the loop() stack is 4 KiB, the BearSSL thunk 6 KiB).
// There is no xtensa BearSSL or Mbed TLS in Debian: the ports compile against the host's headers
// (BearSSL 0.6; Mbed TLS 2.28 with test/templates/xtensa/mbedtls_config.h); objects only, no link.
const FRAME_LIMIT = 512;
const CJSON_DIR = join(REPO, 'test', 'templates', 'vendor', 'cjson');
const MBEDTLS_CONFIG = join(REPO, 'test', 'templates', 'xtensa', 'mbedtls_config.h');
const XTENSA_FLAGS = ['-std=c11', '-Os', '-Wall', '-Wextra', '-Werror', '-fstack-usage', '-mlongcalls', '-mtext-section-literals', '-ffunction-sections', '-fdata-sections'];

const crossMissing = missingTool(XTENSA_CC, ['--version'], ['/usr/lib/xtensa-lx106-elf/include/string.h', BEARSSL.header, MBEDTLS.header]);
if (crossMissing) console.warn(`SKIPPING the ESP8266 cross-compile of the C core: ${crossMissing}`);

interface Unit {
  source: string;
  /** Held to the frame limit: the core and the ports (cJSON's frames are reported, not ours to change). */
  ours: boolean;
  flags?: string[];
}

const units: Unit[] = [
  ...readdirSync(join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => ({ source: join(ESP, 'src', f), ours: true })),
  { source: join(ESP, BEARSSL.source), ours: true },
  { source: join(ESP, MBEDTLS.source), ours: true, flags: [`-DMBEDTLS_CONFIG_FILE="${MBEDTLS_CONFIG}"`] },
  { source: join(ESP, PSA.source), ours: true, flags: [`-DMBEDTLS_CONFIG_FILE="${MBEDTLS_CONFIG}"`] },
  { source: join(CJSON_DIR, 'cJSON.c'), ours: false },
];

interface Frame {
  fn: string;
  bytes: number;
  kind: string;
}

/** The lines of a .su file: "file:line:col:function<TAB>bytes<TAB>static|dynamic|dynamic,bounded". */
function parseStackUsage(text: string): Frame[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [where = '', bytes = '', kind = ''] = line.split('\t');
      return { fn: where.slice(where.lastIndexOf(':') + 1), bytes: Number(bytes), kind };
    });
}

/** The frames the device cannot afford: above the limit, or sized at run time (alloca, VLA). */
function overLimit(frames: Frame[]): string[] {
  return frames.filter((f) => f.bytes > FRAME_LIMIT || f.kind !== 'static').map((f) => `${f.fn} ${f.bytes} B (${f.kind})`);
}

/** The host's bearssl/ and mbedtls/ header folders alone, without the rest of /usr/include (glibc). */
function portHeaders(): string {
  const dir = join(work, 'port-include');
  mkdirSync(dir, { recursive: true });
  for (const header of [BEARSSL.header, MBEDTLS.header, PSA.header]) {
    const folder = join(header, '..');
    symlinkSync(folder, join(dir, basename(folder)));
  }
  return dir;
}

describe.skipIf(crossMissing !== null)('ESP8266 (xtensa-lx106) cross-compile of the C core and its ports', () => {
  it(`builds -Os -Wall -Wextra -Werror, every frame of the core and the ports <= ${FRAME_LIMIT} B, sizes per object`, () => {
    const includes = [join(ESP, 'include'), join(ESP, 'src'), CJSON_DIR, portHeaders()].map((d) => `-I${d}`);
    const over: string[] = [];
    const sizes: string[] = [];
    for (const unit of units) {
      const obj = join(work, `${basename(unit.source, '.c')}.o`);
      const cc = spawnSync(XTENSA_CC, [...XTENSA_FLAGS, ...includes, ...(unit.flags ?? []), '-c', unit.source, '-o', obj], { encoding: 'utf8' });
      expect(cc.stderr + cc.stdout, `${XTENSA_CC} on ${unit.source}`).toBe('');
      expect(cc.status).toBe(0);
      const frames = parseStackUsage(readFileSync(obj.replace(/\.o$/, '.su'), 'utf8'));
      expect(frames.length, `${unit.source} has functions`).toBeGreaterThan(0);
      if (unit.ours) over.push(...overLimit(frames).map((f) => `${basename(unit.source)}: ${f}`));
      const [text, data, bss] = (spawnSync('xtensa-lx106-elf-size', [obj], { encoding: 'utf8' }).stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/);
      const largest = frames.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      sizes.push(`| \`${basename(unit.source)}\` | ${text} | ${data} | ${bss} | ${largest.bytes} (\`${largest.fn}\`) |`);
    }
    expect(over, `frames above ${FRAME_LIMIT} B or not static`).toEqual([]);
    if (process.env.OTACTL_PRINT_SIZES) console.log(['| object | text | data | bss | largest frame, B |', '|---|---|---|---|---|', ...sizes].join('\n'));
  });

  it('the frame check can fail: a 600-byte local and a variable-length array are reported', () => {
    const src = join(work, 'big_frame.c');
    writeFileSync(src, 'int f(char *s);\nint g(void) { char b[600]; return f(b); }\nint h(int n) { char v[n]; return f(v); }\nint k(void) { char s[8]; return f(s); }\n');
    const cc = spawnSync(XTENSA_CC, [...XTENSA_FLAGS, '-c', src, '-o', join(work, 'big_frame.o')], { encoding: 'utf8' });
    expect(cc.stderr).toBe('');
    const over = overLimit(parseStackUsage(readFileSync(join(work, 'big_frame.su'), 'utf8')));
    expect(over.map((f) => f.split(' ')[0])).toEqual(['g', 'h']);
  });
});
