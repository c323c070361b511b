/**
 * The query parameters of a CloudFront signed URL (CloudFront Developer Guide, "Use signed URLs"):
 * the publisher strips them before signing again and refuses them in an artifact URL it records;
 * the edge emulator (src/edge/url-signature.ts) reads the rest of the query without them.
 */

/** Query parameters CloudFront consumes for a signed URL; never part of what the policy covers. */
export const SIGNATURE_PARAMS: readonly string[] = ['Policy', 'Expires', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];

/** The URL without CloudFront's signature parameters (any other query is kept, in order). */
export function withoutSignature(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const kept = url
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '' && !SIGNATURE_PARAMS.includes(pair.slice(0, pair.indexOf('=') < 0 ? pair.length : pair.indexOf('='))));
  return kept.length === 0 ? url.slice(0, q) : `${url.slice(0, q)}?${kept.join('&')}`;
}

/** Whether the URL carries a CloudFront signature. */
export function hasSignature(url: string): boolean {
  return withoutSignature(url) !== url;
}
