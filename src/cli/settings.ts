/**
 * Flags, environment and config file into the library's release settings (src/api/settings.ts),
 * strongest first: flag > environment variable > config file, for every setting. Pure: the config
 * file is read before, nothing here reads a file or the process environment, and nothing is
 * checked here but what a source's own syntax needs (the store URL); openRelease checks the rest.
 * An empty environment variable counts as unset (a CI secret that is not there expands to nothing).
 *
 * `sources` names where each value came from ("--cdn-base-url", "OTACTL_CDN_BASE_URL",
 * "/repo/otactl.config.json: public_url"), or for a setting left unset, where it could be set: the
 * library's messages then name what the user typed.
 */
import type { ReleaseSettings, SettingField, SettingNames } from '../api/settings.js';
import { awsProfile, parseStoreUrl, type StoreLocation } from '../store/open.js';
import { resolveFrom, type LoadedConfig } from './config.js';
import { signingKeyEntry } from './key-location.js';

/** The CDN flags of a command that changes a channel manifest; absent: the config decides. */
export interface CdnFlags {
  wait?: boolean;
  verifyEdge?: boolean;
  distributionId?: string;
}

/** The flags settings come from (the program's global options and a command's own). */
export interface SettingFlags {
  store?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  cdnBaseUrl?: string | undefined;
  actor?: string | undefined;
  /** A command that publishes: its --expires-in. */
  expiresIn?: string | undefined;
  /** A command with a CDN step (after each manifest change): its CDN flags. Absent: no CDN step. */
  cdn?: CdnFlags | undefined;
}

/** The settings but the ones only a running process knows (the OS user, the clock, store waiting). */
export type ResolvedSettings = Omit<ReleaseSettings, 'now' | 'onStoreWait' | 'storeWaitLimitMs' | 'store'> & { store: StoreLocation };

export interface Resolution {
  settings: ResolvedSettings;
  sources: SettingNames;
  /** The settings whose value came from the config file (a mistake there is E_CONFIG). */
  fromConfig: SettingField[];
}

/** CI variables naming the user who started the job, with the prefix the actor gets. */
export const CI_ACTORS: [variable: string, prefix: string][] = [
  ['GITHUB_ACTOR', 'github'],
  ['GITLAB_USER_LOGIN', 'gitlab'],
  ['BUILDKITE_BUILD_CREATOR_EMAIL', 'buildkite'],
  ['CIRCLE_USERNAME', 'circleci'],
  ['BITBUCKET_STEP_TRIGGERER_UUID', 'bitbucket'],
  ['BUILD_USER_ID', 'jenkins'],
];

/** Where the actor comes from when no flag, variable or CI names one (the caller fills in user@host). */
export const OS_USER = 'the OS user';

/** One candidate source: its value (undefined or, for a variable, empty: not set) and its name. */
type Candidate<T> = [value: T | undefined, source: string, config?: boolean];

