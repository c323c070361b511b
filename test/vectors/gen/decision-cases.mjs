// Decision vectors: manifest + device facts + live conditions -> what the device does
// (docs/vectors.md). action, reason and build are written here by hand for every row; bucket,
// in_cohort and canary follow from the cohort contract computed in fixtures.mjs.
import { SALT, buildRef, cohortDigest, findDevice, bucketOf, hex64, manifest } from './fixtures.mjs';

const B_OLD = buildRef(100, { version_name: '1.0.0' });
const B_NEW = buildRef(200, { version_name: '2.0.0' });
const STEP = buildRef(150, { version_name: '1.5.0' });
const FW = buildRef(2004001, { kind: 'esp-app', version_name: '2.4.1', url: '../artifacts/fw-2.4.1.bin', chip: 'esp32s3', signer_fingerprint: null, secure_version: 1, size: 1_200_000 });

const IN_10 = findDevice(SALT, 'in-', (b) => b < 1000);
const OUT_10 = findDevice(SALT, 'out-', (b) => b >= 1000);
const AT_999 = findDevice(SALT, 'edge-', (b) => b === 999);
const AT_1000 = findDevice(SALT, 'edge-', (b) => b === 1000);
const canaryHash = (salt, id) => cohortDigest(salt, id).toString('hex');

const dev = (device_id, current_version_code, more = {}) => ({ device_id, current_version_code, ...more });
const update = (reason, build) => ({ action: 'update', reason, build_id: build.build_id });
const defer = (reason, build) => ({ action: 'defer', reason, build_id: build.build_id });
const stay = (reason) => ({ action: 'stay', reason, build_id: null });
const OUTSIDE = 'ota.defer.outside_install_window';
const NIGHT = { start: '02:00', end: '04:00' };
const WRAP = { start: '22:00', end: '05:00' };

