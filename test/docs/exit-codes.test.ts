import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS, ExitCode, OtaError, StorageError, ValidationError, VerificationError, errorObject } from '../../src/errors.js';
import { IO } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the error catalogue', () => {
  it('docs/exit-codes.md shows every exit code and error code of src/errors.ts (npm run docs:errors refreshes it)', async () => {
    const doc = readFileSync(`${root}docs/exit-codes.md`, 'utf8');
    for (const code of Object.keys(ERRORS)) expect(doc).toContain(`| \`${code}\` | ${ExitCode[ERRORS[code as keyof typeof ERRORS].exit]} |`);
    // What `npm run docs:errors -- --check` compares: the file as the generator would write it.
    const gen = (await import(pathToFileURL(`${root}scripts/gen-exit-codes.mjs`).href)) as { regenerate(text: string): Promise<string> };
    expect(await gen.regenerate(doc)).toBe(doc);
  });

  it('every code has a one-line hint', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(spec.hint.length, code).toBeGreaterThan(8);
      expect(spec.hint, code).not.toMatch(/\n/);
    }
  });

  it('the exit code comes from the catalogue, whatever class raises it', () => {
    expect(new ValidationError('x', 'E_NO_SIGNING_KEY').exitCode).toBe(ExitCode.usage);
    expect(new VerificationError('x', 'ota.manifest.expired').exitCode).toBe(ExitCode.verification);
    expect(new StorageError('x', 'ota.manifest.fetch_failed').exitCode).toBe(ExitCode.store);
    expect(new OtaError('E_CONFLICT', 'x').exitCode).toBe(ExitCode.conflict);
  });

  it('a --json error carries code, message, exit code, hint and details', () => {
    const err = new ValidationError('no build "b-x"', 'E_UNKNOWN_BUILD', { app: 'a' });
    expect(errorObject(err)).toEqual({ code: 'E_UNKNOWN_BUILD', message: 'no build "b-x"', exit_code: 2, hint: ERRORS.E_UNKNOWN_BUILD.hint, app: 'a' });
  });
});

describe('how an error is shown', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { stream: Object.assign({ write: (s: string) => chunks.push(s) > 0, isTTY }) as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
  };
  const err = new ValidationError('no build "b-x" of demo', 'E_UNKNOWN_BUILD');

  it('on a terminal: the message, and the hint under it', () => {
    const out = sink(false);
    const errs = sink(true);
    new IO({ json: false, stdout: out.stream, stderr: errs.stream, env: { NO_COLOR: '1' } }).error(err);
    expect(errs.text()).toBe(`otactl: error: no build "b-x" of demo\nhint: ${ERRORS.E_UNKNOWN_BUILD.hint}\n`);
    expect(out.text()).toBe('');
  });

  it('in a pipe: the one line only; with --json the error object on stdout', () => {
    const out = sink(false);
    const errs = sink(false);
    new IO({ json: false, stdout: out.stream, stderr: errs.stream, env: {} }).error(err);
    expect(errs.text()).toBe('otactl: error: no build "b-x" of demo\n');
    const jout = sink(false);
    new IO({ json: true, stdout: jout.stream, stderr: sink(true).stream, env: {} }).error(err);
    expect(JSON.parse(jout.text())).toEqual({ error: errorObject(err) });
  });
});
