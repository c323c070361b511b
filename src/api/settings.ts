/**
 * The one composition root: already-resolved release settings (wherever they came from: a
 * library caller's options, or the CLI's flags, environment and config) become a Repository and
 * the release workflows' dependencies here, and nowhere else. Every rule about how the settings
 * fit together is checked here, once.
 *
 * Each error names the setting it is about (`details.field`) as the caller calls it: `names`
 * maps a field to that name (the CLI passes "--cdn-base-url" or "OTACTL_CDN_BASE_URL"; for an
 * unset field, where it could be set); a library caller gets the field itself, "`cdnBaseUrl`".
 * Keys are read when first needed: signing keys when something is signed, the CloudFront key
 * when a URL is signed (or when the caller asks for the signer).
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import * as z from '../protocol/zod.js';
import type { Cdn } from '../cdn/cdn.js';
import { checkCdnBaseUrl } from '../cdn/settings.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import { OptionError, OtaError, ValidationError, type CodeOf } from '../errors.js';
import { keyIdOf, type SigningKey } from '../protocol/dsse.js';
import { checkActor } from '../protocol/ids.js';
import { manifestTtlSeconds, releaseDeps, type ReleaseDeps } from '../release/deps.js';
import { Repository } from '../repo/repository.js';
import { loadKeyFromKeyDir, loadPrivateKey, loadPublicKey, privateKeyFromPem, readKeyFile } from '../signing/keys.js';
import { checkManifestMaxAge } from '../store/cache-control.js';
import { openStore, StoreLocation } from '../store/open.js';
import type { StoreWait } from '../store/s3-store.js';
import { Store } from '../store/store.js';

const isFunction = (v: unknown) => typeof v === 'function';

/** A key as a KeyObject, PEM text, or the path of a PEM file (relative to `cwd`). */
export const KeyInput = z.union([z.string().min(1), z.custom<KeyObject>((v) => v instanceof KeyObject, 'is not a KeyObject')]);
/** A private key: as KeyInput, or `{ pem }`, text that is PEM whatever it looks like (an environment variable's). */
const PrivateKeyInput = z.union([KeyInput, z.strictObject({ pem: z.string() })]);
export type KeyInput = z.infer<typeof KeyInput>;

/** A signing key, or the key of a key folder by the first 16 hex digits of its id (that very key, or an error). */
export const SigningKeyInput = z.union([PrivateKeyInput, z.strictObject({ keyid: z.string(), dir: z.string().min(1) })]);
export type SigningKeyInput = z.infer<typeof SigningKeyInput>;

export const ReleaseSettings = z.strictObject({
  /** The store: a resolved location (file folder, or S3 bucket, prefix and client settings), or a Store instance. */
  store: z.union([StoreLocation, z.custom<Store>((v) => v instanceof Store, 'is not a Store')]),
  /** An S3 store: the longest the whole run may wait on it, and a callback while a request is out. */
  storeWaitLimitMs: z.number().int().positive().optional(),
  onStoreWait: z.custom<(wait: StoreWait | null) => void>(isFunction).optional(),
  /** Relative key paths resolve here (default: the working directory). */
  cwd: z.string().optional(),
  /** Public keys (ECDSA P-256) whose signatures are accepted on every read. At least one. */
  trustedKeys: z.array(KeyInput),
  /** Private keys that sign what is written; all of them sign. Read on the first signature. */
  signingKeys: z.array(SigningKeyInput).optional(),
  /** Where devices fetch the store from (an http(s) URL): manifests carry absolute artifact URLs under it. */
  cdnBaseUrl: z.string().optional(),
  /** Cache-Control max-age of the channel manifests written: whole seconds 0..3600 (a string of digits too). */
  manifestMaxAge: z.union([z.number(), z.string()]).optional(),
  /** A private CloudFront distribution: artifact URLs are signed for this public key id with this RSA private key. */
  cloudFrontKeyPairId: z.string().optional(),
  cloudFrontPrivateKey: PrivateKeyInput.optional(),
  /** Invalidate each changed manifest path in this distribution. */
  distributionId: z.string().optional(),
  /** Another CloudFront API endpoint (a proxy, a test server). */
  cloudFrontEndpoint: z.string().optional(),
  /** The AWS profile the CloudFront client uses; empty means none (the SDK's default chain). */
  awsProfile: z.string().optional(),
  /** Wait until each invalidation completes (needs `distributionId`). */
  wait: z.boolean().optional(),
  /** Fetch the manifest and artifact through `cdnBaseUrl` after each change, as a device does. */
  verifyEdge: z.boolean().optional(),
  /** How long a published manifest stays valid: a duration like "14d", or seconds; 1h..366d. */
  manifestTtl: z.union([z.string(), z.number()]).optional(),
  /** Who makes the changes (signed into history): one printable line. The release dependencies need it. */
  actor: z.string().optional(),
  /** Devices in the synthetic fleet a change is previewed on. */
  previewFleet: z.number().int().min(1).max(1_000_000).optional(),
  now: z.custom<() => Date>(isFunction).optional(),
});
export type ReleaseSettings = z.infer<typeof ReleaseSettings>;
export type SettingField = keyof ReleaseSettings;
/** How the caller names each setting in messages (default: the field in backticks). */
export type SettingNames = Partial<Record<SettingField, string>>;

