/**
 * A short run of bench/apk-fuzz.mjs (the full >= 10,000-case run is `node bench/apk-fuzz.mjs`):
 * seeded mutations of the apksig fixtures and the fresh APKs through verifyApk on a BufferSource,
 * in this process against src/. No case may throw, take >= 1 s, or come back verified after a
 * byte covered by a signature changed. OTACTL_FUZZ_SEED / OTACTL_FUZZ_CASES override the defaults.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyApk } from '../../../../src/artifacts/apk/index.js';
import { BufferSource } from '../../../../src/util/byte-source.js';
import { REPO_ROOT } from './apksigner.js';

interface FuzzSummary {
  seed: number;
  cases: number;
  ran: number;
  exceptions: number;
  hangs: number;
  max_ms: number;
  covered: number;
  covered_verified: number;
  by_model: Record<string, number>;
  violations: unknown[];
  ok: boolean;
}
interface FuzzModule {
  run(opts: { cases: number; seed: number; verifyApk: typeof verifyApk; BufferSource: typeof BufferSource }): Promise<FuzzSummary>;
  summaryLine(s: FuzzSummary): string;
}

const SEED = Number(process.env.OTACTL_FUZZ_SEED ?? 0x07ac71) >>> 0;
const CASES = Number(process.env.OTACTL_FUZZ_CASES ?? 300);

describe('APK verifier fuzz smoke', () => {
  it(`${CASES} seeded mutations (seed ${SEED}): no throw, < 1 s each, nothing signed-and-changed verifies`, async () => {
    const fuzz = (await import(pathToFileURL(path.join(REPO_ROOT, 'bench/apk-fuzz.mjs')).href)) as FuzzModule;
    const s = await fuzz.run({ cases: CASES, seed: SEED, verifyApk, BufferSource });
    process.stdout.write(`${fuzz.summaryLine(s)}\n`);
    const detail = JSON.stringify(s.violations.slice(0, 5));
    expect(s.ran, 'every case ran').toBe(CASES);
    expect(s.exceptions, `uncaught exceptions: ${detail}`).toBe(0);
    expect(s.max_ms, `slowest case: ${detail}`).toBeLessThan(1000);
    expect(s.covered_verified, `verified after a signed byte changed: ${detail}`).toBe(0);
    // The run must actually exercise signed bytes on both coverage models, or it proves nothing.
    expect(s.covered).toBeGreaterThan(CASES / 5);
    expect(s.by_model.v2v3 ?? 0).toBeGreaterThan(0);
    expect(s.by_model.v1 ?? 0).toBeGreaterThan(0);
    expect(s.violations).toEqual([]);
  }, 300_000);
});
