import type { ArtifactFamily } from '../types.js';

const ZIP_LOCAL = 0x04034b50;
const ZIP_EMPTY = 0x06054b50;

/** APKs are ZIP archives; a ZIP is an APK only when its name says so (a .jar or .zip is not). */
export const apkFamily: ArtifactFamily = {
  name: 'apk',
  kinds: ['apk'],
  extensions: ['.apk'],
  detect(head) {
    const magic = head.length >= 4 ? head.readUInt32LE(0) : 0;
    return magic === ZIP_LOCAL || magic === ZIP_EMPTY;
  },
  // lazy: `inspect` (fast path, once per artifact in CI) loads only the verifier of the file's family
  load: async () => (await import('./index.js')).apkInspector,
};
