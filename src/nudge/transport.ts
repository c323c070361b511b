import type { NudgeMessage } from './message.js';

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
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? (err as { code?: string }).code ?? (err as Error).name ?? 'ERROR';
}
