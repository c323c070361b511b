/**
 * `otactl stats --html FILE`: one self-contained page (no script, no external resource; a CSP
 * that forbids loading any) a release manager can keep open: per channel, a one-sentence answer
 * to "is this rollout healthy?", then on one time axis adoption per build (lines), failure rate
 * per build with the plan's threshold, and the rollout percent from the channel's history with
 * its events (promote, rollout, rollback, plan steps and halts) marked. Inline SVG that scales to
 * the page width (phone or desktop). Pure: the report and the history in, text out.
 */
import { BUCKET_MS, type BuildStats, type ChannelStats, type Outcomes, type StatsReport } from './aggregate.js';

/** What the store says about a channel: its history and plan (the CLI reads them; tests give them). */
export interface ChannelHistory {
  /** Changes oldest first. */
  events: RolloutEvent[];
  /** The build the channel serves now. */
  build_id: string | null;
  plan: { max_failure_rate: number; state: string; steps: number[]; step: number; reason: string } | null;
}

export interface RolloutEvent {
  at: string;
  /** promote, rollout, rollback, refresh, repair; plan ticks as `plan advance`, `plan halt`. */
  action: string;
  build_id: string;
  percent: number;
  /** A short note (a plan tick's reason). */
  note?: string;
}

/** The failure-rate limit a channel is judged against without a plan (rollout --plan's default). */
export const DEFAULT_FAILURE_LIMIT = 2;

