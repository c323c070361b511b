/** Where each kind of object lives in a store; identical for file:// and s3://. */
export const layout = {
  artifact: (sha256: string) => `artifacts/sha256/${sha256}`,
  /** Every artifact's key starts with it (a private CDN signs URLs under it only, each for its own object). */
  artifactsPrefix: () => 'artifacts/',
  app: (app: string) => `apps/${app}/app.json`,
  release: (app: string, buildId: string) => `apps/${app}/builds/${buildId}.json`,
  releasesPrefix: (app: string) => `apps/${app}/builds/`,
  manifest: (app: string, channel: string) => `apps/${app}/channels/${channel}/manifest.json`,
  historyPrefix: (app: string, channel: string) => `apps/${app}/channels/${channel}/history/`,
  // The digest in the name keeps a crashed or losing writer's record from blocking the next one.
  history: (app: string, channel: string, sequence: number, digest: string) =>
    `apps/${app}/channels/${channel}/history/${String(sequence).padStart(10, '0')}-${digest.slice(0, 16)}.json`,
  channelsPrefix: (app: string) => `apps/${app}/channels/`,
  appsPrefix: () => 'apps/',
  // gc against a concurrent upload (src/release/artifact-guard.ts): an upload's lease on the
  // artifact it is about to find or write, and gc's intent to delete an artifact.
  uploadLeasesPrefix: () => 'gc/uploading/',
  uploadLease: (sha256: string, nonce: string) => `gc/uploading/${sha256}-${nonce}.json`,
  gcIntentsPrefix: () => 'gc/deleting/',
  gcIntent: (sha256: string) => `gc/deleting/${sha256}.json`,
};

export { cacheControl } from '../store/cache-control.js';

/**
 * The manifest's `url` for an artifact: absolute under the public base URL when one is configured,
 * otherwise a reference relative to the manifest itself (RFC 3986), valid under any prefix.
 */
export function artifactUrl(sha256: string, publicUrl: string | undefined): string {
  const key = layout.artifact(sha256);
  if (publicUrl) return keyUrl(publicUrl, key);
  return `../../../../${key}`;
}

/** The absolute URL of a store key under a base URL that may carry a path (`https://cdn.example.com/ota`). */
export function keyUrl(baseUrl: string, key: string): string {
  return new URL(key, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
