#!/usr/bin/env node
// Nudge test vectors shared by the TypeScript SDK and the device templates (Kotlin, C).
//
// Re-implements the nudge signature of docs/nudge.md on its own, with node:crypto only, and
// imports nothing from src/: the vectors check src/nudge/message.ts, they are not derived from it.
// Every case states its verdict explicitly.
//
//   node test/vectors/generate-nudge-vectors.mjs          # rewrite test/vectors/nudge.json
//   node test/vectors/generate-nudge-vectors.mjs --check  # exit 1 when the file is stale
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTORS_PATH = fileURLToPath(new URL('./nudge.json', import.meta.url));

// ---- The contract, independently ------------------------------------------------------------
const signingString = (m) => `v1\n${m.request_id}\n${m.device_id}\n${m.action}\n${m.issued_at}`;
const sign = (keyHex, m) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(signingString(m), 'utf8').digest('hex');
// ----------------------------------------------------------------------------------------------

const KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const OTHER_KEY = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
const DEVICE = { app: 'com.example.agent', channel: 'stable', device_id: 'A1B2-C3' };
const NOW = 1_750_000_000;

function message(over = {}, key = KEY) {
  const m = { action: 'update', app: DEVICE.app, channel: DEVICE.channel, request_id: '5f2b7c1e9a0d4c3b8e6f1a2d3c4b5a69', device_id: DEVICE.device_id, issued_at: NOW, ...over };
  const { sig: _drop, ...unsigned } = m;
  return { ...unsigned, sig: sign(key, unsigned) };
}

function vector(note, verdict, msg, extra = {}) {
  return { note, verdict, key_hex: KEY, device: DEVICE, now: NOW, seen_request_ids: [], ...extra, message: msg, signing_string: signingString(msg), expected_sig: sign(KEY, msg) };
}

export function buildVectors() {
  const valid = message();
  return {
    description: [
      'Nudge messages and what a device must do with each (docs/nudge.md). sig = lowercase hex HMAC-SHA256(key, signing_string).',
      'A device with key key_hex, identity `device` and clock `now` (unix s), whose replay cache holds seen_request_ids, gives `verdict`.',
      'expected_sig is the signature the message should carry under key_hex; it differs from message.sig exactly in the bad_sig cases.',
    ],
    window_seconds: 300,
    cases: [
      vector('valid, addressed to the device', 'valid', valid),
      vector('valid, to the whole channel ("*")', 'valid', message({ device_id: '*', request_id: '0123456789abcdef0123456789abcdef' })),
      vector('valid at the edge of the window (issued 300 s ago)', 'valid', message({ issued_at: NOW - 300 })),
      vector('valid at the edge of the window (300 s ahead)', 'valid', message({ issued_at: NOW + 300 })),
      vector('non-ASCII device id, signed as UTF-8', 'valid', message({ device_id: 'gerät-ü1' }), { device: { ...DEVICE, device_id: 'gerät-ü1' } }),
      vector('signed with another key', 'bad_sig', message({}, OTHER_KEY)),
      vector('request_id changed after signing', 'bad_sig', { ...valid, request_id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
      vector('issued_at changed after signing', 'bad_sig', { ...valid, issued_at: NOW + 1 }),
      vector('device_id changed to "*" after signing', 'bad_sig', { ...valid, device_id: '*' }),
      vector('stale: issued 301 s ago', 'stale', message({ issued_at: NOW - 301 })),
      vector('future: issued 301 s ahead', 'future', message({ issued_at: NOW + 301 })),
      vector('replay: the request id was accepted before', 'replay', valid, { seen_request_ids: [{ request_id: valid.request_id, issued_at: NOW }] }),
      vector('for another device', 'wrong_target', message({ device_id: 'Z9' })),
      vector('for another channel (app and channel are checked, not signed)', 'wrong_target', message({ channel: 'beta' })),
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
