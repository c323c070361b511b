import type { KeyObject } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { UsageError, ValidationError } from '../errors.js';
import { checkActor } from '../protocol/ids.js';
import type { SigningKey } from '../protocol/dsse.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import type { StoreWait } from '../store/s3-store.js';
import type { Store } from '../store/store.js';
import type { Cdn } from '../cdn/cdn.js';
import type { ReleaseDeps } from '../release/deps.js';
import type { Repository } from '../repo/repository.js';
import type { StoreLocation } from '../store/open.js';
import type { LoadedConfig } from './config.js';
import { inCliWords } from './flag-names.js';
import type { IO, Spinner } from './io.js';

let publisherP: Promise<typeof import('./publisher.js')> | undefined;
/** Loaded once; every caller shares the one import (no concurrent import() of one graph). */
function publisher(): Promise<typeof import('./publisher.js')> {
  // lazy: the publisher graph (zod schemas, stores, repository, CDN) loads on first use, so `inspect` (fast path, once per artifact in CI) never pays for it
  return (publisherP ??= import('./publisher.js'));
}

/** Options every command takes (program-level in commander). */
export interface GlobalOptions {
  json: boolean;
  store?: string;
  /** s3:// stores only. */
  endpoint?: string;
  region?: string;
  profile?: string;
  /** The CDN base URL written into manifests (Repository's publicUrl). */
  cdnBaseUrl?: string;
  config?: string;
  /** s3:// stores: the command's whole waiting (a duration like 60s). */
  timeout?: string;
  yes: boolean;
  actor?: string;
  debug: boolean;
  color: boolean;
  quiet: boolean;
}

/**
 * Dependencies are functions, loaded on first use: `inspect` never reads a config or a key, and
 * nothing loads zod until a command needs it. Precedence everywhere: flag > env var > config file.
 */
export class CliContext {
  private configP?: Promise<LoadedConfig>;
  private repoP?: Promise<Repository>;
  private urlSignerP?: Promise<ArtifactUrlSigner | undefined>;
  /** The exit code of a command that completed but found something wrong (a failure throws instead). */
  exitCode = 0;

  constructor(
    readonly io: IO,
    readonly globals: GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
    readonly cwd: string = process.cwd(),
    readonly now: () => Date = () => new Date(),
  ) {}

  config(): Promise<LoadedConfig> {
    this.configP ??= publisher().then((p) => p.loadConfig(this.globals.config ?? this.env.OTACTL_CONFIG, this.cwd));
    return this.configP;
  }

  /** Where the store is: --store, else $OTACTL_STORE (both relative to the working folder), else the config's. */
  async storeLocation(): Promise<StoreLocation> {
    const { parseStoreUrl } = await publisher();
    const given = this.globals.store ?? this.env.OTACTL_STORE;
    const s3 = async () => ({ flags: this.globals, env: this.env, config: (await this.config()).file.s3 });
    if (given) return parseStoreUrl(given, this.cwd, given.startsWith('s3://') ? await s3() : {});
    const cfg = await this.config();
    return parseStoreUrl(cfg.file.store, cfg.dir, await s3());
  }

  async store(): Promise<Store> {
    const { openStore } = await publisher();
    const location = await this.storeLocation();
    // The SDK warns on Node 20 about its future releases: not a line for otactl's stderr.
    if (location.kind === 's3') process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return openStore(location, location.kind === 's3' ? await this.storeWaiting() : {});
  }

  /**
   * --timeout (else $OTACTL_TIMEOUT, else 60s): the whole command's waiting on a remote store; and
   * on a terminal, a line saying what it waits for once a request has been out for 2 s.
   */
  async storeWaiting(): Promise<{ waitLimitMs?: number; onWait: (wait: StoreWait | null) => void }> {
    const { parseDuration } = await publisher();
    const given = this.globals.timeout ?? this.env.OTACTL_TIMEOUT;
    let waitLimitMs: number | undefined;
    if (given !== undefined) {
      const source = this.globals.timeout !== undefined ? '--timeout' : 'OTACTL_TIMEOUT';
      const seconds = parseDuration(given, source);
      if (seconds < 1 || seconds > 86_400) throw new UsageError(`${source} ${given} is outside 1s..24h`);
      waitLimitMs = seconds * 1000;
    }
    let spinner: Promise<Spinner> | undefined;
    const onWait = (wait: StoreWait | null) => {
      if (wait === null) {
        void spinner?.then((s) => s.stop());
        spinner = undefined;
        return;
      }
      if (wait.waitingMs < 2000) return;
      const text = `waiting for ${wait.endpoint}: ${Math.round(wait.waitingMs / 1000)} s (gives up after ${Math.round(wait.limitMs / 1000)} s in all; --timeout)`;
      spinner ??= this.io.spinner(text);
      void spinner.then((s) => s.update(text));
    };
    return { ...(waitLimitMs !== undefined ? { waitLimitMs } : {}), onWait };
  }

