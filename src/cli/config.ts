import { readRegularFile } from '../util/regular-file.js';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import * as z from '../protocol/zod.js';
import { AppId, Hex64 } from '../protocol/schemas.js';
import { UsageError, ValidationError } from '../errors.js';
import { DISTRIBUTION_ID } from '../cdn/settings.js';
import { S3Settings } from '../store/open.js';
import { MAX_POINTER_MAX_AGE } from '../store/cache-control.js';
import { durationSeconds } from '../util/duration.js';

/** otactl.config.json. Relative paths are relative to the config file's folder. */
export const AppConfig = z.looseObject({
  /** APK: SHA-256 fingerprints of the signing certificates this app may be signed with. */
  expected_signers: z.array(Hex64).default([]),
  /** ESP: OTA partition size in bytes; larger images are refused. */
  partition_size: z.number().int().positive().optional(),
  /** ESP: trusted Secure Boot v2 public key digests. */
  secure_boot_key_digests: z.array(Hex64).default([]),
});

export const ConfigFile = z.strictObject({
  $schema: z.string().optional(),
  store: z.string().min(1).default('file://./ota-store'),
  /** s3:// stores: region, endpoint, path-style, profile, the Ceph If-Match form (flags and AWS_* env vars win). */
  s3: S3Settings.optional(),
  /** Base URL the store is served from (CDN); manifests then carry absolute artifact URLs. */
  public_url: z.url().optional(),
  /** CloudFront in front of the store (docs/s3-cloudfront.md); env vars and flags win over these. */
  cloudfront: z
    .strictObject({
      /** Invalidate the changed manifest paths after each channel change ($OTACTL_CLOUDFRONT_DISTRIBUTION_ID). */
      distribution_id: z.string().regex(DISTRIBUTION_ID, 'is a CloudFront distribution id such as E2QWRUHAPOMQZL').optional(),
      /** Another CloudFront API endpoint, e.g. a proxy ($AWS_ENDPOINT_URL_CLOUDFRONT). */
      endpoint: z.url().optional(),
      /** Wait until each invalidation completes (as --wait). */
      wait: z.boolean().optional(),
      /** Fetch the manifest and artifact through public_url after each change, as a device does (as --verify-edge). */
      verify_edge: z.boolean().optional(),
      /** Private distributions: the public key id artifact URLs are signed for ($OTACTL_CLOUDFRONT_KEY_PAIR_ID). */
      key_pair_id: z.string().regex(/^[A-Z0-9]{1,64}$/, 'is a CloudFront public key id such as K2JCJMDEHXQW5F').optional(),
      /** PEM file of the matching RSA private key ($OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE, or the PEM itself in $OTACTL_CLOUDFRONT_PRIVATE_KEY). */
      private_key: z.string().min(1).optional(),
    })
    .optional(),
  /** Private keys (PKCS#8 PEM, ECDSA P-256) that sign manifests and records; all of them sign. */
  signing_keys: z.array(z.string().min(1)).default([]),
  /** Public keys (SPKI PEM) whose signatures otactl and devices accept. */
  trusted_keys: z.array(z.string().min(1)).default([]),
  /** Cache-Control max-age of channel manifests in the store, seconds (CDN and device caches; default 30). */
  manifest_max_age: z.number().int().min(0).max(MAX_POINTER_MAX_AGE).optional(),
  /** How long a published manifest stays valid, e.g. "14d", "36h". */
  manifest_ttl: z.string().regex(/^\d+[smhd]$/, 'use a number and s, m, h or d, e.g. "14d"').default('14d'),
  defaults: z
    .strictObject({
      wifi_only: z.boolean().default(true),
      min_battery: z.number().int().min(0).max(100).default(30),
    })
    .default({ wifi_only: true, min_battery: 30 }),
  /** Size of the synthetic fleet used to preview a change. */
  simulate_devices: z.number().int().min(1).max(1_000_000).default(10_000),
  apps: z.record(AppId, AppConfig).default({}),
  /** otactl nudge --via mqtt: the broker, and for mqtts:// the CA and a client certificate (PEM files). */
  mqtt: z
    .strictObject({
      url: z.string().regex(/^mqtts?:\/\//, 'use mqtt://host:port or mqtts://host:port').optional(),
      ca: z.string().min(1).optional(),
      cert: z.string().min(1).optional(),
      key: z.string().min(1).optional(),
      connect_timeout_ms: z.number().int().min(100).max(120_000).optional(),
    })
    .optional(),
  /** otactl nudge --via fcm: service-account key file; base URL and token URI for proxies and tests. */
  fcm: z
    .strictObject({
      project_id: z.string().min(1).optional(),
      credentials: z.string().min(1).optional(),
      base_url: z.url().optional(),
      token_uri: z.url().optional(),
    })
    .optional(),
  /** otactl nudge --via webhook. */
  webhook: z.strictObject({ url: z.url(), timeout_ms: z.number().int().min(100).max(120_000).optional() }).optional(),
  /** Where the nudge HMAC key comes from when --hmac-key-file is not given. */
  nudge: z
    .strictObject({
      hmac_key_file: z.string().min(1).optional(),
      /** Name of the env var holding the key as hex (default OTACTL_NUDGE_HMAC_KEY). */
      hmac_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export interface LoadedConfig {
  /** null when no config file was found (defaults apply). */
  path: string | null;
  dir: string;
  file: ConfigFile;
}

export const CONFIG_NAME = 'otactl.config.json';

export async function loadConfig(explicitPath: string | undefined, cwd: string): Promise<LoadedConfig> {
  const path = resolve(cwd, explicitPath ?? CONFIG_NAME);
  let text: string;
  try {
    text = await readRegularFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`config ${err.message}`, 'E_CONFIG', { path });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && explicitPath === undefined) {
      return { path: null, dir: cwd, file: ConfigFile.parse({}) };
    }
    throw new ValidationError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, 'E_CONFIG');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`config ${path} is not valid JSON: ${jsonSyntaxWhere(text, err)}`, 'E_CONFIG');
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.path.length ? first.path.join('.') : '(top level)';
    throw new ValidationError(`config ${path}: ${where}: ${first.message}`, 'E_CONFIG');
  }
  return { path, dir: dirname(path), file: parsed.data };
}

/**
 * Where JSON.parse stopped, without V8's excerpt of the text (`Unexpected token '}', ..."k": tru}"
 * is not valid JSON`): a config may hold a URL with a password next to the mistake.
 */
function jsonSyntaxWhere(text: string, err: unknown): string {
  const message = String((err as Error | undefined)?.message ?? '');
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    return `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
  }
  const token = /^Unexpected token '([^']{1,4})'/.exec(message);
  if (token) return `unexpected ${JSON.stringify(token[1])}`;
  return /end of JSON input/.test(message) ? 'it ends too early' : 'a syntax error';
}

/** `~/` is the injected environment's HOME (not this process's), like every other env lookup. */
export function resolveFrom(dir: string, p: string, env: NodeJS.ProcessEnv): string {
  if (p.startsWith('~/')) return resolve(env.HOME ?? homedir(), p.slice(2));
  return isAbsolute(p) ? p : resolve(dir, p);
}

/**
 * The longest duration any flag, variable or config field may give (100 years): whatever a
 * command adds it to or subtracts it from stays a real date. Commands apply their own, smaller
 * bounds on top (manifest TTL, plan interval, cookie lifetime).
 */
export const MAX_DURATION_SECONDS = 36_500 * 86_400;

/** Seconds of a duration like 14d, 36h, 90m, 30s; `what` (a flag, a variable) names it in the error. */
export function parseDuration(text: string, what?: string, max = MAX_DURATION_SECONDS, maxText = '36500d (100 years)'): number {
  const seconds = durationSeconds(text);
  const named = `${what ? `${what} ` : ''}"${text}"`;
  if (seconds === undefined) throw new UsageError(`${named} is not a duration like 14d, 36h, 90m`);
  if (!(seconds <= max)) throw new UsageError(`${named} is longer than the limit of ${maxText}`);
  return seconds;
}
