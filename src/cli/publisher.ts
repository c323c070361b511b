/**
 * What the CLI context builds a run from: the config, the settings resolved from flags, environment
 * and config, and the library's composition root that turns them into the repository and the
 * release dependencies. One module so CliContext loads the publisher graph in one step, on the first
 * method that needs it (see context.ts). The CDN step is not in it: ../api/cdn-step.ts loads when
 * a command has a CDN setting.
 */
export { cdnBaseUrlOf, loadTrustedKeys, openRelease, signingKeysOf } from '../api/settings.js';
export { loadConfig, parseDuration } from './config.js';
export { registerPastedKey } from './key-location.js';
export { resolveSettings } from './settings.js';
