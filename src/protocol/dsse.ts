import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Envelope, type Envelope as EnvelopeT } from './schemas.js';
import { DEVICE_JSON_MAX_DEPTH, parseStrictJsonBytes, StrictJsonError } from './strict-json.js';
import { ValidationError, VerificationError } from '../errors.js';

/**
 * DSSE envelopes (in-toto / Sigstore "Dead Simple Signing Envelope") with ECDSA P-256 / SHA-256,
 * DER signatures: what node:crypto, Java and mbedTLS all verify natively (docs/design.md).
 */

/** PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** keyid = hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
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
 * Signatures by unknown keys are ignored (rotation), never trusted. `raw` is already parsed, so
 * it cannot see duplicate member names: read stored or fetched bytes with openEnvelope.
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
  // One spelling per payload and signature (padded, zero trailing bits): base64 decoders disagree
  // on the others. Every sig is checked, trusted key or not: the envelope's shape comes first.
  const body = canonicalBase64(env.payload, 'payload');
  const sigs = env.signatures.map((s) => ({ keyid: s.keyid, sig: canonicalBase64(s.sig, 'signature') }));
  const message = pae(env.payloadType, body);
  const keyids: string[] = [];
  for (const s of sigs) {
    const key = trusted.get(s.keyid);
    if (!key) continue;
    try {
      if (verify('sha256', message, key, s.sig)) keyids.push(s.keyid);
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

function canonicalBase64(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new VerificationError(`envelope ${what} is not canonical base64`, 'E_ENVELOPE');
  return bytes;
}

/** Reads stored or fetched bytes as JSON, one reading only (src/protocol/strict-json.ts). */
function strictJson(bytes: Uint8Array, what: string, maxDepth: number | undefined): unknown {
  try {
    return parseStrictJsonBytes(bytes, maxDepth === undefined ? {} : { maxDepth });
  } catch (err) {
    if (err instanceof StrictJsonError) throw new VerificationError(`${what}: ${err.message}`, 'E_ENVELOPE', { problem: err.problem });
    throw err;
  }
}

export interface OpenedEnvelope extends VerifiedEnvelope {
  /** The payload read as JSON (strictly); the caller validates it against its schema. */
  json: unknown;
}

/**
 * The whole reading of a signed JSON document, as every client does it (docs/vectors.md):
 * the envelope text strictly (no duplicate member name, nesting at most 8), its shape and
 * canonical base64, the signatures, then the signed payload strictly. Anything malformed is
 * E_ENVELOPE; `payloadMaxDepth` bounds the payload of device-facing documents.
 */
export function openEnvelope(bytes: Uint8Array, expectedType: string, trusted: Map<string, KeyObject>, payloadMaxDepth?: number): OpenedEnvelope {
  const raw = strictJson(bytes, 'envelope', DEVICE_JSON_MAX_DEPTH);
  const verified = verifyEnvelope(raw, expectedType, trusted);
  return { ...verified, json: strictJson(verified.body, 'signed payload', payloadMaxDepth) };
}
