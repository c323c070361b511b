import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFreshness, decide, type DeviceConditions, type DeviceFacts } from '../../src/protocol/decision.js';
import { IsoTime, ManifestPayload } from '../../src/protocol/schemas.js';
import { DEVICE_JSON_MAX_DEPTH } from '../../src/protocol/strict-json.js';
import { VerificationError } from '../../src/errors.js';
import { openEnvelope } from '../../src/protocol/dsse.js';
import { ALL_REASONS } from '../vectors/gen/decision-cases.mjs';
import { renderDeviceVectors, VECTOR_FILES } from '../vectors/generate-device-vectors.mjs';

// The TypeScript client's conformance run over the shared device vectors (docs/vectors.md). The
// Kotlin and C templates run the same files in test/templates/.

interface EnvelopeCase { note: string; trusted: string[]; envelope: string; expect: { result: string; keyids?: string[]; payload_sha256?: string } }
interface FreshnessCase { note: string; manifest: unknown; state: { now: string; highest_sequence?: number; app?: string; channel?: string }; expect: { ok: boolean; reason?: string } }
interface TimestampCase { note: string; text: string; valid: boolean; unix_ms: number | null }
interface DecisionCase { note: string; manifest: unknown; device: DeviceFacts; conditions: DeviceConditions; expect: Record<string, unknown> }

const read = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const envelopes = read<{ payload_type: string; keys: Record<string, { spki_der_base64: string; keyid: string }>; cases: EnvelopeCase[] }>(VECTOR_FILES.envelopes);
const freshness = read<{ cases: FreshnessCase[]; timestamps: TimestampCase[] }>(VECTOR_FILES.freshness);
const decisions = read<{ cases: DecisionCase[] }>(VECTOR_FILES.decisions);

const RESULT_OF_CODE: Record<string, string> = { E_ENVELOPE: 'malformed', E_BAD_SIGNATURE: 'bad_signature', E_UNTRUSTED_KEY: 'untrusted_key' };

describe('device vectors: the checked-in files', () => {
  it('are exactly what the generator renders (no hand edits, no drift)', () => {
    const rendered = renderDeviceVectors();
    for (const name of ['envelopes', 'freshness', 'decisions'] as const) {
      expect(readFileSync(VECTOR_FILES[name], 'utf8'), name).toBe(rendered[name]);
    }
  });

  it('cover every outcome a client can give', () => {
    expect(new Set(decisions.cases.map((c) => c.expect.reason))).toEqual(new Set(ALL_REASONS));
    expect(new Set(envelopes.cases.map((c) => c.expect.result))).toEqual(new Set(['ok', 'bad_signature', 'untrusted_key', 'malformed']));
    expect(new Set(freshness.cases.map((c) => c.expect.reason ?? 'ok'))).toEqual(
      new Set(['ok', 'ota.manifest.expired', 'ota.manifest.replay', 'ota.manifest.wrong_channel']),
    );
  });

  it('list each key with keyid = hex SHA-256 of its SPKI DER', () => {
    for (const k of Object.values(envelopes.keys)) {
      expect(createHash('sha256').update(Buffer.from(k.spki_der_base64, 'base64')).digest('hex')).toBe(k.keyid);
    }
  });
});

describe('device vectors: envelopes through openEnvelope() (strict JSON, shape, signatures, strict payload)', () => {
  const publicKeys = new Map<string, KeyObject>(
    Object.entries(envelopes.keys).map(([name, k]) => [name, createPublicKey({ key: Buffer.from(k.spki_der_base64, 'base64'), format: 'der', type: 'spki' })]),
  );
  for (const c of envelopes.cases) {
    it(c.note, () => {
      const trusted = new Map(c.trusted.map((name) => [envelopes.keys[name]!.keyid, publicKeys.get(name)!]));
      let got: EnvelopeCase['expect'];
      try {
        const v = openEnvelope(Buffer.from(c.envelope, 'utf8'), envelopes.payload_type, trusted, DEVICE_JSON_MAX_DEPTH);
        got = { result: 'ok', keyids: v.keyids, payload_sha256: createHash('sha256').update(v.body).digest('hex') };
      } catch (err) {
        if (err instanceof VerificationError) got = { result: RESULT_OF_CODE[err.code] ?? err.code };
        else throw err;
      }
      expect(got).toEqual(c.expect);
    });
  }
});

describe('device vectors: freshness through checkFreshness()', () => {
  for (const c of freshness.cases) {
    it(c.note, () => {
      const m = ManifestPayload.parse(c.manifest);
      const s = c.state;
      const v = checkFreshness(m, { now: new Date(s.now), highestSequence: s.highest_sequence, app: s.app, channel: s.channel });
      expect(v.ok ? { ok: true } : { ok: false, reason: v.reason }).toEqual(c.expect);
    });
  }
});

describe('device vectors: timestamps of signed documents through IsoTime', () => {
  for (const c of freshness.timestamps) {
    it(`${JSON.stringify(c.text)}: ${c.note}`, () => {
      const valid = IsoTime.safeParse(c.text).success;
      expect({ valid, unix_ms: valid ? Date.parse(c.text) : null }).toEqual({ valid: c.valid, unix_ms: c.unix_ms });
    });
  }
});

describe('device vectors: decisions through decide()', () => {
  for (const c of decisions.cases) {
    it(c.note, () => {
      const d = decide(ManifestPayload.parse(c.manifest), c.device, c.conditions);
      expect({ action: d.action, reason: d.reason, build_id: d.build?.build_id ?? null, bucket: d.bucket, in_cohort: d.in_cohort, canary: d.canary }).toEqual(c.expect);
    });
  }
});
