#!/usr/bin/env node
// Vectors for what every client tells the access logs (docs/telemetry.md, issue 21), shared by the
// TypeScript SDK (src/protocol/beacon.ts, src/device/beacon.ts), the C core
// (templates/esp-idf/src/ota_telemetry.c) and Kotlin (templates/android/core/.../Telemetry.kt):
//   telemetry_id  d = hex SHA-256("otactl-device" ":" device_id)
//   check_url     the manifest URL with ?d=<id>&v=<running version code> (a query of its own kept after ours)
//   beacon_url    ../../beacons/<build>/<outcome>.txt beside the manifest, ?d=&c=&r= form-encoded
//   boot_outcome  which outcome a boot-validation step reports
// Every expectation is computed here with node:crypto or written by hand; nothing is imported from src/.
//
//   node test/vectors/generate-telemetry-vectors.mjs          # rewrite telemetry.json
//   node test/vectors/generate-telemetry-vectors.mjs --check  # exit 1 when it is stale
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TELEMETRY_VECTORS = fileURLToPath(new URL('./telemetry.json', import.meta.url));

const tid = (deviceId) => createHash('sha256').update('otactl-device:', 'utf8').update(deviceId, 'utf8').digest('hex');
const D = tid('esp-0001');
const BUILD = 'b-0123456789ab';

function cases() {
  const id = (note, device_id) => ({ kind: 'telemetry_id', note, device_id, telemetry_id: tid(device_id) });
  const check = (note, manifest_url, telemetry_id, version_code, url) => ({ kind: 'check_url', note, manifest_url, telemetry_id, version_code, url });
  const beacon = (note, manifest_url, outcome, channel, reason, url) => ({ kind: 'beacon_url', note, manifest_url, build_id: BUILD, outcome, telemetry_id: D, channel, reason, url });
  const boot = (note, action, reason, pending_boot, outcome, beacon_reason) => ({ kind: 'boot_outcome', note, action, reason, pending_boot, outcome, beacon_reason });
  const failure = (note, event, detail, outcome, beacon_reason) => ({ kind: 'failure_outcome', note, event, detail, outcome, beacon_reason });
  const M = 'https://cdn.example.com/ota/apps/com.example.agent/channels/stable/manifest.json';
  return [
    id('an ASCII id', 'esp-0001'),
    id('the bytes as given: no trimming or case folding', ' ESP-0001 '),
    id('UTF-8 of a non-ASCII id', 'gerät-ü-東京'),
    check('no query: ours is the query', M, D, 101, `${M}?d=${D}&v=101`),
    check('a query of its own is kept after ours (a CDN token)', `${M}?token=a%2Fb`, D, 7, `${M}?d=${D}&v=7&token=a%2Fb`),
    check('version code 0 and a caller-chosen id', M, 'fleet_HMAC-0123', 0, `${M}?d=fleet_HMAC-0123&v=0`),
    beacon('installed: no reason', M, 'ok', 'stable', null, `https://cdn.example.com/ota/apps/com.example.agent/beacons/${BUILD}/ok.txt?d=${D}&c=stable`),
    beacon('a deferral with its reason', M, 'deferred', 'stable', 'ota.defer.wifi', `https://cdn.example.com/ota/apps/com.example.agent/beacons/${BUILD}/deferred.txt?d=${D}&c=stable&r=ota.defer.wifi`),
    beacon(
      'the manifest query is not carried over; the reason is form-encoded (space as +, reserved bytes as %XX)',
      `${M}?d=${D}&v=1`,
      'fail',
      'stable',
      'disk full: 5% left/retry*',
      `https://cdn.example.com/ota/apps/com.example.agent/beacons/${BUILD}/fail.txt?d=${D}&c=stable&r=disk+full%3A+5%25+left%2Fretry*`,
    ),
    beacon('a reason longer than 64 characters is cut to 64', M, 'verify_fail', 'beta-2', 'E_VERIFY'.repeat(10), `https://cdn.example.com/ota/apps/com.example.agent/beacons/${BUILD}/verify_fail.txt?d=${D}&c=beta-2&r=${'E_VERIFY'.repeat(8)}`),
    beacon('a rollback reason', 'http://127.0.0.1:8080/apps/demo/channels/stable/manifest.json', 'rolled_back', 'stable', 'deadline', `http://127.0.0.1:8080/apps/demo/beacons/${BUILD}/rolled_back.txt?d=${D}&c=stable&r=deadline`),
    boot('the installed build started and waits to validate', 'none', null, true, 'booted', null),
    boot('nothing to report', 'none', null, false, null, null),
    boot('validated: a confirmed boot', 'mark_valid', null, false, 'healthy', null),
    boot('rolled back after too many restarts', 'rollback', 'boots', false, 'rolled_back', 'boots'),
    boot('rolled back after failed checks', 'rollback', 'failures', false, 'rolled_back', 'failures'),
    boot('rolled back past the deadline', 'rollback', 'deadline', false, 'rolled_back', 'deadline'),
    boot('the platform did not revert: rollback asked again', 'rollback', 'not_reverted', false, 'rolled_back', 'not_reverted'),
    boot('the previous build runs again', 'reverted', null, false, 'rolled_back', 'reverted'),
    failure('the installer refused the image: the reason the TypeScript SDK sends', 'ota.install.fail', 'ESP_ERR_OTA_VALIDATE_FAILED', 'fail', 'ota.install.fail'),
    failure('the digest did not match', 'ota.verify.fail', 'sha256 does not match the manifest', 'verify_fail', 'sha256'),
    failure('the image was shorter or longer than the manifest says', 'ota.verify.fail', 'size: incomplete image', 'verify_fail', 'size'),
    failure('another signer', 'ota.verify.fail', 'signer 3f2a is not the pinned one', 'verify_fail', 'signer'),
    failure('the image does not fit the build (chip, project): image', 'ota.verify.fail', 'the image is for chip 2, this is chip 9', 'verify_fail', 'image'),
    failure('a word that only starts like a check is not that check', 'ota.verify.fail', 'sizeable header', 'verify_fail', 'image'),
    failure('a failed download: nothing reached the installer, no beacon', 'ota.download.fail', 'HTTP 500', null, null),
  ];
}