const W = 640;
const H = 200;
const PAD = { left: 52, right: 14, top: 14, bottom: 30 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const EVENT_COLOURS: Record<string, string> = { promote: '#1f77b4', rollout: '#2ca02c', rollback: '#d62728', 'plan advance': '#2ca02c', 'plan halt': '#d62728' };

export function renderHtml(report: StatsReport, generatedAt: Date, histories: ReadonlyMap<string, ChannelHistory> = new Map()): string {
  const title = 'otactl stats';
  const channels = report.channels.map((c) => ({ c, h: histories.get(`${c.app}/${c.channel}`) }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1em auto; padding: 0 1em; max-width: 60em; color: #222; }
.summary { font-size: 1.1em; padding: .6em .8em; border-left: 6px solid #2ca02c; background: #f3faf3; }
.summary.unhealthy { border-color: #d62728; background: #fdf2f2; }
.summary.unknown { border-color: #999; background: #f5f5f5; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { padding: 2px 8px; text-align: right; border-bottom: 1px solid #ddd; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 1em 0; }
figcaption { font-weight: 600; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 11px; fill: #555; }
/* A phone draws the 640-unit charts at about half size: larger type in chart units keeps labels readable. */
@media (max-width: 600px) { svg text { font-size: 16px; } svg .minor { display: none; } }
.meta { color: #666; font-size: .9em; }
</style>
</head>
<body>
<h1>${title}</h1>
${channels.map(({ c, h }) => summaryParagraph(c, h)).join('\n')}
<p class="meta">${esc(`${report.lines.read} requests read, ${report.lines.malformed} malformed lines skipped, by ${report.by}${report.since ? `, since ${report.since}` : ''}${report.logs_until ? `; the logs reach ${report.logs_until}` : ''}; generated ${generatedAt.toISOString()}`)}</p>
${channels.length === 0 ? '<p>No update traffic in these logs.</p>' : channels.map(({ c, h }) => section(c, h, report)).join('\n')}
</body>
</html>
`;
}

/** The build a channel is rolling out: the one it serves, else the one most devices reported on. */
function currentBuild(c: ChannelStats, h: ChannelHistory | undefined): BuildStats | undefined {
  const served = h?.build_id ? c.builds.find((b) => b.build_id === h.build_id) : undefined;
  if (served) return served;
  const reported = (b: BuildStats) => b.outcomes.ok + b.outcomes.fail + b.outcomes.verify_fail + b.fleet.running;
  return [...c.builds].sort((a, b) => reported(b) - reported(a))[0];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/** One sentence: healthy or not, and the numbers that say so. */
export function healthSentence(c: ChannelStats, h?: ChannelHistory): { verdict: 'healthy' | 'unhealthy' | 'unknown'; text: string } {
  const name = `${c.app}/${c.channel}`;
  const b = currentBuild(c, h);
  if (!b) return { verdict: 'unknown', text: `${name}: no build reported on yet (${c.checks} checks from ${c.devices} devices).` };
  const limit = h?.plan?.max_failure_rate ?? DEFAULT_FAILURE_LIMIT;
  const f = b.fleet;
  const failRate = b.failure_ratio * 100;
  const halted = h?.plan?.state === 'halted';
  const unhealthy = halted || failRate > limit || f.rolled_back > 0;
  const apart = [
    sum(f.deferred) ? `${sum(f.deferred)} deferred` : '',
    sum(f.ineligible) ? `${sum(f.ineligible)} not offered` : '',
    f.failed ? `${f.failed} failed` : '',
    f.rolled_back ? `${f.rolled_back} rolled back` : '',
  ].filter(Boolean);
  const plan = h?.plan ? `; plan ${h.plan.state} at step ${h.plan.step + 1} of ${h.plan.steps.length} (${h.plan.steps[h.plan.step]} %)` : '';
  const unknown = c.checks_without_device > 0 ? `; ${c.checks_without_device} checks from clients that do not identify themselves are not counted` : '';
  const text =
    `${name}: ${unhealthy ? 'not healthy' : 'healthy'} — ${b.build_id} runs on ${f.running} of ${c.devices} devices (${pct(b.adoption)}, ${f.confirmed} confirmed boots)` +
    `${apart.length ? `, ${apart.join(', ')}` : ''}; failure rate ${failRate.toFixed(1)} % against a ${limit} % limit${plan}${unknown}.`;
  return { verdict: unhealthy ? 'unhealthy' : 'healthy', text };
}

function summaryParagraph(c: ChannelStats, h: ChannelHistory | undefined): string {
  const { verdict, text } = healthSentence(c, h);
  return `<p class="summary ${verdict}">${esc(text)}</p>`;
}

function section(c: ChannelStats, h: ChannelHistory | undefined, report: StatsReport): string {
  const rows = c.builds
    .map((b) => {
      const f = b.fleet;
      const cells = [b.build_id, pct(b.adoption), String(f.running), String(f.confirmed), String(sum(f.deferred)), String(sum(f.ineligible)), String(f.failed), String(f.rolled_back), pct(b.failure_ratio), String(b.downloads)];
      return `<tr>${cells.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`;
    })
    .join('');
  const head = ['build', 'adoption', 'running', 'confirmed', 'deferred', 'not offered', 'failed', 'rolled back', 'failure rate', 'downloads'];
  const reasons = c.builds
    .flatMap((b) => [...Object.entries(b.fleet.deferred), ...Object.entries(b.fleet.ineligible)].map(([r, n]) => `${b.build_id}: ${r} ${n}`))
    .join(', ');
  const span = timeSpan(c, report, h);
  return `<section>
<h2>${esc(`${c.app} / ${c.channel}`)}</h2>
<p>${esc(`${c.checks} checks (${c.not_modified} not modified) from ${c.devices} devices${c.checks_without_device ? `; ${c.checks_without_device} checks carried no device id` : ''}`)}</p>
<div class="table"><table><tr>${head.map((x) => `<th>${x}</th>`).join('')}</tr>${rows}</table></div>
${reasons ? `<p class="meta">${esc(`Waiting, by reason: ${reasons}`)}</p>` : ''}
${adoptionChart(c, span, report)}
${failureChart(c, span, report, h)}
${rolloutChart(c, span, h)}
</section>`;
}

interface Span {
  start: number;
  end: number;
}

/** The charts' shared time axis: the buckets read, widened to the history events inside them. */
function timeSpan(c: ChannelStats, report: StatsReport, h: ChannelHistory | undefined): Span {
  const size = BUCKET_MS[report.by];
  const starts = c.buckets.map((b) => Date.parse(b.start));
  let start = starts.length ? Math.min(...starts) : Date.now();
  let end = starts.length ? Math.max(...starts) + size : start + size;
  if (!c.buckets.length && h?.events.length) {
    start = Date.parse(h.events[0]!.at);
    end = Math.max(start + size, Date.parse(h.events.at(-1)!.at));
  }
  return { start, end };
}

interface Series {
  name: string;
  colour: string;
  /** [time ms, value 0..1]. */
  points: [number, number, string][];
  /** Draw as steps (a value holds until the next point). */
  step?: boolean;
}

interface Chart {
  id: string;
  caption: string;
  span: Span;
  series: Series[];
  limit?: { value: number; label: string };
  markers?: { at: number; colour: string; label: string }[];
  empty?: string;
}

/** A line chart over the span, y 0..100 %: one <g data-series> per series, a titled point per value. */
function chart(ch: Chart): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const width = Math.max(1, ch.span.end - ch.span.start);
  const x = (t: number) => PAD.left + ((Math.min(Math.max(t, ch.span.start), ch.span.end) - ch.span.start) / width) * plotW;
  const y = (v: number) => PAD.top + (1 - Math.min(1, Math.max(0, v))) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((g) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${fmt(y(g))}" y2="${fmt(y(g))}" stroke="#eee"/><text x="${PAD.left - 6}" y="${fmt(y(g) + 4)}" text-anchor="end">${g * 100}%</text>`)
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const t = ch.span.start + f * width;
      const minor = f === 0.25 || f === 0.75 ? ' class="minor"' : '';
      return `<text${minor} x="${fmt(x(t))}" y="${H - PAD.bottom + 16}" text-anchor="${f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}">${esc(timeLabel(t, width))}</text>`;
    })
    .join('');
  const lines = ch.series
    .map((s) => {
      const pts: [number, number][] = [];
      for (const [i, [t, v]] of s.points.entries()) {
        if (s.step && i > 0) pts.push([x(t), y(s.points[i - 1]![1])]);
        pts.push([x(t), y(v)]);
      }
      if (s.step && s.points.length) pts.push([x(ch.span.end), y(s.points.at(-1)![1])]);
      const dots = s.points.map(([t, v, title]) => `<circle cx="${fmt(x(t))}" cy="${fmt(y(v))}" r="3" fill="${s.colour}"><title>${esc(title)}</title></circle>`).join('');
      const poly = pts.length > 1 ? `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map(([px, py]) => `${fmt(px)},${fmt(py)}`).join(' ')}"/>` : '';
      return `<g class="series" data-series="${esc(s.name)}">${poly}${dots}</g>`;
    })
    .join('');
  const limit = ch.limit
    ? `<g class="limit"><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${fmt(y(ch.limit.value))}" y2="${fmt(y(ch.limit.value))}" stroke="#d62728" stroke-dasharray="6 4"/><text x="${W - PAD.right}" y="${fmt(y(ch.limit.value) - 4)}" text-anchor="end" style="fill:#d62728">${esc(ch.limit.label)}</text></g>`
    : '';
  const markers = (ch.markers ?? [])
    .map((m) => `<g class="event"><line x1="${fmt(x(m.at))}" x2="${fmt(x(m.at))}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="${m.colour}" stroke-dasharray="2 3"/><path d="M${fmt(x(m.at) - 5)},${PAD.top - 2} l10,0 l-5,8 z" fill="${m.colour}"><title>${esc(m.label)}</title></path></g>`)
    .join('');
  const legend = ch.series.map((s) => `<tspan fill="${s.colour}">■ ${esc(s.name)}</tspan>`).join('  ');
  const empty = ch.series.every((s) => s.points.length === 0) && ch.empty ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">${esc(ch.empty)}</text>` : '';
  return `<figure id="${ch.id}"><figcaption>${esc(ch.caption)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 14}" role="img" aria-label="${esc(ch.caption)}">${grid}${ticks}${limit}${markers}${lines}${empty}<text x="${PAD.left}" y="${H + 10}">${legend}</text></svg></figure>`;
}

function colourOf(c: ChannelStats): (build: string) => string {
  const builds = [...new Set([...c.builds.map((b) => b.build_id), ...c.buckets.flatMap((b) => Object.keys(b.adoption))])].sort();
  return (build) => COLOURS[Math.max(0, builds.indexOf(build)) % COLOURS.length]!;
}

/** Adoption per build at each bucket's end: the share of the devices seen so far that run it. */
function adoptionChart(c: ChannelStats, span: Span, report: StatsReport): string {
  const size = BUCKET_MS[report.by];
  const colour = colourOf(c);
  const builds = [...new Set(c.buckets.flatMap((b) => Object.keys(b.adoption)))].sort();
  const series = builds.map((build): Series => ({
    name: build,
    colour: colour(build),
    points: c.buckets.map((b) => {
      const at = Date.parse(b.start) + size;
      const share = b.adoption[build] ?? 0;
      return [at, share, `${new Date(at).toISOString()} ${build} ${(share * 100).toFixed(1)}% of ${b.devices_so_far} devices`];
    }),
  }));
  return chart({ id: `adoption-${slug(c)}`, caption: 'Adoption: share of the devices that polled which run each build', span, series, empty: 'no device has reported what it runs' });
}

const failed = (o: Outcomes) => o.fail + o.verify_fail + o.rolled_back;
const attempts = (o: Outcomes) => o.ok + o.fail + o.verify_fail;

/** Failure rate per build per bucket (failed attempts of those reported in the bucket), with the limit. */
function failureChart(c: ChannelStats, span: Span, report: StatsReport, h: ChannelHistory | undefined): string {
  const size = BUCKET_MS[report.by];
  const colour = colourOf(c);
  const builds = [...new Set(c.buckets.flatMap((b) => Object.keys(b.outcomes)))].sort();
  const series = builds
    .map((build): Series => ({
      name: build,
      colour: colour(build),
      points: c.buckets.flatMap((b): [number, number, string][] => {
        const o = b.outcomes[build];
        if (!o || attempts(o) === 0) return [];
        const at = Date.parse(b.start) + size / 2;
        const rate = Math.min(1, failed(o) / attempts(o));
        return [[at, rate, `${b.start} ${build} ${(rate * 100).toFixed(1)}% failed (${failed(o)} of ${attempts(o)})`]];
      }),
    }))
    .filter((s) => s.points.length > 0);
  const limit = h?.plan?.max_failure_rate ?? DEFAULT_FAILURE_LIMIT;
  return chart({
    id: `failures-${slug(c)}`,
    caption: `Failure rate per build (fail, verify_fail, rolled back of the attempts reported) — ${h?.plan ? "the plan's" : 'default'} limit ${limit} %`,
    span,
    series,
    limit: { value: limit / 100, label: `limit ${limit} %` },
    empty: 'no install attempt reported',
  });
}

/** The rollout percent over time from the channel's history, every change marked. */
function rolloutChart(c: ChannelStats, span: Span, h: ChannelHistory | undefined): string {
  if (!h) return '';
  const inSpan = h.events.filter((e) => Date.parse(e.at) <= span.end);
  const before = inSpan.filter((e) => Date.parse(e.at) < span.start).at(-1);
  const during = inSpan.filter((e) => Date.parse(e.at) >= span.start);
  const points: [number, number, string][] = [
    ...(before ? [[span.start, before.percent / 100, `${before.at} ${before.action} ${before.build_id} ${before.percent}% (before this span)`] as [number, number, string]] : []),
    ...during.map((e): [number, number, string] => [Date.parse(e.at), e.percent / 100, `${e.at} ${e.action} ${e.build_id} ${e.percent}%${e.note ? `: ${e.note}` : ''}`]),
  ];
  const markers = during.map((e) => ({ at: Date.parse(e.at), colour: EVENT_COLOURS[e.action] ?? '#555', label: `${e.at} ${e.action} ${e.build_id} at ${e.percent}%${e.note ? `: ${e.note}` : ''}` }));
  return chart({
    id: `rollout-${slug(c)}`,
    caption: 'Rollout percent (from the channel history; ▼ promote, rollout, rollback, plan steps and halts)',
    span,
    series: [{ name: 'rollout percent', colour: '#444', points, step: true }],
    markers,
    empty: 'no change in this span',
  });
}

function timeLabel(t: number, width: number): string {
  const iso = new Date(t).toISOString();
  return width <= 2 * 86_400_000 ? iso.slice(5, 16).replace('T', ' ') : iso.slice(0, 10);
}

function slug(c: ChannelStats): string {
  return `${c.app}-${c.channel}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
