/**
 * The one place a store URL becomes a Store: `file://DIR` (or a bare path) or `s3://bucket/prefix`
 * with its S3 settings. Each source is resolved into one validated location (a zod union), and
 * openStore builds the backend from it. Relative folders resolve against `base` (the working
 * directory for flags and env, the config file's folder for the config).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from '../protocol/zod.js';
import { ValidationError, StorageError } from '../errors.js';
import { redactUrl } from '../util/redact.js';
import { checkKey, type Store } from './store.js';
import type { StoreWait } from './s3-store.js';
import { FileStore } from './file-store.js';

/** The `s3` block of otactl.config.json (snake_case like the rest of the file). */
export const S3Settings = z.strictObject({
  region: z.string().min(1).optional(),
  /** A non-AWS server (Ceph, MinIO) or a proxy; implies path-style addressing unless force_path_style says otherwise. */
  endpoint: z.url().optional(),
  force_path_style: z.boolean().optional(),
  /** A profile of ~/.aws/config; credentials always come from the SDK's default provider chain. */
  profile: z.string().min(1).optional(),
  /** Ceph RGW matches If-Match only against the unquoted ETag (docs/testing.md). */
  if_match_unquoted: z.boolean().optional(),
});
export type S3Settings = z.infer<typeof S3Settings>;

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const StoreLocation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), root: z.string().min(1), url: z.string() }),
  z.strictObject({
    kind: z.literal('s3'),
    url: z.string(),
    bucket: z.string().regex(BUCKET, 'is not an S3 bucket name (3-63 of a-z 0-9 . -)'),
    prefix: z.string(),
    region: z.string().min(1).optional(),
    endpoint: z.url().optional(),
    forcePathStyle: z.boolean(),
    profile: z.string().min(1).optional(),
    ifMatchUnquoted: z.boolean(),
  }),
]);
export type StoreLocation = z.infer<typeof StoreLocation>;

/** Where S3 settings come from, strongest first: flags, then the AWS/otactl environment, then the config. */
export interface S3Sources {
  flags?: { endpoint?: string | undefined; region?: string | undefined; profile?: string | undefined };
  env?: NodeJS.ProcessEnv;
  config?: S3Settings | undefined;
}

export function parseStoreUrl(url: string, base: string, s3: S3Sources = {}): StoreLocation {
  if (url.startsWith('file://')) return fileLocation(resolve(base, url.slice('file://'.length)));
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  // A user, query or fragment may be a pasted credential: refused without quoting the bucket or
  // prefix raw (the URL itself is masked in every message).
  if (m && /[@?#]/.test(url)) {
    throw new ValidationError(`store "${url}": an s3:// store is s3://BUCKET/PREFIX, no user, query or fragment (credentials come from the AWS environment or profile)`, 'E_STORE_URL');
  }
  if (m) return s3Location(url, m[1]!, m[2]!.replace(/\/+$/, ''), s3);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new ValidationError(`store "${url}" is not a file:// or s3:// URL`, 'E_STORE_URL');
  return fileLocation(resolve(base, url)); // a bare path is a folder
}

function fileLocation(root: string): StoreLocation {
  return { kind: 'file', root, url: `file://${root}` };
}

function s3Location(url: string, bucket: string, prefix: string, { flags = {}, env = {}, config = {} }: S3Sources): StoreLocation {
  if (prefix) {
    try {
      checkKey(prefix);
    } catch {
      throw new ValidationError(`store "${url}": the prefix "${prefix}" must be '/'-separated names of A-Z a-z 0-9 . _ -`, 'E_STORE_URL');
    }
  }
  const { endpoint, region, profile, forcePathStyle } = s3ClientSettings(`store "${url}"`, { flags, env, config });
  const unquoted = env.OTACTL_S3_IF_MATCH_UNQUOTED;
  const candidate = {
    kind: 's3' as const,
    url: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
    bucket,
    prefix,
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle,
    ...(profile ? { profile } : {}),
    ifMatchUnquoted: unquoted !== undefined && unquoted !== '' ? unquoted === '1' || unquoted === 'true' : (config.if_match_unquoted ?? false),
  };
  const parsed = StoreLocation.safeParse(candidate);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const value = (candidate as Record<string, unknown>)[String(first.path[0])];
    throw new ValidationError(`store "${url}": ${String(first.path[0])} ${JSON.stringify(value)} ${first.message}`, 'E_STORE_URL');
  }
  return parsed.data;
}

export interface S3ClientSettings {
  endpoint?: string;
  region?: string;
  profile?: string;
  forcePathStyle: boolean;
}

/**
 * Where and as whom an S3 client connects, for the store and for `--logs s3://` alike: each
 * setting from the flags, else the AWS environment, else the config's `s3` block. `what` names
 * the URL in errors.
 */
export function s3ClientSettings(what: string, { flags = {}, env = {}, config = {} }: S3Sources): S3ClientSettings {
  const endpoint = flags.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? config.endpoint;
  // S3 signs with the AWS credentials, never the URL's; and init writes the endpoint into the
  // config, which is meant to be committed.
  if (endpoint !== undefined && (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(endpoint) || /[?#]/.test(endpoint))) {
    throw new ValidationError(`${what}: endpoint "${redactUrl(endpoint)}" carries credentials, a query or a fragment; give scheme, host and port (credentials come from the AWS environment or profile)`, 'E_STORE_URL');
  }
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? config.region ?? (endpoint ? 'us-east-1' : undefined);
  const profile = awsProfile({ flags, env, config });
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    // A custom endpoint (Ceph, MinIO, a proxy) has no per-bucket DNS names.
    forcePathStyle: config.force_path_style ?? endpoint !== undefined,
  };
}

/**
 * The AWS profile for every AWS client otactl makes (S3 store, S3 logs, CloudFront): --profile,
 * else AWS_PROFILE, else the config's `s3.profile`. An empty value at the strongest source that
 * has one means no profile (the SDK's default chain), as the SDK reads an empty AWS_PROFILE.
 */
export function awsProfile({ flags = {}, env = {}, config = {} }: S3Sources): string | undefined {
  return (flags.profile ?? env.AWS_PROFILE ?? config.profile) || undefined;
}

/** How long a command may wait on a remote store in all, and how it shows that it waits (S3 only). */
export interface StoreWaiting {
  waitLimitMs?: number;
  onWait?: (wait: StoreWait | null) => void;
}

export async function openStore(location: StoreLocation, waiting: StoreWaiting = {}): Promise<Store> {
  if (location.kind === 's3') {
    // lazy: the AWS S3 SDK loads only for an s3:// store; a file:// run never pays for it
    const { S3Store } = await import('./s3-store.js');
    const { bucket, prefix, region, endpoint, forcePathStyle, profile, ifMatchUnquoted } = location;
    return new S3Store({ bucket, prefix, forcePathStyle, ifMatchUnquoted, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(profile ? { profile } : {}), ...waiting });
  }
  const st = await stat(location.root).catch((err: NodeJS.ErrnoException) => err);
  // A missing folder is a wrong --store or a missing `otactl init`, not an empty store.
  if (st instanceof Error || !st.isDirectory()) {
    const why = st instanceof Error && st.code === 'ENOENT' ? 'does not exist (otactl init creates it)' : 'is not a folder';
    throw new StorageError(`store folder ${location.root} ${why}`, 'E_STORE');
  }
  return new FileStore(location.root);
}
