/**
 * CloudFront invalidation of the manifest paths a channel change replaced. CreateInvalidation with
 * a CallerReference derived from the change, so a retry of the same change (a lost response, a
 * re-run of `otactl invalidate`) returns the invalidation already made instead of a second one;
 * optionally waits with the SDK's waiter, bounded. Credentials: the SDK's default provider chain.
 */
import type { CloudFrontClient, CloudFrontClientConfig } from '@aws-sdk/client-cloudfront';
import { PartialError } from '../errors.js';
import { redactResolvedCredentials } from '../util/aws-credentials.js';

/** What the JSON result of a change reports (field names fixed for users' scripts). */
export interface Invalidation {
  distribution_id: string;
  id: string;
  paths: string[];
  /** CloudFront's status: InProgress, or Completed once waited for. */
  status: string;
}

export interface Invalidator {
  readonly distributionId: string;
  /** Throws PartialError E_INVALIDATION when CloudFront refuses, fails or does not finish in time. */
  invalidate(paths: readonly string[], callerReference: string, wait: boolean): Promise<Invalidation>;
}

export interface CloudFrontInvalidatorOptions {
  distributionId: string;
  /** Another API endpoint (a proxy, a test server); default CloudFront's. */
  endpoint?: string;
  /** A profile of ~/.aws/config for the default provider chain. */
  profile?: string;
  /** The longest wait for completion (default 600 s); past it the invalidation is reported unfinished. */
  maxWaitSeconds?: number;
  /** Delay between GetInvalidation polls, growing from min to max (default 5..30 s). */
  pollSeconds?: { min: number; max: number };
  /** For library callers and tests only (e.g. credentials): the CLI uses the default chain. */
  clientConfig?: Partial<CloudFrontClientConfig>;
}

const DEFAULT_MAX_WAIT_SECONDS = 600;
const DEFAULT_POLL_SECONDS = { min: 5, max: 30 };

export class CloudFrontInvalidator implements Invalidator {
  readonly distributionId: string;
  private sdk?: Promise<{ client: CloudFrontClient; sdk: typeof import('@aws-sdk/client-cloudfront') }>;

  constructor(private readonly opts: CloudFrontInvalidatorOptions) {
    this.distributionId = opts.distributionId;
  }

  /** The SDK is loaded on first use: importing otactl, or a change without a distribution, never pays for it. */
  private connect() {
    // lazy: the CloudFront SDK is heavy; only a change that invalidates loads it
    this.sdk ??= import('@aws-sdk/client-cloudfront').then((sdk) => {
      const client = new sdk.CloudFrontClient({
        // CloudFront is a global service, signed for us-east-1.
        region: 'us-east-1',
        ...(this.opts.endpoint ? { endpoint: this.opts.endpoint } : {}),
        ...(this.opts.profile ? { profile: this.opts.profile } : {}),
        ...this.opts.clientConfig,
      });
      redactResolvedCredentials(client);
      return { sdk, client };
    });
    return this.sdk;
  }

  async invalidate(paths: readonly string[], callerReference: string, wait: boolean): Promise<Invalidation> {
    const DistributionId = this.distributionId;
    const { client, sdk } = await this.connect();
    const { CreateInvalidationCommand, waitUntilInvalidationCompleted } = sdk;
    let created: Invalidation;
    try {
      const out = await client.send(
        new CreateInvalidationCommand({ DistributionId, InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: paths.length, Items: [...paths] } } }),
      );
      created = { distribution_id: DistributionId, id: out.Invalidation?.Id ?? '', paths: [...paths], status: out.Invalidation?.Status ?? 'InProgress' };
    } catch (err) {
      throw new PartialError(`CloudFront refused to invalidate ${paths.join(', ')} on distribution ${DistributionId}: ${sdkCause(err)}`, 'E_INVALIDATION', {
        distribution_id: DistributionId,
        paths,
        ...httpStatus(err),
      });
    }
    if (!wait || created.status === 'Completed') return created;
    const maxWaitTime = this.opts.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
    const poll = this.opts.pollSeconds ?? DEFAULT_POLL_SECONDS;
    try {
      const done = await waitUntilInvalidationCompleted({ client, maxWaitTime, minDelay: poll.min, maxDelay: poll.max }, { DistributionId, Id: created.id });
      return { ...created, status: done.reason?.Invalidation?.Status ?? 'Completed' };
    } catch (err) {
      throw new PartialError(`CloudFront invalidation ${created.id} on distribution ${DistributionId} did not complete within ${maxWaitTime} s: ${waiterCause(err)}`, 'E_INVALIDATION', {
        invalidation: created,
        ...httpStatus(err),
      });
    }
  }
}

function httpStatus(err: unknown): { http_status?: number } {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status === undefined ? {} : { http_status: status };
}

function sdkCause(err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return `${status === undefined ? '' : `HTTP ${status} `}${e.name ?? 'Error'}${e.message ? `: ${e.message}` : ''}`;
}

/** The waiter throws an Error whose message is its JSON result ({"state":"TIMEOUT",...}) or the SDK's error. */
function waiterCause(err: unknown): string {
  const message = (err as Error | undefined)?.message ?? String(err);
  try {
    const parsed = JSON.parse(message) as { state?: string };
    if (parsed.state === 'TIMEOUT') return 'still in progress';
    if (parsed.state) return `the waiter ended in state ${parsed.state}`;
  } catch {
    // not the waiter's JSON: an SDK error
  }
  return sdkCause(err);
}
