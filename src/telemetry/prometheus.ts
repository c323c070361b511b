/**
 * The Prometheus text exposition format (version 0.0.4) of a stats report, with the seed's metric
 * names, labelled by app and channel: for a node_exporter textfile collector or a Pushgateway.
 */
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
    { name: 'ota_adoption_ratio', type: 'gauge', help: 'Share of the devices seen in the last bucket whose latest install is the build.', samples: [] },
  ];
  const [checks, downloads, installs, verifyFail, adoption] = families as [Family, Family, Family, Family, Family];
  for (const ch of report.channels) {
    const base = { app: ch.app, channel: ch.channel };
    checks.samples.push({ labels: base, value: ch.checks });
    const sum = (f: (b: (typeof ch.builds)[number]) => number) => ch.builds.reduce((n, b) => n + f(b), 0);
    downloads.samples.push({ labels: base, value: sum((b) => b.downloads) });
    installs.samples.push({ labels: { ...base, result: 'ok' }, value: sum((b) => b.installs.ok) });
    installs.samples.push({ labels: { ...base, result: 'fail' }, value: sum((b) => b.installs.fail) });
    verifyFail.samples.push({ labels: base, value: sum((b) => b.verify_fail) });
    for (const [build, ratio] of Object.entries(ch.buckets.at(-1)?.adoption ?? {})) {
      adoption.samples.push({ labels: { ...base, build_id: build }, value: ratio });
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
