import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESP, compileC, coreFiles } from './c-build.js';
import { missingTool } from './toolchain.js';

// The C agents' local time for install windows (ota_time.h): localtime_r under TZ, unknown before
// the clock is set, and whether TZ was missing (the agent then reports ota.time.utc_assumed). Host
// glibc here; on the device it is newlib's localtime_r with the same POSIX TZ strings (not run).
const work = mkdtempSync(join(tmpdir(), 'otactl-local-time-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const missingGcc = missingTool('gcc', ['--version']);
const exe = join(work, 'local_time');
const SANE = String(Date.UTC(2025, 0, 1) / 1000);
const JULY_0230Z = String(Date.UTC(2026, 6, 1, 2, 30) / 1000);

function run(args: string[], tz: string | undefined): string {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  if (tz !== undefined) env.TZ = tz;
  const r = spawnSync(exe, args, { encoding: 'utf8', env });
  expect(r.stderr, 'sanitizer reports').toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

describe.skipIf(missingGcc !== null)('C core: the local time for install windows', () => {
  beforeAll(() => compileC(work, { sources: coreFiles('src/ota_time.c', 'test/local_time.c'), includeDirs: [join(ESP, 'include')], exe }));

  it.each([
    [undefined, '150 1', 'no TZ: UTC, and said so'],
    ['', '150 1', 'an empty TZ is no TZ'],
    ['CET-1CEST,M3.5.0,M10.5.0/3', '270 0', 'Berlin in summer (CEST, UTC+2): 04:30'],
    ['JST-9', '690 0', 'Tokyo: 11:30'],
    ['EST5EDT,M3.2.0,M11.1.0', '1350 0', 'New York in summer (EDT, UTC-4): 22:30 the day before'],
  ])('TZ=%j at 2026-07-01T02:30Z -> %s (%s)', (tz, want) => {
    expect(run([JULY_0230Z, SANE], tz)).toBe(want);
  });

  it('before the clock is set (below the sane minimum: no SNTP yet) the time is unknown (-1)', () => {
    expect(run(['86400', SANE], 'JST-9')).toBe('-1 0');
    expect(run([String(Number(SANE) - 1), SANE], undefined)).toBe('-1 1');
    expect(run([SANE, SANE], undefined)).toBe('0 1');
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
    expect(run(['parse', text], undefined)).toBe(want);
  });

  it('ota_parse_local_time(NULL) = -1', () => {
    expect(run(['parse'], undefined)).toBe('-1');
  });
});
