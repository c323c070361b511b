/** Fresh key pairs for tests: the manifest signing curve (P-256) and CloudFront's RSA. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export const p256 = (): KeyPair => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** CloudFront key groups take RSA 2048 keys. */
export const rsa2048 = (): KeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });
