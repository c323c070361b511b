import type { KeyObject } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { StorageError, ValidationError } from '../errors.js';
import type { SigningKey } from '../signing/dsse.js';
import type { Repository } from '../repo/repository.js';
import type { Store } from '../store/store.js';
import type { LoadedConfig } from './config.js';
import type { IO } from './io.js';

/** Options every command takes (program-level in commander). */
export interface GlobalOptions {
  json: boolean;
  store?: string;
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

  /** The store URL and the folder relative paths in it are resolved against. */
  async storeUrl(): Promise<string> {
    if (this.globals.store) return absolutiseFileUrl(this.globals.store, this.cwd);
    if (this.env.OTACTL_STORE) return absolutiseFileUrl(this.env.OTACTL_STORE, this.cwd);
    const cfg = await this.config();
    return absolutiseFileUrl(cfg.file.store, cfg.dir);
  }

  async store(): Promise<Store> {
    const url = await this.storeUrl();
    if (url.startsWith('file://')) {
      const root = url.slice('file://'.length);
      const { stat } = await import('node:fs/promises');
      const st = await stat(root).catch((err: NodeJS.ErrnoException) => err);
      // A missing folder is a wrong --store or a missing `otactl init`, not an empty store.
      if (st instanceof Error || !st.isDirectory()) {
        const why = st instanceof Error && st.code === 'ENOENT' ? 'does not exist (otactl init creates it)' : 'is not a folder';
        throw new StorageError(`store folder ${root} ${why}`, 'E_STORE');
      }
      const { FileStore } = await import('../store/file-store.js');
      return new FileStore(root);
    }
    if (url.startsWith('s3://')) {
      throw new StorageError(`s3:// stores are not available in this version of otactl; use a file:// store`, 'E_STORE_UNSUPPORTED');
    }
    throw new ValidationError(`store "${url}" is not a file:// or s3:// URL`, 'E_STORE_URL');
  }

  async trustedKeys(extraPaths: string[] = []): Promise<Map<string, KeyObject>> {
    const cfg = await this.config();
    const { resolveFrom } = await import('./config.js');
    const { loadPublicKeys } = await import('../signing/keys.js');
    return loadPublicKeys([...cfg.file.trusted_keys.map((p) => resolveFrom(cfg.dir, p, this.env)), ...extraPaths.map((p) => resolve(this.cwd, p))]);
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
      const publicUrl = this.env.OTACTL_PUBLIC_URL ?? cfg.file.public_url;
      return new Repository(store, { trusted, signing: () => this.signingKeys() }, publicUrl);
    })();
    return this.repoP;
  }

  /** Who made a change: --actor, else OTACTL_ACTOR, else the CI's user, else the OS user. */
  actor(): string {
    if (this.globals.actor) return this.globals.actor;
    const e = this.env;
    if (e.OTACTL_ACTOR) return e.OTACTL_ACTOR;
    if (e.GITHUB_ACTOR) return `github:${e.GITHUB_ACTOR}`;
    if (e.GITLAB_USER_LOGIN) return `gitlab:${e.GITLAB_USER_LOGIN}`;
    if (e.BUILDKITE_BUILD_CREATOR_EMAIL) return `buildkite:${e.BUILDKITE_BUILD_CREATOR_EMAIL}`;
    if (e.CIRCLE_USERNAME) return `circleci:${e.CIRCLE_USERNAME}`;
    if (e.BITBUCKET_STEP_TRIGGERER_UUID) return `bitbucket:${e.BITBUCKET_STEP_TRIGGERER_UUID}`;
    if (e.BUILD_USER_ID) return `jenkins:${e.BUILD_USER_ID}`;
    let user = e.USER ?? e.LOGNAME ?? 'unknown';
    try {
      user = userInfo().username;
    } catch {
      // no passwd entry (containers): keep the env's idea
    }
    return `${user}@${hostname()}`;
  }
}

/** `file://./x` and `file://x` are resolved against `base`; anything else is returned as is. */
export function absolutiseFileUrl(url: string, base: string): string {
  if (!url.startsWith('file://')) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
    return `file://${resolve(base, url)}`; // a bare path is a folder
  }
  const path = url.slice('file://'.length);
  return `file://${resolve(base, path)}`;
}
