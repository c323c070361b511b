/**
 * Firebase Cloud Messaging HTTP v1 with plain fetch: a service-account JWT (RS256, node:crypto)
 * exchanged for an OAuth token, then one data-only message per device token or one to the
 * channel's topic. The base URL and token URI are configurable (firebase-admin hardcodes the host
 * and FCM has no emulator), so tests and proxies can point them elsewhere.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import * as z from '../protocol/zod.js';
import { TransportError, ValidationError } from '../errors.js';
import { redactUrl, registerSecret } from '../util/redact.js';
import { ALL_DEVICES, NUDGE_WINDOW_SECONDS, type NudgeMessage } from '../protocol/nudge-message.js';
import { retryOnHttp, withRetry, type Attempt, type RetryDeps, type RetryPolicy } from './retry.js';
import { collapseKey, fcmTopic } from '../protocol/nudge-topics.js';
import { describeFetchFailure, type NudgeTarget, type NudgeTransport, type SendOutcome } from './transport.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const DEFAULT_FCM_BASE_URL = 'https://fcm.googleapis.com';
export const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** A token lives an hour; it is renewed when less than this is left. */
const TOKEN_REFRESH_MARGIN_S = 300;
const REQUEST_TIMEOUT_MS = 30_000;

export const ServiceAccount = z.looseObject({
  project_id: z.string().min(1),
  private_key: z.string().min(1),
  client_email: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().default(DEFAULT_TOKEN_URI),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** Parses a service-account JSON file's text; `source` names it in errors. */
export function parseServiceAccount(text: string, source: string): ServiceAccount & { key: KeyObject } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError(`${source} is not JSON (expected a service-account key file)`, 'E_FCM_CREDENTIALS');
  }
  // The private key is the secret of a service account (client_email, private_key_id and project_id are identifiers).
  const privateKey = (json as { private_key?: unknown } | null)?.private_key;
  if (typeof privateKey === 'string') registerSecret(privateKey);
  const parsed = ServiceAccount.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ValidationError(`${source}: ${first.path.join('.') || '(top level)'}: ${first.message}`, 'E_FCM_CREDENTIALS');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(parsed.data.private_key);
  } catch {
    throw new ValidationError(`${source}: private_key is not a PEM private key`, 'E_FCM_CREDENTIALS');
  }
  return { ...parsed.data, key };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** The signed assertion of RFC 7523 that Google's token endpoint exchanges for an access token. */