  async trustedKeys(): Promise<Map<string, KeyObject>> {
    const { loadPublicKeys, resolveFrom } = await publisher();
    const cfg = await this.config();
    return loadPublicKeys(cfg.file.trusted_keys.map((p) => resolveFrom(cfg.dir, p, this.env)));
  }

  async signingKeys(): Promise<SigningKey[]> {
    const { privateKeyFromPem, loadSigningKeyRef } = await publisher();
    if (this.env.OTACTL_SIGNING_KEY) return [privateKeyFromPem(this.env.OTACTL_SIGNING_KEY, 'OTACTL_SIGNING_KEY')];
    const cfg = await this.config();
    if (cfg.file.signing_keys.length === 0) {
      throw new ValidationError(
        cfg.path ? `${cfg.path} lists no signing_keys (otactl keys generate --activate adds one)` : 'no otactl.config.json here: run otactl init first',
        'E_NO_SIGNING_KEY',
      );
    }
    const keys: SigningKey[] = [];
    for (const ref of cfg.file.signing_keys) keys.push((await loadSigningKeyRef(ref, cfg.dir, this.env)).key);
    return keys;
  }

  repo(): Promise<Repository> {
    this.repoP ??= (async () => {
      const { Repository } = await publisher();
      const store = await this.store();
      const trusted = await this.trustedKeys();
      if (trusted.size === 0) {
        throw new ValidationError('no trusted_keys configured, so nothing in the store can be verified (run otactl init)', 'E_NO_TRUSTED_KEY');
      }
      const publish = { publicUrl: await this.cdnBaseUrl(), manifestMaxAge: await this.manifestMaxAge() };
      return new Repository(store, { trusted, signing: () => this.signingKeys(), artifactUrls: () => this.artifactUrlSigner() }, publish);
    })();
    return this.repoP;
  }

  /** Where devices fetch the store from: --cdn-base-url > $OTACTL_CDN_BASE_URL > $OTACTL_PUBLIC_URL > config public_url; an http(s) URL. */
  async cdnBaseUrl(): Promise<string | undefined> {
    const { checkCdnBaseUrl } = await publisher();
    const given: [string | undefined, string][] = [
      [this.globals.cdnBaseUrl, '--cdn-base-url'],
      [this.env.OTACTL_CDN_BASE_URL || undefined, 'OTACTL_CDN_BASE_URL'],
      [this.env.OTACTL_PUBLIC_URL || undefined, 'OTACTL_PUBLIC_URL'],
    ];
    const found = given.find(([value]) => value !== undefined);
    if (found) return checkCdnBaseUrl(found[0]!, found[1]);
    const cfg = await this.config();
    if (cfg.file.public_url === undefined) return undefined;
    try {
      return checkCdnBaseUrl(cfg.file.public_url, `${cfg.path ?? 'config'}: public_url`);
    } catch (err) {
      throw new ValidationError((err as Error).message, 'E_CONFIG');
    }
  }

