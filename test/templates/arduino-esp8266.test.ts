import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEARSSL, compileC, coreFiles, missingPort } from './c-build.js';
import { REPO, VECTORS_DIR, expectAllPassed, vectorCheckCount } from './toolchain.js';

// templates/arduino-esp8266/make-library.sh assembles the Arduino library from the shared C core
// (no copy of it lives in the template). What is checked here: the assembled folder's layout, and
// that its pure C part (core + BearSSL port) builds on its own include path with gcc and passes
// every vector. The ESP8266 glue (OtactlAgent.cpp: WiFiClientSecure, Update, LittleFS) needs the
// ESP8266 Arduino core and is not compiled here; nothing stands in for the Arduino API.
const SCRIPT = join(REPO, 'templates', 'arduino-esp8266', 'make-library.sh');
const missing = missingPort(BEARSSL);
if (missing) console.warn(`SKIPPING the ESP8266 library build: ${missing}`);

const work = mkdtempSync(join(tmpdir(), 'otactl-esp8266-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function makeLibrary(...args: string[]) {
  return spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('arduino-esp8266: make-library.sh', () => {
  it.skipIf(missing !== null)('assembles a library whose C part builds alone against BearSSL and passes every vector', () => {
    const out = join(work, 'linked');
    const r = makeLibrary('--cjson-linked', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lib = join(out, 'otactl_ota');
    expect(readFileSync(join(lib, 'library.properties'), 'utf8')).toMatch(/^architectures=esp8266$/m);
    expect(existsSync(join(lib, 'examples', 'OtactlUpdate', 'OtactlUpdate.ino'))).toBe(true);
    const src = readdirSync(join(lib, 'src'));
    expect(src).toEqual(expect.arrayContaining(['OtactlAgent.cpp', 'OtactlAgent.h', 'ota_crypto_bearssl.c', 'ota_envelope.h']));
    expect(src).not.toContain('ota_crypto_mbedtls.c');
    expect(src).not.toContain('cJSON.c'); // --cjson-linked: the build brings cJSON

    const exe = join(work, 'run_vectors-library');
    const sources = [...src.filter((f) => f.endsWith('.c')).map((f) => join(lib, 'src', f)), ...coreFiles('test/run_vectors.c')];
    compileC(work, { sources, includeDirs: [join(lib, 'src')], lib: BEARSSL.lib, exe });
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
    expect(makeLibrary('--cjson', cjson, out).status).toBe(0);
    for (const f of ['cJSON.c', 'cJSON.h']) {
      expect(readFileSync(join(out, 'otactl_ota', 'src', f), 'utf8')).toBe(readFileSync(join(cjson, f), 'utf8'));
    }
  });

  it.each([
    [[], 'say where cJSON is'],
    [['--cjson', '/nonexistent'], '/nonexistent/cJSON.c not found'],
    [['--cjson-linked'], 'no output folder'],
  ])('refuses %j with one line on stderr and exit 2', (args, message) => {
    const r = makeLibrary(...args, ...(args.includes('--cjson-linked') ? [] : [join(work, 'refused')]));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`make-library: ${message}`);
    expect(existsSync(join(work, 'refused'))).toBe(false);
  });
});
