import { linkSync } from 'node:fs';

/**
 * A named pipe at `path` (in the run's TMPDIR), without starting mkfifo: a hard link to the run's
 * one FIFO, made by the global setup (test/setup/private-tmp.ts). No test writes to it, so an
 * open() blocks as on any FIFO without a writer; remove it as any file (rmSync unlinks the name).
 */
export function fifoAt(path: string): string {
  const fifo = process.env.OTACTL_TEST_FIFO;
  if (!fifo) throw new Error('OTACTL_TEST_FIFO is not set: run the tests through vitest (its global setup makes the FIFO)');
  linkSync(fifo, path);
  return path;
}
