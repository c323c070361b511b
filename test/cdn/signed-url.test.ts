/**
 * Signed artifact URLs checked the way CloudFront checks them: the verifier
 * (src/edge/url-signature.ts) uses node:crypto only, never the signer library, and the first test
 * also takes the URL apart by hand, so a signer that writes the wrong policy, encoding or
 * algorithm fails here. Keys are generated per run.
 */
import { createVerify, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArtifactUrlSigner, SIGNED_URL_MARGIN_SECONDS, cloudFrontKeyFromPem, signedUntil } from '../../src/cdn/signed-url.js';
import { resourceMatches, verifySignedUrl } from '../../src/edge/url-signature.js';
import { hasSignature, withoutSignature } from '../../src/cdn/signature-params.js';
import { OtaError } from '../../src/errors.js';
import { artifactUrl } from '../../src/repo/layout.js';
import { p256, rsa2048 } from '../helpers/keys.js';

const rsa = rsa2048();
const otherRsa = rsa2048();
const KEY_ID = 'K2JCJMDEHXQW5F';
const BASE = 'https://d111111abcdef8.cloudfront.net/ota';
const SHA = 'ab'.repeat(32);
const EXPIRES = '2030-01-15T12:00:00.500Z';
const pem = (k: KeyObject, type: 'pkcs8' | 'pkcs1' = 'pkcs8') => k.export({ type, format: 'pem' }).toString();
const signer = new ArtifactUrlSigner(BASE, cloudFrontKeyFromPem(KEY_ID, 'test', pem(rsa.privateKey), 'test key'));
const trusted = new Map([[KEY_ID, rsa.publicKey]]);
const beforeExpiry = new Date('2030-01-15T11:59:00Z');

/** CloudFront's base64 variant undone by hand. */
const unCloudFront = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

