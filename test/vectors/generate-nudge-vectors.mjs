#!/usr/bin/env node
// Nudge test vectors shared by the TypeScript SDK and the device templates (Kotlin, C).
//
// Re-implements the nudge signature of docs/nudge.md on its own, with node:crypto only, and
// imports nothing from src/: the vectors check src/protocol/nudge-message.ts, they are not derived from it.
// Every case states its verdict explicitly.
//
//   node test/vectors/generate-nudge-vectors.mjs          # rewrite test/vectors/nudge.json
//   node test/vectors/generate-nudge-vectors.mjs --check  # exit 1 when the file is stale
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTORS_PATH = fileURLToPath(new URL('./nudge.json', import.meta.url));

// ---- The contract, independently ------------------------------------------------------------
const signingString = (m) => `v1\n${m.request_id}\n${m.device_id}\n${m.action}\n${m.issued_at}`;
const sign = (keyHex, m) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(signingString(m), 'utf8').digest('hex');
// DESIGN.md contract 6: request_id = 16 hex of randomness + the first 16 hex of this digest.
const targetTag = (app, channel) => createHash('sha256').update(`otactl-nudge-target\n${app}\n${channel}`, 'utf8').digest('hex').slice(0, 16);
// ----------------------------------------------------------------------------------------------

const KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const OTHER_KEY = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
const DEVICE = { app: 'com.example.agent', channel: 'stable', device_id: 'A1B2-C3' };
/** Another app and another channel of the same fleet key: where a captured nudge could be pointed. */
const OTHER_APP = 'com.example.kiosk';
const OTHER_CHANNEL = 'beta';
const NOW = 1_750_000_000;
/** The random halves of request ids. */
const R1 = '5f2b7c1e9a0d4c3b';
const R2 = '0123456789abcdef';
/** A request id from before the binding: 32 random hex digits, no tag. */
const UNBOUND_ID = '5f2b7c1e9a0d4c3b8e6f1a2d3c4b5a69';

const bound = (random, app = DEVICE.app, channel = DEVICE.channel) => `${random}${targetTag(app, channel)}`;

function message(over = {}, key = KEY) {
  const m = { action: 'update', app: DEVICE.app, channel: DEVICE.channel, request_id: bound(R1), device_id: DEVICE.device_id, issued_at: NOW, ...over };
  const { sig: _drop, ...unsigned } = m;
  return { ...unsigned, sig: sign(key, unsigned) };
}

function vector(note, verdict, msg, extra = {}) {
  const device = extra.device ?? DEVICE;
  return {
    note,
    verdict,
    key_hex: KEY,
    device,
    device_tag: targetTag(device.app, device.channel),
    now: NOW,
    seen_request_ids: [],
    ...extra,
    message: msg,
    signing_string: signingString(msg),
    expected_sig: sign(KEY, msg),
  };
}

/** The message as JSON text with its members in this order (keys may repeat; raw JSON text allowed). */
const members = (pairs) => `{${pairs.map(([k, v]) => `${k.startsWith('"') ? k : JSON.stringify(k)}:${v}`).join(',')}}`;
const pairsOf = (m) => Object.entries(m).map(([k, v]) => [k, JSON.stringify(v)]);
/** `pairs` with the member `name` replaced by `replacement` (several pairs allowed). */
const replaced = (pairs, name, replacement) => pairs.flatMap((p) => (p[0] === name ? replacement : [p]));

/** A text case: the device receives `text`; `message` is the signed message it was made from. */
const textVector = (note, verdict, msg, text, extra = {}) => vector(note, verdict, msg, { ...extra, message_text: text });

