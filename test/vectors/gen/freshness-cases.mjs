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
    c('expires_at with no fraction: fresh 1 ms before', m({ expiresAt: '2026-01-08T05:30:00Z' }), { now: '2026-01-08T05:29:59.999Z' }, ok),
    c('expires_at with a fraction of 4 digits is cut to ms, not rounded: expired at .999',
      m({ expiresAt: '2026-01-08T00:00:00.9999Z' }), { now: '2026-01-08T00:00:00.999Z' }, no('ota.manifest.expired')),
    c('expires_at with a fraction of 4 digits: fresh at .998', m({ expiresAt: '2026-01-08T00:00:00.9999Z' }), { now: '2026-01-08T00:00:00.998Z' }, ok),
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

/**
 * Timestamps as signed documents carry them (issued_at, expires_at; DESIGN.md contract 4): RFC 3339
 * in UTC with upper-case T and Z only, a real calendar date, seconds 00..59, any number of fraction
 * digits cut (not rounded) to milliseconds. A manifest with any other spelling is malformed.
 * `unix_ms` is the instant when valid, null otherwise. Written by hand; the TypeScript schema
 * (IsoTime) must agree before the file is written.
 */
export function timestampCases() {
  const t = (note, text, unixMs) => ({ note, text, valid: unixMs !== null, unix_ms: unixMs });
  const JAN8 = 1767830400000; // 2026-01-08T00:00:00Z
  return [
    t('whole seconds', '2026-01-08T00:00:00Z', JAN8),
    t('milliseconds, as otactl writes them', '2026-01-08T00:00:00.000Z', JAN8),
    t('one fraction digit is tenths', '2026-01-08T00:00:00.1Z', JAN8 + 100),
    t('fraction of 9 digits: cut to ms', '2026-01-08T00:00:00.123456789Z', JAN8 + 123),
    t('fraction of 12 digits: cut to ms', '2026-01-08T00:00:00.999999999999Z', JAN8 + 999),
    t('last ms of a day', '2026-01-08T23:59:59.999Z', JAN8 + 86_399_999),
    t('second 59', '2026-01-08T00:00:59Z', JAN8 + 59_000),
    t('Feb 29 of a leap year', '2028-02-29T12:00:00Z', 1835438400000),
    t('Feb 29 of 2000 (divisible by 400)', '2000-02-29T00:00:00Z', 951782400000),
    t('the epoch', '1970-01-01T00:00:00Z', 0),
    t('1 ms before the epoch', '1969-12-31T23:59:59.999Z', -1),
    t('year 0000, the first instant RFC 3339 can write', '0000-01-01T00:00:00Z', -62167219200000),
    t('Feb 29 of year 0000 (divisible by 400)', '0000-02-29T00:00:00Z', -62162121600000),
    t('Feb 29 of 2400 (divisible by 400)', '2400-02-29T00:00:00Z', 13574563200000),
    t('the last ms of year 9999', '9999-12-31T23:59:59.999Z', 253402300799999),
    t('a fraction of 30 digits: cut to ms', '2026-01-08T00:00:00.987654321098765432109876543210Z', JAN8 + 987),
    t('Feb 29 of 2100 (divisible by 100, not 400)', '2100-02-29T00:00:00Z', null),
    t('a full-width digit in the year', '２026-01-08T00:00:00Z', null),
    t('Arabic-Indic digits in the fraction', '2026-01-08T00:00:00.١٢٣Z', null),
    t('Feb 31 does not exist', '2026-02-31T00:00:00Z', null),
    t('Feb 29 of a common year', '2026-02-29T00:00:00Z', null),
    t('Feb 29 of 1900 (divisible by 100, not 400)', '1900-02-29T00:00:00Z', null),
    t('April 31 does not exist', '2026-04-31T00:00:00Z', null),
    t('day 00', '2026-01-00T00:00:00Z', null),
    t('month 00', '2026-00-08T00:00:00Z', null),
    t('month 13', '2026-13-08T00:00:00Z', null),
    t('second 60 (a leap second is not accepted)', '2026-01-08T23:59:60Z', null),
    t('minute 60', '2026-01-08T00:60:00Z', null),
    t('hour 24', '2026-01-08T24:00:00Z', null),
    t('lower-case t', '2026-01-08t00:00:00Z', null),
    t('lower-case z', '2026-01-08T00:00:00z', null),
    t('lower-case t and z', '2026-01-08t00:00:00z', null),
    t('a space for T', '2026-01-08 00:00:00Z', null),
    t('an offset of +00:00 (UTC, but not spelled Z)', '2026-01-08T00:00:00+00:00', null),
    t('an offset of +02:00', '2026-01-08T02:00:00+02:00', null),
    t('an offset of -05:30', '2026-01-07T18:30:00-05:30', null),
    t('an offset without a colon', '2026-01-08T00:00:00+0000', null),
    t('no time zone', '2026-01-08T00:00:00', null),
    t('no seconds', '2026-01-08T00:00Z', null),
    t('date only', '2026-01-08', null),
    t('one-digit month', '2026-1-08T00:00:00Z', null),
    t('a fraction point with no digits', '2026-01-08T00:00:00.Z', null),
    t('a comma for the fraction point', '2026-01-08T00:00:00,5Z', null),
    t('a 5-digit year', '+02026-01-08T00:00:00Z', null),
    t('a leading space', ' 2026-01-08T00:00:00Z', null),
    t('a trailing space', '2026-01-08T00:00:00Z ', null),
    t('Z twice', '2026-01-08T00:00:00ZZ', null),
    t('empty', '', null),
  ];
}