export function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv, config: LoadedConfig, cwd: string): Resolution {
  const file = config.file;
  const cf = file.cloudfront ?? {};
  const settings: Record<string, unknown> = {};
  const sources: SettingNames = {};
  const fromConfig: SettingField[] = [];
  const v = (name: string) => env[name] || undefined;
  /** The first candidate with a value sets the field; with none, `unset` says where it could be set. */
  const pick = <T>(field: SettingField, candidates: Candidate<T>[], unset?: string) => {
    const found = candidates.find(([value]) => value !== undefined);
    if (!found) {
      if (unset !== undefined) sources[field] = unset;
      return;
    }
    settings[field] = found[0];
    sources[field] = found[1];
    if (found[2]) fromConfig.push(field);
  };
  const configKey = (key: string) => `${config.path ?? 'config'}: ${key}`;

  const s3 = { flags, env, config: file.s3 };
  const given = flags.store || v('OTACTL_STORE');
  if (given !== undefined) {
    // A store named on this command line or in this environment: relative to the working folder.
    settings.store = parseStoreUrl(given, cwd, given.startsWith('s3://') ? s3 : {});
    sources.store = flags.store ? '--store' : 'OTACTL_STORE';
  } else {
    settings.store = parseStoreUrl(file.store, config.dir, s3);
    sources.store = configKey('store');
    fromConfig.push('store');
  }
  settings.cwd = cwd;

  settings.trustedKeys = file.trusted_keys.map((p) => resolveFrom(config.dir, p, env));
  sources.trustedKeys = 'trusted_keys';
  const signingPem = v('OTACTL_SIGNING_KEY');
  if (signingPem !== undefined) {
    settings.signingKeys = [{ pem: signingPem }];
    sources.signingKeys = 'OTACTL_SIGNING_KEY';
  } else {
    settings.signingKeys = file.signing_keys.map((ref) => signingKeyEntry(ref, config.dir, env));
    sources.signingKeys = config.path ? `signing_keys in ${config.path}` : 'otactl.config.json (there is none here; otactl init writes one)';
    fromConfig.push('signingKeys');
  }

  pick(
    'cdnBaseUrl',
    [
      [flags.cdnBaseUrl, '--cdn-base-url'],
      [v('OTACTL_CDN_BASE_URL'), 'OTACTL_CDN_BASE_URL'],
      [v('OTACTL_PUBLIC_URL'), 'OTACTL_PUBLIC_URL'],
      [file.public_url, configKey('public_url'), true],
    ],
    'public_url in the config, OTACTL_CDN_BASE_URL or --cdn-base-url',
  );
  pick<string | number>('manifestMaxAge', [
    [v('OTACTL_MANIFEST_MAX_AGE'), 'OTACTL_MANIFEST_MAX_AGE'],
    [file.manifest_max_age, 'manifest_max_age', true],
  ]);

  pick(
    'cloudFrontKeyPairId',
    [
      [v('OTACTL_CLOUDFRONT_KEY_PAIR_ID'), 'OTACTL_CLOUDFRONT_KEY_PAIR_ID'],
      [cf.key_pair_id, 'cloudfront.key_pair_id', true],
    ],
    'cloudfront.key_pair_id or OTACTL_CLOUDFRONT_KEY_PAIR_ID',
  );
  const keyFile = v('OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE');
  pick<string | { pem: string }>(
    'cloudFrontPrivateKey',
    [
      [v('OTACTL_CLOUDFRONT_PRIVATE_KEY') === undefined ? undefined : { pem: v('OTACTL_CLOUDFRONT_PRIVATE_KEY')! }, 'OTACTL_CLOUDFRONT_PRIVATE_KEY'],
      [keyFile === undefined ? undefined : resolveFrom(cwd, keyFile, env), 'OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE'],
      [cf.private_key === undefined ? undefined : resolveFrom(config.dir, cf.private_key, env), 'cloudfront.private_key', true],
    ],
    'cloudfront.private_key, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE or OTACTL_CLOUDFRONT_PRIVATE_KEY',
  );

  if (flags.cdn !== undefined) {
    const cdn = flags.cdn;
    pick(
      'distributionId',
      [
        [cdn.distributionId, '--distribution-id'],
        [v('OTACTL_CLOUDFRONT_DISTRIBUTION_ID'), 'OTACTL_CLOUDFRONT_DISTRIBUTION_ID'],
        [cf.distribution_id, 'cloudfront.distribution_id', true],
      ],
      '--distribution-id, OTACTL_CLOUDFRONT_DISTRIBUTION_ID or cloudfront.distribution_id',
    );
    // The config's wait is about the distribution configured; without one it has nothing to wait for.
    pick('wait', [
      [cdn.wait, '--wait'],
      [settings.distributionId === undefined ? undefined : cf.wait, 'cloudfront.wait', true],
    ]);
    pick('verifyEdge', [
      [cdn.verifyEdge, '--verify-edge'],
      [cf.verify_edge, 'cloudfront.verify_edge', true],
    ]);
    pick('cloudFrontEndpoint', [
      [v('AWS_ENDPOINT_URL_CLOUDFRONT'), 'AWS_ENDPOINT_URL_CLOUDFRONT'],
      [cf.endpoint, 'cloudfront.endpoint', true],
    ]);
    // The same profile as the S3 store's, by the same rule.
    const profile = awsProfile(s3);
    if (profile !== undefined) {
      settings.awsProfile = profile;
      sources.awsProfile = flags.profile !== undefined ? '--profile' : env.AWS_PROFILE !== undefined ? 'AWS_PROFILE' : 's3.profile';
    }
  }

  pick<string>('manifestTtl', [
    [flags.expiresIn, '--expires-in'],
    [v('OTACTL_MANIFEST_TTL'), 'OTACTL_MANIFEST_TTL'],
    [file.manifest_ttl, 'manifest_ttl', true],
  ]);
  settings.previewFleet = file.simulate_devices;
  sources.previewFleet = 'simulate_devices';
  const ci = CI_ACTORS.find(([name]) => v(name) !== undefined);
  pick(
    'actor',
    [
      [flags.actor || undefined, '--actor'],
      [v('OTACTL_ACTOR'), 'OTACTL_ACTOR'],
      [ci ? `${ci[1]}:${env[ci[0]]}` : undefined, ci?.[0] ?? ''],
    ],
    OS_USER,
  );
  return { settings: settings as ResolvedSettings, sources, fromConfig };
}
