/**
 * Concurrency and retries for the HTTP transports (FCM and webhook): one implementation.
 * `mapLimited` runs at most `limit` tasks at once; `withRetry` repeats an attempt that asks for
 * it, waiting the server's Retry-After when it gives one, else exponential backoff with full jitter.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Longest wait between attempts, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export type Attempt<T> = { done: T } | { retry: T; retryAfterMs?: number };

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1), for jitter. */
  random: () => number;
}

export const realRetryDeps: RetryDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The last attempt's value and how many retries it took. */
export async function withRetry<T>(attempt: (n: number) => Promise<Attempt<T>>, policy: RetryPolicy, deps: RetryDeps): Promise<{ value: T; retries: number }> {
  for (let n = 1; ; n++) {
    const a = await attempt(n);
    if ('done' in a) return { value: a.done, retries: n - 1 };
    if (n >= policy.attempts) return { value: a.retry, retries: n - 1 };
    await deps.sleep(backoffMs(n, policy, deps.random, a.retryAfterMs));
  }
}

export function backoffMs(failedAttempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Runs `task` over `items` with at most `limit` running at once; results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** 429 and 5xx are worth another attempt, after the server's Retry-After when it sent one. */
export function retryOnHttp<T>(outcome: T, res: Response, nowMs: number): Attempt<T> | null {
  if (res.status !== 429 && res.status < 500) return null;
  const after = parseRetryAfter(res.headers.get('retry-after'), nowMs);
  return after === undefined ? { retry: outcome } : { retry: outcome, retryAfterMs: after };
}
