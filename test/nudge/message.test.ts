import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNudge, newRequestId, nudgeSignature, nudgeTargetTag, NUDGE_WINDOW_SECONDS, ReplayCache, signingString, verifyNudge } from '../../src/protocol/nudge-message.js';
import { parseHmacKey } from '../../src/nudge/key.js';
import { decodeNudge } from '../../src/device/nudge.js';
import { buildVectors, renderVectors, VECTORS_PATH } from '../vectors/generate-nudge-vectors.mjs';

describe('shared nudge vectors (test/vectors/nudge.json)', () => {
  it('the file is what its generator writes', () => {
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(renderVectors());
  });

  const { cases, window_seconds } = buildVectors();
  it('the window is the verifier\'s', () => expect(window_seconds).toBe(NUDGE_WINDOW_SECONDS));

  for (const v of cases) {
    it(`${v.verdict}: ${v.note}`, () => {
      const key = Buffer.from(v.key_hex, 'hex');
      expect(signingString(v.message as never)).toBe(v.signing_string);
      expect(nudgeSignature(key, v.message as never)).toBe(v.expected_sig);
      expect(nudgeTargetTag(v.device.app, v.device.channel)).toBe(v.device_tag);
      const replay = new ReplayCache();
      for (const s of v.seen_request_ids) expect(replay.admit(s.request_id, s.issued_at, v.now)).toBe('new');
      // As a device receives it: the text (MQTT payload, webhook body) through the SDK's decoder.
      const text = v.message_text ?? JSON.stringify(v.message);
      const verdict = verifyNudge(decodeNudge(Buffer.from(text, 'utf8')), { key, app: v.device.app, channel: v.device.channel, deviceId: v.device.device_id, now: v.now, replay });
      expect(verdict.ok ? 'valid' : verdict.reason).toBe(v.verdict);
    });
  }
});

describe('nudge messages', () => {
  const key = Buffer.alloc(32, 7);
  const ctx = (now: number, replay = new ReplayCache()) => ({ key, app: 'a', channel: 'c', deviceId: 'd', now, replay });
  const fresh = (id: string, at = 1000) => buildNudge(key, { app: 'a', channel: 'c', deviceId: 'd', issuedAt: at, requestId: `${id.padStart(16, '0')}${nudgeTargetTag('a', 'c')}` });

  it('a request id is 8 fresh random bytes, then the tag of its app and channel', () => {
    const asked: number[] = [];
    const id = newRequestId((n) => (asked.push(n), Buffer.alloc(n, 0xab)), 'com.example.agent', 'stable');
    expect(asked).toEqual([8]);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id.slice(0, 16)).toBe('ab'.repeat(8));
    expect(id.slice(16)).toBe(nudgeTargetTag('com.example.agent', 'stable'));
    // The tag separates app from channel: ("a.b", "c") and ("a", "b.c") never share one.
    expect(nudgeTargetTag('a.b', 'c')).not.toBe(nudgeTargetTag('a', 'b.c'));
  });

  it('a captured nudge, pointed at another app or channel sharing the key, is refused', () => {
    const m = fresh('1');
    for (const [app, channel] of [['b', 'c'], ['a', 'x']] as const) {
      const pointed = { ...m, app, channel };
      expect(verifyNudge(pointed, { ...ctx(1000), app, channel })).toMatchObject({ ok: false, reason: 'wrong_target' });
    }
  });

  it('FCM data (every value a string) verifies once decoded', () => {
    const m = fresh('1');
    const data = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
    expect(verifyNudge(decodeNudge(data), ctx(1000)).ok).toBe(true);
    expect(verifyNudge(data, ctx(1000))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('the replay cache forgets ids outside the window and refuses new ones when full of live ids', () => {
    const replay = new ReplayCache(3);
    for (const id of ['1', '2', '3']) expect(verifyNudge(fresh(id, 1000), ctx(1000, replay)).ok).toBe(true);
    expect(verifyNudge(fresh('4', 1000), ctx(1000, replay))).toMatchObject({ ok: false, reason: 'flood' });
    // 301 s later the old ids are stale anyway: they are forgotten to make room.
    expect(verifyNudge(fresh('5', 1301), ctx(1301, replay)).ok).toBe(true);
    expect(replay.size).toBe(1);
    expect(verifyNudge(fresh('5', 1301), ctx(1301, replay))).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('forgeries never enter the replay cache', () => {
    const replay = new ReplayCache(1);
    expect(verifyNudge({ ...fresh('1'), sig: 'f'.repeat(64) }, ctx(1000, replay))).toMatchObject({ reason: 'bad_sig' });
    expect(replay.size).toBe(0);
  });

  it('HMAC keys: hex text is decoded, other bytes are raw, short keys refused', () => {
    expect(parseHmacKey(Buffer.from(`${'ab'.repeat(32)}\n`), 'k')).toEqual(Buffer.alloc(32, 0xab));
    const raw = Buffer.alloc(40, 0x01);
    expect(parseHmacKey(raw, 'k')).toEqual(raw);
    expect(() => parseHmacKey(Buffer.alloc(16), 'k')).toThrow(/16 bytes; use at least 32/);
    expect(() => parseHmacKey(Buffer.from('not hex'), '$ENV', true)).toThrow(/exactly 64 hex digits/);
  });

  it('HMAC keys: text that is not exactly 64 hex digits is refused, never read as raw bytes', () => {
    expect(parseHmacKey(Buffer.from(`  ${'C3'.repeat(32)}\r\n`), 'k')).toEqual(Buffer.alloc(32, 0xc3));
    for (const text of ['7e'.repeat(31), `${'7e'.repeat(31)}7\n`, '5a'.repeat(33), '9f'.repeat(48), `0x${'9f'.repeat(32)}`, `${'9f'.repeat(16)} ${'9f'.repeat(16)}`, 'correct horse battery staple, twice over!!']) {
      expect(() => parseHmacKey(Buffer.from(text), 'key.txt'), text).toThrow(/exactly 64 hex digits/);
      expect(() => parseHmacKey(Buffer.from(text), '$K', true), text).toThrow(/exactly 64 hex digits/);
    }
    expect(() => parseHmacKey(Buffer.from('1'.repeat(62)), 'k')).toThrow(/holds 62 hex digits/);
  });
});
