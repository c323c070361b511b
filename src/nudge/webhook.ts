/**
 * Webhook: the nudge JSON POSTed to a URL for anything that is neither an FCM app nor an MQTT
 * device (a fleet's own gateway). The signature is repeated in a header so a receiver can check it
 * before parsing. Retried like FCM (429/5xx, Retry-After). Userinfo in the URL
 * (`https://user:password@host/...`) is sent as HTTP Basic authentication (fetch refuses a URL
 * with credentials), and neither it nor the query is ever shown (src/util/redact.ts).
 *
 * What counts as sent (docs/nudge.md "Webhook"): only a 2xx. Redirects are never followed (a
 * signed POST is not re-sent to an address nobody configured); a 3xx is a failure naming where it
 * pointed. Only a failure before the request left this machine (DNS, refused, TLS) is "nothing was
 * sent"; a timeout or a dropped connection may have delivered it, is not retried, and after one
 * timeout the remaining messages are not sent to the silent receiver at all (the run takes about
 * one timeout, not one per device).
 */
import { redactUrl, registerSecret, registerUrlSecrets } from '../util/redact.js';
import type { NudgeMessage } from '../protocol/nudge-message.js';
import { retryOnHttp, withRetry, type Attempt, type RetryDeps, type RetryPolicy } from './retry.js';
import { describeFetchFailure, type NudgeTarget, type NudgeTransport, type SendOutcome } from './transport.js';
import { ValidationError } from '../errors.js';

export const SIGNATURE_HEADER = 'x-otactl-nudge-signature';
/** How long one POST may wait for the receiver's answer (--webhook-timeout, config webhook.timeout_ms). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookOptions {
  url: string;
  retry: RetryPolicy;
  /** Per request, answer included; default DEFAULT_WEBHOOK_TIMEOUT_MS. */
  timeoutMs?: number;
  deps: RetryDeps & { fetch: typeof fetch; nowMs: () => number };
}

export class WebhookTransport implements NudgeTransport {
  readonly via = 'webhook';
  /** The URL POSTed to, without userinfo. */
  private readonly target: string;
  private readonly auth: Record<string, string> = {};
  private readonly timeoutMs: number;
  /** Set once a request timed out: the receiver is silent, the messages not yet sent stay unsent. */
  private silent: string | null = null;

  constructor(private readonly opts: WebhookOptions) {
    // A webhook URL often carries its credential (userinfo, a token in the query or as the path): never shown.
    registerUrlSecrets(opts.url, true);
    if (!/^https?:\/\//.test(opts.url)) throw new ValidationError(`webhook URL "${redactUrl(opts.url)}" is not http(s)`, 'E_WEBHOOK_URL', { field: 'webhookUrl' });
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.target = opts.url;
    if (URL.canParse(opts.url)) {
      const u = new URL(opts.url);
      if (u.username !== '' || u.password !== '') {
        const basic = Buffer.from(`${percentDecoded(u.username)}:${percentDecoded(u.password)}`).toString('base64');
        registerSecret(basic);
        this.auth = { authorization: `Basic ${basic}` };
        u.username = '';
        u.password = '';
        this.target = u.toString();
      }
    }
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  async send(_target: NudgeTarget, message: NudgeMessage): Promise<SendOutcome> {
    if (this.silent !== null) return { status: 'failed', retries: 0, code: 'NOT_SENT', error: `not sent: ${this.silent}`, unreachable: true };
    const body = JSON.stringify(message);
    const { value, retries } = await withRetry(() => this.attempt(body, message.sig), this.opts.retry, this.opts.deps);
    return { ...value, retries };
  }

  private async attempt(body: string, sig: string): Promise<Attempt<SendOutcome>> {
    const shown = redactUrl(this.opts.url);
    let res: Response;
    try {
      res = await this.opts.deps.fetch(this.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `v1=${sig}`, ...this.auth },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const why = describeFetchFailure(err, this.timeoutMs);
      const outcome: SendOutcome = { status: 'failed', retries: 0, code: why.code, error: `POST ${shown}: ${why.words}`, ...(why.nothingSent ? { unreachable: true } : {}) };
      if (why.code === 'TIMEOUT') this.silent = `${shown} did not answer an earlier request within the timeout`;
      // Sent again only when it surely never arrived; a silent receiver is not waited for twice.
      return why.nothingSent ? { retry: outcome } : { done: outcome };
    }
    // The status is what counts; an answer body cut short by the timeout changes nothing.
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { done: { status: 'sent', retries: 0 } };
    if (res.status >= 300 && res.status < 400) {
      return { done: { status: 'failed', retries: 0, code: `HTTP_${res.status}`, error: `webhook answered ${res.status}, a redirect${redirectTarget(res, this.target)}; otactl does not follow redirects with a signed POST: set \`webhookUrl\` to the final address` } };
    }
    const outcome: SendOutcome = { status: res.status === 410 ? 'unregistered' : 'failed', retries: 0, code: `HTTP_${res.status}`, error: `webhook answered ${res.status}` };
    return retryOnHttp(outcome, res, this.opts.deps.nowMs()) ?? { done: outcome };
  }
}

/** " to https://host" from Location (its scheme and host only: a path or query may hold a credential). */
function redirectTarget(res: Response, base: string): string {
  const location = res.headers.get('location');
  if (location === null) return ' without a Location';
  if (!URL.canParse(location, base)) return ' to an unreadable Location';
  const u = new URL(location, base);
  return ` to ${u.protocol}//${u.host}`;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
