import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Number of cases every client must run: the four shared vector files. */
export function vectorCaseCount(): number {
  return ['cohort', 'envelopes', 'freshness', 'decisions']
    .map((name) => (JSON.parse(readFileSync(join(VECTORS_DIR, `${name}.json`), 'utf8')) as { cases: unknown[] }).cases.length)
    .reduce((a, b) => a + b, 0);
}

/** Parses the harness's last line "N passed, N failed". */
export function tally(stdout: string): { passed: number; failed: number } | null {
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(stdout);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}

/** A copy of the vectors in which one decision ("battery exactly at the minimum") expects a defer. */
export function withOneWrongExpectation(work: string): string {
  const dir = join(work, 'wrong-vectors');
  mkdirSync(dir, { recursive: true });
  cpSync(VECTORS_DIR, dir, { recursive: true });
  const file = join(dir, 'decisions.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<{ note: string; expect: { action: string; reason: string } }> };
  const row = doc.cases.find((c) => c.note === 'battery exactly at the minimum');
  if (!row) throw new Error('the decision vectors lost the battery-at-minimum row');
  row.expect = { ...row.expect, action: 'defer', reason: 'ota.defer.battery' };
  writeFileSync(file, JSON.stringify(doc));
  return dir;
}
