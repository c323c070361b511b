/**
 * What `--logs` names, as batches of log lines: a file or folder, or an s3://BUCKET/PREFIX read
 * with the store's S3 settings (--endpoint, --region, --profile, else the AWS environment, else
 * the config's `s3` block; credentials from the SDK's default chain).
 */
import { resolve } from 'node:path';
import type { AggregateOptions, StatsReport } from '../telemetry/aggregate.js';
import type { LogLine } from '../telemetry/log-event.js';
import type { CliContext } from './context.js';

export async function openLogs(ctx: CliContext, logs: string): Promise<AsyncIterable<LogLine[]>> {
  if (!logs.startsWith('s3://')) {
    const { readLogs } = await import('../telemetry/readers.js');
    return readLogs(resolve(ctx.cwd, logs));
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // as CliContext.store()
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { readS3Logs, parseS3LogUrl } = await import('../telemetry/s3-logs.js');
  parseS3LogUrl(logs);
  // The store's S3 settings (--endpoint/--region/--profile > AWS environment > config s3): the
  // logs bucket is on the same S3 service as the store, whatever bucket it is.
  const { s3ClientSettings } = await import('../store/open.js');
  const { endpoint, region, profile, forcePathStyle } = s3ClientSettings(`--logs "${logs}"`, { flags: ctx.globals, env: ctx.env, config: (await ctx.config()).file.s3 });
  // Bounded like the store's waiting (--timeout, default 60s): a silent endpoint ends the listing, never hangs it.
  const { DEFAULT_WAIT_LIMIT_MS } = await import('../store/s3-store.js');
  const { redactResolvedCredentials } = await import('../util/aws-credentials.js');
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
  const { aggregate } = await import('../telemetry/aggregate.js');
  const { artifactOrigins } = await import('../telemetry/artifact-origins.js');
  const artifacts = await artifactOrigins(await ctx.repo(), apps);
  return aggregate(await openLogs(ctx, logs), { ...options, artifacts });
}
