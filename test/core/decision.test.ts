import { describe, expect, it } from 'vitest';
import { checkFreshness, decide, type DeviceConditions, type DeviceFacts } from '../../src/protocol/decision.js';
import { buildRef, findDevice, hex64, independentBucket, manifest, type ManifestOptions } from './_fixtures.js';
import { createHash } from 'node:crypto';

const SALT = '5a1t5a1t5a1t5a1t';
const B_OLD = buildRef(100, { version_name: '1.0.0' });
const B_NEW = buildRef(200, { version_name: '2.0.0' });

// Devices picked by computing their bucket (independently of src/protocol/cohort.ts), never hard-coded.
const IN_10 = findDevice(SALT, (b) => b < 1000, 'in-');
const OUT_10 = findDevice(SALT, (b) => b >= 1000, 'out-');
const AT_999 = findDevice(SALT, (b) => b === 999, 'edge-');
const AT_1000 = findDevice(SALT, (b) => b === 1000, 'edge-');

/** Canary device hash computed here from the contract, not with src/protocol/cohort.ts. */
const canaryHash = (salt: string, id: string) => createHash('sha256').update(`${salt}:${id}`, 'utf8').digest('hex');

interface Row {
  name: string;
  m?: ManifestOptions;
  device: Partial<DeviceFacts> & { device_id: string };
  cond?: DeviceConditions;
  action: 'update' | 'stay' | 'defer';
  reason: string;
  /** build_id the decision names (update/defer), or null (stay). */
  build: string | null;
}

