import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Helpers for the template conformance runs (test/templates/*.test.ts). */
export const REPO = join(import.meta.dirname, '..', '..');
export const VECTORS_DIR = join(REPO, 'test', 'vectors');

/** Why a tool is unusable here, or null when it is present. Tests skip LOUDLY on a reason. */
export function missingTool(command: string, args: string[], paths: string[] = []): string | null {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `${command} is not installed (run scripts/install-test-deps.sh)`;
  const absent = paths.filter((p) => !existsSync(p));
  return absent.length > 0 ? `${absent.join(', ')} missing (run scripts/install-test-deps.sh)` : null;
}

/** Number of cases every client must run: the shared vector files. */
export function vectorCaseCount(): number {
  return ['cohort', 'envelopes', 'freshness', 'decisions', 'nudge', 'boot', 'resume', 'telemetry']
    .map((name) => (JSON.parse(readFileSync(join(VECTORS_DIR, `${name}.json`), 'utf8')) as { cases: unknown[] }).cases.length)
    .reduce((a, b) => a + b, 0);
}

/**
 * What a harness that also reads the top-level rule lists checks: vectorCaseCount() plus cohort.json's
 * device_ids (contract 3) and freshness.json's timestamps (contract 4). The C harness does.
 */
export function vectorCheckCount(): number {
  const list = (file: string, key: string): number => ((JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8')) as Record<string, unknown[] | undefined>)[key] ?? []).length;
  return vectorCaseCount() + list('cohort.json', 'device_ids') + list('freshness.json', 'timestamps');
}

/** Parses the harness's last line "N passed, N failed". */
export function tally(stdout: string): { passed: number; failed: number } | null {
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(stdout);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}

/** The notes of the cases withWrongExpectations() falsifies, one per file, as the harness prints them. */
export const FALSIFIED = {
  decisions: 'battery exactly at the minimum',
  nudge: 'replay: the request id was accepted before',
  boot: 'failed checks count; at max_failures the build is rolled back',
  resume: 'the server ignored Range (200): what is there is discarded and the body written from 0, never appended',
} as const;

/**
 * A copy of the vectors with one wrong expectation in decisions.json (the battery-at-minimum row
 * expects a defer), one in nudge.json (the replayed request expects "valid"), one in boot.json (the
 * third failed check expects no rollback) and one in resume.json (a 200 after a Range request
 * expects an append): a harness must report exactly these four.
 */
export function withWrongExpectations(work: string): string {
  const dir = join(work, 'wrong-vectors');
  mkdirSync(dir, { recursive: true });
  cpSync(VECTORS_DIR, dir, { recursive: true });
  falsify<{ expect: { action: string; reason: string } }>(join(dir, 'decisions.json'), FALSIFIED.decisions, (row) => {
    row.expect = { ...row.expect, action: 'defer', reason: 'ota.defer.battery' };
  });
  falsify<{ verdict: string }>(join(dir, 'nudge.json'), FALSIFIED.nudge, (row) => {
    row.verdict = 'valid';
  });
  falsify<{ steps: Array<{ expect: Record<string, unknown> }> }>(join(dir, 'boot.json'), FALSIFIED.boot, (row) => {
    row.steps[2]!.expect = { ...row.steps[2]!.expect, status: 'pending', action: 'none', reason: null };
  });
  falsify<{ expect: Record<string, unknown> }>(join(dir, 'resume.json'), FALSIFIED.resume, (row) => {
    row.expect = { ...row.expect, action: 'append', reason: 'resume', offset: 400, length: 600 };
  });
  return dir;
}

function falsify<Row>(file: string, note: string, change: (row: Row) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<Row & { note: string }> };
  const row = doc.cases.find((c) => c.note === note);
  if (!row) throw new Error(`${file} lost the row "${note}"`);
  change(row);
  writeFileSync(file, JSON.stringify(doc));
}

/** A harness run over withWrongExpectations(): exactly the four falsified cases fail, and the run exits 1. */
export function expectOnlyFalsifiedFailures(run: { stdout: string; status: number | null }, total = vectorCaseCount()): void {
  const failures = run.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  expect(failures).toHaveLength(4);
  expect(failures[0]).toMatch(new RegExp(`^FAIL decisions: ${FALSIFIED.decisions}: `));
  expect(failures[1]).toBe(`FAIL nudge: ${FALSIFIED.nudge}: verdict replay`);
  expect(failures[2]).toMatch(new RegExp(`^FAIL boot: ${escape(FALSIFIED.boot)}: step 3: `));
  expect(failures[3]).toMatch(new RegExp(`^FAIL resume: ${escape(FALSIFIED.resume)}: `));
  expect(tally(run.stdout)).toEqual({ passed: total - 4, failed: 4 });
  expect(run.status).toBe(1);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A harness run where every case passes: no FAIL line, the closing tally, exit 0. */
export function expectAllPassed(run: { stdout: string; status: number | null }, passed: number): void {
  expect(run.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
  expect(tally(run.stdout)).toEqual({ passed, failed: 0 });
  expect(run.status).toBe(0);
}
