/**
 * What `otactl init --store s3://…` checks before it writes a config: the bucket exists and
 * answers as S3 with these credentials (a listing under the prefix), and how the server wants
 * If-Match. A probe object under the prefix is created, swapped with its ETag quoted as HTTP
 * says, and, when the server refuses that (Ceph RGW matches only unquoted ETags), swapped
 * unquoted; then it is deleted. Errors are the store's own: E_S3_NO_BUCKET, E_S3_CREDENTIALS,
 * E_NOT_S3, E_S3_TIMEOUT (all exit 7).
 */
import { randomBytes } from 'node:crypto';
import { StorageError } from '../errors.js';
import { openStore, type StoreLocation, type StoreWaiting } from './open.js';

export interface S3ProbeResult {
  /** The server matched If-Match only against the unquoted ETag. */
  ifMatchUnquoted: boolean;
}

export async function probeS3Store(location: Extract<StoreLocation, { kind: 's3' }>, waiting: StoreWaiting = {}): Promise<S3ProbeResult> {
  const store = await openStore({ ...location, ifMatchUnquoted: false }, waiting);
  await store.list('apps/');
  const key = `otactl-init-probe-${randomBytes(6).toString('hex')}.json`;
  const first = await store.compareAndSwap(key, Buffer.from('{"probe":1}\n'), null, { contentType: 'application/json' });
  try {
    try {
      await store.compareAndSwap(key, Buffer.from('{"probe":2}\n'), first, { contentType: 'application/json' });
      return { ifMatchUnquoted: false };
    } catch (err) {
      if (!(err instanceof StorageError && err.code === 'E_S3_IF_MATCH')) throw err;
    }
    const unquoted = await openStore({ ...location, ifMatchUnquoted: true }, waiting);
    await unquoted.compareAndSwap(key, Buffer.from('{"probe":3}\n'), first, { contentType: 'application/json' });
    return { ifMatchUnquoted: true };
  } finally {
    await store.delete(key).catch(() => undefined);
  }
}
