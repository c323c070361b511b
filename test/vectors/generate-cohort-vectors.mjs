#!/usr/bin/env node
// Cohort test vectors shared by the TypeScript, Kotlin (Android) and C (ESP-IDF) clients.
//
// This generator re-implements the cohort contract of DESIGN.md on its own, with node:crypto only,
// and imports nothing from src/: the vectors check src/protocol/cohort.ts, they are not derived from it.
//
//   node test/vectors/generate-cohort-vectors.mjs          # rewrite test/vectors/cohort.json
//   node test/vectors/generate-cohort-vectors.mjs --check  # exit 1 when the file is stale
//
// test/core/cohort-vectors.test.ts checks that cohort.json is byte-for-byte what this produces.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTORS_PATH = fileURLToPath(new URL('./cohort.json', import.meta.url));

// ---- The contract, independently (3 lines) --------------------------------------------------
const digest = (salt, id) => createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'utf8'), Buffer.from([0x3a]), Buffer.from(id, 'utf8')])).digest();
const bucketOf = (h) => ((h[0] * 2 ** 24) + (h[1] << 16) + (h[2] << 8) + h[3]) % 10000;
// Basis points from the decimal text of the percent (exact, no float): "9.99" -> 999.
const basisPoints = (text) => {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`bad percent ${text}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
};
// ----------------------------------------------------------------------------------------------

function vector(salt, deviceId, percentText, note) {
  const h = digest(salt, deviceId);
  const bucket = bucketOf(h);
  return {
    note,
    salt,
    device_id: deviceId,
    device_id_utf8_hex: Buffer.from(deviceId, 'utf8').toString('hex'),
    sha256_hex: h.toString('hex'),
    bucket,
    percent: Number(percentText),
    basis_points: basisPoints(percentText),
    in_rollout: bucket < basisPoints(percentText),
  };
}

/** For each wanted bucket, the first id `${prefix}${n}` (n = 0, 1, ...) that lands in it under salt. */
function searchIds(salt, prefix, buckets) {
  const found = new Map();
  const wanted = new Set(buckets);
  for (let n = 0; found.size < wanted.size; n++) {
    if (n > 5_000_000) throw new Error('bucket search did not finish');
    const id = `${prefix}${n}`;
    const b = bucketOf(digest(salt, id));
    if (wanted.has(b) && !found.has(b)) found.set(b, id);
  }
  return found;
}

// ---- Device ids (DESIGN.md contract 3), independently -----------------------------------------
/** The id as UTF-16 code units (what TypeScript and Kotlin strings hold), 4 hex digits each. */
const utf16Hex = (units) => units.map((u) => u.toString(16).padStart(4, '0')).join('');
const unitsOf = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
/** WTF-8: UTF-8 applied to every code unit that is not part of a pair (a lone surrogate -> ED xx xx). */
function wtf8(units) {
  const out = [];
  for (let i = 0; i < units.length; i++) {
    let cp = units[i];
    if (cp >= 0xd800 && cp <= 0xdbff && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (units[++i] - 0xdc00);
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Buffer.from(out);
}

/**
 * Each case: `utf8_hex` (the bytes a byte-oriented client such as C is given; a lone surrogate as
 * ED A0 80..., which is not UTF-8), `utf16_hex` (the code units a string client such as TypeScript
 * or Kotlin is given; null when the bytes are not text at all), `valid`, and for a valid id its
 * `bucket` under `salt` (it hashes like any other id).
 */
function deviceIdCases(salt) {
  const cases = [];
  const fromString = (note, s, valid) => {
    const units = unitsOf(s);
    const bytes = wtf8(units);
    cases.push({ note, utf8_hex: bytes.toString('hex'), utf16_hex: utf16Hex(units), valid, salt, bucket: valid ? bucketOf(digest(salt, s)) : null });
  };
  const fromBytes = (note, hex) => cases.push({ note, utf8_hex: hex, utf16_hex: null, valid: false, salt, bucket: null });
  fromString('one byte', 'a', true);
  fromString('256 bytes of ASCII: the longest', 'd'.repeat(256), true);
  fromString('257 bytes of ASCII: one too many', 'd'.repeat(257), false);
  fromString('128 x "é" = 256 bytes (128 characters)', 'é'.repeat(128), true);
  fromString('128 x "é" + "a" = 257 bytes, only 129 characters: the bound is on bytes', `${'é'.repeat(128)}a`, false);
  fromString('64 emoji = 256 bytes (128 UTF-16 units)', '📱'.repeat(64), true);
  fromString('64 emoji + "a" = 257 bytes', `${'📱'.repeat(64)}a`, false);
  fromString('non-ASCII: é precomposed', 'café-01', true);
  fromString('non-ASCII: CJK', '设备-北京-001', true);
  fromString('non-ASCII: an emoji (a surrogate pair in UTF-16, 4 bytes of UTF-8)', '📱-device', true);
  fromString('spaces are fine, never trimmed', ' device 42 ', true);
  fromString('U+0085 (a C1 control) is not in the excluded range', 'dev\u0085ice', true);
  fromString('U+FEFF and U+FFFF are well-formed', '\ufeffdev\uffff', true);
  fromString('empty', '', false);
  fromString('NUL inside', 'dev\u0000ice', false);
  fromString('a trailing newline', 'device-42\n', false);
  fromString('a trailing tab', 'device-42\t', false);
  fromString('U+001F (unit separator)', 'dev\u001fice', false);
  fromString('U+007F (DEL)', 'device\u007f', false);
  fromString('a lone high surrogate', 'dev\ud800ice', false);
  fromString('a lone low surrogate', 'dev\udc00ice', false);
  fromString('a high surrogate at the end (half an emoji)', 'device-\ud83d', false);
  fromString('a surrogate pair in the wrong order', 'dev\udcf1\ud83dice', false);
  fromBytes('not UTF-8: a lone continuation byte', '64657680696365');
  fromBytes('not UTF-8: 0xFF', '646576ff');
  fromBytes('not UTF-8: an overlong "/" (C0 AF)', '646576c0af');
  fromBytes('not UTF-8: a truncated 3-byte sequence at the end', '646576e282');
  fromBytes('not UTF-8: above U+10FFFF (F4 90 80 80)', '646576f4908080');
  // A reviewer's edges (issue 16): the byte bound met by 4-byte sequences, more overlong and non-UTF-8 forms.
  fromString('252 x "a" + an emoji = 256 bytes exactly, ending in a 4-byte sequence', `${'a'.repeat(252)}📱`, true);
  fromString('253 x "a" + an emoji = 257 bytes (255 UTF-16 units)', `${'a'.repeat(253)}📱`, false);
  fromString('U+10FFFF, the last code point (F4 8F BF BF)', 'dev\u{10ffff}', true);
  fromBytes('not UTF-8: 254 x "a" + the first two bytes of an emoji (an id cut at 256 bytes)', `${'61'.repeat(254)}f09f`);
  fromBytes('not UTF-8: an overlong 3-byte "/" (E0 80 AF)', '646576e080af');
  fromBytes('not UTF-8: an overlong 4-byte "/" (F0 80 80 AF)', '646576f08080af');
  fromBytes('not UTF-8: an overlong NUL (C0 80, "modified UTF-8")', '646576c080696365');
  fromBytes('not UTF-8: a 5-byte form (F8 88 80 80 80)', '646576f888808080');
  fromBytes('not UTF-8: an emoji as CESU-8 (a surrogate pair, each half as 3 bytes)', '646576eda0bdedb3b1');
  return cases;
}

let built;
export function buildVectors() {
  built ??= build();
  return structuredClone(built);
}

function build() {
  const SALT = '9f2c4e1a7b3d5f60'; // a salt as promote draws them: 16 hex characters
  const cases = [];
  const add = (salt, id, pct, note) => cases.push(vector(salt, id, pct, note));

  // Ordinary ids at the usual steps.
  add(SALT, 'android-5f3c9a1be2d04c77', '10', 'Android ID style');
  add(SALT, '240AC4A1B2C3', '10', 'ESP32 MAC style, upper case');
  add(SALT, '240ac4a1b2c3', '10', 'same MAC in lower case: a different device id (no case folding)');
  add(SALT, 'Device-42', '50', 'mixed case');
  add(SALT, 'device-42', '50', 'lower case of the previous id: a different bucket in general');
  add(SALT, 'DEVICE-42', '50', 'upper case');
  add(SALT, '356938035643809', '25', 'IMEI style, digits only');

  // Whitespace: never trimmed (an empty id, a newline or a tab is not a device id: device_ids below).
  add(SALT, ' ', '50', 'a single space');
  add(SALT, 'device 42', '50', 'inner space');
  add(SALT, 'device-42 ', '50', 'trailing space, never trimmed');
  add(SALT, ' device-42', '50', 'leading space, never trimmed');
  add(SALT, 'x'.repeat(256), '50', 'the longest device id: 256 bytes');
  add(SALT, 'é'.repeat(128), '50', 'the longest device id in 2-byte characters: 128 characters, 256 bytes');

  // Colons: the separator is one 0x3A byte, no escaping, so these collide on purpose.
  add(SALT, 'a:b', '10', 'device id containing ":"');
  add(SALT, ':', '10', 'device id that is only ":"');
  add('salt:a', 'b', '10', 'salt containing ":"; same bytes as salt "salt" + id "a:b"');
  add('salt', 'a:b', '10', 'same hashed bytes as the previous vector, so the same bucket');

  // Unicode: UTF-8 bytes of the id as reported (no normalization).
  add(SALT, 'café', '50', 'é as U+00E9 (precomposed), UTF-8 c3 a9');
  add(SALT, 'cafe\u0301', '50', 'é as e + U+0301 (combining): a different id, no Unicode normalization');
  add(SALT, '📱-device', '50', 'emoji outside the BMP: 4 UTF-8 bytes (a surrogate pair in UTF-16)');
  add(SALT, '设备-北京-001', '50', 'CJK');
  add(SALT, 'Ωμέγα', '50', 'Greek');

  // Percent edge values on fixed ids.
  for (const pct of ['0', '0.01', '1', '9.99', '10', '33.33', '50', '99.99', '100']) {
    add(SALT, 'fleet-device-0001', pct, `same device at ${pct}%`);
  }
  add('0123456789abcdef', 'fleet-device-0001', '10', 'same device under another salt: another bucket');

  // Buckets right at the threshold: bucket = bp - 1 is in, bucket = bp is out (the test is "<").
  // Includes percents whose value * 100 is not exact in binary floating point (0.29 * 100 =
  // 28.999999999999996, 4.35 * 100 = 434.99999999999994): clients must round, not truncate.
  const edgePercents = ['0', '0.01', '0.29', '1', '4.35', '9.99', '10', '33.33', '50', '99.99', '100'];
  const targets = edgePercents.flatMap((p) => [basisPoints(p) - 1, basisPoints(p)]).filter((b) => b >= 0 && b <= 9999);
  const edge = searchIds(SALT, 'edge-', targets);
  for (const pct of edgePercents) {
    const bp = basisPoints(pct);
    if (bp - 1 >= 0) add(SALT, edge.get(bp - 1), pct, `bucket ${bp - 1} = basis points - 1: in`);
    if (bp <= 9999) add(SALT, edge.get(bp), pct, `bucket ${bp} = basis points: out`);
  }
  add(SALT, edge.get(0), '0', 'bucket 0 at 0%: out (nobody is in at 0%)');
  add(SALT, edge.get(9999), '100', 'bucket 9999 at 100%: in (everybody is in at 100%)');

  return {
    description: [
      'Cohort contract of otactl (DESIGN.md), shared by every client:',
      '  h = SHA-256( UTF-8(salt) || 0x3A || UTF-8(device_id) )',
      '  bucket = uint32_big_endian(h[0..4]) mod 10000',
      '  in_rollout <=> bucket < round(percent * 100)',
      'device_id is used exactly as reported: no trimming, no case folding, no Unicode normalization.',
      'basis_points = round(percent * 100), given exactly; sha256_hex is the digest h; device_id_utf8_hex',
      'is the UTF-8 bytes of device_id. Generated by test/vectors/generate-cohort-vectors.mjs; do not edit.',
      'device_ids: what a device id is (contract 3): 1..256 bytes of well-formed UTF-8, no control character',
      '(U+0000..U+001F, U+007F). Every client refuses the others wherever it takes a device id. See docs/vectors.md.',
    ],
    contract_version: 1,
    cases,
    device_ids: deviceIdCases(SALT),
  };
}

export function renderVectors() {
  return `${JSON.stringify(buildVectors(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderVectors();
  if (process.argv.includes('--check')) {
    const current = readFileSync(VECTORS_PATH, 'utf8');
    if (current !== text) {
      console.error('test/vectors/cohort.json is stale: run node test/vectors/generate-cohort-vectors.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(VECTORS_PATH, text);
    console.log(`wrote ${VECTORS_PATH} (${buildVectors().cases.length} cases)`);
  }
}
