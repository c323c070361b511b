/**
 * Webhook: the nudge JSON POSTed to a URL for anything that is neither an FCM app nor an MQTT
 * device (a fleet's own gateway). The signature is repeated in a header so a receiver can check it
 * before parsing. Retried like FCM (429/5xx, Retry-After). Userinfo in the URL
 * (`https://user:password@host/...`) is sent as HTTP Basic authentication (fetch refuses a URL
 * with credentials), and neither it nor the query is ever shown (src/util/redact.ts).
 */
import { redactUrl, registerSecret, registerUrlSecrets } from '../util/redact.js';
import type { NudgeMessage } from './message.js';
import { retryOnHttp, withRetry, type Attempt, type RetryDeps, type RetryPolicy } from './retry.js';
import { networkCode, type NudgeTarget, type NudgeTransport, type SendOutcome } from './transport.js';

export const SIGNATURE_HEADER = 'x-otactl-nudge-signature';
const REQUEST_TIMEOUT_MS = 30_000;

export interface WebhookOptions {
  url: string;
  retry: RetryPolicy;
  deps: RetryDeps & { fetch: typeof fetch; nowMs: () => number };
}

export class WebhookTransport implements NudgeTransport {
  readonly via = 'webhook';
  /** The URL POSTed to, without userinfo. */
  private readonly target: string;
  private readonly auth: Record<string, string> = {};

  constructor(private readonly opts: WebhookOptions) {
    // A webhook URL often carries its credential (userinfo, a token in the query or as the path): never shown.
    registerUrlSecrets(opts.url, true);
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
    const body = JSON.stringify(message);
    const { value, retries } = await withRetry(() => this.attempt(body, message.sig), this.opts.retry, this.opts.deps);
    return { ...value, retries };
  }

  private async attempt(body: string, sig: string): Promise<Attempt<SendOutcome>> {
    let res: Response;
    try {
      res = await this.opts.deps.fetch(this.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `v1=${sig}`, ...this.auth },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      const code = networkCode(err);
      return { retry: { status: 'failed', retries: 0, code, error: `POST ${redactUrl(this.opts.url)}: ${code}`, unreachable: true } };
    }
    await res.arrayBuffer();
    if (res.ok) return { done: { status: 'sent', retries: 0 } };
    const outcome: SendOutcome = { status: res.status === 410 ? 'unregistered' : 'failed', retries: 0, code: `HTTP_${res.status}`, error: `webhook answered ${res.status}` };
    return retryOnHttp(outcome, res, this.opts.deps.nowMs()) ?? { done: outcome };
  }
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