export function serviceAccountJwt(account: ServiceAccount & { key: KeyObject }, tokenUri: string, nowS: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(account.private_key_id ? { kid: account.private_key_id } : {}) };
  const claims = { iss: account.client_email, scope: FCM_SCOPE, aud: tokenUri, iat: nowS, exp: nowS + 3600 };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), account.key))}`;
}

const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/** One access token shared by every concurrent send; renewed before expiry or after a 401. */
export class TokenSource {
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<{ token: string; expiresAt: number }> | null = null;
  /** Tokens fetched after the first (expiry or a 401). */
  refreshes = 0;

  constructor(
    private readonly account: ServiceAccount & { key: KeyObject },
    private readonly tokenUri: string,
    private readonly fetchFn: typeof fetch,
    private readonly nowMs: () => number,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - TOKEN_REFRESH_MARGIN_S * 1000 > this.nowMs()) return this.cached.token;
    if (!this.pending) {
      if (this.cached) this.refreshes++;
      this.pending = this.fetchToken()
        .then((t) => (this.cached = t))
        .finally(() => (this.pending = null));
    }
    return (await this.pending).token;
  }

  /** A send was answered 401 with `token`: the next caller fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached.expiresAt = 0;
  }

  private async fetchToken(): Promise<{ token: string; expiresAt: number }> {
    const assertion = serviceAccountJwt(this.account, this.tokenUri, Math.floor(this.nowMs() / 1000));
    let res: Response;
    try {
      res = await this.fetchFn(this.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new TransportError(`cannot reach the token endpoint ${redactUrl(this.tokenUri)}: ${describeFetchFailure(err, REQUEST_TIMEOUT_MS).words}`, 'E_NUDGE_UNREACHABLE', { url: redactUrl(this.tokenUri) });
    }
    const text = await res.text();
    if (!res.ok) {
      throw new ValidationError(`the token endpoint refused the service account ${this.account.client_email}: ${res.status} ${text.slice(0, 200)}`, 'E_FCM_AUTH');
    }
    let parsed: z.infer<typeof TokenResponse>;
    try {
      parsed = TokenResponse.parse(JSON.parse(text));
    } catch {
      throw new TransportError(`the token endpoint ${redactUrl(this.tokenUri)} answered without an access_token`, 'E_FCM_AUTH_RESPONSE');
    }
    registerSecret(parsed.access_token);
    return { token: parsed.access_token, expiresAt: this.nowMs() + parsed.expires_in * 1000 };
  }
}

/** FCM's own error code, from `error.details[]` of type google.firebase.fcm.v1.FcmError. */
export function fcmErrorCode(body: unknown): string | undefined {
  const err = (body as { error?: { status?: string; details?: Array<{ '@type'?: string; errorCode?: string }> } })?.error;
  const detail = err?.details?.find((d) => d['@type']?.endsWith('google.firebase.fcm.v1.FcmError'));
  return detail?.errorCode ?? err?.status;
}

/** A nudge as FCM data: every value a string (FCM's rule), the fields named as in the message. */
export function fcmData(m: NudgeMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
}

export function fcmBody(m: NudgeMessage, target: NudgeTarget, validateOnly: boolean): Record<string, unknown> {
  const to = target.deviceId === ALL_DEVICES ? { topic: fcmTopic(m.app, m.channel) } : { token: target.token };
  return {
    ...(validateOnly ? { validate_only: true } : {}),
    message: {
      ...to,
      data: fcmData(m),
      // A nudge older than the window is ignored by the device, so it need not live longer.
      android: { priority: 'HIGH', ttl: `${NUDGE_WINDOW_SECONDS}s`, collapse_key: collapseKey(m.app, m.channel) },
    },
  };
}

export interface FcmOptions {
  account: ServiceAccount & { key: KeyObject };
  baseUrl: string;
  /** Overrides the service account's token_uri. */
  tokenUri?: string;
  validateOnly: boolean;
  retry: RetryPolicy;
  deps: RetryDeps & { fetch: typeof fetch; nowMs: () => number };
}

export class FcmTransport implements NudgeTransport {
  readonly via = 'fcm';
  readonly tokens: TokenSource;
  readonly validateOnly: boolean;
  private readonly url: string;

  constructor(private readonly opts: FcmOptions) {
    this.validateOnly = opts.validateOnly;
    this.tokens = new TokenSource(opts.account, opts.tokenUri ?? opts.account.token_uri, opts.deps.fetch, opts.deps.nowMs);
    this.url = `${opts.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(opts.account.project_id)}/messages:send`;
  }

  /** Fetches the first token: bad credentials or an unreachable token endpoint stop the run here. */
  async open(): Promise<void> {
    await this.tokens.token();
  }

  async close(): Promise<void> {}

  async send(target: NudgeTarget, message: NudgeMessage): Promise<SendOutcome> {
    if (target.deviceId !== ALL_DEVICES && !target.token) return { status: 'invalid', retries: 0, code: 'NO_TOKEN', error: `no FCM token for ${target.deviceId}` };
    const body = JSON.stringify(fcmBody(message, target, this.validateOnly));
    const { value, retries } = await withRetry((_n) => this.attempt(body), this.opts.retry, this.opts.deps);
    return { ...value, retries };
  }

  private async attempt(body: string): Promise<Attempt<SendOutcome>> {
    const failed = (o: Omit<SendOutcome, 'status' | 'retries'>): SendOutcome => ({ status: 'failed', retries: 0, ...o });
    let token: string;
    try {
      token = await this.tokens.token();
    } catch (err) {
      return { retry: failed({ code: (err as { code?: string }).code ?? 'TOKEN', error: (err as Error).message, unreachable: true }) };
    }
    let res: Response;
    try {
      res = await this.opts.deps.fetch(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      const why = describeFetchFailure(err, REQUEST_TIMEOUT_MS);
      // Retried either way (a duplicate reaching a device is its replay: same request_id), but only a request that never left counts as unreachable.
      return { retry: failed({ code: why.code, error: `POST ${redactUrl(this.url)}: ${why.words}`, ...(why.nothingSent ? { unreachable: true } : {}) }) };
    }
    const text = await res.text();
    if (res.ok) return { done: { status: 'sent', retries: 0 } };
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the HTTP status speaks
    }
    const code = fcmErrorCode(json) ?? `HTTP_${res.status}`;
    const outcome = failed({ code, error: `FCM answered ${res.status} ${code}` });
    if (res.status === 401) {
      this.tokens.invalidate(token);
      return { retry: outcome, retryAfterMs: 0 };
    }
    const again = retryOnHttp(outcome, res, this.opts.deps.nowMs());
    if (again) return again;
    if (code === 'UNREGISTERED') return { done: { ...outcome, status: 'unregistered' } };
    if (code === 'INVALID_ARGUMENT' || code === 'SENDER_ID_MISMATCH') return { done: { ...outcome, status: 'invalid' } };
    return { done: outcome };
  }
}