  /**
   * The CDN step after each change, or undefined when there is nothing to do: a distribution id
   * (flag > $OTACTL_CLOUDFRONT_DISTRIBUTION_ID > config) means invalidate, --verify-edge (or
   * config) means check the edge. Refused before anything is published when the settings
   * cannot work together. Credentials: the AWS default chain with --profile / $AWS_PROFILE.
   */
  async cdn(flags: CdnFlags = {}): Promise<Cdn | undefined> {
    const { checkDistributionId, checkCloudFrontEndpoint, Cdn, CloudFrontInvalidator } = await publisher();
    const cf = await this.config().then((c) => c.file.cloudfront ?? {});
    const envId = this.env.OTACTL_CLOUDFRONT_DISTRIBUTION_ID || undefined;
    const distributionId = flags.distributionId ?? (envId === undefined ? cf.distribution_id : checkDistributionId(envId, 'OTACTL_CLOUDFRONT_DISTRIBUTION_ID'));
    const verifyEdge = flags.verifyEdge ?? cf.verify_edge ?? false;
    const wait = flags.wait ?? cf.wait ?? false;
    if (flags.wait && distributionId === undefined) {
      throw new UsageError('--wait waits for a CloudFront invalidation, but no distribution is configured: --distribution-id, OTACTL_CLOUDFRONT_DISTRIBUTION_ID or cloudfront.distribution_id');
    }
    if (distributionId === undefined && !verifyEdge) return undefined;
    const baseUrl = await this.cdnBaseUrl();
    const envEndpoint = this.env.AWS_ENDPOINT_URL_CLOUDFRONT || undefined;
    const endpoint = envEndpoint === undefined ? cf.endpoint : checkCloudFrontEndpoint(envEndpoint, 'AWS_ENDPOINT_URL_CLOUDFRONT');
    const profile = this.globals.profile ?? (this.env.AWS_PROFILE || undefined) ?? (await this.config()).file.s3?.profile;
    if (distributionId !== undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const edge = verifyEdge ? { verifyEdge: { trustedKeys: await this.trustedKeys() } } : {};
    return inCliWords(
      () =>
        new Cdn({
          ...(baseUrl === undefined ? {} : { baseUrl }),
          ...(distributionId === undefined ? {} : { invalidator: new CloudFrontInvalidator({ distributionId, ...(endpoint ? { endpoint } : {}), ...(profile ? { profile } : {}) }) }),
          wait,
          ...edge,
          now: this.now,
        }),
      this.io.sources,
    );
  }

  /** Cache-Control max-age of published manifests: $OTACTL_MANIFEST_MAX_AGE > config manifest_max_age > 30 s. */
  async manifestMaxAge(): Promise<number | undefined> {
    const { checkManifestMaxAge } = await publisher();
    if (this.env.OTACTL_MANIFEST_MAX_AGE) return checkManifestMaxAge(this.env.OTACTL_MANIFEST_MAX_AGE, 'OTACTL_MANIFEST_MAX_AGE');
    return (await this.config()).file.manifest_max_age;
  }

  /** A private CloudFront distribution's URL signer, its key checked on first use; undefined when no key is configured. */
  artifactUrlSigner(): Promise<ArtifactUrlSigner | undefined> {
    this.urlSignerP ??= (async () => {
      const { loadArtifactUrlSigner } = await publisher();
      const cfg = await this.config();
      const baseUrl = await this.cdnBaseUrl();
      return loadArtifactUrlSigner(this.env, cfg, this.cwd, baseUrl);
    })();
    return this.urlSignerP;
  }

  /** The release workflows' dependencies: this repository and actor, the manifest lifetime (flag > env > config), the preview fleet of the config. */
  async releaseDeps(expiresIn?: string, cdnFlags?: CdnFlags): Promise<ReleaseDeps> {
    const { releaseDeps, manifestTtl } = await publisher();
    const repo = await this.repo();
    const cfg = await this.config();
    const cdn = cdnFlags === undefined ? undefined : await this.cdn(cdnFlags);
    return releaseDeps(repo, this.actor(), {
      now: this.now,
      manifestTtlSeconds: manifestTtl(expiresIn, this.env.OTACTL_MANIFEST_TTL, cfg.file.manifest_ttl),
      previewFleet: cfg.file.simulate_devices,
      ...(cdn ? { cdn } : {}),
    });
  }

  /**
   * Who made a change: --actor, else OTACTL_ACTOR, else the CI's user, else the OS user. It is
   * signed into the channel history, so it must be one printable line (see checkActor).
   */
  actor(): string {
    if (this.globals.actor) return checkActor(this.globals.actor, '--actor');
    const e = this.env;
    if (e.OTACTL_ACTOR) return checkActor(e.OTACTL_ACTOR, 'OTACTL_ACTOR');
    const ci = CI_ACTORS.find(([name]) => e[name]);
    if (ci) return checkActor(`${ci[1]}:${e[ci[0]]}`, ci[0]);
    let user = e.USER ?? e.LOGNAME ?? 'unknown';
    try {
      user = userInfo().username;
    } catch {
      // no passwd entry (containers): keep the env's idea
    }
    return checkActor(`${user}@${hostname()}`, 'the OS user');
  }
}

/** The CDN flags of a command that changes a channel manifest; absent: the config decides. */
export interface CdnFlags {
  wait?: boolean;
  verifyEdge?: boolean;
  distributionId?: string;
}

/** CI variables naming the user who started the job, with the prefix the actor gets. */
const CI_ACTORS: [variable: string, prefix: string][] = [
  ['GITHUB_ACTOR', 'github'],
  ['GITLAB_USER_LOGIN', 'gitlab'],
  ['BUILDKITE_BUILD_CREATOR_EMAIL', 'buildkite'],
  ['CIRCLE_USERNAME', 'circleci'],
  ['BITBUCKET_STEP_TRIGGERER_UUID', 'bitbucket'],
  ['BUILD_USER_ID', 'jenkins'],
];

export { checkActor, MAX_ACTOR_LENGTH } from '../protocol/ids.js';
