/**
 * Signed artifact URLs for a private CloudFront distribution (a trusted key group on the artifacts'
 * cache behaviour). Each URL carries a custom policy whose Resource is exactly that URL (no
 * wildcard), so the query of one URL opens one object: manifests are public, and a policy over
 * `<base>/artifacts/*` would let whoever reads any manifest download every build of every app in
 * the store. The policy ends a margin after the expiry of the manifest that carries the URL. The
 * repository signs again whenever it seals a manifest (repository.ts), so a refresh that extends
 * a manifest extends its URLs too.
 */
import type { KeyObject } from 'node:crypto';
import { parsePemKey } from '../signing/keys.js';
import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { ValidationError } from '../errors.js';
import { registerSecret } from '../util/redact.js';
import { layout } from '../repo/layout.js';
import { KEY_PAIR_ID } from './settings.js';
import { withoutSignature } from './signature-params.js';

/**
 * How long after its manifest expires a signed URL still works: a device that fetched the manifest
 * just before expiry, on a slow link or resuming a Range download later, still gets the build.
 */
export const SIGNED_URL_MARGIN_SECONDS = 24 * 3600;

export interface CloudFrontSigningKey {
  /** The id of the public key in the distribution's trusted key group. */
  keyPairId: string;
  privateKey: KeyObject;
}

/**
 * The signing key from PEM text, checked now rather than at the first signature: an RSA private
 * key (CloudFront's signed URLs here are RSA-SHA1); `origin` names where it came from in errors.
 */
export function cloudFrontKeyFromPem(keyPairId: string, keyPairIdOrigin: string, pem: string, origin: string): CloudFrontSigningKey {
  if (!KEY_PAIR_ID.test(keyPairId)) {
    throw new ValidationError(`${keyPairIdOrigin} "${keyPairId.slice(0, 80)}" is not a CloudFront public key id such as K2JCJMDEHXQW5F`, 'E_CLOUDFRONT_KEY');
  }
  const unreadable = /-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem) ? `${origin} holds a public key; CloudFront URLs are signed with the private key` : `${origin} does not hold a PEM private key`;
  const key = parsePemKey('private', pem, unreadable, 'E_CLOUDFRONT_KEY');
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ValidationError(`${origin} is an ${(key.asymmetricKeyType ?? 'non-RSA').toUpperCase()} key, not RSA; otactl signs CloudFront URLs with an RSA private key (RSA-SHA1)`, 'E_CLOUDFRONT_KEY');
  }
  return { keyPairId, privateKey: key };
}

/** The prefix every artifact URL under the base URL starts with (`<base>/artifacts/`): nothing else is signed. */
export function artifactsPrefixUrl(publicUrl: string): string {
  // Resolved as artifactUrl resolves keys, so the same normalisation (host case, default port) applies.
  return new URL(layout.artifactsPrefix(), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

/** Epoch seconds a URL written into a manifest expiring at `manifestExpiresAt` is signed until. */
export function signedUntil(manifestExpiresAt: string | Date): number {
  return Math.ceil(new Date(manifestExpiresAt).getTime() / 1000) + SIGNED_URL_MARGIN_SECONDS;
}

/** A custom policy (CloudFront wants it without whitespace, as JSON.stringify writes it). */
export function customPolicy(resource: string, dateLessThan: number): string {
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': dateLessThan } } }] });
}

export class ArtifactUrlSigner {
  /** `<base URL>/artifacts/`: every URL signed starts with it. */
  readonly prefix: string;
  private readonly pem: string;

  constructor(
    readonly publicUrl: string,
    private readonly key: CloudFrontSigningKey,
  ) {
    this.prefix = artifactsPrefixUrl(publicUrl);
    this.pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    registerSecret(this.pem);
  }

  get keyPairId(): string {
    return this.key.keyPairId;
  }

  /**
   * The artifact URL (any earlier signature dropped) signed for exactly itself, for a manifest
   * expiring at `manifestExpiresAt`.
   */
  sign(url: string, manifestExpiresAt: string | Date): string {
    const bare = this.exactResource(url);
    return getSignedUrl({ url: bare, keyPairId: this.key.keyPairId, privateKey: this.pem, policy: customPolicy(bare, signedUntil(manifestExpiresAt)) });
  }

  /**
   * The policy Resource of one artifact URL: the URL itself without a signature. Refuses a URL
   * outside the artifacts prefix and one holding `*` or `?` after it, which CloudFront would read
   * as wildcards (artifact keys are `sha256/<hex>`, so neither occurs in a URL otactl makes).
   */
  exactResource(url: string): string {
    const bare = withoutSignature(url);
    if (!bare.startsWith(this.prefix)) throw new Error(`${bare} is not under ${this.prefix}`);
    if (/[*?]/.test(bare.slice(this.prefix.length))) throw new Error(`${bare} holds a CloudFront wildcard (* or ?) or a query`);
    return bare;
  }

  /**
   * The three cookies that open one artifact URL (`exactResource`) until `until`: a browser
   * fetching the plain URL (a download page) sends them. The policy names that one object, as a
   * signed URL does; CloudFront's custom policies hold one statement, and artifacts are stored by
   * content (shared between apps), so no wider scope stays inside one app or fleet.
   */
  cookies(url: string, until: Date): { 'CloudFront-Policy': string; 'CloudFront-Signature': string; 'CloudFront-Key-Pair-Id': string } {
    const policy = customPolicy(this.exactResource(url), Math.ceil(until.getTime() / 1000));
    const c = getSignedCookies({ keyPairId: this.key.keyPairId, privateKey: this.pem, policy });
    return { 'CloudFront-Policy': c['CloudFront-Policy']!, 'CloudFront-Signature': c['CloudFront-Signature'], 'CloudFront-Key-Pair-Id': c['CloudFront-Key-Pair-Id'] };
  }
}
