/**
 * `otactl stats --logs s3://BUCKET/PREFIX`: every object under the prefix (CloudFront delivers
 * standard logs there as gzip files; S3 server access logs land there too), listed page by page
 * in key order. Objects are fetched a few ahead of the one being read (CloudFront writes thousands
 * of small files, and one round trip each in turn is what makes a large bucket slow), and handed
 * over in key order: memory stays bounded by that window, however many objects there are.
 * An object that breaks off counts once as malformed; a listing that fails is a store error.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { OptionError, StorageError, ValidationError } from '../errors.js';
import type { LogLine } from './log-event.js';
import { readLogLines, streamLines } from './readers.js';

/** Objects being fetched at once, ahead of the one being read. */
export const S3_LOG_PREFETCH = 8;

export function parseS3LogUrl(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new OptionError('logs', `\`logs\` "${url}" is not s3://BUCKET or s3://BUCKET/PREFIX`);
  return { bucket: m[1]!, prefix: m[2] ?? '' };
}

type Fetched = { key: string; body: Uint8Array } | { key: string; error: Error };

export async function* readS3Logs(client: S3Client, url: string): AsyncGenerator<LogLine[]> {
  const { bucket, prefix } = parseS3LogUrl(url);
  const fetch = (key: string): Promise<Fetched> =>
    client
      .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      .then(async (object) => ({ key, body: await object.Body!.transformToByteArray() }))
      .catch((error: Error) => ({ key, error }));
  let token: string | undefined;
  let objects = 0;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })).catch((err: Error) => {
      throw new StorageError(`Cannot list the logs at ${url}: ${err.name}: ${err.message}`, 'E_LOGS', { url });
    });
    const keys = (page.Contents ?? []).map((c) => c.Key).filter((key): key is string => !!key && !key.endsWith('/') && !key.split('/').at(-1)!.startsWith('.'));
    objects += keys.length;
    for await (const got of inOrderAhead(keys, fetch, S3_LOG_PREFETCH)) {
      try {
        if ('error' in got) throw got.error;
        yield* readLogLines(streamLines(Readable.from([Buffer.from(got.body)])));
      } catch (err) {
        yield [{ malformed: `s3://${bucket}/${got.key}: ${(err as Error).message}` }];
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  // As for a local path (readers.ts readLogs): nothing to read is a mistake in --logs, exit 2.
  if (objects === 0) throw new ValidationError(`no logs at ${url}: no object under the prefix`, 'E_NO_FILE', { url });
}

/** `fetch` of each item, at most `ahead` running at once, yielded in the items' order. */
async function* inOrderAhead<T, R>(items: readonly T[], fetch: (item: T) => Promise<R>, ahead: number): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  while (next < items.length || running.length > 0) {
    while (next < items.length && running.length < ahead) running.push(fetch(items[next++]!));
    yield await running.shift()!;
  }
}