export interface OpenedRelease {
  repo: Repository;
  /** The release workflows' dependencies (`releaseDeps`), when `actor` is set. */
  deps?: ReleaseDeps;
  /** The CloudFront URL signer, its key read and checked on the first call; undefined when none is configured. */
  artifactUrlSigner(): Promise<ArtifactUrlSigner | undefined>;
}

/** The settings checked, the store opened and the repository built; the release dependencies too when `actor` is set. */
export async function openRelease(input: ReleaseSettings, names: SettingNames = {}): Promise<OpenedRelease> {
  const s = parseSettings(input, names);
  const name = nameOf(names);
  // The store and the key files are read at once; a store error is still the one reported first.
  const [store, trusted] = await inOrder(s.store instanceof Store ? Promise.resolve(s.store) : openStore(s.store, storeWaiting(s)), trustedKeysOf(s, names));
  const publicUrl = cdnBaseUrlOf(s, names);
  const manifestMaxAge = s.manifestMaxAge === undefined ? undefined : about('manifestMaxAge', () => checkManifestMaxAge(s.manifestMaxAge, name('manifestMaxAge')));
  let urlSigner: Promise<ArtifactUrlSigner | undefined> | undefined;
  const artifactUrlSigner = () => (urlSigner ??= urlSignerOf(s, names, publicUrl));
  const repo = new Repository(store, { trusted, signing: signingKeysOf(s, names), artifactUrls: artifactUrlSigner }, { publicUrl, manifestMaxAge });
  if (s.actor === undefined) return { repo, artifactUrlSigner };
  const cdn = await cdnStepOf(s, names, trusted);
  const actor = about('actor', () => checkActor(s.actor!, name('actor')));
  const manifestTtl = s.manifestTtl === undefined ? undefined : manifestTtlSeconds(s.manifestTtl, name('manifestTtl'));
  const deps = releaseDeps(repo, actor, {
    ...(s.now ? { now: s.now } : {}),
    ...(manifestTtl === undefined ? {} : { manifestTtlSeconds: manifestTtl }),
    ...(s.previewFleet === undefined ? {} : { previewFleet: s.previewFleet }),
    ...(cdn ? { cdn } : {}),
  });
  return { repo, deps, artifactUrlSigner };
}

/** The settings as the schema reads them; a wrong type is an OptionError naming the field. */
function parseSettings(input: ReleaseSettings, names: SettingNames): ReleaseSettings {
  const parsed = ReleaseSettings.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'settings');
  throw new OptionError(field, `${nameOf(names)(field as SettingField)}: ${issue.message}`);
}

/**
 * Both results, or the first failure in argument order (not in time), so running reads at once
 * reports the same error as running them one after the other.
 */
async function inOrder<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** The CDN step (./cdn-step.ts), whose modules load only when a setting asks for one. */
async function cdnStepOf(s: ReleaseSettings, names: SettingNames, trusted: Map<string, KeyObject>): Promise<Cdn | undefined> {
  if (s.distributionId === undefined && !s.verifyEdge && !s.wait) return undefined;
  // lazy: invalidation and the edge check (CloudFront client, edge fetcher) load only when a setting asks for them
  const { cdnOf } = await import('./cdn-step.js');
  return cdnOf(s, names, trusted);
}

export const nameOf =
  (names: SettingNames) =>
  (field: SettingField): string =>
    names[field] ?? `\`${field}\``;

/** An OtaError of a usage code raised by a check about one setting, as an OptionError naming it. */
export function about<T>(field: SettingField, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof OtaError) || err instanceof OptionError || err.exitCode !== 2) throw err;
    throw new OptionError(field, err.message, err.code as CodeOf<'usage'>, err.details);
  }
}

function storeWaiting(s: ReleaseSettings) {
  return { ...(s.storeWaitLimitMs === undefined ? {} : { waitLimitMs: s.storeWaitLimitMs }), ...(s.onStoreWait ? { onWait: s.onStoreWait } : {}) };
}

/** The CDN base URL, checked as an http(s) URL. */
export function cdnBaseUrlOf(s: Pick<ReleaseSettings, 'cdnBaseUrl'>, names: SettingNames = {}): string | undefined {
  return s.cdnBaseUrl === undefined ? undefined : about('cdnBaseUrl', () => checkCdnBaseUrl(s.cdnBaseUrl!, nameOf(names)('cdnBaseUrl')));
}

