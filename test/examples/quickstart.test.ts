import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processesIn, runQuickstart } from '../helpers/quickstart.js';

/**
 * The quickstart is a README command: it must stop everything it starts (the `serve` in the
 * background), when it finishes and when it is interrupted. Its optional S3 part:
 * test/s3/quickstart.test.ts.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-test-quickstart-'));
  dirs.push(dir);
  return dir;
}

describe('examples/quickstart.sh', () => {
  it('runs to the end and leaves no process behind (the background serve is stopped)', async () => {
    const dir = workDir();
    const r = await runQuickstart(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('quickstart: serving the store on http://127.0.0.1:');
    expect(r.stderr).toContain('== done');
    expect(r.stderr, 'the S3 part runs only when an endpoint is given').not.toContain('S3 store');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);

  it('interrupted (SIGINT) while serving: exits 130 and stops the server it started', async () => {
    const dir = workDir();
    let sent = false;
    const r = await runQuickstart(dir, {}, (text, child) => {
      if (!sent && text.includes('quickstart: serving the store on')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).not.toContain('== done');
    expect(processesIn(dir)).toEqual([]);
  }, 240_000);
});
