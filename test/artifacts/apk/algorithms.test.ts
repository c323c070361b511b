import { describe, expect, it } from 'vitest';
import { sign, constants } from 'node:crypto';
import { findAlgorithm, pickAlgorithmsToVerify, verifySignature, type SignatureAlgorithm } from '../../../src/artifacts/apk/algorithms.js';
import { parsePairs } from '../../../src/artifacts/apk/signing-block.js';
import { p256, rsa2048 } from '../../helpers/keys.js';

const alg = (id: number): SignatureAlgorithm => findAlgorithm(id)!;

describe('signature algorithm selection (apksig getSignaturesToVerify)', () => {
  it('keeps the strongest per min-API bucket the range reaches', () => {
    const all = [0x0103, 0x0104, 0x0421].map(alg);
    expect(pickAlgorithmsToVerify(all, 24, 0x7fffffff)!.map((a) => a.id)).toEqual([0x0104, 0x0421]);
    expect(pickAlgorithmsToVerify(all, 24, 27)!.map((a) => a.id)).toEqual([0x0104]);
  });

  it('has nothing usable when only verity (API 28) signatures exist for API 24', () => {
    expect(pickAlgorithmsToVerify([alg(0x0421)], 24, 0x7fffffff)).toBeNull();
    expect(pickAlgorithmsToVerify([alg(0x0421)], 28, 0x7fffffff)!.map((a) => a.id)).toEqual([0x0421]);
  });
});

describe('verifySignature', () => {
  const data = Buffer.from('signed data');
  const rsa = rsa2048();
  const ec = p256();

  it('RSA-PSS uses the salt length of the algorithm (32 for SHA-256, 64 for SHA-512)', () => {
    const pss = (hash: string, saltLength: number): Buffer =>
      sign(hash, data, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
    expect(verifySignature(alg(0x0101), rsa.publicKey, data, pss('sha256', 32))).toBe(true);
    expect(verifySignature(alg(0x0102), rsa.publicKey, data, pss('sha512', 64))).toBe(true);
    expect(verifySignature(alg(0x0101), rsa.publicKey, data, pss('sha256', 20))).toBe(false);
  });

  it('PKCS#1 v1.5 and ECDSA (DER), and refuses a key of the wrong type', () => {
    expect(verifySignature(alg(0x0103), rsa.publicKey, data, sign('sha256', data, rsa.privateKey))).toBe(true);
    const ecSig = sign('sha256', data, ec.privateKey);
    expect(verifySignature(alg(0x0201), ec.publicKey, data, ecSig)).toBe(true);
    expect(verifySignature(alg(0x0103), ec.publicKey, data, ecSig)).toBe(false);
    expect(verifySignature(alg(0x0201), ec.publicKey, data, Buffer.from('garbage'))).toBe(false);
  });
});

describe('signing block pairs', () => {
  const pair = (id: number, value: Buffer, len = BigInt(value.length + 4)): Buffer => {
    const head = Buffer.alloc(12);
    head.writeBigUInt64LE(len, 0);
    head.writeUInt32LE(id, 8);
    return Buffer.concat([head, value]);
  };

  it('keeps the first of repeated IDs and skips unknown ones', () => {
    const { pairs, error } = parsePairs(Buffer.concat([pair(1, Buffer.from('a')), pair(2, Buffer.from('b')), pair(1, Buffer.from('c'))]));
    expect(error).toBeUndefined();
    expect(pairs.get(1)!.toString()).toBe('a');
  });

  it('stops at a pair whose length lies, keeping the pairs before it', () => {
    const { pairs, error } = parsePairs(Buffer.concat([pair(1, Buffer.from('a')), pair(2, Buffer.from('b'), 1n << 40n)]));
    expect(pairs.has(1)).toBe(true);
    expect(pairs.has(2)).toBe(false);
    expect(error).toMatch(/out of range/);
  });
});
