/**
 * APK artifacts: `otactl inspect app.apk`. Verification follows apksigner (see docs/apk-verification.md
 * for the deliberate differences); the v1 (JAR) scheme lives in ./v1/.
 */
import type { ArtifactInspector, InspectResult, ReleaseFacts } from '../types.js';
import { FileSource, type ByteSource } from '../../util/byte-source.js';
import type { ApkReport } from './types.js';
import { verifyApkWith, type VerifyApkOptions, type VerifyV1 } from './verify.js';

export type { VerifyApkOptions } from './verify.js';

export async function verifyApk(
  src: ByteSource,
  opts: VerifyApkOptions = {},
): Promise<{ report: ApkReport; facts: ReleaseFacts }> {
  return verifyApkWith(src, opts, verifyV1Lazily);
}

export async function inspectApk(path: string, opts: VerifyApkOptions = {}): Promise<InspectResult<ApkReport>> {
  const src = await FileSource.open(path);
  try {
    return await verifyApk(src, opts);
  } finally {
    await src.close();
  }
}

export const apkInspector: ArtifactInspector = {
  inspect: (path: string) => inspectApk(path),
};

/**
 * The v1 (JAR) verifier pulls in node-forge (~40 ms to load); most modern APKs (minSdk >= 24 with a
 * v2/v3 block) never need it, so it is imported only when a v1 check runs.
 */
// lazy: the v1 (JAR) verifier needs node-forge, slow to load; only an APK that needs v1 checks loads it
const verifyV1Lazily: VerifyV1 = async (zip, range) => (await import('./v1/index.js')).verifyV1(zip, range);
