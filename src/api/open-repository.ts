/**
 * openRepository for library users: a store (URL or instance), the public keys the repository
 * trusts and the keys that sign, each given as a KeyObject, PEM text or a file path.
 */
import type { Repository } from '../repo/repository.js';
import { parseStoreUrl, type S3Settings } from '../store/open.js';
import { Store } from '../store/store.js';
import { openRelease, type KeyInput } from './settings.js';

export type { KeyInput } from './settings.js';

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

/** The options' names in messages: a caller reads about the option it passed. */
const NAMES = {
  cdnBaseUrl: '`publicUrl`',
  cloudFrontKeyPairId: '`cloudFront.keyPairId`',
  cloudFrontPrivateKey: '`cloudFront.privateKey`',
};

export async function openRepository(opts: OpenRepositoryOptions): Promise<Repository> {
  const cwd = opts.cwd ?? process.cwd();
  const opened = await openRelease(
    {
      store: opts.store instanceof Store ? opts.store : parseStoreUrl(opts.store, cwd, { env: process.env, config: opts.s3 }),
      cwd,
      trustedKeys: [...opts.trustedKeys],
      signingKeys: [...(opts.signingKeys ?? [])],
      ...(opts.publicUrl === undefined ? {} : { cdnBaseUrl: opts.publicUrl }),
      ...(opts.manifestMaxAge === undefined ? {} : { manifestMaxAge: opts.manifestMaxAge }),
      ...(opts.cloudFront ? { cloudFrontKeyPairId: opts.cloudFront.keyPairId, cloudFrontPrivateKey: opts.cloudFront.privateKey } : {}),
    },
    NAMES,
  );
  // The CloudFront key is checked now: a bad key fails openRepository, not the first publish.
  await opened.artifactUrlSigner();
  return opened.repo;
}
