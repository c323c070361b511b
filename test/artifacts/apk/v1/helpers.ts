import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest } from '../../../../src/artifacts/apk/axml.js';
import { openZip } from '../../../../src/artifacts/apk/zip.js';
import type { ZipArchive } from '../../../../src/artifacts/apk/types.js';
import { BufferSource } from '../../../../src/util/byte-source.js';
import { sha256Hex } from '../../../../src/util/hash.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** AOSP apksig's test fixtures, vendored with their licence (test/fixtures/apksig/README.md). */
export const FIXTURES = resolve(repoRoot, 'test/fixtures/apksig');
export const fixturePath = (name: string): string => resolve(FIXTURES, name);
export const readFixture = (name: string): Buffer => readFileSync(fixturePath(name));

export interface ExpectedApksigner {
  verifies: boolean;
  schemes: { v1?: boolean; v2?: boolean; v3?: boolean; v4?: boolean };
  signer_cert_sha256: string[];
  errors: string[];
}

export const EXPECTED: Record<string, ExpectedApksigner> = JSON.parse(
  readFileSync(fixturePath('expected-apksigner.json'), 'utf8'),
) as Record<string, ExpectedApksigner>;

export async function zipOf(bytes: Buffer): Promise<ZipArchive> {
  const zip = await openZip(new BufferSource(bytes));
  if (!('entries' in zip)) throw new Error(`fixture is not a ZIP: ${zip.code}`);
  return zip;
}

export const ALL_APIS = { minSdk: 1, maxSdk: 2147483647 };

/** The effective minSdkVersion apksigner checked the fixture against (1 without a manifest). */
export async function manifestMinSdk(zip: ZipArchive): Promise<number> {
  const entry = zip.entries.find((e) => e.name === 'AndroidManifest.xml');
  if (!entry) return 1;
  const info = parseManifest(await zip.readEntry(entry));
  return 'minSdk' in info ? info.minSdk : 1;
}

export { sha256Hex };

/** SHA-256 of a fixture certificate (e.g. "rsa-2048" → rsa-2048.x509.pem). */
export function fixtureCertSha256(key: string): string {
  return sha256Hex(Buffer.from(new X509Certificate(readFixture(`${key}.x509.pem`)).raw));
}
