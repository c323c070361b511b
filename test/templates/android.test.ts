import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, VECTORS_DIR, expectAllPassed, expectOnlyFalsifiedFailures, missingTool, vectorCaseCount, withWrongExpectations } from './toolchain.js';

/**
 * The Android template (templates/android) with Debian's kotlinc 1.3 on the JDK: its pure Kotlin
 * core against the shared vectors, and its glue against the platform API of level 29. Two
 * compiles that cannot be one: the core's runs need a jar with the test mains and the Kotlin
 * runtime, the glue's compile is expected to fail on the calls guarded for later levels.
 */
const ANDROID = join(REPO, 'templates', 'android');
const work = mkdtempSync(join(tmpdir(), 'otactl-android-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The Android template's pure Kotlin core (templates/android/core: no Android imports) compiled with
// Debian's kotlinc 1.3 on the JDK, runs the shared vectors. kotlinc is slow: compile once.
const coreMissing = missingTool('kotlinc', ['-version']) ?? missingTool('java', ['-version']);
if (coreMissing) console.warn(`SKIPPING the Kotlin template conformance run: ${coreMissing}`);

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

describe.skipIf(coreMissing !== null)('Android template: the pure Kotlin core against test/vectors', () => {
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

// The Android glue (templates/android/agent) compiled against the platform's public API of level 29
// (templates/android/api/android-29, cut from AOSP's stubs: PROVENANCE.md there) with kotlinc 1.3.
// Every call must resolve at API 29, except inside `Build.VERSION.SDK_INT >= Build.VERSION_CODES.X`
// guards with X above 29: there the compiler must be the only one to object (those calls are reviewed,
// not compiled). androidx.work and firebase-messaging are hand-written stand-ins (api/libs), not checked.
const API = join(ANDROID, 'api');
const LEVEL = 29;
/** Build.VERSION_CODES above 29 that the glue may guard with (their values from the Android docs). */
const LATER_LEVELS: Record<string, number> = { R: 30, S: 31, S_V2: 32, TIRAMISU: 33, UPSIDE_DOWN_CAKE: 34, VANILLA_ICE_CREAM: 35, BAKLAVA: 36 };

const missing = missingTool('kotlinc', ['-version']) ?? missingTool('javac', ['-version']);
if (missing) console.warn(`SKIPPING the Android API compile check: ${missing}`);


function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

/** Index of the character closing the bracket opened at `open` (parentheses or braces), outside strings. */
function closing(text: string, open: number): number {
  const [o, c] = text[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i;
  }
  return text.length;
}

/**
 * The spans of a Kotlin file that run only from API `level` up: from the guard to the end of the
 * `if` block it opens, or, for a one-line `if (...) a else b`, to the `else`.
 */
export function guardedSpans(text: string): Array<{ from: number; to: number; level: number; code: string }> {
  const spans = [];
  for (const m of text.matchAll(/Build\.VERSION\.SDK_INT\s*>=\s*Build\.VERSION_CODES\.(\w+)/g)) {
    const level = LATER_LEVELS[m[1]!];
    if (level === undefined) continue;
    const ifAt = text.lastIndexOf('if (', m.index);
    const condEnd = closing(text, ifAt + 3);
    const after = text.slice(condEnd + 1).search(/\S/) + condEnd + 1;
    let to: number;
    if (text[after] === '{') to = closing(text, after);
    else {
      const eol = text.indexOf('\n', after);
      const otherwise = text.indexOf(' else ', after);
      to = otherwise >= 0 && otherwise < eol ? otherwise : eol;
    }
    spans.push({ from: m.index, to, level, code: m[1]! });
  }
  return spans;
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
}

describe.skipIf(missing !== null)(`Android glue against the platform API of level ${LEVEL}`, () => {
  let compile: SpawnSyncReturns<string>;
  let javac: SpawnSyncReturns<string>;
  const agentSources = files(join(ANDROID, 'agent'), '.kt');
  beforeAll(() => {
    const classes = join(work, 'classes');
    javac = spawnSync('javac', ['-nowarn', '-d', classes, ...files(join(API, `android-${LEVEL}`), '.java'), ...files(join(API, 'libs'), '.java')], { encoding: 'utf8', timeout: 300_000 });
    const kotlin = [...files(join(ANDROID, 'core'), '.kt'), ...agentSources, ...files(join(API, 'libs'), '.kt')];
    compile = spawnSync('kotlinc', ['-cp', classes, ...kotlin, '-d', join(work, 'agent.jar')], { encoding: 'utf8', cwd: REPO, timeout: 420_000 });
  }, 720_000);

  it('the API cut and the library stand-ins compile (javac)', () => {
    expect(javac.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Note:'))).toEqual([]);
    expect(javac.status).toBe(0);
  });

  it(`every Android call of the glue resolves at API ${LEVEL}, except calls guarded by SDK_INT >= a later level`, () => {
    const errors = [...`${compile.stderr}${compile.stdout}`.matchAll(/^(.+?\.kt):(\d+):(\d+): error: (.*)$/gm)].map((m) => ({
      file: m[1]!,
      line: Number(m[2]),
      column: Number(m[3]),
      message: m[4]!,
    }));
    const unguarded = errors.filter((e) => {
      const text = readFileSync(join(REPO, e.file), 'utf8');
      const at = offsetOf(text, e.line, e.column);
      return !guardedSpans(text).some((s) => s.level > LEVEL && at >= s.from && at <= s.to);
    });
    // A member the cut lacks: guard it if it is newer than API 29, else regenerate the cut (api/PROVENANCE.md).
    expect(unguarded.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`), 'calls that do not resolve at API 29 outside a guard').toEqual([]);
    // Not a vacuous pass: kotlinc ran over the glue and objected only to the guarded calls.
    expect(compile.stdout + compile.stderr).not.toMatch(/exception|error: source file or directory not found/i);
    const guarded = errors.map((e) => `${relative(ANDROID, join(REPO, e.file))}: ${e.message}`);
    expect(guarded.length).toBeGreaterThan(0);
  });

  it('every guarded call newer than API 29 is in the API 36 text (api/android-36-excerpt.txt) or on the reviewed-only list', () => {
    const excerpt = readFileSync(join(API, 'android-36-excerpt.txt'), 'utf8');
    const unresolved = new Set([...`${compile.stderr}${compile.stdout}`.matchAll(/\.kt:\d+:\d+: error: unresolved reference: (\w+)/g)].map((m) => m[1]!));
    // Version names are constants of Build.VERSION_CODES (LATER_LEVELS above), not calls.
    const calls = [...unresolved].filter((name) => LATER_LEVELS[name] === undefined).sort();
    // Not in the excerpt: checked by review only (the README says so).
    const reviewedOnly = ['callStateForSubscription'];
    const inText = (name: string) => new RegExp(`\\b${name}\\b`).test(excerpt.split('\n').filter((l) => !l.startsWith('//')).join('\n'));
    expect(calls.filter((name) => !reviewedOnly.includes(name) && !inText(name))).toEqual([]);
    expect(calls).toEqual(expect.arrayContaining(['FLAG_MUTABLE', 'PackageInfoFlags', 'USER_ACTION_NOT_REQUIRED', 'setRequireUserAction']));
    // The signer check's members are still public API at 36 (GET_SIGNATURES deprecated, not removed).
    for (const member of ['GET_SIGNATURES', 'GET_SIGNING_CERTIFICATES', 'getApkContentsSigners', 'toByteArray', 'FLAG_IMMUTABLE', 'FLAG_UPDATE_CURRENT']) expect(inText(member), member).toBe(true);
  });

  it('the guard reader finds the guards of the glue and their extent', () => {
    const installer = readFileSync(join(ANDROID, 'agent', 'otactl', 'agent', 'Installer.kt'), 'utf8');
    const spans = guardedSpans(installer);
    expect(spans.map((s) => s.code)).toEqual(['S', 'S']);
    const first = installer.slice(spans[0]!.from, spans[0]!.to);
    expect(first).toContain('setRequireUserAction(PackageInstaller.SessionParams.USER_ACTION_NOT_REQUIRED)');
    const second = installer.slice(spans[1]!.from, spans[1]!.to);
    expect(second).toContain('PendingIntent.FLAG_MUTABLE');
    expect(second).not.toContain('else 0');
    const checks = readFileSync(join(ANDROID, 'agent', 'otactl', 'agent', 'ApkChecks.kt'), 'utf8');
    const block = guardedSpans(checks)[0]!;
    expect(checks.slice(block.from, block.to)).toContain('PackageInfoFlags');
    expect(checks.slice(block.from, block.to)).not.toContain('pm.getPackageArchiveInfo(apk.path, FLAGS)');
  });

  it(`the manifest snippet's permissions exist at API ${LEVEL}, or are named in the README with the level that added them`, () => {
    const readme = readFileSync(join(ANDROID, 'README.md'), 'utf8');
    const manifest = readFileSync(join(API, `android-${LEVEL}`, 'android', 'Manifest.java'), 'utf8');
    const later: Record<string, number> = { UPDATE_PACKAGES_WITHOUT_USER_ACTION: 31, POST_NOTIFICATIONS: 33 };
    const permissions = [...readme.matchAll(/<uses-permission android:name="android\.permission\.(\w+)"/g)].map((m) => m[1]!);
    expect(permissions.length).toBeGreaterThan(3);
    for (const p of permissions) {
      if (later[p] !== undefined) {
        expect(manifest, `${p} is not in API ${LEVEL}`).not.toContain(` ${p} = `);
        expect(readme).toContain(`${p}`);
        expect(readme).toMatch(new RegExp(`${p}[^\\n]*API ${later[p]}`));
      } else {
        expect(manifest, `android.permission.${p} at API ${LEVEL}`).toContain(`String ${p} = "android.permission.${p}";`);
      }
    }
  });
});
