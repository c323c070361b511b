/**
 * The one place a store URL becomes a Store: `file://DIR` (or a bare path) today; `s3://bucket/prefix`
 * is recognised and refused until its backend exists. Relative folders resolve against `base`
 * (the working directory for flags and env, the config file's folder for the config).
 */
import { resolve } from 'node:path';
import { StorageError, ValidationError } from '../errors.js';
import type { Store } from './store.js';

export type StoreLocation = { kind: 'file'; root: string; url: string } | { kind: 's3'; bucket: string; prefix: string; url: string };

export function parseStoreUrl(url: string, base: string): StoreLocation {
  if (url.startsWith('file://')) return fileLocation(resolve(base, url.slice('file://'.length)));
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (s3) return { kind: 's3', bucket: s3[1]!, prefix: s3[2]!.replace(/\/+$/, ''), url };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new ValidationError(`store "${url}" is not a file:// or s3:// URL`, 'E_STORE_URL');
  return fileLocation(resolve(base, url)); // a bare path is a folder
}

function fileLocation(root: string): StoreLocation {
  return { kind: 'file', root, url: `file://${root}` };
}

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.kind === 's3') {
    throw new StorageError(`s3:// stores are not available in this version of otactl; use a file:// store`, 'E_STORE_UNSUPPORTED');
  }
  const { stat } = await import('node:fs/promises');
  const st = await stat(location.root).catch((err: NodeJS.ErrnoException) => err);
  // A missing folder is a wrong --store or a missing `otactl init`, not an empty store.
  if (st instanceof Error || !st.isDirectory()) {
    const why = st instanceof Error && st.code === 'ENOENT' ? 'does not exist (otactl init creates it)' : 'is not a folder';
    throw new StorageError(`store folder ${location.root} ${why}`, 'E_STORE');
  }
  const { FileStore } = await import('./file-store.js');
  return new FileStore(location.root);
}
