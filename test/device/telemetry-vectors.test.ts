/**
 * test/vectors/telemetry.json against the TypeScript client: the telemetry id, the check URL, the
 * beacon URL and the outcome of each boot-validation step (the C and Kotlin harnesses run the same file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { beaconUrl } from '../../src/device/beacon.js';
import { bootOutcome, type BootAction, type RollbackReason } from '../../src/device/boot-validation.js';
import { checkUrl, telemetryId, type BeaconResult } from '../../src/protocol/beacon.js';
import { renderTelemetryVectors, TELEMETRY_VECTORS, type TelemetryCase } from '../vectors/generate-telemetry-vectors.mjs';

const text = readFileSync(TELEMETRY_VECTORS, 'utf8');
const { cases } = JSON.parse(text) as { cases: TelemetryCase[] };

describe('telemetry.json (TypeScript)', () => {
  test('is exactly what the generator renders', () => {
    expect(text).toBe(renderTelemetryVectors());
  });

  // failure_outcome is the C and Kotlin clients' reading of their own events' text; the SDK holds
  // the check's code itself (updater.ts: 'ota.install.fail', the VerificationError's reason).
  test.each(cases.filter((c) => c.kind !== 'failure_outcome').map((c) => [c.note, c] as const))('%s', (_note, c) => {
    if (c.kind === 'telemetry_id') expect(telemetryId(c.device_id)).toBe(c.telemetry_id);
    else if (c.kind === 'check_url') expect(checkUrl(c.manifest_url, c.telemetry_id, c.version_code)).toBe(c.url);
    else if (c.kind === 'beacon_url') {
      const url = beaconUrl({ manifestUrl: c.manifest_url, telemetryId: c.telemetry_id, channel: c.channel, buildId: c.build_id, result: c.outcome as BeaconResult, ...(c.reason === null ? {} : { reason: c.reason }) });
      expect(url).toBe(c.url);
    } else if (c.kind === 'boot_outcome') {
      const out = bootOutcome(c.action as BootAction, c.reason as RollbackReason | null, c.pending_boot);
      expect(out).toEqual(c.outcome === null ? null : { outcome: c.outcome, reason: c.beacon_reason });
    }
  });
});
