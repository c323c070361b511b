import type { KeyObject } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { OptionError, UsageError, ValidationError } from '../errors.js';
import type { OpenedRelease, ReleaseSettings, SettingField } from '../api/settings.js';
import type { SigningKey } from '../protocol/dsse.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import type { StoreWait } from '../store/s3-store.js';
import type { Store } from '../store/store.js';
import type { Cdn } from '../cdn/cdn.js';
import type { ReleaseDeps } from '../release/deps.js';
import type { Repository } from '../repo/repository.js';
import type { StoreLocation, StoreWaiting } from '../store/open.js';
import type { LoadedConfig } from './config.js';
import type { CdnFlags, Resolution, SettingFlags } from './settings.js';
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
 * nothing loads zod until a command needs it. Settings come from flag > env var > config file
 * (resolveSettings, src/cli/settings.ts) and become a repository and release dependencies in the
 * library's one composition root (openRelease, src/api/settings.ts).
 */
export class CliContext {
  private configP?: Promise<LoadedConfig>;
  private openedP?: Promise<OpenedRelease>;
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
    return (await this.resolve()).settings.store;
  }

  async store(): Promise<Store> {
    return (await this.repo()).store;
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

  /** The public keys the configured repository trusts (none: an empty map; `check` takes its own). */
  async trustedKeys(): Promise<Map<string, KeyObject>> {
    const { loadTrustedKeys } = await publisher();
    const { settings } = await this.resolve();
    return loadTrustedKeys(settings.trustedKeys, this.cwd);
  }

  /** The configured signing keys, read now: OTACTL_SIGNING_KEY, else the config's signing_keys. */
  async signingKeys(): Promise<SigningKey[]> {
    const { signingKeysOf } = await publisher();
    const { settings, sources } = await this.resolve();
    await this.registerPastedKeys();
    return signingKeysOf(settings, sources)();
  }

  /** The configured repository: store, keys, CDN base URL, manifest max-age, CloudFront URL signing. */
  async repo(): Promise<Repository> {
    return (await this.opened()).repo;
  }

  /** The repository of the configured store, trusting these keys instead of the configured ones (`check --key`). */
  async repoTrusting(trustedKeys: KeyObject[]): Promise<Repository> {
    return (await this.open({}, false, { trustedKeys })).repo;
  }

  private opened(): Promise<OpenedRelease> {
    this.openedP ??= this.open({}, false);
    return this.openedP;
  }

  /**
   * The settings of this run (flags > env > config, src/cli/settings.ts) through the library's one
   * composition root. `release` adds the actor, so the release dependencies are built too.
   */
  private async open(flags: Pick<SettingFlags, 'expiresIn' | 'cdn'>, release: boolean, override: Partial<ReleaseSettings> = {}): Promise<OpenedRelease> {
    const { openRelease } = await publisher();
    const resolution = await this.resolve(flags);
    const { actor, ...settings } = resolution.settings;
    const s3 = settings.store.kind === 's3';
    // The SDK warns on Node 20 about its future releases: not a line for otactl's stderr.
    if (s3 || (release && settings.distributionId !== undefined)) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    await this.registerPastedKeys();
    const waiting: StoreWaiting = s3 ? await this.storeWaiting() : {};
    return this.fromConfig(resolution, () =>
      openRelease(
        {
          ...settings,
          ...(waiting.waitLimitMs === undefined ? {} : { storeWaitLimitMs: waiting.waitLimitMs }),
          ...(waiting.onWait ? { onStoreWait: waiting.onWait } : {}),
          now: this.now,
          ...(release ? { actor: actor ?? this.osActor() } : {}),
          ...override,
        },
        resolution.sources,
      ),
    );
  }

  /** Flags, environment and config as release settings, with where each came from. */
  async resolve(flags: Pick<SettingFlags, 'expiresIn' | 'cdn'> = {}): Promise<Resolution> {
    const { resolveSettings } = await publisher();
    const resolution = resolveSettings({ ...this.globals, ...flags }, this.env, await this.config(), this.cwd);
    // Library text names a setting by its field; the CLI prints where this run took it from.
    this.io.sources = { ...this.io.sources, ...resolution.sources };
    return resolution;
  }

  /** A signing_keys entry that is a pasted key is a secret before anything can quote it. */
  private async registerPastedKeys(): Promise<void> {
    const { registerPastedKey } = await publisher();
    const { file, dir } = await this.config();
    for (const ref of file.signing_keys) registerPastedKey(ref, dir, this.env);
  }

  /** A setting from the config file that the library refuses is a config mistake (E_CONFIG), as the config's own checks say. */
  private async fromConfig<T>(resolution: Resolution, work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof OptionError && resolution.fromConfig.includes(err.field as SettingField) && CONFIG_CODES.has(err.code)) {
        throw new ValidationError(err.message, 'E_CONFIG', err.details);
      }
      throw err;
    }
  }

  /** Where devices fetch the store from: --cdn-base-url > $OTACTL_CDN_BASE_URL > $OTACTL_PUBLIC_URL > config public_url; an http(s) URL. */
  async cdnBaseUrl(): Promise<string | undefined> {
    const { cdnBaseUrlOf } = await publisher();
    const resolution = await this.resolve();
    return this.fromConfig(resolution, () => cdnBaseUrlOf(resolution.settings, resolution.sources));
  }

  /**
   * The CDN step after each change, or undefined when there is nothing to do: a distribution id
   * (flag > $OTACTL_CLOUDFRONT_DISTRIBUTION_ID > config) means invalidate, --verify-edge (or
   * config) means check the edge. Refused before anything is published when the settings
   * cannot work together. Credentials: the AWS default chain with --profile / $AWS_PROFILE.
   */
  async cdn(flags: CdnFlags = {}): Promise<Cdn | undefined> {
    const resolution = await this.resolve({ cdn: flags });
    // lazy: the CDN and CloudFront modules (../api/cdn-step.ts) load only for a command with CDN flags
    const { cdnOf } = await import('../api/cdn-step.js');
    const trusted = resolution.settings.verifyEdge ? await this.trustedKeys() : new Map<string, KeyObject>();
    if (resolution.settings.distributionId !== undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return this.fromConfig(resolution, () => cdnOf({ ...resolution.settings, now: this.now }, resolution.sources, trusted));
  }

  /** A private CloudFront distribution's URL signer, its key checked on first use; undefined when no key is configured. */
  async artifactUrlSigner(): Promise<ArtifactUrlSigner | undefined> {
    return (await this.opened()).artifactUrlSigner();
  }

  /**
   * The release workflows' dependencies: this repository and actor (--actor, else OTACTL_ACTOR,
   * else the CI's user, else the OS user), the manifest lifetime (flag > env > config), the
   * preview fleet of the config, and the CDN step when the command has CDN flags.
   */
  async releaseDeps(expiresIn?: string, cdnFlags?: CdnFlags): Promise<ReleaseDeps> {
    const opened = await this.open({ ...(expiresIn === undefined ? {} : { expiresIn }), ...(cdnFlags === undefined ? {} : { cdn: cdnFlags }) }, true);
    // The rest of the run (the URL signer, repo()) uses this same repository.
    this.openedP ??= Promise.resolve(opened);
    return opened.deps!;
  }

  /** Who made a change when no flag, variable or CI names anyone: user@host. */
  private osActor(): string {
    let user = this.env.USER ?? this.env.LOGNAME ?? 'unknown';
    try {
      user = userInfo().username;
    } catch {
      // no passwd entry (containers): keep the env's idea
    }
    return `${user}@${hostname()}`;
  }
}

/** Codes of a setting's own checks (URL, duration, range) that mean a config mistake when the config gave it. */
const CONFIG_CODES = new Set<string>(['E_USAGE', 'E_INVALID', 'E_CDN_URL']);

export type { CdnFlags } from './settings.js';
export { checkActor, MAX_ACTOR_LENGTH } from '../protocol/ids.js';
