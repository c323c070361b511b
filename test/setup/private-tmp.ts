import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: the run gets its own TMPDIR (workers inherit it, so os.tmpdir() in every
 * test points there), and whatever a test leaves in it fails the run. Each test must remove what
 * it made; a private folder keeps the check exact while other runs share /tmp.
 * It also makes the run's one FIFO (OTACTL_TEST_FIFO), which tests hard-link where they need a
 * named pipe (test/helpers/fifo.ts) instead of each starting mkfifo.
 */
export function setup(): () => void {
  // The root config and each project that extends it run this: the first one owns the folder.
  if (process.env.OTACTL_TEST_TMPDIR) return () => undefined;
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'otactl-run-'));
  // Traversable like /tmp: some tests run `otactl serve` as nobody on a store in here.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  process.env.OTACTL_TEST_TMPDIR = dir;
  const fifo = join(dir, 'run.fifo');
  execFileSync('mkfifo', [fifo]);
  process.env.OTACTL_TEST_FIFO = fifo;
  return () => {
    delete process.env.OTACTL_TEST_TMPDIR;
    delete process.env.OTACTL_TEST_FIFO;
    rmSync(fifo, { force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // npm 11 (Node 24's) keeps V8's compile cache in $TMPDIR/node-compile-cache whenever a test runs npm or npx: not a test's.
    const left = readdirSync(dir).filter((name) => name !== 'node-compile-cache');
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} temp folder(s) behind (each test removes what it makes): ${left.sort().join(', ')}`);
    }
  };
}