export function buildTelemetryVectors() {
  return {
    description: [
      'What a client tells the access logs (docs/telemetry.md). kind telemetry_id: d = lowercase hex SHA-256(UTF-8("otactl-device") || ":" || UTF-8(device_id)).',
      'kind check_url: the manifest URL with "d=<telemetry_id>&v=<version_code>" as the start of its query (an existing query follows after "&").',
      'kind beacon_url: the manifest URL without query or fragment, its last three path segments (channels/<channel>/manifest.json) replaced by beacons/<build_id>/<outcome>.txt, then "?d=..&c=.." and "&r=.." when a reason is given; values form-encoded (A-Z a-z 0-9 * - . _ kept, space as +, every other byte %XX in upper case); the reason cut to 64 characters first (reasons are ASCII).',
      'kind boot_outcome: the outcome (and its reason) a boot-validation step reports; pending_boot: the step was a boot of the pending build with action none. null: nothing to send.',
      'kind failure_outcome (the C and Kotlin clients, which know a failure by the event they emit and its text): ota.install.fail -> fail with reason "ota.install.fail"; ota.verify.fail -> verify_fail with the check that failed: the detail\'s first word (up to a space or ":") when it is sha256, size or signer, else image; any other event -> null (no beacon). The TypeScript SDK sends the same reasons from the error it holds.',
      `outcomes: ${['ok', 'fail', 'verify_fail', 'booted', 'healthy', 'rolled_back', 'deferred', 'ineligible'].join(', ')}.`,
    ],
    contract_version: 1,
    cases: cases(),
  };
}

export function renderTelemetryVectors() {
  return `${JSON.stringify(buildTelemetryVectors(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderTelemetryVectors();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(TELEMETRY_VECTORS, 'utf8');
    } catch {}
    if (current !== text) {
      console.error('test/vectors/telemetry.json is stale: run node test/vectors/generate-telemetry-vectors.mjs');
      process.exit(1);
    }
  } else writeFileSync(TELEMETRY_VECTORS, text);
}
