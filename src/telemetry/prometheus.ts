/**
 * The Prometheus text exposition format (version 0.0.4) of a stats report, with the seed's metric
 * names, labelled by app and channel: for a node_exporter textfile collector or a Pushgateway.
 * Conventions: counters end in `_total`, ratios are gauges 0..1 ending in `_ratio`, a count of
 * things now (devices) is a plain gauge; one label per dimension (build_id, state, outcome).
 */
import { BEACON_RESULTS } from '../protocol/beacon.js';
import type { StatsReport } from './aggregate.js';

interface Sample {
  labels: Record<string, string>;
  value: number;
}

interface Family {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  samples: Sample[];
}

export function toPrometheus(report: StatsReport): string {
  const families: Family[] = [
    { name: 'ota_checks_total', type: 'counter', help: 'Manifest requests (update checks), 304 Not Modified included.', samples: [] },
    { name: 'ota_downloads_total', type: 'counter', help: 'Artifact downloads: 200 answers and 206 answers from byte 0.', samples: [] },
    { name: 'ota_installs_total', type: 'counter', help: 'Install results reported by device beacons, by result.', samples: [] },
    { name: 'ota_verify_fail_total', type: 'counter', help: 'Downloads that failed verification on the device (beacons).', samples: [] },
    { name: 'ota_adoption_ratio', type: 'gauge', help: 'Share of the devices that polled the channel which run the build (at the end of the logs read).', samples: [] },
    { name: 'ota_failure_ratio', type: 'gauge', help: 'Failed attempts of the build: (fail + verify_fail + rolled_back) / (ok + fail + verify_fail) device outcomes.', samples: [] },
    { name: 'ota_devices', type: 'gauge', help: 'Distinct devices that polled the channel or reported (identified by d=).', samples: [] },
    { name: 'ota_checks_without_device_total', type: 'counter', help: 'Manifest requests without a device id (clients that do not identify themselves; not in ota_devices).', samples: [] },
    { name: 'ota_build_devices', type: 'gauge', help: 'The channel\'s devices by where they stand with the build: running, confirmed (of running), deferred, ineligible, failed, rolled_back, other.', samples: [] },
    { name: 'ota_device_outcomes_total', type: 'counter', help: 'Devices that reported each outcome for the build (once per device).', samples: [] },
  ];
  const [checks, downloads, installs, verifyFail, adoption, failure, devices, unidentified, standing, outcomes] = families as [
    Family, Family, Family, Family, Family, Family, Family, Family, Family, Family,
  ];
  for (const ch of report.channels) {
    const base = { app: ch.app, channel: ch.channel };
    checks.samples.push({ labels: base, value: ch.checks });
    const sum = (f: (b: (typeof ch.builds)[number]) => number) => ch.builds.reduce((n, b) => n + f(b), 0);
    downloads.samples.push({ labels: base, value: sum((b) => b.downloads) });
    installs.samples.push({ labels: { ...base, result: 'ok' }, value: sum((b) => b.installs.ok) });
    installs.samples.push({ labels: { ...base, result: 'fail' }, value: sum((b) => b.installs.fail) });
    verifyFail.samples.push({ labels: base, value: sum((b) => b.verify_fail) });
    devices.samples.push({ labels: base, value: ch.devices });
    unidentified.samples.push({ labels: base, value: ch.checks_without_device });
    for (const b of ch.builds) {
      const labels = { ...base, build_id: b.build_id };
      adoption.samples.push({ labels, value: b.adoption });
      failure.samples.push({ labels, value: b.failure_ratio });
      const f = b.fleet;
      const total = (m: Record<string, number>) => Object.values(m).reduce((x, y) => x + y, 0);
      const states: [string, number][] = [
        ['running', f.running],
        ['confirmed', f.confirmed],
        ['deferred', total(f.deferred)],
        ['ineligible', total(f.ineligible)],
        ['failed', f.failed],
        ['rolled_back', f.rolled_back],
        ['other', f.other],
      ];
      for (const [state, value] of states) standing.samples.push({ labels: { ...labels, state }, value });
      for (const outcome of BEACON_RESULTS) outcomes.samples.push({ labels: { ...labels, outcome }, value: b.outcomes[outcome] });
    }
  }
  return families.map(renderFamily).join('');
}

function renderFamily(f: Family): string {
  const lines = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`];
  for (const s of f.samples) lines.push(`${f.name}{${renderLabels(s.labels)}} ${formatValue(s.value)}`);
  return `${lines.join('\n')}\n`;
}

function renderLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

/** Label values escape backslash, double quote and newline. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}