/** Public keys by key id, read now (paths relative to `cwd`). */
export async function loadTrustedKeys(keys: readonly KeyInput[], cwd = process.cwd()): Promise<Map<string, KeyObject>> {
  // Read at once; the map keeps the given order, and the first key in that order that fails is the error.
  const settled = await Promise.allSettled(keys.map((k) => publicKeyOf(k, cwd)));
  const trusted = new Map<string, KeyObject>();
  for (const r of settled) {
    if (r.status === 'rejected') throw r.reason;
    trusted.set(r.value.keyid, r.value.key);
  }
  return trusted;
}

/** The trusted public keys, read now; none is an error (nothing in the store could be verified). */
async function trustedKeysOf(s: Pick<ReleaseSettings, 'trustedKeys' | 'cwd'>, names: SettingNames): Promise<Map<string, KeyObject>> {
  const trusted = await loadTrustedKeys(s.trustedKeys, s.cwd);
  if (trusted.size === 0) throw new OptionError('trustedKeys', `no ${nameOf(names)('trustedKeys')} configured, so nothing in the store can be verified`, 'E_NO_TRUSTED_KEY');
  return trusted;
}

/** The signing keys, read on the first call (and once); none is an error only then. */
export function signingKeysOf(s: Pick<ReleaseSettings, 'signingKeys' | 'cwd'>, names: SettingNames = {}): () => Promise<SigningKey[]> {
  const inputs = s.signingKeys ?? [];
  const cwd = s.cwd ?? process.cwd();
  const name = nameOf(names)('signingKeys');
  let loaded: Promise<SigningKey[]> | undefined;
  return async () => {
    if (inputs.length === 0) throw new OptionError('signingKeys', `${name} lists no key, so nothing can be signed`, 'E_NO_SIGNING_KEY');
    loaded ??= (async () => {
      const keys: SigningKey[] = [];
      for (const k of inputs) keys.push(await signingKeyOf(k, cwd, name));
      return keys;
    })();
    return loaded;
  };
}

/** The CloudFront URL signer: both key settings or neither, an absolute base URL, an RSA key. */
async function urlSignerOf(s: ReleaseSettings, names: SettingNames, publicUrl: string | undefined): Promise<ArtifactUrlSigner | undefined> {
  const name = nameOf(names);
  const { cloudFrontKeyPairId: id, cloudFrontPrivateKey: key } = s;
  if (id === undefined && key === undefined) return undefined;
  if (key === undefined) throw new OptionError('cloudFrontPrivateKey', `${name('cloudFrontKeyPairId')} is set but no private key: set ${name('cloudFrontPrivateKey')}`, 'E_CLOUDFRONT_KEY');
  if (id === undefined) throw new OptionError('cloudFrontKeyPairId', `${name('cloudFrontPrivateKey')} is set but no key pair id: set ${name('cloudFrontKeyPairId')}`, 'E_CLOUDFRONT_KEY');
  if (publicUrl === undefined) {
    throw new OptionError('cdnBaseUrl', `${name('cloudFrontKeyPairId')} asks for signed artifact URLs, which are absolute: set ${name('cdnBaseUrl')}`, 'E_CLOUDFRONT_BASE_URL');
  }
  let pem: string;
  let origin = name('cloudFrontPrivateKey');
  if (key instanceof KeyObject) pem = key.export(key.type === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' }).toString();
  else if (typeof key !== 'string') pem = key.pem;
  else if (isPem(key)) pem = key;
  else {
    const path = resolve(s.cwd ?? process.cwd(), key);
    pem = await readKeyFile(path, `CloudFront private key (${origin})`, 'E_CLOUDFRONT_KEY');
    origin = `${path} (${origin})`;
  }
  // lazy: signed URLs need the AWS CloudFront signer; only a run that signs URLs loads it
  const { ArtifactUrlSigner, cloudFrontKeyFromPem } = await import('../cdn/signed-url.js');
  return new ArtifactUrlSigner(publicUrl, cloudFrontKeyFromPem(id, name('cloudFrontKeyPairId'), pem, origin));
}

const isPem = (s: string) => s.includes('-----BEGIN');

async function publicKeyOf(k: KeyInput, cwd: string): Promise<{ keyid: string; key: KeyObject }> {
  if (typeof k !== 'string') {
    const key = k.type === 'private' ? createPublicKey(k) : k;
    return { keyid: keyIdOf(key), key };
  }
  if (!isPem(k)) return loadPublicKey(resolve(cwd, k));
  let key: KeyObject;
  try {
    key = createPublicKey(k);
  } catch {
    throw new ValidationError('a trusted key is not a PEM public key', 'E_KEY');
  }
  return { keyid: keyIdOf(key), key };
}

async function signingKeyOf(k: SigningKeyInput, cwd: string, name: string): Promise<SigningKey> {
  if (k instanceof KeyObject) return privateKeyFromPem(k.export({ type: 'pkcs8', format: 'pem' }) as string, 'a signing KeyObject');
  if (typeof k !== 'string') return 'pem' in k ? privateKeyFromPem(k.pem, name) : (await loadKeyFromKeyDir(k.dir, k.keyid)).key;
  return isPem(k) ? privateKeyFromPem(k, name) : loadPrivateKey(resolve(cwd, k));
}
