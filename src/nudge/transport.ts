import type { NudgeMessage } from '../protocol/nudge-message.js';

/** One addressee: a device (with its FCM token when sent over FCM), or "*" for the channel's topic. */
export interface NudgeTarget {
  deviceId: string;
  token?: string;
  /** The version code the device runs, when the devices file says (exact --eligible-only). */
  currentVersionCode?: number;
}

export type SendStatus = 'sent' | 'failed' | 'unregistered' | 'invalid';

export interface SendOutcome {
  status: SendStatus;
  /** Attempts after the first (429/5xx, an expired token, a dropped connection). */
  retries: number;
  /** The service's error code (FCM's UNREGISTERED, an HTTP status, ECONNREFUSED). */
  code?: string;
  error?: string;
  /** The endpoint was never reached (connection refused, DNS, timeout): not the device's fault. */
  unreachable?: boolean;
}

/** What the workflow needs of FCM, MQTT or a webhook. */
export interface NudgeTransport {
  readonly via: 'fcm' | 'mqtt' | 'webhook';
  /** The service checks each message and delivers none (FCM validate_only). */
  readonly validateOnly?: boolean;
  /** Connects or authenticates; throws TransportError when the endpoint cannot be reached. */
  open(): Promise<void>;
  send(target: NudgeTarget, message: NudgeMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** A fetch failure's cause code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT), else its name. */
export function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? (err as { code?: unknown }).code;
  // An aborted fetch is a DOMException whose numeric `code` (23 for a timeout) means nothing to a reader.
  return typeof code === 'string' ? code : ((err as Error).name ?? 'ERROR');
}

/** Why a request failed, in words, and whether its body surely never left this machine. */
export interface FetchFailure {
  code: string;
  words: string;
  /** True only when the failure came before any byte of the request was sent (DNS, refused, TLS). */
  nothingSent: boolean;
}

// Failures before the request is written: the receiver cannot have seen it.
const BEFORE_SENDING: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens at that address and port)',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved just now (DNS did not answer)',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'no TCP connection could be made in time',
  EPROTO: 'the TLS handshake failed (an http:// server behind an https:// URL?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (an http:// server behind an https:// URL?)',
};
// Failures after the connection was made: the request may have reached the receiver.
const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: 'the connection was reset before an answer came',
  EPIPE: 'the connection broke while the request was being sent',
  UND_ERR_SOCKET: 'the receiver closed the connection without answering',
  UND_ERR_HEADERS_TIMEOUT: 'the receiver did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the receiver stopped sending its answer',
};

/** A failed fetch() in words a reader can act on: never a bare number or "TypeError". */
export function describeFetchFailure(err: unknown, timeoutMs: number): FetchFailure {
  const name = (err as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { code: 'TIMEOUT', words: `no answer within ${formatSeconds(timeoutMs)} (the receiver may have received the request)`, nothingSent: false };
  }
  const cause = (err as { cause?: { message?: string } }).cause;
  // fetch() refuses ports of other protocols (1, 25, 6000 ...) before connecting.
  if (cause?.message === 'bad port') return { code: 'BAD_PORT', words: 'fetch() refuses to connect to that port (one reserved for another protocol)', nothingSent: true };
  const code = networkCode(err);
  if (BEFORE_SENDING[code]) return { code, words: BEFORE_SENDING[code], nothingSent: true };
  if (/CERT|^ERR_TLS_|SELF_SIGNED|^UNABLE_TO_/.test(code)) return { code, words: `the server's TLS certificate was not accepted (${code})`, nothingSent: true };
  if (MAYBE_SENT[code]) return { code, words: `${MAYBE_SENT[code]} (the receiver may have received the request)`, nothingSent: false };
  return { code, words: `${cause?.message ?? (err as Error).message ?? String(err)} (the receiver may have received the request)`, nothingSent: false };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
