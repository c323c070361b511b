import { expect, test } from 'vitest';
import { bucketOf, buildOf, channelOf, reportOf } from './report-fixture.js';
import { toPrometheus } from '../../src/telemetry/prometheus.js';
import { parsePrometheus } from './prometheus-parse.js';

const report = reportOf([
  channelOf({
    app: 'com.example.agent',
    channel: 'stable',
    checks: 7,
    not_modified: 2,
    devices: 4,
    checks_without_device: 1,
    builds: [
      buildOf({
        build_id: 'b-aaaaaaaaaaaa',
        downloads: 3,
        installs: { ok: 2, fail: 1 },
        verify_fail: 1,
        adoption: 0.25,
        failure_ratio: 0.5,
        outcomes: { ok: 2, fail: 1, verify_fail: 1, booted: 1, healthy: 1, rolled_back: 0, deferred: 1, ineligible: 0 },
        fleet: { running: 1, confirmed: 1, deferred: { 'ota.defer.wifi': 1 }, ineligible: {}, failed: 1, rolled_back: 0, other: 1 },
      }),
      buildOf({ build_id: 'b-bbbbbbbbbbbb', downloads: 1, installs: { ok: 1, fail: 0 }, adoption: 0.5, outcomes: { ok: 1 } as never, fleet: { running: 2 } as never }),
    ],
    buckets: [
      bucketOf({ start: '2026-11-01T00:00:00.000Z', checks: 3, downloads: 1, devices: 1, adoption: { 'b-aaaaaaaaaaaa': 1 } }),
      bucketOf({ start: '2026-11-02T00:00:00.000Z', checks: 4, downloads: 3, installs: { ok: 3, fail: 1 }, verify_fail: 1, devices: 4, adoption: { 'b-aaaaaaaaaaaa': 0.25, 'b-bbbbbbbbbbbb': 0.5 } }),
    ],
  }),
  // A label value needing every escape (an app id cannot hold these; the format must still be valid).
  channelOf({ app: 'we"ird\\app\nx', channel: '*', checks: 1 }),
]);

test('Prometheus text: the seed names, app/channel labels, totals per channel, adoption of the latest bucket', () => {
  const { types, samples } = parsePrometheus(toPrometheus(report));
  expect(Object.fromEntries(types)).toEqual({
    ota_checks_total: 'counter',
    ota_downloads_total: 'counter',
    ota_installs_total: 'counter',
    ota_verify_fail_total: 'counter',
    ota_adoption_ratio: 'gauge',
    ota_failure_ratio: 'gauge',
    ota_devices: 'gauge',
    ota_checks_without_device_total: 'counter',
    ota_build_devices: 'gauge',
    ota_device_outcomes_total: 'counter',
  });
  const stable = { app: 'com.example.agent', channel: 'stable' };
  const weird = { app: 'we"ird\\app\nx', channel: '*' };
  const a = { ...stable, build_id: 'b-aaaaaaaaaaaa' };
  const of = (name: string) => samples.filter((x) => x.name === name);
  expect(of('ota_failure_ratio')).toEqual([
    { name: 'ota_failure_ratio', labels: a, value: 0.5 },
    { name: 'ota_failure_ratio', labels: { ...stable, build_id: 'b-bbbbbbbbbbbb' }, value: 0 },
  ]);
  expect(of('ota_devices')).toEqual([
    { name: 'ota_devices', labels: stable, value: 4 },
    { name: 'ota_devices', labels: weird, value: 0 },
  ]);
  expect(of('ota_checks_without_device_total')[0]).toEqual({ name: 'ota_checks_without_device_total', labels: stable, value: 1 });
  expect(of('ota_build_devices').filter((x) => x.labels.build_id === 'b-aaaaaaaaaaaa').map((x) => [x.labels.state, x.value])).toEqual([
    ['running', 1],
    ['confirmed', 1],
    ['deferred', 1],
    ['ineligible', 0],
    ['failed', 1],
    ['rolled_back', 0],
    ['other', 1],
  ]);
  expect(of('ota_device_outcomes_total').filter((x) => x.labels.build_id === 'b-aaaaaaaaaaaa' && x.value > 0).map((x) => x.labels.outcome)).toEqual(['ok', 'fail', 'verify_fail', 'booted', 'healthy', 'deferred']);
  const seedFamilies = new Set(['ota_checks_total', 'ota_downloads_total', 'ota_installs_total', 'ota_verify_fail_total', 'ota_adoption_ratio']);
  expect(samples.filter((x) => seedFamilies.has(x.name))).toEqual([
    { name: 'ota_checks_total', labels: stable, value: 7 },
    { name: 'ota_checks_total', labels: weird, value: 1 },
    { name: 'ota_downloads_total', labels: stable, value: 4 },
    { name: 'ota_downloads_total', labels: weird, value: 0 },
    { name: 'ota_installs_total', labels: { ...stable, result: 'ok' }, value: 3 },
    { name: 'ota_installs_total', labels: { ...stable, result: 'fail' }, value: 1 },
    { name: 'ota_installs_total', labels: { ...weird, result: 'ok' }, value: 0 },
    { name: 'ota_installs_total', labels: { ...weird, result: 'fail' }, value: 0 },
    { name: 'ota_verify_fail_total', labels: stable, value: 1 },
    { name: 'ota_verify_fail_total', labels: weird, value: 0 },
    { name: 'ota_adoption_ratio', labels: { ...stable, build_id: 'b-aaaaaaaaaaaa' }, value: 0.25 },
    { name: 'ota_adoption_ratio', labels: { ...stable, build_id: 'b-bbbbbbbbbbbb' }, value: 0.5 },
  ]);
});
