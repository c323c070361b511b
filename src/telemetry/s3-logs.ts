/**
 * `otactl stats --logs s3://BUCKET/PREFIX`: every object under the prefix (CloudFront delivers
 * standard logs there as gzip files; S3 server access logs land there too), listed page by page
 * in key order and streamed one object at a time: memory stays flat however many there are.
 * An object that breaks off counts once as malformed; a listing that fails is a store error.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { StorageError, UsageError } from '../errors.js';
import type { LogLine } from './log-event.js';
import { readLogLines, streamLines } from './readers.js';

export function parseS3LogUrl(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new UsageError(`--logs "${url}" is not s3://BUCKET or s3://BUCKET/PREFIX`);
  return { bucket: m[1]!, prefix: m[2] ?? '' };
}

export async function* readS3Logs(client: S3Client, url: string): AsyncGenerator<LogLine[]> {
  const { bucket, prefix } = parseS3LogUrl(url);
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })).catch((err: Error) => {
      throw new StorageError(`Cannot list the logs at ${url}: ${err.name}: ${err.message}`, 'E_LOGS', { url });
    });
    for (const { Key: key } of page.Contents ?? []) {
      if (!key || key.endsWith('/') || key.split('/').at(-1)!.startsWith('.')) continue;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        yield* readLogLines(streamLines(object.Body as Readable));
      } catch (err) {
        yield [{ malformed: `s3://${bucket}/${key}: ${(err as Error).message}` }];
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}