describe('a signed artifact URL, verified as CloudFront does', () => {
  const url = signer.sign(artifactUrl(SHA, BASE), EXPIRES);

  it('carries a custom policy over exactly its own URL (no wildcard) that outlives the manifest, signed RSA-SHA1 for the key pair id', () => {
    const u = new URL(url);
    expect(`${u.origin}${u.pathname}`).toBe(`${BASE}/artifacts/sha256/${SHA}`);
    expect([...u.searchParams.keys()].sort()).toEqual(['Key-Pair-Id', 'Policy', 'Signature']);
    expect(u.searchParams.get('Key-Pair-Id')).toBe(KEY_ID);
    // Only CloudFront's URL-safe alphabet: nothing a device's URL parser would re-encode.
    expect(u.search).toMatch(/^\?[A-Za-z0-9\-_~=&]+$/);
    const policyBytes = unCloudFront(u.searchParams.get('Policy')!);
    const policy = JSON.parse(policyBytes.toString('utf8'));
    expect(policy).toEqual({ Statement: [{ Resource: `${BASE}/artifacts/sha256/${SHA}`, Condition: { DateLessThan: { 'AWS:EpochTime': expect.any(Number) } } }] });
    const dateLessThan = policy.Statement[0].Condition.DateLessThan['AWS:EpochTime'];
    expect(dateLessThan * 1000).toBeGreaterThanOrEqual(Date.parse(EXPIRES));
    expect(dateLessThan).toBe(Math.ceil(Date.parse(EXPIRES) / 1000) + SIGNED_URL_MARGIN_SECONDS);
    const signature = unCloudFront(u.searchParams.get('Signature')!);
    expect(createVerify('RSA-SHA1').update(policyBytes).verify(rsa.publicKey, signature)).toBe(true);
    expect(createVerify('RSA-SHA1').update(policyBytes).verify(otherRsa.publicKey, signature)).toBe(false);
  });

  it('passes the verifier before the policy ends, also a day past the manifest (the margin), and not after', () => {
    expect(verifySignedUrl(url, trusted, beforeExpiry)).toMatchObject({ ok: true, keyPairId: KEY_ID, resource: `${BASE}/artifacts/sha256/${SHA}` });
    const end = signedUntil(EXPIRES);
    expect(verifySignedUrl(url, trusted, new Date((end - 60) * 1000)).ok).toBe(true);
    expect(verifySignedUrl(url, trusted, new Date(end * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('the resource wildcard covers artifacts under the base URL only', () => {
    const resource = `${BASE}/artifacts/*`;
    expect(resourceMatches(resource, `${BASE}/artifacts/sha256/${SHA}`)).toBe(true);
    expect(resourceMatches(resource, `${BASE}/apps/demo/channels/stable/manifest.json`)).toBe(false);
    expect(resourceMatches(resource, `https://evil.example.net/ota/artifacts/sha256/${SHA}`)).toBe(false);
    expect(resourceMatches(resource, `http://d111111abcdef8.cloudfront.net/ota/artifacts/sha256/${SHA}`)).toBe(false);
    expect(resourceMatches(resource, `${BASE}/other/artifacts/x`)).toBe(false);
    expect(resourceMatches('https://h/a?c', 'https://h/abc')).toBe(true);
    expect(resourceMatches('https://h/a?c', 'https://h/ac')).toBe(false);
    expect(resourceMatches('https://h/a.c', 'https://h/abc')).toBe(false); // regex characters are literal
    // The same policy presented on another path is refused by the verifier, not only by the matcher.
    const moved = url.replace(`/artifacts/sha256/${SHA}`, '/apps/demo/channels/stable/manifest.json');
    expect(verifySignedUrl(moved, trusted, beforeExpiry)).toEqual({ ok: false, reason: 'resource' });
  });

  it('the signature of one artifact URL does not open another artifact, nor the same one with a query added', () => {
    const OTHER = 'cd'.repeat(32);
    const query = new URL(url).search;
    expect(verifySignedUrl(`${BASE}/artifacts/sha256/${OTHER}${query}`, trusted, beforeExpiry)).toEqual({ ok: false, reason: 'resource' });
    expect(verifySignedUrl(`${BASE}/artifacts/sha256/${SHA}x${query}`, trusted, beforeExpiry)).toEqual({ ok: false, reason: 'resource' });
    expect(verifySignedUrl(`${BASE}/artifacts/sha256/${SHA}?x=1&${query.slice(1)}`, trusted, beforeExpiry)).toEqual({ ok: false, reason: 'resource' });
    // The other URL's own signature opens it.
    expect(verifySignedUrl(signer.sign(artifactUrl(OTHER, BASE), EXPIRES), trusted, beforeExpiry).ok).toBe(true);
  });

  it('refuses to sign a URL outside the artifacts prefix or with a CloudFront wildcard in it', () => {
    expect(() => signer.sign(`${BASE}/apps/demo/channels/stable/manifest.json`, EXPIRES)).toThrow(/not under/);
    expect(() => signer.sign(`${BASE}/artifacts/*`, EXPIRES)).toThrow(/wildcard/);
    expect(() => signer.sign(`${BASE}/artifacts/sha256/${SHA}?x=1`, EXPIRES)).toThrow(/wildcard/);
  });

  it('a tampered policy, signature or key id fails the verifier', () => {
    const u = new URL(url);
    const policy = JSON.parse(unCloudFront(u.searchParams.get('Policy')!).toString());
    policy.Statement[0].Condition.DateLessThan['AWS:EpochTime'] += 365 * 86400;
    const longer = Buffer.from(JSON.stringify(policy)).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
    const withParam = (name: string, value: string) => {
      const t = new URL(url);
      t.searchParams.set(name, value);
      return t.toString();
    };
    expect(verifySignedUrl(withParam('Policy', longer), trusted, beforeExpiry)).toEqual({ ok: false, reason: 'bad-signature' });
    const sig = u.searchParams.get('Signature')!;
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    expect(verifySignedUrl(withParam('Signature', flipped), trusted, beforeExpiry)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedUrl(withParam('Key-Pair-Id', 'KOTHER'), trusted, beforeExpiry)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifySignedUrl(url, new Map([[KEY_ID, otherRsa.publicKey]]), beforeExpiry)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedUrl(withoutSignature(url), trusted, beforeExpiry)).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('signing again replaces the old signature (one Policy, the new expiry)', () => {
    const later = signer.sign(url, '2030-03-01T00:00:00Z');
    const u = new URL(later);
    expect(u.searchParams.getAll('Policy')).toHaveLength(1);
    const verdict = verifySignedUrl(later, trusted, beforeExpiry);
    expect(verdict).toMatchObject({ ok: true, dateLessThan: signedUntil('2030-03-01T00:00:00Z') });
    expect(withoutSignature(later)).toBe(`${BASE}/artifacts/sha256/${SHA}`);
    expect(hasSignature(later)).toBe(true);
    expect(hasSignature(withoutSignature(later))).toBe(false);
    expect(withoutSignature('https://h/a?x=1&Policy=p&Signature=s&Key-Pair-Id=K&y=2')).toBe('https://h/a?x=1&y=2');
  });

  it('a base URL with upper-case host and default port signs URLs under the normalised resource', () => {
    const s = new ArtifactUrlSigner('HTTPS://CDN.Example.com:443/ota/', cloudFrontKeyFromPem(KEY_ID, 'test', pem(rsa.privateKey), 'k'));
    expect(s.prefix).toBe('https://cdn.example.com/ota/artifacts/');
    const signed = s.sign(artifactUrl(SHA, 'HTTPS://CDN.Example.com:443/ota/'), EXPIRES);
    expect(verifySignedUrl(signed, trusted, beforeExpiry).ok).toBe(true);
  });

  it('signed cookies carry the same kind of policy, for one artifact URL until the given time', () => {
    const until = new Date('2030-02-01T00:00:00Z');
    const c = signer.cookies(artifactUrl(SHA, BASE), until);
    expect(Object.keys(c).sort()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);
    // A cookie set is what a URL query would carry: verify it as one.
    const asQuery = `${BASE}/artifacts/sha256/${SHA}?Policy=${c['CloudFront-Policy']}&Signature=${c['CloudFront-Signature']}&Key-Pair-Id=${c['CloudFront-Key-Pair-Id']}`;
    expect(verifySignedUrl(asQuery, trusted, beforeExpiry)).toMatchObject({ ok: true, dateLessThan: until.getTime() / 1000 });
    expect(verifySignedUrl(asQuery, trusted, until)).toEqual({ ok: false, reason: 'expired' });
    const elsewhere = asQuery.replace(SHA, 'ef'.repeat(32));
    expect(verifySignedUrl(elsewhere, trusted, beforeExpiry)).toEqual({ ok: false, reason: 'resource' });
  });
});

describe('the CloudFront key is checked when it is loaded', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(OtaError);
      return { code: (err as OtaError).code, exit: (err as OtaError).exitCode, message: (err as Error).message };
    }
    throw new Error('no error');
  };
  const ec = p256();

  it('accepts an RSA private key in PKCS#8 or PKCS#1 PEM', () => {
    expect(cloudFrontKeyFromPem(KEY_ID, 'id', pem(rsa.privateKey, 'pkcs1'), 'k').privateKey.asymmetricKeyType).toBe('rsa');
  });
  it.each([
    ['an EC key', () => pem(ec.privateKey), /is an EC key, not RSA; otactl signs CloudFront URLs with an RSA private key/],
    ['a public key', () => rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /holds a public key/],
    ['not PEM', () => 'hello', /does not hold a PEM private key/],
  ])('refuses %s (exit 2, E_CLOUDFRONT_KEY)', (_name, text, message) => {
    const e = code(() => cloudFrontKeyFromPem(KEY_ID, 'id', text(), 'the key'));
    expect(e).toMatchObject({ code: 'E_CLOUDFRONT_KEY', exit: 2 });
    expect(e.message).toMatch(message);
  });
  it('refuses a key pair id that is not one', () => {
    expect(code(() => cloudFrontKeyFromPem('k-1 2', 'OTACTL_CLOUDFRONT_KEY_PAIR_ID', pem(rsa.privateKey), 'k'))).toMatchObject({ code: 'E_CLOUDFRONT_KEY', exit: 2 });
  });
});
