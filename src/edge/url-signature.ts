/**
 * The query of a CloudFront signed URL, read the way CloudFront reads it, with node:crypto only
 * (no signer library): verify a request against trusted public keys (`otactl serve --cloudfront-public-key` acts as a private distribution).
 * Rules (CloudFront Developer Guide, "Use signed URLs"): the signed parameters are Policy (custom)
 * or Expires (canned), Signature and Key-Pair-Id, base64 with `+=/` written `-_~`; the signature
 * is RSA-SHA1 (RSA-SHA256 with Hash-Algorithm=SHA256) over the policy's bytes; the policy's
 * Resource is matched against the URL without those parameters, `*` matching any characters and
 * `?` exactly one.
 */
import { createVerify, type KeyObject } from 'node:crypto';
import { parsePemKey } from '../signing/keys.js';
import { ValidationError } from '../errors.js';
import { withoutSignature } from '../cdn/signature-params.js';

/** CloudFront's base64 variant (`-_~` for `+=/`) decoded; null when it is not base64 at all. */
export function cloudFrontBase64Decode(text: string): Buffer | null {
  const std = text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(std) && std.length % 4 === 0 ? Buffer.from(std, 'base64') : null;
}

/** Whether CloudFront's wildcard pattern (`*` any characters, `?` one) matches the whole URL. */
export function resourceMatches(pattern: string, url: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${re}$`, 's').test(url);
}

export type SignedUrlVerdict =
  | { ok: true; keyPairId: string; resource: string; dateLessThan: number }
  | { ok: false; reason: 'unsigned' | 'malformed' | 'unknown-key' | 'bad-signature' | 'resource' | 'expired' | 'not-yet-valid' | 'unsupported' };

/**
 * Verifies a requested URL (absolute, as the viewer asked for it) signed with a custom policy, as
 * CloudFront does at `now`, against public keys by key pair id. Fails closed: a canned policy, an
 * IP condition or several statements are 'unsupported' here (otactl never writes them).
 */
export function verifySignedUrl(url: string, keys: ReadonlyMap<string, KeyObject>, now: Date): SignedUrlVerdict {
  const params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const [policyText, signatureText, keyPairId] = [params.get('Policy'), params.get('Signature'), params.get('Key-Pair-Id')];
  if (policyText === null && signatureText === null && keyPairId === null) return { ok: false, reason: 'unsigned' };
  if (policyText === null || signatureText === null || keyPairId === null) return { ok: false, reason: params.has('Expires') ? 'unsupported' : 'malformed' };
  const policyBytes = cloudFrontBase64Decode(policyText);
  const signature = cloudFrontBase64Decode(signatureText);
  if (!policyBytes || !signature) return { ok: false, reason: 'malformed' };
  const key = keys.get(keyPairId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const algorithm = params.get('Hash-Algorithm') === 'SHA256' ? 'RSA-SHA256' : 'RSA-SHA1';
  if (!createVerify(algorithm).update(policyBytes).verify(key, signature)) return { ok: false, reason: 'bad-signature' };
  const statement = policyStatement(policyBytes);
  if (statement === 'unsupported' || statement === null) return { ok: false, reason: statement ?? 'malformed' };
  if (!resourceMatches(statement.resource, withoutSignature(url))) return { ok: false, reason: 'resource' };
  const nowSeconds = now.getTime() / 1000;
  if (!(nowSeconds < statement.dateLessThan)) return { ok: false, reason: 'expired' };
  if (statement.dateGreaterThan !== undefined && !(nowSeconds > statement.dateGreaterThan)) return { ok: false, reason: 'not-yet-valid' };
  return { ok: true, keyPairId, resource: statement.resource, dateLessThan: statement.dateLessThan };
}

interface Statement {
  resource: string;
  dateLessThan: number;
  dateGreaterThan?: number;
}

function policyStatement(bytes: Buffer): Statement | 'unsupported' | null {
  let policy: unknown;
  try {
    policy = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const statements = (policy as { Statement?: unknown }).Statement;
  if (!Array.isArray(statements) || statements.length !== 1) return 'unsupported';
  const s = statements[0] as { Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };
  const condition = s.Condition ?? {};
  if (Object.keys(condition).some((c) => c !== 'DateLessThan' && c !== 'DateGreaterThan')) return 'unsupported';
  const lessThan = condition.DateLessThan?.['AWS:EpochTime'];
  const greaterThan = condition.DateGreaterThan?.['AWS:EpochTime'];
  if (typeof s.Resource !== 'string' || typeof lessThan !== 'number' || (greaterThan !== undefined && typeof greaterThan !== 'number')) return null;
  return { resource: s.Resource, dateLessThan: lessThan, ...(typeof greaterThan === 'number' ? { dateGreaterThan: greaterThan } : {}) };
}

/** The public key of a CloudFront key pair (RSA, SPKI or PKCS#1 PEM); `origin` names it in errors. */
export function cloudFrontPublicKeyFromPem(pem: string, origin: string): KeyObject {
  const key = parsePemKey('public', pem, `${origin} does not hold a PEM public key`, 'E_CLOUDFRONT_KEY');
  if (key.asymmetricKeyType !== 'rsa') throw new ValidationError(`${origin} is an ${(key.asymmetricKeyType ?? 'non-RSA').toUpperCase()} key, not RSA; CloudFront URLs here are signed with RSA`, 'E_CLOUDFRONT_KEY');
  return key;
}
