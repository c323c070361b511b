/**
 * What `--logs` names, as batches of log lines: a file or folder, or an s3://BUCKET/PREFIX read
 * with the store's S3 settings (--endpoint, --region, --profile, else the AWS environment, else
 * the config's `s3` block; credentials from the SDK's default chain).
 */
import { resolve } from 'node:path';
import type { AggregateOptions, StatsReport } from '../telemetry/aggregate.js';
import type { LogLine } from '../telemetry/log-event.js';
import type { CliContext } from './context.js';
import { readLogs } from '../telemetry/readers.js';
import { aggregate } from '../telemetry/aggregate.js';
import { artifactOrigins } from '../telemetry/artifact-origins.js';
import { s3ClientSettings } from '../store/open.js';
import { redactResolvedCredentials } from '../util/aws-credentials.js';

export async function openLogs(ctx: CliContext, logs: string): Promise<AsyncIterable<LogLine[]>> {
  if (!logs.startsWith('s3://')) {
    return readLogs(resolve(ctx.cwd, logs));
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // as CliContext.store()
  // lazy: the AWS S3 SDK (and the modules built on it) load only for s3:// logs
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { readS3Logs, parseS3LogUrl } = await import('../telemetry/s3-logs.js');
  const { DEFAULT_WAIT_LIMIT_MS } = await import('../store/s3-store.js');
  parseS3LogUrl(logs);
  // The store's S3 settings (--endpoint/--region/--profile > AWS environment > config s3): the
  // logs bucket is on the same S3 service as the store, whatever bucket it is.
  const { endpoint, region, profile, forcePathStyle } = s3ClientSettings(`--logs "${logs}"`, { flags: ctx.globals, env: ctx.env, config: (await ctx.config()).file.s3 });
  // Bounded like the store's waiting (--timeout, default 60s): a silent endpoint ends the listing, never hangs it.
  const limit = (await ctx.storeWaiting()).waitLimitMs ?? DEFAULT_WAIT_LIMIT_MS;
  const client = new S3Client({
    region: region ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    ...(profile ? { profile } : {}),
    forcePathStyle,
    maxAttempts: 1,
    // Without throwOnRequestTimeout the handler only logs a warning and keeps waiting.
    requestHandler: { requestTimeout: limit, connectionTimeout: Math.min(limit, 10_000), throwOnRequestTimeout: true },
  });
  redactResolvedCredentials(client);
  return readS3Logs(client, logs);
}

/** The numbers of `--logs` for the given apps (all when absent), with the store's builds to name artifacts: what stats and status show. */
export async function statsFromLogs(ctx: CliContext, logs: string, apps: string[] | undefined, options: Omit<AggregateOptions, 'artifacts'>): Promise<StatsReport> {
  const artifacts = await artifactOrigins(await ctx.repo(), apps);
  return aggregate(await openLogs(ctx, logs), { ...options, artifacts });
}
