import { ValidationError } from '../errors.js';

/** Cache-Control of store objects: content-addressed and append-only objects never change. */
export const DEFAULT_POINTER_MAX_AGE = 30;
/** A manifest cached longer than this would hold a rollback back from devices for too long. */
export const MAX_POINTER_MAX_AGE = 3600;

export const cacheControl = {
  immutable: 'public, max-age=31536000, immutable',
  pointer: pointerCacheControl(DEFAULT_POINTER_MAX_AGE),
};

/** Channel manifests change on every promote/rollout/rollback: short, revalidated caching. */
export function pointerCacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, must-revalidate`;
}

/** A manifest max-age as given (flag, env, config or library option): whole seconds, 0 .. 3600. */
export function checkManifestMaxAge(value: unknown, source: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_POINTER_MAX_AGE) {
    throw new ValidationError(`${source} ${JSON.stringify(value)} is not a manifest max-age: whole seconds from 0 to ${MAX_POINTER_MAX_AGE} (a longer cache delays rollbacks)`, 'E_INVALID');
  }
  return n;
}
