/**
 * The device's nudge handler: a nudge that verifies (one reading of its JSON, HMAC with the
 * provisioned key, this app and channel in its fields and in its request_id's tag, this device or
 * "*", ±300 s, never seen before) triggers a check at once; anything else
 * is ignored and counted by reason. A nudge grants nothing: the check still verifies the manifest.
 */
import { parseNudgeText, ReplayCache, verifyNudge, type NudgeVerdict, type RejectReason } from '../protocol/nudge-message.js';

export interface NudgeHandlerOptions {
  /** The HMAC key provisioned on the device. */
  key: Buffer;
  app: string;
  channel: string;
  deviceId: string;
  /** Runs the update check (e.g. Updater.check); not awaited by handle(). */
  check: () => unknown;
  now?: () => Date;
  replayCapacity?: number;
}

export interface NudgeCounters {
  accepted: number;
  rejected: Record<RejectReason, number>;
}

export class NudgeHandler {
  readonly counters: NudgeCounters = {
    accepted: 0,
    rejected: { malformed: 0, bad_sig: 0, wrong_target: 0, stale: 0, future: 0, replay: 0, flood: 0 },
  };
  private readonly replay: ReplayCache;

  constructor(private readonly opts: NudgeHandlerOptions) {
    this.replay = new ReplayCache(opts.replayCapacity);
  }

  /** An MQTT payload, a webhook body, or FCM's data map (every value a string). */
  handle(input: Buffer | string | Record<string, unknown>): NudgeVerdict {
    const verdict = verifyNudge(decodeNudge(input), {
      key: this.opts.key,
      app: this.opts.app,
      channel: this.opts.channel,
      deviceId: this.opts.deviceId,
      now: Math.floor((this.opts.now?.() ?? new Date()).getTime() / 1000),
      replay: this.replay,
    });
    if (!verdict.ok) {
      this.counters.rejected[verdict.reason]++;
      return verdict;
    }
    this.counters.accepted++;
    void Promise.resolve().then(this.opts.check);
    return verdict;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * JSON bytes or text to a value for verifyNudge (null, hence `malformed`, for invalid UTF-8 or text
 * with a duplicate member name or nested deeper than 8); in FCM's data map, where every value is a
 * string, issued_at back to a number.
 */
export function decodeNudge(input: Buffer | string | Record<string, unknown>): unknown {
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    let text: string;
    try {
      text = typeof input === 'string' ? input : UTF8.decode(input);
    } catch {
      return null; // invalid UTF-8 is malformed, not replaced by U+FFFD (contract 3)
    }
    // In JSON text issued_at is a number, as in C and Kotlin: a string there is malformed.
    return parseNudgeText(text);
  }
  const at = input.issued_at;
  return typeof at === 'string' && /^\d{1,15}$/.test(at) ? { ...input, issued_at: Number(at) } : input;
}
