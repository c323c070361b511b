/**
 * The nudge message: built, signed and verified here, with nothing but node:crypto (no I/O), so
 * the CLI, the device SDK and the shared vectors agree on one implementation.
 *
 * Signed string (the seed system's fields, kept exactly):
 *   v1 \n request_id \n device_id \n action \n issued_at
 * `app` and `channel` are not covered by the signature (the v1 string predates them); a device
 * checks them against its own, and a nudge grants nothing: the device still verifies the manifest.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { APP_ID, CHANNEL_NAME } from '../core/ids.js';

/** A nudge more than this far from the device's clock (either way) is ignored. */
export const NUDGE_WINDOW_SECONDS = 300;
/** device_id of a message sent to a topic (every device of the app and channel). */
export const ALL_DEVICES = '*';
/** HMAC keys shorter than the hash output are refused (RFC 2104's recommendation). */
export const MIN_KEY_BYTES = 32;

export const NudgeMessage = z.strictObject({
  action: z.literal('update'),
  app: z.string().regex(APP_ID),
  channel: z.string().regex(CHANNEL_NAME),
  request_id: z.string().regex(/^[0-9a-f]{32}$/),
  device_id: z.string().min(1).max(256),
  issued_at: z.number().int().nonnegative(),
  sig: z.string().regex(/^[0-9a-f]{64}$/),
});
export type NudgeMessage = z.infer<typeof NudgeMessage>;
export type UnsignedNudge = Omit<NudgeMessage, 'sig'>;

export function signingString(m: Pick<NudgeMessage, 'request_id' | 'device_id' | 'action' | 'issued_at'>): string {
  return `v1\n${m.request_id}\n${m.device_id}\n${m.action}\n${m.issued_at}`;
}

export function nudgeSignature(key: Buffer, m: Pick<NudgeMessage, 'request_id' | 'device_id' | 'action' | 'issued_at'>): string {
  return createHmac('sha256', key).update(signingString(m), 'utf8').digest('hex');
}

export function signNudge(key: Buffer, m: UnsignedNudge): NudgeMessage {
  return { ...m, sig: nudgeSignature(key, m) };
}

export interface NudgeFields {
  app: string;
  channel: string;
  deviceId: string;
  /** Unix seconds. */
  issuedAt: number;
  /** 16 random bytes, hex. */
  requestId: string;
}

export function buildNudge(key: Buffer, f: NudgeFields): NudgeMessage {
  return signNudge(key, { action: 'update', app: f.app, channel: f.channel, request_id: f.requestId, device_id: f.deviceId, issued_at: f.issuedAt });
}

export type RejectReason = 'malformed' | 'bad_sig' | 'wrong_target' | 'stale' | 'future' | 'replay' | 'flood';
export type NudgeVerdict = { ok: true; message: NudgeMessage } | { ok: false; reason: RejectReason; detail: string };

export interface VerifyContext {
  key: Buffer;
  app: string;
  channel: string;
  deviceId: string;
  /** Unix seconds on the device. */
  now: number;
  replay: ReplayCache;
}

/**
 * The device's rules, in order: shape, signature (constant time), target (app, channel, this
 * device or "*"), time window, replay. Only a message that passes everything enters the replay
 * cache, so forgeries cannot fill it.
 */
export function verifyNudge(input: unknown, ctx: VerifyContext): NudgeVerdict {
  const parsed = NudgeMessage.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: parsed.error.issues[0]!.message };
  const m = parsed.data;
  const expected = Buffer.from(nudgeSignature(ctx.key, m), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(m.sig, 'hex'))) return { ok: false, reason: 'bad_sig', detail: 'signature does not match' };
  if (m.app !== ctx.app || m.channel !== ctx.channel || (m.device_id !== ctx.deviceId && m.device_id !== ALL_DEVICES)) {
    return { ok: false, reason: 'wrong_target', detail: `for ${m.app}/${m.channel}/${m.device_id}` };
  }
  const skew = m.issued_at - ctx.now;
  if (skew < -NUDGE_WINDOW_SECONDS) return { ok: false, reason: 'stale', detail: `issued ${-skew} s ago` };
  if (skew > NUDGE_WINDOW_SECONDS) return { ok: false, reason: 'future', detail: `issued ${skew} s ahead` };
  const seen = ctx.replay.admit(m.request_id, m.issued_at, ctx.now);
  if (seen !== 'new') return { ok: false, reason: seen, detail: seen === 'replay' ? `request ${m.request_id} already seen` : 'too many nudges in the window' };
  return { ok: true, message: m };
}

/**
 * Request ids seen within the window. An id whose issued_at is outside the window can be
 * forgotten: that message is rejected as stale anyway. Memory is bounded by the nudge rate times
 * the window and by a hard cap; when the cap is full of live ids, new nudges are refused ("flood",
 * fail closed) rather than forgetting an id that could then be replayed.
 */
export class ReplayCache {
  private readonly ids = new Map<string, number>();

  constructor(readonly capacity = 1024) {}

  get size(): number {
    return this.ids.size;
  }

  admit(requestId: string, issuedAt: number, now: number): 'new' | 'replay' | 'flood' {
    if (this.ids.has(requestId)) return 'replay';
    if (this.ids.size >= this.capacity) this.forgetBefore(now - NUDGE_WINDOW_SECONDS);
    if (this.ids.size >= this.capacity) return 'flood';
    this.ids.set(requestId, issuedAt);
    return 'new';
  }

  private forgetBefore(oldest: number): void {
    for (const [id, at] of this.ids) if (at < oldest) this.ids.delete(id);
  }
}

/** A request id: 16 random bytes as hex. */
export function newRequestId(random: (bytes: number) => Buffer): string {
  return random(16).toString('hex');
}
