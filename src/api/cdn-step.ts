/**
 * The CDN step of the release dependencies (CloudFront invalidation, the edge check), apart from
 * the composition root (./settings.ts) so that a run without one, `status` or `check` or any change
 * on a plain store, never loads the CDN and CloudFront modules (issue 20: start-up time).
 */
import type { KeyObject } from 'node:crypto';
import { Cdn } from '../cdn/cdn.js';
import { CloudFrontInvalidator } from '../cdn/invalidator.js';
import { checkCloudFrontEndpoint, checkDistributionId } from '../cdn/settings.js';
import { OptionError } from '../errors.js';
import { about, cdnBaseUrlOf, nameOf, type ReleaseSettings, type SettingNames } from './settings.js';

/**
 * The CDN step after each change: invalidation when a distribution is set, the edge check when
 * asked; undefined when neither. Refused when the settings cannot work together.
 */
export function cdnOf(
  s: Pick<ReleaseSettings, 'cdnBaseUrl' | 'distributionId' | 'cloudFrontEndpoint' | 'awsProfile' | 'wait' | 'verifyEdge' | 'now'>,
  names: SettingNames,
  trusted: Map<string, KeyObject>,
): Cdn | undefined {
  const name = nameOf(names);
  const distributionId = s.distributionId === undefined ? undefined : about('distributionId', () => checkDistributionId(s.distributionId!, name('distributionId')));
  if (s.wait && distributionId === undefined) {
    throw new OptionError('wait', `${name('wait')} waits for a CloudFront invalidation, but no distribution is configured: ${name('distributionId')}`);
  }
  if (distributionId === undefined && !s.verifyEdge) return undefined;
  const baseUrl = cdnBaseUrlOf(s, names);
  if (s.verifyEdge && baseUrl === undefined) {
    throw new OptionError('verifyEdge', `${name('verifyEdge')} needs the CDN base URL devices fetch from: ${name('cdnBaseUrl')}`);
  }
  const endpoint = s.cloudFrontEndpoint === undefined ? undefined : about('cloudFrontEndpoint', () => checkCloudFrontEndpoint(s.cloudFrontEndpoint!, name('cloudFrontEndpoint')));
  const profile = s.awsProfile || undefined;
  return new Cdn({
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(distributionId === undefined ? {} : { invalidator: new CloudFrontInvalidator({ distributionId, ...(endpoint ? { endpoint } : {}), ...(profile ? { profile } : {}) }) }),
    wait: s.wait ?? false,
    ...(s.verifyEdge ? { verifyEdge: { trustedKeys: trusted } } : {}),
    ...(s.now ? { now: s.now } : {}),
  });
}
