/**
 * resolveSettings as a table: flags, environment and config file in, one setting's value and the
 * name of where it came from out (flag > env var > config file; an empty variable is unset).
 * Pure: nothing is read, so the paths below need not exist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigFile, type LoadedConfig } from '../../src/cli/config.js';
import { CliContext } from '../../src/cli/context.js';
import type { IO } from '../../src/cli/io.js';
import { cliWorkspace } from '../helpers/run-cli.js';
import { resolveSettings, type SettingFlags } from '../../src/cli/settings.js';
import type { SettingField } from '../../src/api/settings.js';

const CWD = '/work';
const CONFIG_PATH = '/repo/otactl.config.json';

function loaded(file: object | null): LoadedConfig {
  return file === null ? { path: null, dir: CWD, file: ConfigFile.parse({}) } : { path: CONFIG_PATH, dir: '/repo', file: ConfigFile.parse(file) };
}

interface Input {
  flags?: SettingFlags;
  env?: NodeJS.ProcessEnv;
  config?: object | null;
}
/** A row: what is given, the setting looked at, its value (undefined: unset) and its source (or, unset, where it could be set). */
type Row = [name: string, input: Input, field: SettingField, value: unknown, source: string | undefined];

const PEM = '-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----\n';
const CDN = { cdn: {} };
const cf = (cloudfront: object, more: object = {}) => ({ cloudfront, ...more });