const rows: Row[] = [
  // --- cohort ---------------------------------------------------------------------------------
  { name: 'in the cohort, below the build -> update', device: { device_id: IN_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'outside the cohort, no last safe build -> stay', device: { device_id: OUT_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'bucket 999 at 10% (bp 1000) is in', device: { device_id: AT_999, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'bucket 1000 at 10% (bp 1000) is out', device: { device_id: AT_1000, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'bucket 1000 at 10.01% is in', m: { percent: 10.01 }, device: { device_id: AT_1000, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'paused (0%): an in-bucket device stays', m: { percent: 0 }, device: { device_id: AT_999, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: '100%: an out-of-10% device is in', m: { percent: 100 }, device: { device_id: OUT_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  // --- idempotency ----------------------------------------------------------------------------
  { name: 'already on the build -> skip', device: { device_id: IN_10, current_version_code: 200 }, action: 'stay', reason: 'ota.skip.current', build: null },
  { name: 'already on the build, even at 100% with constraints failing -> skip, never defer', m: { percent: 100 }, device: { device_id: IN_10, current_version_code: 200 }, cond: { wifi: false, battery: 1 }, action: 'stay', reason: 'ota.skip.current', build: null },
  { name: 'above the build without a rollback -> no downgrade', device: { device_id: IN_10, current_version_code: 300 }, action: 'stay', reason: 'ota.skip.downgrade', build: null },
  // --- last safe build ------------------------------------------------------------------------
  { name: 'outside, below the last safe build -> last safe', m: { lastSafe: B_OLD }, device: { device_id: OUT_10, current_version_code: 50 }, action: 'update', reason: 'ota.eligible.last_safe', build: B_OLD.build_id },
  { name: 'outside, on the last safe build -> stay', m: { lastSafe: B_OLD }, device: { device_id: OUT_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'outside, above the last safe build -> stay', m: { lastSafe: B_OLD }, device: { device_id: OUT_10, current_version_code: 150 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'inside, below the last safe build -> the new build, not the safe one', m: { lastSafe: B_OLD }, device: { device_id: IN_10, current_version_code: 50 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'outside, below last safe, constraint fails -> defer with the safe build', m: { lastSafe: B_OLD }, device: { device_id: OUT_10, current_version_code: 50 }, cond: { wifi: false }, action: 'defer', reason: 'ota.defer.wifi', build: B_OLD.build_id },
  // --- canaries -------------------------------------------------------------------------------
  { name: 'canary tag, outside the cohort -> canary', m: { canaryTags: ['lab', 'qa'] }, device: { device_id: OUT_10, current_version_code: 100, tags: ['qa'] }, action: 'update', reason: 'ota.eligible.canary', build: B_NEW.build_id },
  { name: 'canary tag at 0% (paused) -> canary', m: { percent: 0, canaryTags: ['qa'] }, device: { device_id: OUT_10, current_version_code: 100, tags: ['other', 'qa'] }, action: 'update', reason: 'ota.eligible.canary', build: B_NEW.build_id },
  { name: 'tag not among the canary tags -> cohort rule', m: { canaryTags: ['qa'] }, device: { device_id: OUT_10, current_version_code: 100, tags: ['QA', 'lab'] }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'canary device hash at 0% -> canary', m: { percent: 0, canaryDeviceSha256: [canaryHash(SALT, OUT_10)] }, device: { device_id: OUT_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible.canary', build: B_NEW.build_id },
  { name: 'canary hash of another device -> cohort rule', m: { percent: 0, canaryDeviceSha256: [canaryHash(SALT, IN_10)] }, device: { device_id: OUT_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'canary hash under another salt does not match', m: { percent: 0, canaryDeviceSha256: [canaryHash('0ther5a1t0ther5a', OUT_10)] }, device: { device_id: OUT_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  { name: 'canary already on the build -> skip', m: { canaryTags: ['qa'] }, device: { device_id: OUT_10, current_version_code: 200, tags: ['qa'] }, action: 'stay', reason: 'ota.skip.current', build: null },
  { name: 'canary inside the cohort reports canary', m: { canaryTags: ['qa'] }, device: { device_id: IN_10, current_version_code: 100, tags: ['qa'] }, action: 'update', reason: 'ota.eligible.canary', build: B_NEW.build_id },
  // --- rollback (the channel now serves B_OLD at 100%, rolled back from B_NEW) -----------------
  ...(() => {
    const rb = { build: B_OLD, percent: 100, lastSafe: B_OLD, rolledBackFrom: B_NEW.build_id } satisfies ManifestOptions;
    const rbForce = { ...rb, forceDowngrade: true } satisfies ManifestOptions;
    return [
      { name: 'rollback: a device on the bad build stays', m: rb, device: { device_id: IN_10, current_version_code: 200 }, action: 'stay', reason: 'ota.skip.downgrade', build: null },
      { name: 'rollback: a device outside the old 10% on the bad build stays too', m: rb, device: { device_id: OUT_10, current_version_code: 200 }, action: 'stay', reason: 'ota.skip.downgrade', build: null },
      { name: 'rollback: a device below gets the safe build', m: rb, device: { device_id: OUT_10, current_version_code: 50 }, action: 'update', reason: 'ota.eligible', build: B_OLD.build_id },
      { name: 'rollback: a device on the safe build skips', m: rb, device: { device_id: OUT_10, current_version_code: 100 }, action: 'stay', reason: 'ota.skip.current', build: null },
      { name: 'force_downgrade: a device on the bad build goes back', m: rbForce, device: { device_id: IN_10, current_version_code: 200 }, action: 'update', reason: 'ota.eligible.force_downgrade', build: B_OLD.build_id },
      { name: 'force_downgrade: a device below still just updates', m: rbForce, device: { device_id: IN_10, current_version_code: 50 }, action: 'update', reason: 'ota.eligible', build: B_OLD.build_id },
      { name: 'force_downgrade: the forced downgrade still defers on a constraint', m: rbForce, device: { device_id: IN_10, current_version_code: 200 }, cond: { battery: 10, charging: false }, action: 'defer', reason: 'ota.defer.battery', build: B_OLD.build_id },
      { name: 'force_downgrade without rolled_back_from is ignored', m: { ...rbForce, rolledBackFrom: null }, device: { device_id: IN_10, current_version_code: 200 }, action: 'stay', reason: 'ota.skip.downgrade', build: null },
    ] as Row[];
  })(),
  // --- constraints ----------------------------------------------------------------------------
  { name: 'wifi_only and not on Wi-Fi -> defer.wifi', m: { wifiOnly: true }, device: { device_id: IN_10, current_version_code: 100 }, cond: { wifi: false }, action: 'defer', reason: 'ota.defer.wifi', build: B_NEW.build_id },
  { name: 'wifi_only and on Wi-Fi -> update', m: { wifiOnly: true }, device: { device_id: IN_10, current_version_code: 100 }, cond: { wifi: true }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'not wifi_only and not on Wi-Fi -> update', m: { wifiOnly: false }, device: { device_id: IN_10, current_version_code: 100 }, cond: { wifi: false }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'battery below min, not charging -> defer.battery', device: { device_id: IN_10, current_version_code: 100 }, cond: { battery: 29, charging: false }, action: 'defer', reason: 'ota.defer.battery', build: B_NEW.build_id },
  { name: 'battery below min, charging unknown -> defer.battery', device: { device_id: IN_10, current_version_code: 100 }, cond: { battery: 5 }, action: 'defer', reason: 'ota.defer.battery', build: B_NEW.build_id },
  { name: 'battery below min but charging -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: { battery: 5, charging: true }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'battery exactly at min -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: { battery: 30, charging: false }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'custom min battery 50: 49% defers', m: { minBattery: 50 }, device: { device_id: IN_10, current_version_code: 100 }, cond: { battery: 49 }, action: 'defer', reason: 'ota.defer.battery', build: B_NEW.build_id },
  { name: 'in a call -> defer.call', device: { device_id: IN_10, current_version_code: 100 }, cond: { in_call: true }, action: 'defer', reason: 'ota.defer.call', build: B_NEW.build_id },
  { name: 'in a call, defer_in_call off -> update', m: { deferInCall: false }, device: { device_id: IN_10, current_version_code: 100 }, cond: { in_call: true }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'not in a call -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: { in_call: false }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'disk below the build size -> defer.disk', device: { device_id: IN_10, current_version_code: 100 }, cond: { free_disk_bytes: B_NEW.size - 1 }, action: 'defer', reason: 'ota.defer.disk', build: B_NEW.build_id },
  { name: 'disk exactly the build size -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: { free_disk_bytes: B_NEW.size }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'every condition unknown -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: {}, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'all conditions fine -> update', device: { device_id: IN_10, current_version_code: 100 }, cond: { wifi: true, battery: 80, charging: false, in_call: false, free_disk_bytes: 1e10 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'several constraints fail -> one reason (Wi-Fi first)', device: { device_id: IN_10, current_version_code: 100 }, cond: { wifi: false, battery: 1, in_call: true, free_disk_bytes: 0 }, action: 'defer', reason: 'ota.defer.wifi', build: B_NEW.build_id },
  { name: 'a device that stays is never deferred (outside the cohort, off Wi-Fi)', device: { device_id: OUT_10, current_version_code: 100 }, cond: { wifi: false }, action: 'stay', reason: 'ota.ineligible.cohort', build: null },
  // --- model and chip gating ------------------------------------------------------------------
  { name: 'model allowed -> update', m: { models: ['Pixel 8', 'SM-G991B'] }, device: { device_id: IN_10, current_version_code: 100, model: 'SM-G991B' }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  { name: 'model not allowed -> ineligible.model', m: { models: ['Pixel 8'] }, device: { device_id: IN_10, current_version_code: 100, model: 'Pixel 7' }, action: 'stay', reason: 'ota.ineligible.model', build: null },
  { name: 'model compared exactly (case) -> ineligible.model', m: { models: ['Pixel 8'] }, device: { device_id: IN_10, current_version_code: 100, model: 'pixel 8' }, action: 'stay', reason: 'ota.ineligible.model', build: null },
  { name: 'model unknown with a model list -> fail closed', m: { models: ['Pixel 8'] }, device: { device_id: IN_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.model', build: null },
  { name: 'model gating applies to canaries too', m: { models: ['Pixel 8'], canaryTags: ['qa'] }, device: { device_id: IN_10, current_version_code: 100, model: 'Pixel 7', tags: ['qa'] }, action: 'stay', reason: 'ota.ineligible.model', build: null },
  { name: 'no model list, unknown model -> update', device: { device_id: IN_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
  ...(() => {
    const fw = buildRef(2004001, { kind: 'esp-app', chip: 'esp32s3', signer_fingerprint: null, secure_version: 1, size: 1_200_000 });
    return [
      { name: 'chip-specific build, matching chip -> update', m: { build: fw }, device: { device_id: IN_10, current_version_code: 2003000, chip: 'esp32s3' }, action: 'update', reason: 'ota.eligible', build: fw.build_id },
      { name: 'chip-specific build, other chip -> ineligible.chip', m: { build: fw }, device: { device_id: IN_10, current_version_code: 2003000, chip: 'esp32' }, action: 'stay', reason: 'ota.ineligible.chip', build: null },
      { name: 'chip-specific build, device does not say its chip -> fail closed', m: { build: fw }, device: { device_id: IN_10, current_version_code: 2003000 }, action: 'stay', reason: 'ota.ineligible.chip', build: null },
      { name: 'gating chip list, chip in it -> update', m: { build: fw, chips: ['esp32s3', 'esp32c3'] }, device: { device_id: IN_10, current_version_code: 2003000, chip: 'esp32c3' }, action: 'update', reason: 'ota.eligible', build: fw.build_id },
      { name: 'gating chip list, chip not in it -> ineligible.chip', m: { build: fw, chips: ['esp32c3'] }, device: { device_id: IN_10, current_version_code: 2003000, chip: 'esp32s3' }, action: 'stay', reason: 'ota.ineligible.chip', build: null },
      { name: 'gating chip list, unknown chip -> fail closed', m: { chips: ['esp32c3'] }, device: { device_id: IN_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.chip', build: null },
      { name: 'build without a chip, device without a chip -> update', device: { device_id: IN_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
    ] as Row[];
  })(),
  // --- minimum current version -----------------------------------------------------------------
  ...(() => {
    const step = buildRef(150, { version_name: '1.5.0' });
    return [
      { name: 'below min_current_version, no intermediate -> ineligible.min_version', m: { minCurrentVersion: 150 }, device: { device_id: IN_10, current_version_code: 100 }, action: 'stay', reason: 'ota.ineligible.min_version', build: null },
      { name: 'exactly at min_current_version -> normal rules', m: { minCurrentVersion: 150 }, device: { device_id: IN_10, current_version_code: 150 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
      { name: 'below min with an intermediate -> the intermediate', m: { minCurrentVersion: 150, intermediate: step }, device: { device_id: IN_10, current_version_code: 100 }, action: 'update', reason: 'ota.eligible.intermediate', build: step.build_id },
      { name: 'below min with an intermediate, constraint fails -> defer with the intermediate', m: { minCurrentVersion: 150, intermediate: step }, device: { device_id: IN_10, current_version_code: 100 }, cond: { in_call: true }, action: 'defer', reason: 'ota.defer.call', build: step.build_id },
      { name: 'below min, intermediate not above the device -> ineligible.min_version', m: { minCurrentVersion: 160, intermediate: step }, device: { device_id: IN_10, current_version_code: 155 }, action: 'stay', reason: 'ota.ineligible.min_version', build: null },
      { name: 'above min with an intermediate -> normal rules', m: { minCurrentVersion: 150, intermediate: step }, device: { device_id: IN_10, current_version_code: 160 }, action: 'update', reason: 'ota.eligible', build: B_NEW.build_id },
    ] as Row[];
  })(),
];

describe('decide(): one row per rule', () => {
  it('the picked devices are where the test needs them', () => {
    expect(independentBucket(SALT, IN_10)).toBeLessThan(1000);
    expect(independentBucket(SALT, OUT_10)).toBeGreaterThanOrEqual(1000);
    expect(independentBucket(SALT, AT_999)).toBe(999);
    expect(independentBucket(SALT, AT_1000)).toBe(1000);
  });

  for (const r of rows) {
    it(r.name, () => {
      const m = manifest({ build: B_NEW, percent: 10, salt: SALT, ...r.m });
      const device: DeviceFacts = { current_version_code: 0, ...r.device };
      const d = decide(m, device, r.cond);
      expect({ action: d.action, reason: d.reason, build: d.build?.build_id ?? null }).toEqual({
        action: r.action,
        reason: r.reason,
        build: r.build,
      });
      expect(d.bucket).toBe(independentBucket(m.salt, device.device_id));
      expect(d.detail.length).toBeGreaterThan(0);
      // update/defer name the build to install or wait for; stay names none.
      expect(d.build === null).toBe(r.action === 'stay');
    });
  }

  it('reports bucket, in_cohort and canary flags', () => {
    const m = manifest({ build: B_NEW, percent: 10, salt: SALT, canaryTags: ['qa'] });
    const inside = decide(m, { device_id: IN_10, current_version_code: 1 });
    expect(inside).toMatchObject({ in_cohort: true, canary: false });
    const outside = decide(m, { device_id: OUT_10, current_version_code: 1 });
    expect(outside).toMatchObject({ in_cohort: false, canary: false });
    const canary = decide(m, { device_id: OUT_10, current_version_code: 1, tags: ['qa'] });
    expect(canary).toMatchObject({ in_cohort: true, canary: true });
  });

  it('device ids are not trimmed or case-folded', () => {
    const m = manifest({ build: B_NEW, percent: 10, salt: SALT });
    for (const id of [`${IN_10} `, IN_10.toUpperCase(), ` ${IN_10}`]) {
      expect(decide(m, { device_id: id, current_version_code: 1 }).bucket).toBe(independentBucket(SALT, id));
    }
  });

  it('the canary hash in the manifest is sha256(salt ":" id) as hex', () => {
    expect(canaryHash(SALT, 'x')).toBe(hex64(`${SALT}:x`));
  });
});

describe('checkFreshness', () => {
  const m = manifest({ sequence: 7, expiresAt: '2026-01-08T00:00:00.000Z' });
  const expiry = Date.parse('2026-01-08T00:00:00.000Z');
  const at = (ms: number) => new Date(ms);

  it('fresh before expiry', () => {
    expect(checkFreshness(m, { now: at(expiry - 1) })).toEqual({ ok: true });
  });
  it('expired exactly at expires_at', () => {
    expect(checkFreshness(m, { now: at(expiry) })).toMatchObject({ ok: false, reason: 'ota.manifest.expired' });
  });
  it('expired after expires_at', () => {
    expect(checkFreshness(m, { now: at(expiry + 86_400_000) })).toMatchObject({ ok: false, reason: 'ota.manifest.expired' });
  });
  it('replay: sequence below the highest accepted', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), highestSequence: 8 })).toMatchObject({ ok: false, reason: 'ota.manifest.replay' });
  });
  it('equal sequence is accepted (the same manifest fetched again)', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), highestSequence: 7 })).toEqual({ ok: true });
  });
  it('higher sequence is accepted', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), highestSequence: 6 })).toEqual({ ok: true });
  });
  it('wrong app', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), app: 'com.example.other', channel: 'stable' })).toMatchObject({ ok: false, reason: 'ota.manifest.wrong_channel' });
  });
  it('wrong channel', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), app: 'com.example.agent', channel: 'beta' })).toMatchObject({ ok: false, reason: 'ota.manifest.wrong_channel' });
  });
  it('right app and channel', () => {
    expect(checkFreshness(m, { now: at(expiry - 1), app: 'com.example.agent', channel: 'stable', highestSequence: 7 })).toEqual({ ok: true });
  });
  it('a stale replay of an expired manifest is refused (never ok)', () => {
    const v = checkFreshness(m, { now: at(expiry + 1), highestSequence: 9 });
    expect(v.ok).toBe(false);
  });
});
