/**
 * What the CLI context builds a run from: config, keys, the store, the repository, the CDN and the
 * release dependencies. One module so CliContext loads the whole publisher graph in one step, on the
 * first method that needs it (see context.ts).
 */
export { Cdn } from '../cdn/cdn.js';
export { CloudFrontInvalidator } from '../cdn/invalidator.js';
export { checkCdnBaseUrl, checkCloudFrontEndpoint, checkDistributionId } from '../cdn/settings.js';
export { releaseDeps } from '../release/deps.js';
export { Repository } from '../repo/repository.js';
export { loadPublicKeys, privateKeyFromPem } from '../signing/keys.js';
export { checkManifestMaxAge } from '../store/cache-control.js';
export { openStore, parseStoreUrl } from '../store/open.js';
export { loadArtifactUrlSigner } from './cloudfront-signing.js';
export { loadConfig, manifestTtl, parseDuration, resolveFrom } from './config.js';
export { loadSigningKeyRef } from './key-location.js';
