import type { ArtifactFamily } from '../types.js';

/** Any other bytes: the fallback family. */
export const fileFamily: ArtifactFamily = {
  name: 'file',
  kinds: ['file'],
  extensions: [],
  detect: () => true,
  // lazy: `inspect` (fast path, once per artifact in CI) loads only the inspector of the file's family
  load: async () => (await import('./inspector.js')).fileInspector,
};