const rows: Row[] = [
  // The store: relative to the working folder from a flag or variable, to the config's folder from the config.
  ['--store wins', { flags: { store: 'a' }, env: { OTACTL_STORE: 'b' }, config: { store: 'c' } }, 'store', { kind: 'file', root: '/work/a', url: 'file:///work/a' }, '--store'],
  ['OTACTL_STORE over the config', { env: { OTACTL_STORE: 'file://b' }, config: { store: 'c' } }, 'store', { kind: 'file', root: '/work/b', url: 'file:///work/b' }, 'OTACTL_STORE'],
  ['an empty OTACTL_STORE is unset', { env: { OTACTL_STORE: '' }, config: { store: 'c' } }, 'store', { kind: 'file', root: '/repo/c', url: 'file:///repo/c' }, `${CONFIG_PATH}: store`],
  ['no config: ./ota-store', { config: null }, 'store', { kind: 'file', root: '/work/ota-store', url: 'file:///work/ota-store' }, 'config: store'],
  ['s3: --profile > AWS_PROFILE > s3.profile', { flags: { store: 's3://b-1/p', profile: 'flagp' }, env: { AWS_PROFILE: 'envp' }, config: { s3: { profile: 'cfgp' } } }, 'store', expect.objectContaining({ kind: 's3', profile: 'flagp' }), '--store'],
  ['s3: an empty AWS_PROFILE means no profile, not the config\'s', { env: { OTACTL_STORE: 's3://b-1/p', AWS_PROFILE: '' }, config: { s3: { profile: 'cfgp' } } }, 'store', expect.not.objectContaining({ profile: expect.anything() }), 'OTACTL_STORE'],

  // Keys: config paths relative to the config's folder; OTACTL_SIGNING_KEY is PEM text.
  ['trusted_keys relative to the config', { config: { trusted_keys: ['keys/ota.pub.pem', '/abs/b.pem'] } }, 'trustedKeys', ['/repo/keys/ota.pub.pem', '/abs/b.pem'], 'trusted_keys'],
  ['OTACTL_SIGNING_KEY over signing_keys', { env: { OTACTL_SIGNING_KEY: PEM }, config: { signing_keys: ['k.pem'] } }, 'signingKeys', [{ pem: PEM }], 'OTACTL_SIGNING_KEY'],
  ['an empty OTACTL_SIGNING_KEY is unset', { env: { OTACTL_SIGNING_KEY: '', HOME: '/home/u' }, config: { signing_keys: ['k.pem', '~/x.pem'] } }, 'signingKeys', ['/repo/k.pem', '/home/u/x.pem'], `signing_keys in ${CONFIG_PATH}`],
  ['a keyid entry: the key folder', { env: { OTACTL_KEY_DIR: '/keys' }, config: { signing_keys: ['keyid:0123456789abcdef'] } }, 'signingKeys', [{ keyid: '0123456789abcdef', dir: '/keys' }], `signing_keys in ${CONFIG_PATH}`],
  ['no config: no signing key, and why', { config: null }, 'signingKeys', [], 'otactl.config.json (there is none here; otactl init writes one)'],

  // The CDN base URL: flag > OTACTL_CDN_BASE_URL > OTACTL_PUBLIC_URL > public_url.
  ['--cdn-base-url wins', { flags: { cdnBaseUrl: 'https://f' }, env: { OTACTL_CDN_BASE_URL: 'https://e', OTACTL_PUBLIC_URL: 'https://p' }, config: { public_url: 'https://c.example' } }, 'cdnBaseUrl', 'https://f', '--cdn-base-url'],
  ['OTACTL_CDN_BASE_URL next', { env: { OTACTL_CDN_BASE_URL: 'https://e', OTACTL_PUBLIC_URL: 'https://p' }, config: { public_url: 'https://c.example' } }, 'cdnBaseUrl', 'https://e', 'OTACTL_CDN_BASE_URL'],
  ['OTACTL_PUBLIC_URL next', { env: { OTACTL_CDN_BASE_URL: '', OTACTL_PUBLIC_URL: 'https://p' }, config: { public_url: 'https://c.example' } }, 'cdnBaseUrl', 'https://p', 'OTACTL_PUBLIC_URL'],
  ['empty variables: public_url', { env: { OTACTL_CDN_BASE_URL: '', OTACTL_PUBLIC_URL: '' }, config: { public_url: 'https://c.example' } }, 'cdnBaseUrl', 'https://c.example', `${CONFIG_PATH}: public_url`],
  ['an empty flag is given (and refused later)', { flags: { cdnBaseUrl: '' }, config: { public_url: 'https://c.example' } }, 'cdnBaseUrl', '', '--cdn-base-url'],
  ['unset: where to set it', { config: {} }, 'cdnBaseUrl', undefined, 'public_url in the config, OTACTL_CDN_BASE_URL or --cdn-base-url'],

  ['OTACTL_MANIFEST_MAX_AGE over manifest_max_age', { env: { OTACTL_MANIFEST_MAX_AGE: '10' }, config: { manifest_max_age: 20 } }, 'manifestMaxAge', '10', 'OTACTL_MANIFEST_MAX_AGE'],
  ['an empty OTACTL_MANIFEST_MAX_AGE is unset', { env: { OTACTL_MANIFEST_MAX_AGE: '' }, config: { manifest_max_age: 20 } }, 'manifestMaxAge', 20, 'manifest_max_age'],
  ['manifest max-age unset', { config: {} }, 'manifestMaxAge', undefined, undefined],

  // The manifest lifetime: --expires-in > OTACTL_MANIFEST_TTL > manifest_ttl (default 14d).
  ['--expires-in wins', { flags: { expiresIn: '2d' }, env: { OTACTL_MANIFEST_TTL: '3d' }, config: { manifest_ttl: '4d' } }, 'manifestTtl', '2d', '--expires-in'],
  ['OTACTL_MANIFEST_TTL next', { env: { OTACTL_MANIFEST_TTL: '3d' }, config: { manifest_ttl: '4d' } }, 'manifestTtl', '3d', 'OTACTL_MANIFEST_TTL'],
  ['an empty OTACTL_MANIFEST_TTL is unset', { env: { OTACTL_MANIFEST_TTL: '' }, config: { manifest_ttl: '4d' } }, 'manifestTtl', '4d', 'manifest_ttl'],
  ['the config default', { config: null }, 'manifestTtl', '14d', 'manifest_ttl'],
  ['simulate_devices is the preview fleet', { config: { simulate_devices: 500 } }, 'previewFleet', 500, 'simulate_devices'],

  // The actor: --actor > OTACTL_ACTOR > the CI's user > the OS user (filled in by the caller).
  ['--actor wins', { flags: { actor: 'alice' }, env: { OTACTL_ACTOR: 'bob', GITHUB_ACTOR: 'octocat' } }, 'actor', 'alice', '--actor'],
  ['OTACTL_ACTOR next', { env: { OTACTL_ACTOR: 'bob', GITHUB_ACTOR: 'octocat' } }, 'actor', 'bob', 'OTACTL_ACTOR'],
  ['an empty OTACTL_ACTOR: the CI user', { env: { OTACTL_ACTOR: '', GITHUB_ACTOR: 'octocat' } }, 'actor', 'github:octocat', 'GITHUB_ACTOR'],
  ['another CI', { env: { GITLAB_USER_LOGIN: 'gl' } }, 'actor', 'gitlab:gl', 'GITLAB_USER_LOGIN'],
  ['nobody named: the OS user', { env: { GITHUB_ACTOR: '' } }, 'actor', undefined, 'the OS user'],

  // CloudFront URL signing: env over config; PEM text over a file; a file from env relative to the working folder.
  ['key pair id: env over config', { env: { OTACTL_CLOUDFRONT_KEY_PAIR_ID: 'KENV' }, config: cf({ key_pair_id: 'KCFG' }) }, 'cloudFrontKeyPairId', 'KENV', 'OTACTL_CLOUDFRONT_KEY_PAIR_ID'],
  ['key pair id: an empty variable is unset', { env: { OTACTL_CLOUDFRONT_KEY_PAIR_ID: '' }, config: cf({ key_pair_id: 'KCFG' }) }, 'cloudFrontKeyPairId', 'KCFG', 'cloudfront.key_pair_id'],
  ['key pair id unset', { config: {} }, 'cloudFrontKeyPairId', undefined, 'cloudfront.key_pair_id or OTACTL_CLOUDFRONT_KEY_PAIR_ID'],
  ['private key: PEM text first', { env: { OTACTL_CLOUDFRONT_PRIVATE_KEY: 'text', OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'k.pem' }, config: cf({ private_key: 'c.pem' }) }, 'cloudFrontPrivateKey', { pem: 'text' }, 'OTACTL_CLOUDFRONT_PRIVATE_KEY'],
  ['private key: the env file next, relative to the working folder', { env: { OTACTL_CLOUDFRONT_PRIVATE_KEY: '', OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'k.pem' }, config: cf({ private_key: 'c.pem' }) }, 'cloudFrontPrivateKey', '/work/k.pem', 'OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE'],
  ['private key: the config file, relative to the config', { env: { OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: '' }, config: cf({ private_key: 'c.pem' }) }, 'cloudFrontPrivateKey', '/repo/c.pem', 'cloudfront.private_key'],
  ['private key unset', { config: {} }, 'cloudFrontPrivateKey', undefined, 'cloudfront.private_key, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE or OTACTL_CLOUDFRONT_PRIVATE_KEY'],

  // The CDN step, for a command with CDN flags only.
  ['--distribution-id wins', { flags: { cdn: { distributionId: 'EFLAG' } }, env: { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'EENV' }, config: cf({ distribution_id: 'ECFG' }) }, 'distributionId', 'EFLAG', '--distribution-id'],
  ['the env id next', { flags: CDN, env: { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'EENV' }, config: cf({ distribution_id: 'ECFG' }) }, 'distributionId', 'EENV', 'OTACTL_CLOUDFRONT_DISTRIBUTION_ID'],
  ['an empty env id: the config\'s', { flags: CDN, env: { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: '' }, config: cf({ distribution_id: 'ECFG' }) }, 'distributionId', 'ECFG', 'cloudfront.distribution_id'],
  ['no distribution: where to set one', { flags: CDN, config: {} }, 'distributionId', undefined, '--distribution-id, OTACTL_CLOUDFRONT_DISTRIBUTION_ID or cloudfront.distribution_id'],
  ['a command without CDN flags has no CDN step', { env: { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'EENV' }, config: cf({ distribution_id: 'ECFG', verify_edge: true }) }, 'distributionId', undefined, undefined],
  ['--wait wins', { flags: { cdn: { wait: false } }, config: cf({ distribution_id: 'ECFG', wait: true }) }, 'wait', false, '--wait'],
  ['the config\'s wait with its distribution', { flags: CDN, config: cf({ distribution_id: 'ECFG', wait: true }) }, 'wait', true, 'cloudfront.wait'],
  ['the config\'s wait without a distribution waits for nothing', { flags: CDN, config: cf({ wait: true }) }, 'wait', undefined, undefined],
  ['--verify-edge over the config', { flags: { cdn: { verifyEdge: true } }, config: cf({ verify_edge: false }) }, 'verifyEdge', true, '--verify-edge'],
  ['verify_edge from the config', { flags: CDN, config: cf({ verify_edge: true }) }, 'verifyEdge', true, 'cloudfront.verify_edge'],
  ['CloudFront endpoint: env over config', { flags: CDN, env: { AWS_ENDPOINT_URL_CLOUDFRONT: 'http://e:1' }, config: cf({ endpoint: 'http://c:2' }) }, 'cloudFrontEndpoint', 'http://e:1', 'AWS_ENDPOINT_URL_CLOUDFRONT'],
  ['CloudFront endpoint: an empty variable is unset', { flags: CDN, env: { AWS_ENDPOINT_URL_CLOUDFRONT: '' }, config: cf({ endpoint: 'http://c:2' }) }, 'cloudFrontEndpoint', 'http://c:2', 'cloudfront.endpoint'],
  ['profile: --profile', { flags: { ...CDN, profile: 'flagp' }, env: { AWS_PROFILE: 'envp' }, config: { s3: { profile: 'cfgp' } } }, 'awsProfile', 'flagp', '--profile'],
  ['profile: AWS_PROFILE', { flags: CDN, env: { AWS_PROFILE: 'envp' }, config: { s3: { profile: 'cfgp' } } }, 'awsProfile', 'envp', 'AWS_PROFILE'],
  ['profile: the config\'s s3.profile', { flags: CDN, config: { s3: { profile: 'cfgp' } } }, 'awsProfile', 'cfgp', 's3.profile'],
  ['profile: an empty AWS_PROFILE means none, as for the S3 store', { flags: CDN, env: { AWS_PROFILE: '' }, config: { s3: { profile: 'cfgp' } } }, 'awsProfile', undefined, undefined],
];

