import { expect, test } from 'vitest';
import { reportOf } from './report-fixture.js';
import { toPrometheus } from '../../src/telemetry/prometheus.js';
import { parsePrometheus } from './prometheus-parse.js';

const report = reportOf([
    {
      app: 'com.example.agent',
      channel: 'stable',
      checks: 7,
      not_modified: 2,
      devices: 3,
      builds: [
        { build_id: 'b-aaaaaaaaaaaa', downloads: 3, installs: { ok: 2, fail: 1 }, verify_fail: 1, reasons: {} },
        { build_id: 'b-bbbbbbbbbbbb', downloads: 1, installs: { ok: 1, fail: 0 }, verify_fail: 0, reasons: {} },
      ],
      buckets: [
        { start: '2026-11-01T00:00:00.000Z', checks: 3, downloads: 1, installs: { ok: 0, fail: 0 }, verify_fail: 0, devices: 1, adoption: { 'b-aaaaaaaaaaaa': 1 } },
        { start: '2026-11-02T00:00:00.000Z', checks: 4, downloads: 3, installs: { ok: 3, fail: 1 }, verify_fail: 1, devices: 4, adoption: { 'b-aaaaaaaaaaaa': 0.25, 'b-bbbbbbbbbbbb': 0.5 } },
      ],
    },
    // A label value needing every escape (an app id cannot hold these; the format must still be valid).
    { app: 'we"ird\\app\nx', channel: '*', checks: 1, not_modified: 0, devices: 0, builds: [], buckets: [] },
]);

test('Prometheus text: the seed names, app/channel labels, totals per channel, adoption of the latest bucket', () => {
  const { types, samples } = parsePrometheus(toPrometheus(report));
  expect(Object.fromEntries(types)).toEqual({
    ota_checks_total: 'counter',
    ota_downloads_total: 'counter',
    ota_installs_total: 'counter',
    ota_verify_fail_total: 'counter',
    ota_adoption_ratio: 'gauge',
  });
  const stable = { app: 'com.example.agent', channel: 'stable' };
  const weird = { app: 'we"ird\\app\nx', channel: '*' };
  expect(samples).toEqual([
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
