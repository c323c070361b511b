/**
 * `otactl stats --html FILE`: one self-contained page (no script, no external resource; a CSP
 * that forbids loading any) with the numbers per channel and an inline SVG of adoption over time.
 */
import type { ChannelStats, StatsReport } from './aggregate.js';

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

export function renderHtml(report: StatsReport, generatedAt: Date): string {
  const title = 'otactl stats';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid #ddd; }
th:first-child, td:first-child { text-align: left; }
svg text { font-size: 11px; fill: #555; }
</style>
</head>
<body>
<h1>${title}</h1>
<p>${esc(`${report.lines.read} requests read, ${report.lines.malformed} malformed lines skipped, by ${report.by}${report.since ? `, since ${report.since}` : ''}; generated ${generatedAt.toISOString()}`)}</p>
${report.channels.length === 0 ? '<p>No update traffic in these logs.</p>' : report.channels.map(section).join('\n')}
</body>
</html>
`;
}

function section(c: ChannelStats): string {
  const rows = c.builds
    .map((b) => `<tr><td>${esc(b.build_id)}</td><td>${b.downloads}</td><td>${b.installs.ok}</td><td>${b.installs.fail}</td><td>${b.verify_fail}</td></tr>`)
    .join('');
  return `<section>
<h2>${esc(`${c.app} / ${c.channel}`)}</h2>
<p>${c.checks} checks (${c.not_modified} not modified), ${c.devices} devices</p>
<table><tr><th>build</th><th>downloads</th><th>installs ok</th><th>fail</th><th>verify fail</th></tr>${rows}</table>
${adoptionChart(c)}
</section>`;
}

/** Adoption per build over the buckets: one polyline per build, a point (with a title) per bucket. */
function adoptionChart(c: ChannelStats): string {
  const builds = [...new Set(c.buckets.flatMap((b) => Object.keys(b.adoption)))].sort();
  const n = c.buckets.length;
  const x = (i: number) => PAD.left + (n <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (share: number) => PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((g) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${fmt(y(g))}" y2="${fmt(y(g))}" stroke="#eee"/><text x="${PAD.left - 6}" y="${fmt(y(g) + 4)}" text-anchor="end">${g * 100}%</text>`)
    .join('');
  const labels = c.buckets
    .map((b, i) => (n <= 8 || i % Math.ceil(n / 8) === 0 ? `<text x="${fmt(x(i))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${esc(b.start.slice(5, 16).replace('T', ' '))}</text>` : ''))
    .join('');
  const lines = builds
    .map((build, k) => {
      const colour = COLOURS[k % COLOURS.length]!;
      const pts = c.buckets.map((b, i) => [x(i), y(b.adoption[build] ?? 0), b.adoption[build] ?? 0, b.start] as const);
      const dots = pts
        .map(([px, py, share, start]) => `<circle cx="${fmt(px)}" cy="${fmt(py)}" r="3" fill="${colour}"><title>${esc(`${start} ${build} ${(share * 100).toFixed(1)}%`)}</title></circle>`)
        .join('');
      return `<g class="build" data-build="${esc(build)}"><polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([px, py]) => `${fmt(px)},${fmt(py)}`).join(' ')}"/>${dots}</g>`;
    })
    .join('');
  const legend = builds.map((b, k) => `<tspan fill="${COLOURS[k % COLOURS.length]}">■ ${esc(b)}</tspan>`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`adoption over time, ${c.app} / ${c.channel}`)}">${grid}${labels}${lines}<text x="${PAD.left}" y="${H - 4}">${legend}</text></svg>`;
}

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
