/**
 * Delta patches published with an ESP promotion (docs/delta.md): from the builds devices on the
 * channel may run to the promoted one, in the `esp_delta_ota` format, stored content-addressed
 * beside the artifacts and listed in the manifest's `build.deltas`. A patch that is not clearly
 * smaller than the image is not published; devices fall back to the full image on any failure.
 */
import { createHash } from 'node:crypto';
import { makeEspDelta } from '../artifacts/esp/delta/index.js';
import { inspectEspSource } from '../artifacts/esp/index.js';
import { BufferSource } from '../util/byte-source.js';
import { ESP_DELTA_FORMAT } from '../protocol/esp-delta.js';
import { MAX_BUILD_DELTAS, type BuildDelta, type BuildRef, type ReleaseRecord } from '../protocol/schemas.js';
import { artifactUrl, cacheControl, layout } from '../repo/layout.js';
import type { ChannelHead, Repository } from '../repo/repository.js';
import { takeUploadLease } from './artifact-guard.js';

export const DELTA_DEFAULTS = {
  /** Recent builds of the app patched from, besides the channel's current and last safe builds. */
  recent: 2,
  /** A patch is published only when at most this share of the image (else the full image is as good). */
  maxRatio: 0.8,
} as const;

export interface DeltaRequest {
  /** Recent builds to make patches from besides the current and last safe ones (default DELTA_DEFAULTS.recent). */
  recent?: number;
  at: Date;
  /** Told about a base that cannot be used (a missing or damaged artifact). */
  onWarning?: (message: string) => void;
}

export interface DeltaOutcome {
  deltas: BuildDelta[];
  /** Releases the upload leases held on the stored patches: call after the manifest is committed (or failed). */
  release: () => Promise<void>;
}

/** The bases: the channel's current build, its last safe build, then the app's newest other builds. */
export async function deltaBases(repo: Repository, head: ChannelHead | null, target: ReleaseRecord, recent: number): Promise<BuildRef[]> {
  const out: BuildRef[] = [];
  const add = (b: BuildRef | null | undefined) => {
    if (b && b.sha256 !== target.sha256 && !out.some((o) => o.sha256 === b.sha256)) out.push(b);
  };
  add(head?.payload.build);
  add(head?.payload.last_safe);
  if (recent > 0) {
    const newest = (await repo.listReleases(target.app))
      .filter((r) => r.kind === target.kind && r.build_id !== target.build_id)
      .sort((a, b) => b.uploaded_at.localeCompare(a.uploaded_at) || b.version_code - a.version_code || a.build_id.localeCompare(b.build_id));
    const before = out.length;
    for (const r of newest) {
      if (out.length - before >= recent) break;
      add(repo.buildRef(r));
    }
  }
  return out.slice(0, MAX_BUILD_DELTAS);
}

/** Only ESP32-family app images carry the appended SHA-256 esp_delta_ota matches (docs/delta.md, ESP8266). */
export function deltaCapable(kind: string): boolean {
  return kind === 'esp-app';
}

export async function publishEspDeltas(repo: Repository, head: ChannelHead | null, target: ReleaseRecord, req: DeltaRequest): Promise<DeltaOutcome> {
  const leases: Array<() => Promise<void>> = [];
  const release = async () => {
    for (const r of leases.splice(0)) await r();
  };
  const outcome: DeltaOutcome = { deltas: [], release };
  if (!deltaCapable(target.kind)) return outcome;
  const bases = await deltaBases(repo, head, target, req.recent ?? DELTA_DEFAULTS.recent);
  if (bases.length === 0) return outcome;
  const targetBytes = await readArtifact(repo, target.sha256);
  if (targetBytes === null) return outcome; // the promotion itself reports a missing artifact elsewhere
  try {
    for (const base of bases) {
      // Another chip's image shares nothing useful; a base without a validation hash cannot be matched.
      if (base.chip !== target.chip || !deltaCapable(base.kind)) continue;
      const baseBytes = await readArtifact(repo, base.sha256);
      if (baseBytes === null) {
        req.onWarning?.(`no delta patch from ${base.build_id}: its artifact is missing or does not match its SHA-256 in the store`);
        continue;
      }
      const hash = await validationHash(baseBytes);
      if (hash === null) continue;
      const patch = makeEspDelta(baseBytes, targetBytes, hash);
      if (patch.length > DELTA_DEFAULTS.maxRatio * targetBytes.length) continue; // not worth a second code path
      const sha256 = createHash('sha256').update(patch).digest('hex');
      // Under a lease gc honours from before the write until the manifest names the patch.
      leases.push(await takeUploadLease(repo.store, sha256, req.at));
      await repo.store.putIfAbsent(layout.artifact(sha256), patch, { contentType: 'application/octet-stream', cacheControl: cacheControl.immutable });
      outcome.deltas.push({
        format: ESP_DELTA_FORMAT,
        from_build_id: base.build_id,
        from_sha256: base.sha256,
        from_validation_hash: hash.toString('hex'),
        url: artifactUrl(sha256, repo.publicUrl),
        size: patch.length,
        sha256,
      });
    }
  } catch (err) {
    await release();
    throw err;
  }
  return outcome;
}

/** The artifact's bytes when they are there and match their SHA-256; null otherwise. */
async function readArtifact(repo: Repository, sha256: string): Promise<Buffer | null> {
  const obj = await repo.store.get(layout.artifact(sha256));
  if (!obj || createHash('sha256').update(obj.bytes).digest('hex') !== sha256) return null;
  return obj.bytes;
}

/**
 * The image's validation hash: the SHA-256 appended after its checksum, which the device's
 * esp_partition_get_sha256() returns for the running app once it checks out. Null for an image
 * without one or whose stored hash is wrong.
 */
export async function validationHash(image: Buffer): Promise<Buffer | null> {
  const { report } = await inspectEspSource(new BufferSource(image));
  if (report.kind !== 'esp-app' || !report.hash_appended || report.hash_valid !== true || report.image_len === null) return null;
  return Buffer.from(image.subarray(report.image_len - 32, report.image_len));
}
