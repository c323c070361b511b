import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEARSSL, ESP, MBEDTLS, PSA } from './c-build.js';
import { REPO, missingTool } from './toolchain.js';

// The C core, its crypto ports and cJSON cross-compiled for the ESP8266 (xtensa-lx106) with Debian's
// gcc-xtensa-lx106 + picolibc-xtensa-lx106-elf, as the Arduino builder would (-Os, -mlongcalls,
// -mtext-section-literals), warning-free. Each function's frame comes from -fstack-usage: no function
// of the core or a port may need more than 512 B (the loop() stack is 4 KiB, the BearSSL thunk 6 KiB).
// There is no xtensa BearSSL or Mbed TLS in Debian: the ports compile against the host's headers
// (BearSSL 0.6; Mbed TLS 2.28 with test/templates/xtensa/mbedtls_config.h); objects only, no link.
const CC = 'xtensa-lx106-elf-gcc';
const FRAME_LIMIT = 512;
const CJSON_DIR = join(REPO, 'test', 'templates', 'vendor', 'cjson');
const MBEDTLS_CONFIG = join(REPO, 'test', 'templates', 'xtensa', 'mbedtls_config.h');
const FLAGS = ['-std=c11', '-Os', '-Wall', '-Wextra', '-Werror', '-fstack-usage', '-mlongcalls', '-mtext-section-literals', '-ffunction-sections', '-fdata-sections'];

const missing = missingTool(CC, ['--version'], ['/usr/lib/xtensa-lx106-elf/include/string.h', BEARSSL.header, MBEDTLS.header]);
if (missing) console.warn(`SKIPPING the ESP8266 cross-compile of the C core: ${missing}`);

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

const work = mkdtempSync(join(tmpdir(), 'otactl-xtensa-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

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

describe.skipIf(missing !== null)('ESP8266 (xtensa-lx106) cross-compile of the C core and its ports', () => {
  it(`builds -Os -Wall -Wextra -Werror, every frame of the core and the ports <= ${FRAME_LIMIT} B, sizes per object`, () => {
    const includes = [join(ESP, 'include'), join(ESP, 'src'), CJSON_DIR, portHeaders()].map((d) => `-I${d}`);
    const over: string[] = [];
    const sizes: string[] = [];
    for (const unit of units) {
      const obj = join(work, `${basename(unit.source, '.c')}.o`);
      const cc = spawnSync(CC, [...FLAGS, ...includes, ...(unit.flags ?? []), '-c', unit.source, '-o', obj], { encoding: 'utf8' });
      expect(cc.stderr + cc.stdout, `${CC} on ${unit.source}`).toBe('');
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
    const cc = spawnSync(CC, [...FLAGS, '-c', src, '-o', join(work, 'big_frame.o')], { encoding: 'utf8' });
    expect(cc.stderr).toBe('');
    const over = overLimit(parseStackUsage(readFileSync(join(work, 'big_frame.su'), 'utf8')));
    expect(over.map((f) => f.split(' ')[0])).toEqual(['g', 'h']);
  });
});