export function buildVectors() {
  const valid = message();
  const otherAppDevice = { ...DEVICE, app: OTHER_APP };
  const otherChannelDevice = { ...DEVICE, channel: OTHER_CHANNEL };
  const tricky = '[[[[[[[[[[{{{{{{{{{{"\\]]}}';
  const id256 = 'ü'.repeat(128); // 256 bytes of UTF-8, 128 UTF-16 units
  const id257 = `${id256}a`;
  return {
    description: [
      'Nudge messages and what a device must do with each (docs/nudge.md). sig = lowercase hex HMAC-SHA256(key, signing_string).',
      'A device with key key_hex, identity `device` and clock `now` (unix s), whose replay cache holds seen_request_ids, gives `verdict`.',
      'device_tag = first 16 hex of SHA-256(UTF-8("otactl-nudge-target\\n" + device.app + "\\n" + device.channel)); a request_id must end with it.',
      'The device verifies message_text when a case has one, else the JSON serialization of message; with message_text, message is the signed message the text was made from.',
      'expected_sig is the signature the message should carry under key_hex; it differs from message.sig exactly in the bad_sig cases.',
    ],
    window_seconds: 300,
    target_tag_prefix: 'otactl-nudge-target\n',
    max_depth: 8,
    cases: [
      vector('valid, addressed to the device', 'valid', valid),
      vector('valid, to the whole channel ("*")', 'valid', message({ device_id: '*', request_id: bound(R2) })),
      vector('valid at the edge of the window (issued 300 s ago)', 'valid', message({ issued_at: NOW - 300 })),
      vector('valid at the edge of the window (300 s ahead)', 'valid', message({ issued_at: NOW + 300 })),
      vector('non-ASCII device id, signed as UTF-8', 'valid', message({ device_id: 'gerät-ü1' }), { device: { ...DEVICE, device_id: 'gerät-ü1' } }),
      vector('valid, for a device of another app sharing the key (its own tag)', 'valid', message({ app: OTHER_APP, request_id: bound(R1, OTHER_APP) }), { device: otherAppDevice }),
      vector('signed with another key', 'bad_sig', message({}, OTHER_KEY)),
      vector('request_id changed after signing', 'bad_sig', { ...valid, request_id: bound('aaaaaaaaaaaaaaaa') }),
      vector('issued_at changed after signing', 'bad_sig', { ...valid, issued_at: NOW + 1 }),
      vector('device_id changed to "*" after signing', 'bad_sig', { ...valid, device_id: '*' }),
      vector('stale: issued 301 s ago', 'stale', message({ issued_at: NOW - 301 })),
      vector('future: issued 301 s ahead', 'future', message({ issued_at: NOW + 301 })),
      vector('replay: the request id was accepted before', 'replay', valid, { seen_request_ids: [{ request_id: valid.request_id, issued_at: NOW }] }),
      vector('for another device', 'wrong_target', message({ device_id: 'Z9' })),
      vector('for another channel (the unsigned channel field differs)', 'wrong_target', message({ channel: OTHER_CHANNEL })),
      // Contract 6: the app and channel fields are not signed, the tag in request_id is.
      vector('captured for app A, its app field pointed at app B (same key): the tag is A\'s', 'wrong_target', { ...valid, app: OTHER_APP }, { device: otherAppDevice }),
      vector('captured for channel stable, its channel field pointed at channel beta: the tag is stable\'s', 'wrong_target', { ...valid, channel: OTHER_CHANNEL }, { device: otherChannelDevice }),
      vector('captured "*" nudge of app A pointed at every device of app B', 'wrong_target', { ...message({ device_id: '*', request_id: bound(R2) }), app: OTHER_APP }, { device: otherAppDevice }),
      vector('old-style request_id (32 random hex, no tag), correctly signed', 'wrong_target', message({ request_id: UNBOUND_ID })),
      vector('request_id tagged for another channel of the same app', 'wrong_target', message({ request_id: bound(R1, DEVICE.app, OTHER_CHANNEL) })),
      vector('request_id with its tag in uppercase', 'malformed', message({ request_id: bound(R1).toUpperCase() })),
      // Contract 1: one reading. JSON.parse takes the last of two equal names, cJSON the first.
      textVector('duplicate "device_id", the signed value first', 'malformed', valid, members(replaced(pairsOf(valid), 'device_id', [['device_id', '"A1B2-C3"'], ['device_id', '"*"']]))),
      textVector('duplicate "device_id", the signed value last', 'malformed', valid, members(replaced(pairsOf(valid), 'device_id', [['device_id', '"Z9"'], ['device_id', '"A1B2-C3"']]))),
      textVector('duplicate "device_id", the second spelled with an escape (device\\u005fid)', 'malformed', valid, members(replaced(pairsOf(valid), 'device_id', [['device_id', '"Z9"'], ['"device\\u005fid"', '"A1B2-C3"']]))),
      textVector('duplicate "sig", both equal', 'malformed', valid, members([...pairsOf(valid), ['sig', JSON.stringify(valid.sig)]])),
      // Contract 2: at most 8 levels, counted outside strings, before any recursive parser.
      textVector('the valid message inside 8 arrays (9 levels)', 'malformed', valid, `${'['.repeat(8)}${JSON.stringify(valid)}${']'.repeat(8)}`),
      textVector('10,000 unclosed "[" (a recursive parser on a device runs out of stack)', 'malformed', valid, '['.repeat(10_000)),
      textVector('2,000 nested objects, closed', 'malformed', valid, `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`),
      vector('brackets, braces, quotes and backslashes inside a string do not nest', 'valid', message({ device_id: tricky }), { device: { ...DEVICE, device_id: tricky } }),
      // Contract 3 and long strings.
      vector('device id of 256 bytes of UTF-8 (128 x "ü")', 'valid', message({ device_id: id256 }), { device: { ...DEVICE, device_id: id256 } }),
      vector('device id of 257 bytes of UTF-8 (129 UTF-16 units)', 'malformed', message({ device_id: id257 }), { device: { ...DEVICE, device_id: id257 } }),
      textVector('device id of 16,384 bytes', 'malformed', valid, members(replaced(pairsOf(valid), 'device_id', [['device_id', JSON.stringify('A'.repeat(16_384))]]))),
      vector('device id with a control character (U+0007)', 'malformed', message({ device_id: 'A1B2\u0007C3' })),
      textVector('device id with a lone surrogate (\\ud800)', 'malformed', valid, members(replaced(pairsOf(valid), 'device_id', [['device_id', '"A1B2-\\ud800"']]))),
      textVector('sig of 16,384 hex digits', 'malformed', valid, members(replaced(pairsOf(valid), 'sig', [['sig', JSON.stringify('0'.repeat(16_384))]]))),
      textVector('request_id of 16,384 hex digits', 'malformed', valid, members(replaced(pairsOf(valid), 'request_id', [['request_id', JSON.stringify('0'.repeat(16_384))]]))),
      textVector('issued_at as a string in JSON text (only FCM data carries strings)', 'malformed', valid, members(replaced(pairsOf(valid), 'issued_at', [['issued_at', JSON.stringify(String(NOW))]]))),
      // A reviewer's text (issue 16): escapes a byte-oriented client cannot hold are refused everywhere
      // (cJSON would cut "app\u0000x" to the device's own app); number spellings of issued_at.
      textVector('app field with "\\u0000" and more after the device\'s app (one app in a client that cuts at U+0000)', 'malformed', valid, members(replaced(pairsOf(valid), 'app', [['app', `${JSON.stringify(valid.app).slice(0, -1)}\\u0000x"`]]))),
      textVector('channel field with a lone surrogate escape', 'malformed', valid, members(replaced(pairsOf(valid), 'channel', [['channel', `${JSON.stringify(valid.channel).slice(0, -1)}\\udc00"`]]))),
      textVector(`issued_at written as ${NOW}.0 (the same number)`, 'valid', valid, members(replaced(pairsOf(valid), 'issued_at', [['issued_at', `${NOW}.0`]]))),
      textVector(`issued_at written as ${NOW / 100}e2 (the same number)`, 'valid', valid, members(replaced(pairsOf(valid), 'issued_at', [['issued_at', `${NOW / 100}e2`]]))),
      textVector('issued_at written as -0 under a signature over the current time: the signing string has 0', 'bad_sig', valid, members(replaced(pairsOf(valid), 'issued_at', [['issued_at', '-0']]))),
      textVector('issued_at written as -0 under a signature over 0: the signing string has "0", the window refuses it', 'stale', message({ issued_at: 0 }), members(replaced(pairsOf(message({ issued_at: 0 })), 'issued_at', [['issued_at', '-0']]))),
      textVector('issued_at of 1e400 (not a finite number)', 'malformed', valid, members(replaced(pairsOf(valid), 'issued_at', [['issued_at', '1e400']]))),
    ],
  };
}

export function renderVectors() {
  return `${JSON.stringify(buildVectors(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderVectors();
  if (process.argv.includes('--check')) {
    if (readFileSync(VECTORS_PATH, 'utf8') !== text) {
      process.stderr.write('test/vectors/nudge.json is stale: run node test/vectors/generate-nudge-vectors.mjs\n');
      process.exit(1);
    }
  } else {
    writeFileSync(VECTORS_PATH, text);
  }
}
