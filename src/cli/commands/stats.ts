import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BUCKET_SIZES, type BucketSize, type ChannelStats, type StatsReport } from '../../telemetry/aggregate.js';
import { UsageError, StorageError } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import type { Palette } from '../io.js';
import { parseDuration } from '../config.js';
import { appFlag, channelFlag } from '../flags.js';
import { bar, terminalSafe } from '../render.js';
import { optionTable } from '../options.js';
import { athenaSql } from '../../telemetry/athena.js';
import { artifactOrigins } from '../../telemetry/artifact-origins.js';
import { statsFromLogs } from '../log-source.js';
import { toPrometheus } from '../../telemetry/prometheus.js';
import { renderHtml, type ChannelHistory } from '../../telemetry/html.js';
import type { Repository } from '../../repo/repository.js';

const FORMATS = ['table', 'json', 'prometheus'] as const;
type Format = (typeof FORMATS)[number];

export interface StatsOptions {
  logs: string;
  /** Seconds back from now, or an instant (ms). */
  since?: { ago: number } | { at: number };
  by: BucketSize | 'auto';
  format: Format;
  app?: string;
  channel?: string;
  /** Also write a self-contained HTML page here. */
  html?: string;
  /** Print Athena SQL over the logs at `logs` (s3://) instead of reading them. */
  athenaSql?: true;
}