/** Rows: [note, manifest options, device, conditions, expected, canary?]. */
function rows() {
  const rb = { build: B_OLD, percent: 100, lastSafe: B_OLD, rolledBackFrom: B_NEW.build_id };
  const rbForce = { ...rb, forceDowngrade: true };
  return [
    // cohort
    ['in the cohort, below the build', {}, dev(IN_10, 100), {}, update('ota.eligible', B_NEW)],
    ['outside the cohort, no last safe build', {}, dev(OUT_10, 100), {}, stay('ota.ineligible.cohort')],
    ['bucket 999 at 10% (basis points 1000) is in', {}, dev(AT_999, 100), {}, update('ota.eligible', B_NEW)],
    ['bucket 1000 at 10% is out', {}, dev(AT_1000, 100), {}, stay('ota.ineligible.cohort')],
    ['bucket 1000 at 10.01% is in', { percent: 10.01 }, dev(AT_1000, 100), {}, update('ota.eligible', B_NEW)],
    ['paused at 0%: bucket 999 stays', { percent: 0 }, dev(AT_999, 100), {}, stay('ota.ineligible.cohort')],
    ['100%: a device outside 10% is in', { percent: 100 }, dev(OUT_10, 100), {}, update('ota.eligible', B_NEW)],
    ['device ids are not trimmed: a trailing space is another device', {}, dev(`${IN_10} `, 100), {}, null],
    ['format 1.1: a manifest carrying its app record anchor decides as before', { appRecord: { revision: 3, sha256: hex64('app record'), signers: [hex64('signer a'), hex64('signer b')] } }, dev(IN_10, 100), {}, update('ota.eligible', B_NEW)],
    // idempotency and downgrade
    ['already on the build: skip', {}, dev(IN_10, 200), {}, stay('ota.skip.current')],
    ['already on the build with every constraint failing: skip, never defer', { percent: 100 }, dev(IN_10, 200), { wifi: false, battery: 1 }, stay('ota.skip.current')],
    ['above the offered build, no rollback: no downgrade', {}, dev(IN_10, 300), {}, stay('ota.skip.downgrade')],
    // last safe build
    ['outside, below the last safe build: the last safe build', { lastSafe: B_OLD }, dev(OUT_10, 50), {}, update('ota.eligible.last_safe', B_OLD)],
    ['outside, on the last safe build: stay', { lastSafe: B_OLD }, dev(OUT_10, 100), {}, stay('ota.ineligible.cohort')],
    ['outside, above the last safe build: stay', { lastSafe: B_OLD }, dev(OUT_10, 150), {}, stay('ota.ineligible.cohort')],
    ['inside, below the last safe build: the new build', { lastSafe: B_OLD }, dev(IN_10, 50), {}, update('ota.eligible', B_NEW)],
    ['outside, below the last safe build, off Wi-Fi: defer with the safe build', { lastSafe: B_OLD }, dev(OUT_10, 50), { wifi: false }, defer('ota.defer.wifi', B_OLD)],
    // canaries
    ['canary tag, outside the cohort', { canaryTags: ['lab', 'qa'] }, dev(OUT_10, 100, { tags: ['qa'] }), {}, update('ota.eligible.canary', B_NEW), true],
    ['canary tag at 0%', { percent: 0, canaryTags: ['qa'] }, dev(OUT_10, 100, { tags: ['other', 'qa'] }), {}, update('ota.eligible.canary', B_NEW), true],
    ['tags compare exactly: QA is not qa', { canaryTags: ['qa'] }, dev(OUT_10, 100, { tags: ['QA', 'lab'] }), {}, stay('ota.ineligible.cohort')],
    ['canary device hash at 0%', { percent: 0, canaryDeviceSha256: [canaryHash(SALT, OUT_10)] }, dev(OUT_10, 100), {}, update('ota.eligible.canary', B_NEW), true],
    ['canary hash of another device', { percent: 0, canaryDeviceSha256: [canaryHash(SALT, IN_10)] }, dev(OUT_10, 100), {}, stay('ota.ineligible.cohort')],
    ['canary hash under another salt does not match', { percent: 0, canaryDeviceSha256: [canaryHash('0ther5a1t0ther5a', OUT_10)] }, dev(OUT_10, 100), {}, stay('ota.ineligible.cohort')],
    ['canary already on the build: skip', { canaryTags: ['qa'] }, dev(OUT_10, 200, { tags: ['qa'] }), {}, stay('ota.skip.current'), true],
    ['canary inside the cohort reports canary', { canaryTags: ['qa'] }, dev(IN_10, 100, { tags: ['qa'] }), {}, update('ota.eligible.canary', B_NEW), true],
    // rollback: the channel serves B_OLD at 100%, rolled back from B_NEW
    ['rollback: a device on the bad build stays', rb, dev(IN_10, 200), {}, stay('ota.skip.downgrade')],
    ['rollback: a device below gets the safe build', rb, dev(OUT_10, 50), {}, update('ota.eligible', B_OLD)],
    ['rollback: a device on the safe build skips', rb, dev(OUT_10, 100), {}, stay('ota.skip.current')],
    ['force_downgrade: a device on the bad build goes back', rbForce, dev(IN_10, 200), {}, update('ota.eligible.force_downgrade', B_OLD)],
    ['force_downgrade: the downgrade still defers on low battery', rbForce, dev(IN_10, 200), { battery: 10, charging: false }, defer('ota.defer.battery', B_OLD)],
    ['force_downgrade without rolled_back_from is ignored', { ...rbForce, rolledBackFrom: null }, dev(IN_10, 200), {}, stay('ota.skip.downgrade')],
    // constraints
    ['wifi_only, off Wi-Fi: defer', { wifiOnly: true }, dev(IN_10, 100), { wifi: false }, defer('ota.defer.wifi', B_NEW)],
    ['wifi_only, on Wi-Fi', { wifiOnly: true }, dev(IN_10, 100), { wifi: true }, update('ota.eligible', B_NEW)],
    ['not wifi_only, off Wi-Fi', { wifiOnly: false }, dev(IN_10, 100), { wifi: false }, update('ota.eligible', B_NEW)],
    ['battery 29 < 30, not charging: defer', {}, dev(IN_10, 100), { battery: 29, charging: false }, defer('ota.defer.battery', B_NEW)],
    ['battery low, charging unknown: defer', {}, dev(IN_10, 100), { battery: 5 }, defer('ota.defer.battery', B_NEW)],
    ['battery low but charging', {}, dev(IN_10, 100), { battery: 5, charging: true }, update('ota.eligible', B_NEW)],
    ['battery exactly at the minimum', {}, dev(IN_10, 100), { battery: 30, charging: false }, update('ota.eligible', B_NEW)],
    ['min_battery 50: 49% defers', { minBattery: 50 }, dev(IN_10, 100), { battery: 49 }, defer('ota.defer.battery', B_NEW)],
    ['in a call: defer', {}, dev(IN_10, 100), { in_call: true }, defer('ota.defer.call', B_NEW)],
    ['in a call, defer_in_call off', { deferInCall: false }, dev(IN_10, 100), { in_call: true }, update('ota.eligible', B_NEW)],
    ['free disk one byte short of the build size: defer', {}, dev(IN_10, 100), { free_disk_bytes: B_NEW.size - 1 }, defer('ota.defer.disk', B_NEW)],
    ['free disk exactly the build size', {}, dev(IN_10, 100), { free_disk_bytes: B_NEW.size }, update('ota.eligible', B_NEW)],
    ['free disk above 2^32 bytes (64-bit)', {}, dev(IN_10, 100), { free_disk_bytes: 8_000_000_000 }, update('ota.eligible', B_NEW)],
    ['every constraint fails: Wi-Fi is reported first', {}, dev(IN_10, 100), { wifi: false, battery: 1, in_call: true, free_disk_bytes: 0 }, defer('ota.defer.wifi', B_NEW)],
    ['battery, call and disk fail: battery before call', {}, dev(IN_10, 100), { battery: 1, in_call: true, free_disk_bytes: 0 }, defer('ota.defer.battery', B_NEW)],
    ['call and disk fail: call before disk', {}, dev(IN_10, 100), { in_call: true, free_disk_bytes: 0 }, defer('ota.defer.call', B_NEW)],
    ['a device that stays is never deferred', {}, dev(OUT_10, 100), { wifi: false }, stay('ota.ineligible.cohort')],
    // model and chip gating
    ['model in the list', { models: ['Pixel 8', 'SM-G991B'] }, dev(IN_10, 100, { model: 'SM-G991B' }), {}, update('ota.eligible', B_NEW)],
    ['model not in the list', { models: ['Pixel 8'] }, dev(IN_10, 100, { model: 'Pixel 7' }), {}, stay('ota.ineligible.model')],
    ['model compared exactly', { models: ['Pixel 8'] }, dev(IN_10, 100, { model: 'pixel 8' }), {}, stay('ota.ineligible.model')],
    ['model unknown with a model list: fail closed', { models: ['Pixel 8'] }, dev(IN_10, 100), {}, stay('ota.ineligible.model')],
    ['model gating applies to canaries', { models: ['Pixel 8'], canaryTags: ['qa'] }, dev(IN_10, 100, { model: 'Pixel 7', tags: ['qa'] }), {}, stay('ota.ineligible.model'), true],
    ['chip-specific firmware, matching chip', { build: FW }, dev(IN_10, 2003000, { chip: 'esp32s3' }), {}, update('ota.eligible', FW)],
    ['chip-specific firmware, other chip', { build: FW }, dev(IN_10, 2003000, { chip: 'esp32' }), {}, stay('ota.ineligible.chip')],
    ['chip-specific firmware, chip unknown: fail closed', { build: FW }, dev(IN_10, 2003000), {}, stay('ota.ineligible.chip')],
    ['gating chip list overrides the build chip', { build: FW, chips: ['esp32s3', 'esp32c3'] }, dev(IN_10, 2003000, { chip: 'esp32c3' }), {}, update('ota.eligible', FW)],
    ['gating chip list, chip not in it', { build: FW, chips: ['esp32c3'] }, dev(IN_10, 2003000, { chip: 'esp32s3' }), {}, stay('ota.ineligible.chip')],
    // minimum current version
    ['below min_current_version, no intermediate', { minCurrentVersion: 150 }, dev(IN_10, 100), {}, stay('ota.ineligible.min_version')],
    ['exactly at min_current_version: normal rules', { minCurrentVersion: 150 }, dev(IN_10, 150), {}, update('ota.eligible', B_NEW)],
    ['below min with an intermediate: the intermediate', { minCurrentVersion: 150, intermediate: STEP }, dev(IN_10, 100), {}, update('ota.eligible.intermediate', STEP)],
    ['below min, intermediate, outside the cohort: still the intermediate', { minCurrentVersion: 150, intermediate: STEP }, dev(OUT_10, 100), {}, update('ota.eligible.intermediate', STEP)],
    ['below min with an intermediate, in a call: defer with the intermediate', { minCurrentVersion: 150, intermediate: STEP }, dev(IN_10, 100), { in_call: true }, defer('ota.defer.call', STEP)],
    ['below min, intermediate not above the device', { minCurrentVersion: 160, intermediate: STEP }, dev(IN_10, 155), {}, stay('ota.ineligible.min_version')],
    // install window, device-local HH:MM: start included, end excluded; end before start wraps midnight
    ['window 02:00-04:00 at 03:00: inside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '03:00' }, update('ota.eligible', B_NEW)],
    ['window 02:00-04:00 at 02:00: the start is inside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '02:00' }, update('ota.eligible', B_NEW)],
    ['window 02:00-04:00 at 03:59: inside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '03:59' }, update('ota.eligible', B_NEW)],
    ['window 02:00-04:00 at 04:00: the end is outside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '04:00' }, defer(OUTSIDE, B_NEW)],
    ['window 02:00-04:00 at 01:59: outside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '01:59' }, defer(OUTSIDE, B_NEW)],
    ['window 02:00-04:00 at 14:00: outside', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '14:00' }, defer(OUTSIDE, B_NEW)],
    ['wrapping window 22:00-05:00 at 22:00: inside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '22:00' }, update('ota.eligible', B_NEW)],
    ['wrapping window 22:00-05:00 at 23:59: inside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '23:59' }, update('ota.eligible', B_NEW)],
    ['wrapping window 22:00-05:00 at 00:00: inside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '00:00' }, update('ota.eligible', B_NEW)],
    ['wrapping window 22:00-05:00 at 04:59: inside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '04:59' }, update('ota.eligible', B_NEW)],
    ['wrapping window 22:00-05:00 at 05:00: outside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '05:00' }, defer(OUTSIDE, B_NEW)],
    ['wrapping window 22:00-05:00 at 21:59: outside', { installWindow: WRAP }, dev(IN_10, 100), { local_time: '21:59' }, defer(OUTSIDE, B_NEW)],
    ['window 00:00-23:59 at 23:59: the end is outside', { installWindow: { start: '00:00', end: '23:59' } }, dev(IN_10, 100), { local_time: '23:59' }, defer(OUTSIDE, B_NEW)],
    ['window 23:59-00:00 at 23:59: a one-minute wrapping window', { installWindow: { start: '23:59', end: '00:00' } }, dev(IN_10, 100), { local_time: '23:59' }, update('ota.eligible', B_NEW)],
    ['no window: any local time', {}, dev(IN_10, 100), { local_time: '14:00' }, update('ota.eligible', B_NEW)],
    ['a window and the local time unknown: defer (fail closed)', { installWindow: NIGHT }, dev(IN_10, 100), {}, defer(OUTSIDE, B_NEW)],
    ['a window and a local time that is not HH:MM (24:00): unknown, defer', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '24:00' }, defer(OUTSIDE, B_NEW)],
    ['must_install does not wait for the window', { installWindow: NIGHT, mustInstall: true }, dev(IN_10, 100), { local_time: '14:00' }, update('ota.eligible', B_NEW)],
    ['must_install with the local time unknown: no wait', { installWindow: NIGHT, mustInstall: true }, dev(IN_10, 100), {}, update('ota.eligible', B_NEW)],
    ['must_install still waits for Wi-Fi', { installWindow: NIGHT, mustInstall: true }, dev(IN_10, 100), { local_time: '14:00', wifi: false }, defer('ota.defer.wifi', B_NEW)],
    ['the window is reported before Wi-Fi, battery, call and disk', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '14:00', wifi: false, battery: 1, in_call: true, free_disk_bytes: 0 }, defer(OUTSIDE, B_NEW)],
    ['inside the window, off Wi-Fi: Wi-Fi', { installWindow: NIGHT }, dev(IN_10, 100), { local_time: '03:00', wifi: false }, defer('ota.defer.wifi', B_NEW)],
    ['forced downgrade after a rollback does not wait for the window', { ...rbForce, installWindow: NIGHT }, dev(IN_10, 200), { local_time: '14:00' }, update('ota.eligible.force_downgrade', B_OLD)],
    ['after a rollback, a device below the safe build waits for the window', { ...rb, installWindow: NIGHT }, dev(OUT_10, 50), { local_time: '14:00' }, defer(OUTSIDE, B_OLD)],
    ['outside the cohort, below the last safe build: the last safe build waits too', { lastSafe: B_OLD, installWindow: NIGHT }, dev(OUT_10, 50), { local_time: '14:00' }, defer(OUTSIDE, B_OLD)],
    ['the intermediate waits for the window', { minCurrentVersion: 150, intermediate: STEP, installWindow: NIGHT }, dev(IN_10, 100), { local_time: '14:00' }, defer(OUTSIDE, STEP)],
    ['a canary waits for the window', { canaryTags: ['qa'], installWindow: NIGHT }, dev(OUT_10, 100, { tags: ['qa'] }), { local_time: '14:00' }, defer(OUTSIDE, B_NEW), true],
    ['already on the build outside the window: skip, never defer', { installWindow: NIGHT }, dev(IN_10, 200), { local_time: '14:00' }, stay('ota.skip.current')],
    ['outside the cohort outside the window: stay, never defer', { installWindow: NIGHT }, dev(OUT_10, 100), { local_time: '14:00' }, stay('ota.ineligible.cohort')],
  ];
}

export const ALL_REASONS = [
  'ota.eligible', 'ota.eligible.canary', 'ota.eligible.last_safe', 'ota.eligible.intermediate', 'ota.eligible.force_downgrade',
  'ota.skip.current', 'ota.skip.downgrade', 'ota.ineligible.cohort', 'ota.ineligible.model', 'ota.ineligible.chip',
  'ota.ineligible.min_version', 'ota.defer.wifi', 'ota.defer.battery', 'ota.defer.call', 'ota.defer.disk', 'ota.defer.outside_install_window',
];

export function decisionCases() {
  const cases = rows().map(([note, mOpts, device, conditions, expected, canary = false]) => {
    const m = manifest({ build: B_NEW, ...mOpts });
    const bucket = bucketOf(m.salt, device.device_id);
    const inCohort = canary || bucket < Math.round(m.build.staged_rollout_percent * 100);
    // A row may leave the outcome to the cohort rule (null): then it follows from the bucket.
    const expect = expected ?? (inCohort ? update('ota.eligible', B_NEW) : stay('ota.ineligible.cohort'));
    return { note, manifest: m, device, conditions, expect: { ...expect, bucket, in_cohort: inCohort, canary } };
  });
  const seen = new Set(cases.map((c) => c.expect.reason));
  const missing = ALL_REASONS.filter((r) => !seen.has(r));
  if (missing.length > 0) throw new Error(`decision vectors miss reasons: ${missing.join(', ')}`);
  return cases;
}
