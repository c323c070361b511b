import type { KeyObject } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { ValidationError } from '../errors.js';
import { hasUnsafeChars, terminalSafe } from './render.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import type { SigningKey } from '../signing/dsse.js';
import type { ReleaseDeps } from '../release/deps.js';
import type { Repository } from '../repo/repository.js';
import type { StoreLocation } from '../store/open.js';
import type { Store } from '../store/store.js';
import type { LoadedConfig } from './config.js';
import type { IO } from './io.js';

/** Options every command takes (program-level in commander). */
export interface GlobalOptions {
  json: boolean;
  store?: string;
  /** s3:// stores only. */
  endpoint?: string;
  region?: string;
  profile?: string;
  config?: string;
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

  constructor(
    readonly io: IO,
    readonly globals: GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
    readonly cwd: string = process.cwd(),
    readonly now: () => Date = () => new Date(),
  ) {}

  config(): Promise<LoadedConfig> {
    this.configP ??= import('./config.js').then((m) => m.loadConfig(this.globals.config ?? this.env.OTACTL_CONFIG, this.cwd));
    return this.configP;
  }

  /** Where the store is: --store, else $OTACTL_STORE (both relative to the working folder), else the config's. */
  async storeLocation(): Promise<StoreLocation> {
    const { parseStoreUrl } = await import('../store/open.js');
    const given = this.globals.store ?? this.env.OTACTL_STORE;
    const s3 = async () => ({ flags: this.globals, env: this.env, config: (await this.config()).file.s3 });
    if (given) return parseStoreUrl(given, this.cwd, given.startsWith('s3://') ? await s3() : {});
    const cfg = await this.config();
    return parseStoreUrl(cfg.file.store, cfg.dir, await s3());
  }

  async store(): Promise<Store> {
    const { openStore } = await import('../store/open.js');
    const location = await this.storeLocation();
    // The SDK warns on Node 20 about its future releases: not a line for otactl's stderr.
    if (location.kind === 's3') process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return openStore(location);
  }

  async trustedKeys(): Promise<Map<string, KeyObject>> {
    const cfg = await this.config();
    const { resolveFrom } = await import('./config.js');
    const { loadPublicKeys } = await import('../signing/keys.js');
    return loadPublicKeys(cfg.file.trusted_keys.map((p) => resolveFrom(cfg.dir, p, this.env)));
  }

  async signingKeys(): Promise<SigningKey[]> {
    const { privateKeyFromPem } = await import('../signing/keys.js');
    if (this.env.OTACTL_SIGNING_KEY) return [privateKeyFromPem(this.env.OTACTL_SIGNING_KEY, 'OTACTL_SIGNING_KEY')];
    const cfg = await this.config();
    const { loadSigningKeyRef } = await import('./key-location.js');
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
      const [{ Repository }, store, trusted, cfg] = await Promise.all([
        import('../repo/repository.js'),
        this.store(),
        this.trustedKeys(),
        this.config(),
      ]);
      if (trusted.size === 0) {
        throw new ValidationError('no trusted_keys configured, so nothing in the store can be verified (run otactl init)', 'E_NO_TRUSTED_KEY');
      }
      const publicUrl = await this.publicUrl();
      return new Repository(store, { trusted, signing: () => this.signingKeys(), artifactUrls: () => this.artifactUrlSigner() }, publicUrl);
    })();
    return this.repoP;
  }

  /** The base URL the store is served from (manifests then carry absolute artifact URLs). */
  async publicUrl(): Promise<string | undefined> {
    const fromEnv = this.env.OTACTL_PUBLIC_URL;
    if (fromEnv !== undefined && !(/^https?:\/\//i.test(fromEnv) && URL.canParse(fromEnv))) {
      throw new ValidationError(`OTACTL_PUBLIC_URL "${terminalSafe(fromEnv.slice(0, 200))}" is not an http(s) URL`, 'E_INVALID');
    }
    return fromEnv ?? (await this.config()).file.public_url;
  }

  /** A private CloudFront distribution's URL signer, its key checked on first use; undefined when no key is configured. */
  artifactUrlSigner(): Promise<ArtifactUrlSigner | undefined> {
    this.urlSignerP ??= (async () => {
      const [{ loadArtifactUrlSigner }, cfg, publicUrl] = await Promise.all([import('./cloudfront-signing.js'), this.config(), this.publicUrl()]);
      return loadArtifactUrlSigner(this.env, cfg, this.cwd, publicUrl);
    })();
    return this.urlSignerP;
  }

  /** The release workflows' dependencies: this repository and actor, the manifest lifetime (flag > env > config), the preview fleet of the config. */
  async releaseDeps(expiresIn?: string): Promise<ReleaseDeps> {
    const [repo, cfg, { manifestTtl }, { releaseDeps }] = await Promise.all([this.repo(), this.config(), import('./config.js'), import('../release/deps.js')]);
    return releaseDeps(repo, this.actor(), {
      now: this.now,
      manifestTtlSeconds: manifestTtl(expiresIn, this.env.OTACTL_MANIFEST_TTL, cfg.file.manifest_ttl),
      previewFleet: cfg.file.simulate_devices,
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

/** CI variables naming the user who started the job, with the prefix the actor gets. */
const CI_ACTORS: [variable: string, prefix: string][] = [
  ['GITHUB_ACTOR', 'github'],
  ['GITLAB_USER_LOGIN', 'gitlab'],
  ['BUILDKITE_BUILD_CREATOR_EMAIL', 'buildkite'],
  ['CIRCLE_USERNAME', 'circleci'],
  ['BITBUCKET_STEP_TRIGGERER_UUID', 'bitbucket'],
  ['BUILD_USER_ID', 'jenkins'],
];

export const MAX_ACTOR_LENGTH = 128;

/** An actor is one printable line of at most 128 characters: no controls, no bidi overrides. */
export function checkActor(actor: string, source: string): string {
  if (hasUnsafeChars(actor)) {
    throw new ValidationError(`${source} "${terminalSafe(actor)}" holds control characters; use printable text`, 'E_ACTOR');
  }
  if (actor.trim() === '') throw new ValidationError(`${source} is blank`, 'E_ACTOR');
  if ([...actor].length > MAX_ACTOR_LENGTH) {
    throw new ValidationError(`${source} is ${[...actor].length} characters long; the limit is ${MAX_ACTOR_LENGTH}`, 'E_ACTOR');
  }
  return actor;
}