export const command = defineCommand<StatsOptions>({
  name: 'stats',
  description: 'update checks, downloads, install results and adoption per app, channel and build, from CDN or otactl serve access logs',
  args: [],
  options: optionTable`
      --logs <path>      a log file, a folder of them, or s3://BUCKET/PREFIX (CloudFront standard logs, gzip or not; S3 server access logs; otactl serve --access-log)  [required]
      --since <when>     only requests since this long ago (24h, 7d) or this ISO time
      --by <bucket>      time buckets: minute, 5m, 15m, hour, 6h, day, week, or auto (fits the span of the logs); default day, auto with --html; --athena-sql: hour or day
      --format <format>  table, json or prometheus (text exposition format)  [default: table]
      --app <id>         only this app
      --channel <name>   only this channel
      --athena-sql       print Amazon Athena SQL (a table over --logs s3://BUCKET/PREFIX/ and the same counts) instead of reading logs
      --html <file>      also write a self-contained HTML page (numbers and an SVG of adoption over time)
  `,
  examples: [
    'otactl stats --logs ./cloudfront-logs --since 24h',
    'otactl stats --logs access.log --by hour --json',
    'otactl stats --logs ./logs --format prometheus > /var/lib/node_exporter/textfile/otactl.prom',
    'otactl stats --logs s3://my-logs/cloudfront/ --athena-sql --by hour > stats.sql',
  ],
  parse: ({ flags }) => {
    const by = String(flags.by ?? (flags.html === undefined ? 'day' : 'auto'));
    if (by !== 'auto' && !(BUCKET_SIZES as readonly string[]).includes(by)) throw new UsageError(`--by "${by}" is not one of ${BUCKET_SIZES.join(', ')}, auto`);
    const format = String(flags.format);
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not table, json or prometheus`);
    const logs = String(flags.logs);
    const athenaSql = flags.athenaSql === true;
    if (athenaSql && !/^s3:\/\/[^/]+\//.test(logs)) throw new UsageError('--athena-sql needs --logs s3://BUCKET/PREFIX/ (the table\'s LOCATION)');
    if (athenaSql && by !== 'hour' && by !== 'day') throw new UsageError(`--athena-sql buckets by hour or day, not "${by}"`);
    return {
      logs,
      by: by as BucketSize | 'auto',
      format: format as Format,
      ...(flags.since === undefined ? {} : { since: sinceFlag(String(flags.since)) }),
      ...(flags.app === undefined ? {} : { app: appFlag(flags.app) }),
      ...(flags.channel === undefined ? {} : { channel: channelFlag(flags.channel) }),
      ...(flags.html === undefined ? {} : { html: String(flags.html) }),
      ...(athenaSql ? { athenaSql: true as const } : {}),
    };
  },
  async run(ctx, opts) {
    const apps = opts.app === undefined ? undefined : [opts.app];
    if (opts.athenaSql) {
      const sql = athenaSql(opts.logs, await artifactOrigins(await ctx.repo(), apps), opts.by as 'hour' | 'day');
      ctx.io.result({ sql }, () => sql);
      return;
    }
    const since = opts.since === undefined ? undefined : 'at' in opts.since ? opts.since.at : ctx.now().getTime() - opts.since.ago * 1000;
    const report = await statsFromLogs(ctx, opts.logs, apps, { by: opts.by, ...(since === undefined ? {} : { since }) });
    report.channels = report.channels.filter((c) => (opts.app === undefined || c.app === opts.app) && (opts.channel === undefined || c.channel === opts.channel));
    if (report.lines.malformed > 0) ctx.io.warn(`${report.lines.malformed} malformed log lines skipped`);
    if (opts.html !== undefined) await writeHtml(resolve(ctx.cwd, opts.html), report, ctx.now(), await channelHistories(await ctx.repo(), report));
    if (opts.format === 'prometheus' && !ctx.io.json) {
      ctx.io.print(toPrometheus(report));
      return;
    }
    if (opts.format === 'json' && !ctx.io.json) {
      ctx.io.print(JSON.stringify(report, null, 2));
      return;
    }
    ctx.io.resultPainted(report, (paint) => renderTable(report, paint));
  },
});

async function writeHtml(file: string, report: StatsReport, now: Date, histories: Map<string, ChannelHistory>): Promise<void> {
  await writeFile(file, renderHtml(report, now, histories)).catch((err: NodeJS.ErrnoException) => {
    throw new StorageError(`Cannot write ${file}: ${err.code ?? err.message}`, 'E_OUTPUT', { path: file });
  });
}

/**
 * Each reported channel's history and plan, for the report's rollout chart. A channel the store
 * cannot read (damaged, or only in the logs) is drawn without it: the report is about the logs.
 */
async function channelHistories(repo: Repository, report: StatsReport): Promise<Map<string, ChannelHistory>> {
  const out = new Map<string, ChannelHistory>();
  for (const c of report.channels) {
    if (c.channel === '*') continue;
    try {
      const head = await repo.readChannel(c.app, c.channel);
      if (!head) continue;
      const records = (await repo.readHistory(head)).reverse();
      const plan = head.payload.plan;
      out.set(`${c.app}/${c.channel}`, {
        build_id: head.payload.build.build_id,
        plan: plan ? { max_failure_rate: plan.max_failure_rate, state: plan.state, steps: plan.steps, step: plan.step, reason: plan.reason } : null,
        events: records
          .filter((r) => r.action !== 'refresh')
          .map((r) => {
            const tick = typeof r.details.plan_tick === 'string' ? r.details.plan_tick : undefined;
            const note = typeof r.details.reason === 'string' ? r.details.reason : undefined;
            return { at: r.at, action: tick ? `plan ${tick}` : r.action, build_id: r.to.build_id, percent: r.to.percent, ...(note ? { note } : {}) };
          }),
      });
    } catch {
      // drawn without history
    }
  }
  return out;
}

function sinceFlag(text: string): { ago: number } | { at: number } {
  if (/^\d+[smhd]$/.test(text)) return { ago: parseDuration(text) };
  const at = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(at)) return { at };
  throw new UsageError(`--since "${text}" is neither a duration (24h, 7d) nor an ISO time`);
}

function renderTable(r: StatsReport, paint: Palette = PLAIN): string {
  const head = `${r.lines.read} requests read${r.lines.malformed ? `, ${r.lines.malformed} malformed lines skipped` : ''}${r.since ? ` since ${r.since}` : ''}${r.logs_until ? `; newest at ${r.logs_until}` : ''}`;
  if (r.channels.length === 0) return `${terminalSafe(head)}\nno update traffic in these logs`;
  return [terminalSafe(head), ...r.channels.map((c) => renderChannel(c, paint))].join('\n\n');
}

const PLAIN: Palette = { bold: (s) => s, dim: (s) => s, green: (s) => s, yellow: (s) => s, red: (s) => s, cyan: (s) => s };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const counts = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/** Every row made terminal-safe on its own (a field from the logs cannot break a line), then painted. */
function renderChannel(c: ChannelStats, paint: Palette): string {
  const safe = terminalSafe;
  const rows: string[] = [paint.bold(safe(`${c.app}/${c.channel}  checks ${c.checks} (${c.not_modified} not modified)  devices ${c.devices}`))];
  if (c.checks_without_device > 0) {
    rows.push(paint.yellow(`  ${c.checks_without_device} checks carried no device id (clients that do not identify themselves): devices and adoption count only the ${c.devices} that do`));
  }
  rows.push(`  ${'build'.padEnd(20)} ${'adoption'.padEnd(28)} ${'failures'.padEnd(28)} downloads`);
  for (const b of c.builds) {
    const failColour = b.failure_ratio === 0 ? paint.green : b.failure_ratio > 0.02 ? paint.red : paint.yellow;
    rows.push(
      `  ${safe(b.build_id).padEnd(20)} ${paint.green(bar(b.adoption))} ${pct(b.adoption).padStart(6)} ${failColour(bar(b.failure_ratio))} ${pct(b.failure_ratio).padStart(6)} ${String(b.downloads).padStart(9)}`,
    );
    const f = b.fleet;
    const apart = [
      `running ${f.running} (${f.confirmed} confirmed boots)`,
      total(f.deferred) ? paint.yellow(`deferred ${total(f.deferred)} (${safe(counts(f.deferred))})`) : 'deferred 0',
      total(f.ineligible) ? `not offered ${total(f.ineligible)} (${safe(counts(f.ineligible))})` : 'not offered 0',
      f.failed ? paint.red(`failed ${f.failed}`) : 'failed 0',
      f.rolled_back ? paint.red(`rolled back ${f.rolled_back}`) : 'rolled back 0',
      `other ${f.other}`,
    ];
    rows.push(`      ${apart.join('  ')}`);
    const o = b.outcomes;
    rows.push(paint.dim(`      reported: installed ${o.ok}  booted ${o.booted}  healthy ${o.healthy}  rolled back ${o.rolled_back}  fail ${o.fail}  verify_fail ${o.verify_fail}${Object.keys(b.reasons).length ? `  reasons: ${safe(counts(b.reasons))}` : ''}`));
  }
  for (const b of c.buckets) {
    rows.push(
      safe(`  ${b.start.slice(0, 16).replace('T', ' ')}  checks ${b.checks}  downloads ${b.downloads}  ok ${b.installs.ok}  fail ${b.installs.fail}  verify ${b.verify_fail}  devices ${b.devices}`) +
        Object.entries(b.adoption)
          .map(([id, x]) => `  ${safe(id)} ${paint.green(bar(x))} ${pct(x)}`)
          .join(''),
    );
  }
  return rows.join('\n');
}
