/**
 * The nudge message: built, signed and verified here, with nothing but node:crypto (no I/O), so
 * the CLI, the device SDK and the shared vectors agree on one implementation.
 *
 * Signed string (the seed system's fields, kept exactly):
 *   v1 \n request_id \n device_id \n action \n issued_at
 * `app` and `channel` are not in it (the v1 string predates them), so they are bound through
 * `request_id` instead (docs/design.md contract 6): its last 16 hex digits are a tag of the app and
 * channel, and a device refuses a request_id that does not end with its own tag. The HMAC covers
 * request_id, so a captured nudge cannot be pointed at another app or channel sharing the key.
 * A nudge grants nothing: the device still verifies the manifest (docs/nudge.md).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from './zod.js';
import { APP_ID, CHANNEL_NAME, DEVICE_ID_RULE, isDeviceId } from './ids.js';
import { DEVICE_JSON_MAX_DEPTH, parseStrictJson } from './strict-json.js';

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
  device_id: z.string().refine((id) => id === ALL_DEVICES || isDeviceId(id), DEVICE_ID_RULE),
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
  /** newRequestId(random, app, channel): fresh randomness bound to the app and channel. */
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
 * device or "*", the request_id's app/channel tag), time window, replay. Only a message that
 * passes everything enters the replay cache, so forgeries cannot fill it.
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
  // The signed binding: app and channel above are not signed, the tag in request_id is.
  if (!m.request_id.endsWith(nudgeTargetTag(ctx.app, ctx.channel))) {
    return { ok: false, reason: 'wrong_target', detail: `request ${m.request_id} is not bound to ${ctx.app}/${ctx.channel}` };
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

/** Hashed before the app and channel (contract 6): the tag means nothing outside nudges. */
const TARGET_TAG_CONTEXT = 'otactl-nudge-target\n';

/** The last 16 hex digits of every request_id for `app`/`channel`: SHA-256 of "otactl-nudge-target\n{app}\n{channel}". */
export function nudgeTargetTag(app: string, channel: string): string {
  return createHash('sha256').update(`${TARGET_TAG_CONTEXT}${app}\n${channel}`, 'utf8').digest('hex').slice(0, 16);
}

/** A request id: 8 fresh random bytes as hex, then the app/channel tag (32 lowercase hex in all). */
export function newRequestId(random: (bytes: number) => Buffer, app: string, channel: string): string {
  return `${random(8).toString('hex')}${nudgeTargetTag(app, channel)}`;
}

/**
 * A nudge's JSON text (an MQTT payload, a webhook body) as a value for verifyNudge, or null when it
 * is not one reading of JSON: a duplicate member name or nesting deeper than 8 (contracts 1, 2).
 */
export function parseNudgeText(text: string): unknown {
  try {
    return parseStrictJson(text, { maxDepth: DEVICE_JSON_MAX_DEPTH });
  } catch {
    return null;
  }
}
