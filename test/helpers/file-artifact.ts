import { createHash, randomBytes } from 'node:crypto';
import type { BuildRef } from '../../src/protocol/schemas.js';

/**
 * Random bytes and the build entry of a plain-file artifact that names them (kind file: no signer,
 * chip or secure_version), for tests of the device SDK's transfer layer. The URL defaults to where
 * a store keeps the artifact (/artifacts/sha256/HEX).
 */
export function fileArtifact(opts: { bytes: number; buildId: string; versionCode: number; url?: string }): { artifact: Buffer; sha256: string; build: BuildRef } {
  const artifact = randomBytes(opts.bytes);
  const sha256 = createHash('sha256').update(artifact).digest('hex');
  const build = {
    build_id: opts.buildId,
    kind: 'file',
    version_code: opts.versionCode,
    version_name: String(opts.versionCode),
    url: opts.url ?? `/artifacts/sha256/${sha256}`,
    sha256,
    size: artifact.length,
    signer_fingerprint: null,
    chip: null,
    secure_version: null,
  } as BuildRef;
  return { artifact, sha256, build };
}
