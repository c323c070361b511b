/**
 * The edge check: fetch a channel's manifest through the CDN base URL exactly as a device does
 * (the device SDK's fetch and verification: size cap, DSSE signature by a trusted key, app and
 * channel, expiry), require the sequence just published, then fetch the build's artifact at the
 * URL the manifest names and check its size and SHA-256. An edge still serving an older manifest
 * is asked again a few times with growing delays, bounded; anything else fails at once.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BuildRef } from '../protocol/schemas.js';
import { DeviceFetchError, openCapped } from '../device/fetcher.js';
import { fetchManifest, openManifest } from '../device/manifest.js';
import { OtaError, PartialError } from '../errors.js';
import { keyUrl, layout } from '../repo/layout.js';
import { redactUrl } from '../util/redact.js';

/** What the JSON result of a change reports (field names fixed for users' scripts). */
export interface EdgeCheck {
  manifest_url: string;
  artifact_url: string;
  sequence: number;
  verified: boolean;
}

export interface EdgeCheckOptions {
  baseUrl: string;
  trustedKeys: Map<string, KeyObject>;
  app: string;
  channel: string;
  /** The sequence just published: lower is a stale edge (asked again), higher another writer's change. */
  sequence: number;
  now: () => Date;
  /** Manifest fetches in all (default 5). */
  attempts?: number;
  /** Delay before the second fetch, doubled before each next one (default 1000 ms: 1+2+4+8 s in all). */
  firstDelayMs?: number;
}

export const DEFAULT_EDGE_ATTEMPTS = 5;
export const DEFAULT_EDGE_FIRST_DELAY_MS = 1000;

export async function verifyEdge(opts: EdgeCheckOptions): Promise<EdgeCheck> {
  const manifestUrl = keyUrl(opts.baseUrl, layout.manifest(opts.app, opts.channel));
  const build = await freshManifest(opts, manifestUrl);
  const artifactUrl = new URL(build.url, manifestUrl).toString();
  await checkArtifact(artifactUrl, build);
  // A signed artifact URL's query is a credential: the result names the URL, not its signature.
  return { manifest_url: manifestUrl, artifact_url: redactUrl(artifactUrl), sequence: opts.sequence, verified: true };
}

/** Why one fetch of the manifest did not give the published sequence; `retry` when a later fetch may. */
interface Miss {
  retry: boolean;
  error: PartialError;
}

async function freshManifest(opts: EdgeCheckOptions, url: string): Promise<BuildRef> {
  const attempts = Math.max(1, opts.attempts ?? DEFAULT_EDGE_ATTEMPTS);
  let delay = opts.firstDelayMs ?? DEFAULT_EDGE_FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    const got = await manifestOnce(opts, url);
    if ('build' in got) return got.build;
    if (!got.retry) throw got.error;
    if (attempt >= attempts) {
      throw new PartialError(`${got.error.message} (after ${attempts} fetches over ${totalDelay(opts.firstDelayMs ?? DEFAULT_EDGE_FIRST_DELAY_MS, attempts) / 1000} s)`, got.error.code, {
        ...got.error.details,
        attempts,
      });
    }
    await sleep(delay);
    delay *= 2;
  }
}

async function manifestOnce(opts: EdgeCheckOptions, url: string): Promise<{ build: BuildRef } | Miss> {
  const where = { manifest_url: url };
  let bytes: Buffer;
  try {
    bytes = await fetchManifest(url);
  } catch (err) {
    // A CDN caches error answers briefly too (CloudFront: 10 s by default): ask again.
    if (err instanceof DeviceFetchError && err.code === 'ota.manifest.fetch_failed') {
      return { retry: true, error: new PartialError(`the CDN did not serve ${url}: ${err.message}`, 'E_EDGE_FETCH', { ...where, ...err.details }) };
    }
    return { retry: false, error: mismatch(`the CDN serves a manifest devices refuse at ${url}`, err, where) };
  }
  try {
    const payload = openManifest(bytes, opts.trustedKeys, { now: opts.now(), app: opts.app, channel: opts.channel });
    if (payload.sequence < opts.sequence) {
      return { retry: true, error: new PartialError(`the CDN still serves sequence ${payload.sequence} of ${opts.app}/${opts.channel} at ${url}, not ${opts.sequence}`, 'E_EDGE_STALE', { ...where, edge_sequence: payload.sequence }) };
    }
    if (payload.sequence > opts.sequence) {
      return {
        retry: false,
        error: new PartialError(`the CDN serves sequence ${payload.sequence} of ${opts.app}/${opts.channel}, newer than ${opts.sequence}: another writer changed the channel since`, 'E_EDGE_MISMATCH', { ...where, edge_sequence: payload.sequence }),
      };
    }
    return { build: payload.build };
  } catch (err) {
    // An expired manifest older than ours is a stale cache, not a forgery.
    const older = err instanceof OtaError && err.code === 'ota.manifest.expired' && Number(err.details.sequence) < opts.sequence;
    if (older) return { retry: true, error: new PartialError(`the CDN still serves sequence ${String(err.details.sequence)} (expired) at ${url}, not ${opts.sequence}`, 'E_EDGE_STALE', where) };
    return { retry: false, error: mismatch(`the CDN serves a manifest devices refuse at ${url}`, err, where) };
  }
}

/** Streams the artifact through a SHA-256 under the size the manifest declares. */
async function checkArtifact(url: string, build: BuildRef): Promise<void> {
  const where = { artifact_url: url, build_id: build.build_id };
  const hash = createHash('sha256');
  let received = 0;
  try {
    const res = await openCapped({ url, purpose: 'download', maxBytes: build.size });
    for await (const chunk of res.body()) {
      received += chunk.length;
      hash.update(chunk);
    }
  } catch (err) {
    if (err instanceof DeviceFetchError && err.code === 'ota.download.fail') {
      throw new PartialError(`the CDN did not serve the artifact of ${build.build_id}: ${err.message}`, 'E_EDGE_FETCH', { ...where, ...err.details });
    }
    throw mismatch(`the CDN serves other bytes for ${build.build_id} at ${url}`, err, where);
  }
  if (received !== build.size) {
    throw new PartialError(`the CDN serves ${received} bytes for ${build.build_id} at ${url}; the manifest says ${build.size}`, 'E_EDGE_MISMATCH', { ...where, size: received });
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== build.sha256) {
    throw new PartialError(`the CDN serves bytes with SHA-256 ${sha256} for ${build.build_id} at ${url}; the manifest says ${build.sha256}`, 'E_EDGE_MISMATCH', { ...where, sha256 });
  }
}

function mismatch(what: string, err: unknown, where: Record<string, unknown>): PartialError {
  if (!(err instanceof OtaError)) throw err;
  return new PartialError(`${what}: ${err.message}`, 'E_EDGE_MISMATCH', { ...where, cause: err.code });
}

function totalDelay(first: number, attempts: number): number {
  return first * (2 ** (attempts - 1) - 1);
}
