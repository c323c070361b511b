/**
 * CDN settings checked wherever they come from (flag, environment, config, a library caller).
 *
 * The CDN base URL: where devices fetch the store from, written into manifests as the prefix of
 * artifact URLs (Repository's publicUrl), and where the edge check fetches. It may carry a path
 * (`https://cdn.example.com/ota`); a store key's CDN path is that path + '/' + key.
 */
import { OptionError, ValidationError } from '../errors.js';
import { keyUrl } from '../repo/layout.js';

/** Refuses anything but an absolute http(s) URL without query or fragment; `source` names where it came from. */
export function checkCdnBaseUrl(value: string, source: string): string {
  return checkHttpUrl(value, source, 'E_CDN_URL');
}

/** A CloudFront API endpoint given by an environment variable (`source`): checked before anything is published. */
export function checkCloudFrontEndpoint(value: string, source: string): string {
  return checkHttpUrl(value, source, 'E_INVALID');
}

function checkHttpUrl(value: string, source: string, code: 'E_CDN_URL' | 'E_INVALID'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`${source} "${value}" is not an http(s) URL`, code);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`${source} "${value}" is not an http(s) URL`, code);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ValidationError(`${source} "${value}" carries a query, fragment or credentials; give only scheme, host and path`, code);
  }
  return value;
}

/** The path CloudFront sees for a store key: the base URL's path + '/' + key (no base URL: the key at the root). */
export function cdnPath(baseUrl: string | undefined, key: string): string {
  return baseUrl === undefined ? `/${key}` : new URL(keyUrl(baseUrl, key)).pathname;
}

/** A CloudFront distribution id (E2QWRUHAPOMQZL) or public key id (K2JCJMDEHXQW5F). */
export const DISTRIBUTION_ID = /^[A-Z0-9]{1,64}$/;
export const KEY_PAIR_ID = DISTRIBUTION_ID;

/** Refuses a CloudFront public key id given by a flag or an environment variable (`source`). */
export function checkKeyPairId(value: string, source: string): string {
  if (!KEY_PAIR_ID.test(value)) throw new OptionError('cloudFrontKeyPairId', `${source} "${value.slice(0, 80)}" is not a CloudFront public key id such as K2JCJMDEHXQW5F`);
  return value;
}

/** Refuses a distribution id given by a flag or an environment variable (`source`). */
export function checkDistributionId(value: string, source: string): string {
  if (!DISTRIBUTION_ID.test(value)) throw new OptionError('distributionId', `${source} "${value.slice(0, 80)}" is not a CloudFront distribution id such as E2QWRUHAPOMQZL`);
  return value;
}
