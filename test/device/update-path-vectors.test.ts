import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootStep, type BootEvent, type BootState } from '../../src/device/boot-validation.js';
import { planResume, rangeFrom, resumeOutcome } from '../../src/device/resume.js';
import { renderUpdatePathVectors, VECTOR_PATHS, type BootCaseVector, type ResumeCaseVector } from '../vectors/generate-update-path-vectors.mjs';

// The TypeScript client over boot.json and resume.json (docs/vectors.md); the C and Kotlin
// templates run the same files in test/templates/.
const boot = JSON.parse(readFileSync(VECTOR_PATHS.boot, 'utf8')) as { cases: BootCaseVector[] };
const resume = JSON.parse(readFileSync(VECTOR_PATHS.resume, 'utf8')) as { cases: ResumeCaseVector[] };

describe('update-path vectors: the checked-in files', () => {
  it('are exactly what the generator renders', () => {
    const rendered = renderUpdatePathVectors();
    expect(readFileSync(VECTOR_PATHS.boot, 'utf8')).toBe(rendered.boot);
    expect(readFileSync(VECTOR_PATHS.resume, 'utf8')).toBe(rendered.resume);
  });

  it('cover every action and reason', () => {
    const steps = boot.cases.flatMap((c) => c.steps.map((s) => s.expect));
    expect(new Set(steps.map((s) => s.action))).toEqual(new Set(['none', 'mark_valid', 'rollback', 'reverted']));
    expect(new Set(steps.map((s) => s.reason))).toEqual(new Set([null, 'boots', 'failures', 'deadline', 'not_reverted']));
    expect(new Set(resume.cases.map((c) => c.expect.reason))).toEqual(
      new Set(['resume', 'full', 'range_ignored', 'status', 'not_satisfiable', 'unrequested_range', 'range_mismatch', 'total_mismatch', 'length_mismatch']),
    );
    expect(new Set(resume.cases.map((c) => c.expect.outcome))).toEqual(new Set(['complete', 'partial', 'overlong', 'none']));
  });
});

describe('update-path vectors: boot validation through bootStep()', () => {
  for (const c of boot.cases) {
    it(c.note, () => {
      let state: BootState = c.start;
      c.steps.forEach((s, i) => {
        const got = bootStep(state, s.event as BootEvent, c.limits);
        expect({ ...got.state, action: got.action, reason: got.reason }, `step ${i + 1} (${s.event.type})`).toEqual(s.expect);
        state = got.state;
      });
    });
  }
});

describe('update-path vectors: Range resume through planResume()', () => {
  for (const c of resume.cases) {
    it(c.note, () => {
      const from = rangeFrom(c.have, c.size);
      const r = c.response;
      const plan = planResume(from, c.size, { status: r.status, contentRange: r.content_range, contentLength: r.content_length });
      const after = resumeOutcome(plan, from, c.size, c.body_bytes);
      expect({ range_from: from, ...plan, outcome: after.outcome, on_disk: after.onDisk }).toEqual(c.expect);
    });
  }
});
