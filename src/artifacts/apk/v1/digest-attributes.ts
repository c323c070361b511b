/**
 * Which `<ALG>-Digest*` attributes of a manifest or .SF section Android checks (docs/formats.md A.12).
 * Before API 18 the platform walks the legacy `Digest-Algorithms` list (default "SHA SHA1") and
 * takes the first supported digest found; from 18 it takes the strongest present of SHA-512,
 * SHA-384, SHA-256, SHA-1. A range spanning both eras must satisfy both picks.
 */
import type { SdkRange } from '../types.js';
import type { HashName } from './algorithms.js';
import type { ManifestSection } from './manifest.js';

export interface NamedDigest {
  /** Java/JCA spelling, as apksigner reports it ("SHA-256"). */
  algorithm: string;
  hash: HashName;
  /** Decoded value; empty when the attribute is not valid base64 (then it cannot match). */
  expected: Buffer;
}

const API_JELLY_BEAN_MR2 = 18;

interface DigestSpec {
  algorithm: string;
  hash: HashName;
  /** Attribute name prefix used by modern signers. */
  attributePrefix: string;
  /** First API level whose legacy `Digest-Algorithms` handling knew the algorithm. */
  legacyMinSdk: number;
}

const SPECS: readonly DigestSpec[] = [
  { algorithm: 'SHA-512', hash: 'sha512', attributePrefix: 'SHA-512', legacyMinSdk: 9 },
  { algorithm: 'SHA-384', hash: 'sha384', attributePrefix: 'SHA-384', legacyMinSdk: 9 },
  { algorithm: 'SHA-256', hash: 'sha256', attributePrefix: 'SHA-256', legacyMinSdk: 0 },
  { algorithm: 'SHA-1', hash: 'sha1', attributePrefix: 'SHA1', legacyMinSdk: 0 },
  { algorithm: 'MD5', hash: 'md5', attributePrefix: 'MD5', legacyMinSdk: 0 },
];

/** Strongest first: the order API 18+ searches. */
const MODERN = SPECS.filter((spec) => spec.algorithm !== 'MD5');

/** Legacy `Digest-Algorithms` tokens (case-insensitive) to the algorithm they name. */
const LEGACY_ALIASES: Readonly<Record<string, string>> = {
  MD5: 'MD5',
  SHA: 'SHA-1',
  SHA1: 'SHA-1',
  'SHA-1': 'SHA-1',
  'SHA-256': 'SHA-256',
  'SHA-384': 'SHA-384',
  'SHA-512': 'SHA-512',
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64: a lenient decoder would let crafted junk match a digest Android rejects. */
function decodeBase64(text: string): Buffer {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
}

/**
 * Digests to check for `section`, with attribute names `<ALG><suffix>` (suffix "-Digest",
 * "-Digest-Manifest" or "-Digest-Manifest-Main-Attributes"). Empty: nothing usable on some API level.
 */
export function digestsToVerify(section: ManifestSection, suffix: string, range: SdkRange): NamedDigest[] {
  const result: NamedDigest[] = [];
  if (range.minSdk < API_JELLY_BEAN_MR2) {
    const legacy = legacyPick(section, suffix, range.minSdk);
    if (!legacy) return [];
    result.push(legacy);
  }
  if (range.maxSdk >= API_JELLY_BEAN_MR2) {
    const spec = MODERN.find((s) => section.get(s.attributePrefix + suffix) !== undefined);
    if (spec) {
      const expected = decodeBase64(section.get(spec.attributePrefix + suffix)!);
      // The same check twice is pointless; the same algorithm with another value is not.
      const duplicate = result.some((d) => d.algorithm === spec.algorithm && d.expected.equals(expected));
      if (!duplicate) result.push({ algorithm: spec.algorithm, hash: spec.hash, expected });
    }
  }
  return result;
}

function legacyPick(section: ManifestSection, suffix: string, minSdk: number): NamedDigest | null {
  const tokens = (section.get('Digest-Algorithms') ?? 'SHA SHA1').split(/[ \t\n\r\f]+/).filter(Boolean);
  for (const token of tokens) {
    const value = section.get(token + suffix);
    if (value === undefined) continue;
    const spec = SPECS.find((s) => s.algorithm === LEGACY_ALIASES[token.toUpperCase()]);
    if (!spec || spec.legacyMinSdk > minSdk) continue;
    return { algorithm: spec.algorithm, hash: spec.hash, expected: decodeBase64(value) };
  }
  return null;
}

/** A digest that did not match, base64 as apksigner prints it. */
export interface DigestMismatch {
  algorithm: string;
  expected: string;
  actual: string;
}

export function mismatchOf(digest: NamedDigest, actual: Buffer): DigestMismatch | null {
  if (actual.equals(digest.expected)) return null;
  return { algorithm: digest.algorithm, expected: digest.expected.toString('base64'), actual: actual.toString('base64') };
}
