import { makeFreshApks } from '../artifacts/apk/fresh/apksigner.js';

/**
 * Vitest global setup of the `apks` project: the APKs made by Debian's aapt/apksigner
 * (test/artifacts/apk/fresh/make-apks.sh, a no-op when up to date) once per run, before any file that reads
 * them; only when the run includes such a file. Without the tools it fails the run naming them.
 */
export function setup(): void {
  makeFreshApks();
}
