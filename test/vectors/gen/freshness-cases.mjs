// Freshness vectors: what a device does with a verified manifest before deciding (docs/vectors.md).
// Order of the checks: app/channel, then expiry, then sequence. Expectations are written by hand.
import { manifest } from './fixtures.mjs';

const EXPIRES = '2026-01-08T00:00:00.000Z';
const ok = { ok: true };
const no = (reason) => ({ ok: false, reason });

export function freshnessCases() {
  const m = (o = {}) => manifest({ sequence: 7, expiresAt: EXPIRES, ...o });
  const c = (note, manifestPayload, state, expect) => ({ note, manifest: manifestPayload, state, expect });
  return [
    c('fresh: 1 ms before expires_at', m(), { now: '2026-01-07T23:59:59.999Z' }, ok),
    c('expired exactly at expires_at (the test is now >= expires_at)', m(), { now: EXPIRES }, no('ota.manifest.expired')),
    c('expired a day after', m(), { now: '2026-01-09T00:00:00.000Z' }, no('ota.manifest.expired')),
    c('no skew allowance on expiry: 1 ms past expires_at is expired', m(), { now: '2026-01-08T00:00:00.001Z' }, no('ota.manifest.expired')),
    c('skew: issued_at is not checked, so a device clock a day behind issued_at still accepts',
      m({ issuedAt: '2026-01-02T00:00:00.000Z' }), { now: '2026-01-01T00:00:00.000Z' }, ok),
    c('expires_at with a +02:00 offset is 22:00Z the day before: fresh 1 s before',
      m({ expiresAt: '2026-01-08T00:00:00+02:00' }), { now: '2026-01-07T21:59:59.000Z' }, ok),
    c('expires_at with a +02:00 offset: expired at 22:00Z', m({ expiresAt: '2026-01-08T00:00:00+02:00' }), { now: '2026-01-07T22:00:00.000Z' }, no('ota.manifest.expired')),
    c('expires_at with a -05:30 offset and no fraction: fresh 1 ms before 05:30Z',
      m({ expiresAt: '2026-01-08T00:00:00-05:30' }), { now: '2026-01-08T05:29:59.999Z' }, ok),
    c('now given with an offset (device local time): same instant as expires_at -> expired',
      m(), { now: '2026-01-08T01:00:00.000+01:00' }, no('ota.manifest.expired')),
    c('expires_at across a leap day', m({ expiresAt: '2028-02-29T12:00:00Z' }), { now: '2028-02-29T11:59:59.999Z' }, ok),
    c('sequence below the highest accepted: replay', m(), { now: '2026-01-02T00:00:00.000Z', highest_sequence: 8 }, no('ota.manifest.replay')),
    c('sequence equal to the highest accepted: the same manifest again, accepted', m(), { now: '2026-01-02T00:00:00.000Z', highest_sequence: 7 }, ok),
    c('sequence above the highest accepted', m(), { now: '2026-01-02T00:00:00.000Z', highest_sequence: 6 }, ok),
    c('no sequence accepted yet (first boot)', m(), { now: '2026-01-02T00:00:00.000Z' }, ok),
    c('large sequences compare as integers, not text', m({ sequence: 10 }), { now: '2026-01-02T00:00:00.000Z', highest_sequence: 9 }, ok),
    c('expired and a replay: expired is reported (expiry is checked first)', m(), { now: EXPIRES, highest_sequence: 8 }, no('ota.manifest.expired')),
    c('wrong app', m(), { now: '2026-01-02T00:00:00.000Z', app: 'com.example.other', channel: 'stable' }, no('ota.manifest.wrong_channel')),
    c('wrong channel', m(), { now: '2026-01-02T00:00:00.000Z', app: 'com.example.agent', channel: 'beta' }, no('ota.manifest.wrong_channel')),
    c('wrong channel and expired: wrong_channel first', m(), { now: EXPIRES, app: 'com.example.agent', channel: 'beta' }, no('ota.manifest.wrong_channel')),
    c('right app and channel', m({ channel: 'beta' }), { now: '2026-01-02T00:00:00.000Z', app: 'com.example.agent', channel: 'beta' }, ok),
  ];
}