describe('resolveSettings: flag > environment > config file', () => {
  it.each(rows)('%s', (_name, { flags = {}, env = {}, config = {} }, field, value, source) => {
    const { settings, sources } = resolveSettings(flags, env, loaded(config), CWD);
    expect((settings as Record<string, unknown>)[field]).toEqual(value);
    expect(sources[field]).toBe(source);
  });

  it('marks the settings the config gave (their mistakes are config errors), and only those', () => {
    const config = { public_url: 'https://c.example', manifest_ttl: '4d', cloudfront: { key_pair_id: 'KCFG' } };
    const fromConfig = resolveSettings({ expiresIn: '2d' }, { OTACTL_CLOUDFRONT_KEY_PAIR_ID: 'KENV' }, loaded(config), CWD).fromConfig;
    expect(fromConfig).toContain('cdnBaseUrl');
    expect(fromConfig).toContain('store');
    expect(fromConfig).not.toContain('manifestTtl');
    expect(fromConfig).not.toContain('cloudFrontKeyPairId');
  });

  it('reads nothing: the process environment does not leak in', () => {
    const saved = process.env.OTACTL_CDN_BASE_URL;
    process.env.OTACTL_CDN_BASE_URL = 'https://process.example';
    try {
      expect(resolveSettings({}, {}, loaded({}), CWD).settings.cdnBaseUrl).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.OTACTL_CDN_BASE_URL;
      else process.env.OTACTL_CDN_BASE_URL = saved;
    }
  });

  it('a store URL that is not one is refused as before (E_STORE_URL), naming it', () => {
    expect(() => resolveSettings({ store: 'ftp://x/y' }, {}, loaded({}), CWD)).toThrow(expect.objectContaining({ code: 'E_STORE_URL' }));
  });
});

