/** Cache-Control of store objects: content-addressed and append-only objects never change. */
export const DEFAULT_POINTER_MAX_AGE = 30;

export const cacheControl = {
  immutable: 'public, max-age=31536000, immutable',
  pointer: pointerCacheControl(DEFAULT_POINTER_MAX_AGE),
};

/** Channel manifests change on every promote/rollout/rollback: short, revalidated caching. */
export function pointerCacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, must-revalidate`;
}
