/**
 * openRepository for library users: a store (URL or instance), the public keys the repository
 * trusts and the keys that sign, each given as a KeyObject, PEM text or a file path.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { Repository } from '../repo/repository.js';
import { keyIdOf, type SigningKey } from '../protocol/dsse.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import { loadPrivateKey, loadPublicKey, privateKeyFromPem, readKeyFile } from '../signing/keys.js';
import { openStore, parseStoreUrl, type S3Settings } from '../store/open.js';
import { Store } from '../store/store.js';
import { checkManifestMaxAge } from '../store/cache-control.js';
import { ValidationError } from '../errors.js';
import { checkCdnBaseUrl } from '../cdn/settings.js';

/** A key as a KeyObject, PEM text, or the path of a PEM file. */
export type KeyInput = KeyObject | string;

export interface OpenRepositoryOptions {
  /** `file://DIR`, a folder path, `s3://bucket/prefix`, or a Store instance (e.g. MemoryStore in tests). */
  store: string | Store;
  /** For an s3:// store: as the config's `s3` block; AWS_REGION, AWS_PROFILE and AWS_ENDPOINT_URL(_S3) win. Credentials: the SDK's default chain. */
  s3?: S3Settings;
  /** Public keys (ECDSA P-256) whose signatures are accepted on every read. At least one. */
  trustedKeys: readonly KeyInput[];
  /** Private keys that sign what is written; all of them sign (rotation). Needed only to write. */
  signingKeys?: readonly KeyInput[];
  /** Base URL the store is served from; manifests then carry absolute artifact URLs. */
  publicUrl?: string;
  /** Cache-Control max-age of the channel manifests written, seconds 0..3600 (default 30). */
  manifestMaxAge?: number;
  /**
   * A private CloudFront distribution: manifests carry artifact URLs signed with this RSA key (each
   * a custom policy over exactly that URL, valid a day past each manifest). Needs publicUrl.
   */
  cloudFront?: { keyPairId: string; privateKey: KeyInput };
  /** Relative paths resolve here (default: the working directory). */
  cwd?: string;
}

export async function openRepository(opts: OpenRepositoryOptions): Promise<Repository> {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.publicUrl !== undefined) checkCdnBaseUrl(opts.publicUrl, 'openRepository: publicUrl');
  const store = opts.store instanceof Store ? opts.store : await openStore(parseStoreUrl(opts.store, cwd, { env: process.env, config: opts.s3 }));
  const trusted = new Map<string, KeyObject>();
  for (const k of opts.trustedKeys) {
    const { keyid, key } = await publicKeyOf(k, cwd);
    trusted.set(keyid, key);
  }
  if (trusted.size === 0) throw new ValidationError('openRepository needs at least one trusted key', 'E_NO_TRUSTED_KEY');
  const signingInputs = opts.signingKeys ?? [];
  let signing: Promise<SigningKey[]> | undefined;
  return new Repository(
    store,
    {
      trusted,
      signing: () => {
        if (signingInputs.length === 0) throw new ValidationError('this repository was opened without signingKeys, so it cannot write', 'E_NO_SIGNING_KEY');
        signing ??= Promise.all(signingInputs.map((k) => signingKeyOf(k, cwd)));
        return signing;
      },
      ...(opts.cloudFront ? { artifactUrls: await urlSignerOf(opts.cloudFront, opts.publicUrl, cwd) } : {}),
    },
    { publicUrl: opts.publicUrl, manifestMaxAge: opts.manifestMaxAge === undefined ? undefined : checkManifestMaxAge(opts.manifestMaxAge, 'manifestMaxAge') },
  );
}

const isPem = (s: string) => s.includes('-----BEGIN');

/** The signer, its key checked now (a bad key fails openRepository, not the first publish). */
async function urlSignerOf(cf: NonNullable<OpenRepositoryOptions['cloudFront']>, publicUrl: string | undefined, cwd: string): Promise<() => Promise<ArtifactUrlSigner>> {
  if (!publicUrl) throw new ValidationError('openRepository: cloudFront signing needs publicUrl (signed URLs are absolute)', 'E_CLOUDFRONT_BASE_URL');
  const k = cf.privateKey;
  const pem =
    typeof k !== 'string'
      ? k.export(k.type === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' }).toString()
      : isPem(k)
        ? k
        : await readKeyFile(resolve(cwd, k), 'CloudFront private key', 'E_CLOUDFRONT_KEY');
  // lazy: signed URLs need the AWS CloudFront signer; only a repository that signs URLs loads it
  const { ArtifactUrlSigner, cloudFrontKeyFromPem } = await import('../cdn/signed-url.js');
  const signer = new ArtifactUrlSigner(publicUrl, cloudFrontKeyFromPem(cf.keyPairId, 'cloudFront.keyPairId', pem, 'cloudFront.privateKey'));
  return async () => signer;
}

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

async function signingKeyOf(k: KeyInput, cwd: string): Promise<SigningKey> {
  if (typeof k !== 'string') return privateKeyFromPem(k.export({ type: 'pkcs8', format: 'pem' }) as string, 'a signing KeyObject');
  return isPem(k) ? privateKeyFromPem(k, 'a signing key') : loadPrivateKey(resolve(cwd, k));
}