describe('one rule where there were two (bugs fixed)', () => {
  const globals = { json: true, yes: true, debug: false, color: false, quiet: true };

  it('an empty AWS_PROFILE means no profile for CloudFront as for the S3 store (CloudFront used to take the config\'s s3.profile)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'otactl-profile-'));
    try {
      writeFileSync(join(cwd, 'otactl.config.json'), JSON.stringify({ store: 's3://ota-bucket/fleet', s3: { profile: 'cfgp' }, cloudfront: { distribution_id: 'E2QWRUHAPOMQZL' } }));
      const ctx = new CliContext({} as IO, globals, { AWS_PROFILE: '' }, cwd);
      const location = await ctx.storeLocation();
      const cdn = await ctx.cdn({});
      // The invalidator's client options are private: read them to see what the SDK would be given.
      const invalidatorOpts = (cdn as unknown as { opts: { invalidator: { opts: Record<string, unknown> } } }).opts.invalidator.opts;
      expect(location).not.toHaveProperty('profile');
      expect(invalidatorOpts).not.toHaveProperty('profile');
      // Unset, both take the config's.
      const unset = new CliContext({} as IO, globals, {}, cwd);
      expect(await unset.storeLocation()).toMatchObject({ profile: 'cfgp' });
      expect((((await unset.cdn({})) as unknown as { opts: { invalidator: { opts: Record<string, unknown> } } }).opts.invalidator.opts)).toMatchObject({ profile: 'cfgp' });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('an empty OTACTL_MANIFEST_TTL is unset like every other variable (it was refused as "" is not a duration)', async () => {
    const ws = cliWorkspace();
    expect((await ws.run(['init', '--json'])).code).toBe(0);
    const ctx = new CliContext({} as IO, globals, { ...ws.env, OTACTL_MANIFEST_TTL: '' }, ws.dir);
    expect((await ctx.releaseDeps()).manifestTtlSeconds).toBe(14 * 86_400);
  });
});
