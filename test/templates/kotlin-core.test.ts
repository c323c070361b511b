import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, VECTORS_DIR, expectAllPassed, expectOnlyFalsifiedFailures, missingTool, vectorCaseCount, withWrongExpectations } from './toolchain.js';

// The Android template's pure Kotlin core (templates/android/core: no Android imports) compiled with
// Debian's kotlinc 1.3 on the JDK, runs the shared vectors. kotlinc is slow: compile once.
const ANDROID = join(REPO, 'templates', 'android');
const missing = missingTool('kotlinc', ['-version']) ?? missingTool('java', ['-version']);
if (missing) console.warn(`SKIPPING the Kotlin template conformance run: ${missing}`);

const work = mkdtempSync(join(tmpdir(), 'otactl-kotlin-core-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const jar = join(work, 'vectors.jar');
const MAIN = 'otactl.test.VectorsMainKt';
// ContractsMain's checks: a fixed count, so a check that silently stops running is noticed.
const CONTRACT_CHECKS = 99;

/** freshness.json's timestamps and cohort.json's device ids a string client runs (those given as UTF-16). */
function readerCaseCount(): number {
  const read = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, name), 'utf8')) as Record<string, unknown>;
  const timestamps = read('freshness.json').timestamps as unknown[];
  const ids = (read('cohort.json').device_ids as Array<{ utf16_hex: string | null }>).filter((c) => c.utf16_hex !== null);
  return timestamps.length + ids.length;
}

describe.skipIf(missing !== null)('Android template: the pure Kotlin core against test/vectors', () => {
  let compile: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    const core = join(ANDROID, 'core', 'otactl', 'core');
    // Downloader.kt is the one piece of glue that is plain JVM code: it compiles here too.
    const sources = [...readdirSync(core).map((f) => join(core, f)), join(ANDROID, 'agent', 'otactl', 'agent', 'Downloader.kt'), join(ANDROID, 'test', 'VectorsMain.kt'), join(ANDROID, 'test', 'ReplayMain.kt'), join(ANDROID, 'test', 'ContractsMain.kt')];
    compile = spawnSync('kotlinc', [...sources, '-include-runtime', '-d', jar], { encoding: 'utf8', timeout: 400_000 });
  }, 420_000);

  it('compiles without warnings (kotlinc 1.3, no Android classes; with the plain-JVM Downloader)', () => {
    const output = `${compile.stderr}${compile.stdout}`
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^OpenJDK .* VM warning: Options -Xverify:none/.test(l));
    expect(output).toEqual([]);
    expect(compile.status).toBe(0);
  });

  it('passes every vector', () => {
    const run = spawnSync('java', ['-cp', jar, MAIN, VECTORS_DIR], { encoding: 'utf8', timeout: 120_000 });
    expectAllPassed(run, vectorCaseCount());
  });

  it('reads timestamps and device ids as every client does (freshness.json timestamps, cohort.json device_ids with UTF-16 code units)', () => {
    const run = spawnSync('java', ['-cp', jar, MAIN, VECTORS_DIR, '--readers'], { encoding: 'utf8', timeout: 120_000 });
    expectAllPassed(run, readerCaseCount());
  });

  it('the nudge replay cache stays within its capacity and fails closed; FCM string data and strict fields', () => {
    const run = spawnSync('java', ['-cp', jar, 'otactl.test.ReplayMainKt'], { encoding: 'utf8', timeout: 120_000 });
    expectAllPassed(run, 21);
  });

  it('contracts on our own inputs: nesting pre-scan, \\u escapes, timestamps, base64, device ids, nudge target tag, APK signer rule; the Downloader against a real HTTP server (resume across sessions, Range ignored, wrong Content-Range)', () => {
    const run = spawnSync('java', ['-cp', jar, 'otactl.test.ContractsMainKt'], { encoding: 'utf8', timeout: 120_000 });
    expectAllPassed(run, CONTRACT_CHECKS);
  });

  it('reports the cases whose expectations it does not meet (the harness can fail, nudges included)', () => {
    const run = spawnSync('java', ['-cp', jar, MAIN, withWrongExpectations(work)], { encoding: 'utf8', timeout: 120_000 });
    expectOnlyFalsifiedFailures(run);
  });
});
