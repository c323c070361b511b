/**
 * Delta updates on the TypeScript device (docs/delta.md): for simulation and tests of ESP fleets,
 * the SDK can take an `esp_delta_ota` patch from the manifest instead of the full image. The patch
 * is downloaded and checked against its signed SHA-256 and size like any artifact, applied to the
 * running image, and the result must then have the build's own SHA-256 and size, exactly as a
 * full download. Any failure returns null and the caller downloads the full image.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OtaError } from '../errors.js';
import { applyEspDelta, ESP_DELTA_FORMAT } from '../protocol/esp-delta.js';
import type { BuildDelta, BuildRef, RolloutBuild } from '../protocol/schemas.js';
import { downloadVerified } from './download.js';

/** The image the device runs, as esp_delta_ota reads it: its bytes and its validation hash. */
export interface RunningImage {
  bytes: Buffer;
  /** The SHA-256 appended to the image (esp_partition_get_sha256 of the running partition). */
  validationHash: Buffer;
}

/** The first patch made against the running image, in a format this SDK applies. */
export function pickDelta(build: BuildRef | RolloutBuild, running: RunningImage): BuildDelta | null {
  const deltas = (build as RolloutBuild).deltas ?? [];
  const hash = running.validationHash.toString('hex');
  return deltas.find((d) => d.format === ESP_DELTA_FORMAT && d.from_validation_hash === hash) ?? null;
}

export interface DeltaRequest {
  build: BuildRef;
  delta: BuildDelta;
  running: RunningImage;
  manifestUrl: string;
  dir: string;
  idleTimeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

/** The new image as a verified file of the caller's own, or the reason the delta was not used. */
export async function installFileViaDelta(req: DeltaRequest): Promise<{ file: string } | { reason: string; message: string }> {
  const { build, delta } = req;
  // The patch is an artifact of its own: signed SHA-256 and size, no signer.
  const patchRef: BuildRef = { ...build, build_id: `${build.build_id}-from-${delta.from_build_id}`, url: delta.url, sha256: delta.sha256, size: delta.size, signer_fingerprint: null };
  let patchFile: string | undefined;
  try {
    ({ file: patchFile } = await downloadVerified({
      url: new URL(delta.url, req.manifestUrl).toString(),
      build: patchRef,
      dest: join(req.dir, `${patchRef.build_id}.delta`),
      handOverTo: join(req.dir, `${patchRef.build_id}.${randomBytes(6).toString('hex')}.delta`),
      idleTimeoutMs: req.idleTimeoutMs,
      fetch: req.fetch,
    }));
    const image = applyEspDelta(req.running.bytes, await readFile(patchFile), { baseValidationHash: req.running.validationHash, expectedSha256: build.sha256, maxSize: build.size });
    if (image.length !== build.size) return { reason: 'delta_size', message: `the patched image is ${image.length} bytes, the build ${build.size}` };
    const file = join(req.dir, `${build.build_id}.${randomBytes(6).toString('hex')}.${build.kind}`);
    await writeFile(file, image);
    return { file };
  } catch (err) {
    if (!(err instanceof OtaError)) {
      const e = err as NodeJS.ErrnoException;
      if (typeof e.code !== 'string') throw err;
    }
    const details = err instanceof OtaError ? err.details : {};
    return { reason: typeof details.reason === 'string' ? details.reason : 'delta_failed', message: (err as Error).message };
  } finally {
    if (patchFile) await rm(patchFile, { force: true });
  }
}
