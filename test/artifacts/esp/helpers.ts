import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { BufferSource } from '../../../src/util/byte-source.js';
import { inspectEspSource } from '../../../src/artifacts/esp/index.js';
import type { EspReport } from '../../../src/artifacts/esp/types.js';

export async function inspectBuf(buf: Buffer, trustedKeyDigests?: string[]): Promise<EspReport> {
  return (await inspectEspSource(new BufferSource(buf), trustedKeyDigests ? { trustedKeyDigests } : {})).report;
}

export function errorCodes(r: EspReport): string[] {
  return r.errors.map((e) => e.code);
}

export function warningCodes(r: EspReport): string[] {
  return r.warnings.map((e) => e.code);
}

type KeyType = 'rsa3072' | 'ecdsa-p192' | 'ecdsa-p256' | 'ecdsa-p384';
let cached: Record<KeyType, KeyObject> | undefined;

/** One key per Secure Boot v2 scheme, generated once per test file. */
export function keys(): Record<KeyType, KeyObject> {
  cached ??= {
    rsa3072: generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey,
    'ecdsa-p192': generateKeyPairSync('ec', { namedCurve: 'prime192v1' }).privateKey,
    'ecdsa-p256': generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
    'ecdsa-p384': generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey,
  };
  return cached;
}
