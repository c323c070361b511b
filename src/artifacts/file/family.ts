import type { ArtifactFamily } from '../types.js';

/** Any other bytes: the fallback family. */
export const fileFamily: ArtifactFamily = {
  name: 'file',
  kinds: ['file'],
  extensions: [],
  detect: () => true,
  load: async () => (await import('./inspector.js')).fileInspector,
};
