import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Envelope, type Envelope as EnvelopeT } from '../core/schemas.js';
import { ValidationError, VerificationError } from '../errors.js';
import { sha256Hex } from '../util/hash.js';

/**
 * DSSE envelopes (in-toto / Sigstore "Dead Simple Signing Envelope") with ECDSA P-256 / SHA-256,
 * DER signatures: what node:crypto, Java and mbedTLS all verify natively (DESIGN.md).
 */

/** PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** keyid = hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256Hex(pub.export({ type: 'spki', format: 'der' }));
}

export interface SigningKey {
  keyid: string;
  privateKey: KeyObject;
}

export function signEnvelope(payloadType: string, body: Buffer, keys: SigningKey[]): EnvelopeT {
  if (keys.length === 0) throw new ValidationError('no signing key is configured', 'E_NO_SIGNING_KEY');
  // Whoever built the keys (openRepository and the CLI load them checked; `new Repository` does
  // not): devices verify ECDSA P-256 only.
  for (const k of keys) {
    if (k.privateKey.asymmetricKeyType !== 'ec' || k.privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new ValidationError(`signing key ${k.keyid.slice(0, 16)}: manifest keys must be ECDSA P-256`, 'E_KEY');
    }
  }
  const message = pae(payloadType, body);
  return {
    payloadType,
    payload: body.toString('base64'),
    signatures: keys.map((k) => ({ keyid: k.keyid, sig: sign('sha256', message, k.privateKey).toString('base64') })),
  };
}

export interface VerifiedEnvelope {
  body: Buffer;
  /** keyids whose signature verified. */
  keyids: string[];
}

/**
 * Accepts an envelope when at least one signature by a trusted key verifies over the PAE.
 * Signatures by unknown keys are ignored (rotation), never trusted.
 */
export function verifyEnvelope(raw: unknown, expectedType: string, trusted: Map<string, KeyObject>): VerifiedEnvelope {
  const parsed = Envelope.safeParse(raw);
  if (!parsed.success) {
    throw new VerificationError(`not a signed envelope: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'E_ENVELOPE');
  }
  const env = parsed.data;
  if (env.payloadType !== expectedType) {
    throw new VerificationError(`envelope carries ${env.payloadType}, expected ${expectedType}`, 'E_ENVELOPE');
  }
  const body = Buffer.from(env.payload, 'base64');
  // One spelling per payload (padded, zero trailing bits): base64 decoders disagree on the others.
  if (body.toString('base64') !== env.payload) throw new VerificationError('envelope payload is not canonical base64', 'E_ENVELOPE');
  const message = pae(env.payloadType, body);
  const keyids: string[] = [];
  for (const s of env.signatures) {
    const key = trusted.get(s.keyid);
    if (!key) continue;
    try {
      if (verify('sha256', message, key, Buffer.from(s.sig, 'base64'))) keyids.push(s.keyid);
    } catch {
      // A malformed signature is simply not a valid one.
    }
  }
  if (keyids.length === 0) {
    const known = env.signatures.some((s) => trusted.has(s.keyid));
    throw new VerificationError(
      known ? 'signature does not verify: the document was changed after signing' : 'not signed by any trusted key',
      known ? 'E_BAD_SIGNATURE' : 'E_UNTRUSTED_KEY',
      { keyids: env.signatures.map((s) => s.keyid) },
    );
  }
  return { body, keyids };
}
