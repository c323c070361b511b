import { nextStep, planState } from '../../core/rollout-plan.js';
import type { ManifestPayload, RolloutPlan } from '../../protocol/schemas.js';
import { ERRORS, ExitCode, StorageError, VerificationError, type ErrorCode } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import type { CliContext } from '../context.js';
import { appFlag, channelFlag } from '../flags.js';
import { bar, terminalSafe } from '../render.js';
import { optionTable } from '../options.js';
import { repairHint } from '../../release/change.js';
import { statsFromLogs } from '../log-source.js';
import { cliText } from '../flag-names.js';

export const command = defineCommand<{ app?: string; channel?: string; logs?: string; verifyHistory: boolean }>({
  name: 'status',
  description: 'the channels now: current build, rollout percent, last safe build, sequence and expiry',
  args: [],
  options: optionTable`
      --app <id>        only this app
      --channel <name>  only this channel
      --logs <path>     CDN or otactl serve access logs (as otactl stats reads them): also show adoption per build
      --verify-history  verify each channel's whole history chain, not only its newest 16 records (one read per change)  [default: false]
  `,
  examples: ['otactl status', 'otactl status --app com.example.agent --channel stable --json', 'otactl status --logs ./cloudfront-logs', 'otactl status --verify-history'],
  parse: ({ flags }) => ({
    verifyHistory: flags.verifyHistory === true,
    ...(typeof flags.logs === 'string' ? { logs: flags.logs } : {}),
    ...(flags.app === undefined ? {} : { app: appFlag(flags.app) }),
    ...(flags.channel === undefined ? {} : { channel: channelFlag(flags.channel) }),
  }),
  async run(ctx, opts) {
    const repo = await ctx.repo();
    const apps = opts.app !== undefined ? [opts.app] : await repo.listApps();
    const channels: ChannelStatus[] = [];
    for (const app of apps) {
      const names = opts.channel !== undefined ? [opts.channel] : await repo.listChannels(app);
      for (const ch of names) {
        // One damaged channel must not hide the others: report it in its place, fail at the end.
        let head = null;
        try {
          head = await repo.readChannel(app, ch);
          if (head) await (opts.verifyHistory ? repo.readHistory(head) : repo.verifyRecentHistory(head));
        } catch (err) {
          // A channel that cannot be read (a damaged object, an unreadable file in its folder) is reported in its place.
          if (!(err instanceof VerificationError || err instanceof StorageError)) throw err;
          const error = { code: err.code, message: err instanceof VerificationError ? `${err.message} ${repairHint(app, ch)}` : err.message };
          channels.push(head ? summariseOr(head.payload, ctx.now(), error) : { app, channel: ch, error });
          continue;
        }
        if (head) channels.push(summariseOr(head.payload, ctx.now()));
      }
    }
    if (opts.logs !== undefined) await addAdoption(ctx, opts.logs, channels);
    const damaged = channels.filter((c) => c.error !== undefined);
    // Unreadable outranks unverifiable: exit 7 when a channel could not be read at all, else 5.
    if (damaged.length > 0) ctx.exitCode = damaged.some((c) => ERRORS[c.error!.code as ErrorCode]?.exit === 'store') ? ExitCode.store : ExitCode.verification;
    ctx.io.result({ store: repo.store.url, channels }, () =>
      channels.length === 0 ? `nothing published in ${repo.store.url}` : channels.map(renderChannel).join('\n\n'),
    );
    for (const c of damaged) ctx.io.warn(`${c.app}/${c.channel} ${ERRORS[c.error!.code as ErrorCode]?.exit === 'store' ? 'cannot be read' : 'does not verify'}: ${c.error!.message}`);
  },
});

function renderChannel(c: ChannelStatus): string {
  const damaged = c.error ? [`${c.app}/${c.channel}  DAMAGED [${c.error.code}] ${cliText(c.error.message)}`] : [];
  if (!('build' in c)) return damaged.map(terminalSafe).join('\n');
  return [
    ...damaged,
    `${c.app}/${c.channel}  sequence ${c.sequence}${c.expired ? '  EXPIRED' : ''}`,
    `  current    ${c.build.build_id} ${c.build.version_name} (code ${c.build.version_code}) at ${c.build.staged_rollout_percent}%${c.force_downgrade ? ' force_downgrade' : ''}${c.rolled_back_from ? ` (rolled back from ${c.rolled_back_from})` : ''}`,
    `  rollout    ${bar(c.build.staged_rollout_percent / 100)} ${c.build.staged_rollout_percent}%`,
    ...Object.entries(c.adoption ?? {}).map(([build, share]) => `  adopted    ${bar(share)} ${(share * 100).toFixed(1)}%  ${build}`),
    `  last safe  ${c.last_safe ? `${c.last_safe.build_id} ${c.last_safe.version_name} (code ${c.last_safe.version_code})` : '-'}`,
    `  salt ${c.salt}  canaries ${c.canary_tags.length} tags, ${c.canary_devices} devices  expires ${c.expires_at}`,
    ...(c.plan ? renderPlan(c.plan, c.next_step) : []),
  ]
    .map(terminalSafe)
    .join('\n');
}

function renderPlan(plan: RolloutPlan, next: ChannelSummary['next_step']): string[] {
  const steps = plan.steps.map((p, i) => (i === plan.step ? `[${p}%]` : `${p}%`)).join(' > ');
  const rule = `every ${plan.every_seconds / 60} min, halt above ${plan.max_failure_rate}% failures, judged on ${plan.min_samples} results`;
  const state = !next ? planState(plan) : next.after ? `next ${next.percent}% after ${next.after} if healthy` : `next ${next.percent}% never: the step interval ends past the last date a clock can show`;
  // Progress through the steps: a done plan is full, a running one counts the steps already passed.
  const passed = plan.state === 'done' ? plan.steps.length : plan.step;
  const progress = `  progress   ${bar(passed / plan.steps.length)} step ${plan.step + 1} of ${plan.steps.length} at ${plan.steps[plan.step]}%, ${plan.state}`;
  return [`  plan       ${steps}  (${rule})`, progress, `             ${state}`];
}

/**
 * The channel's summary; a signed manifest that verifies yet cannot be shown (a value no code path
 * expects, e.g. a plan signed before its interval was bounded) is reported damaged in its place.
 */
function summariseOr(p: ManifestPayload, now: Date, error?: ChannelError): ChannelStatus {
  try {
    return { ...summarise(p, now), ...(error ? { error } : {}) };
  } catch (err) {
    return { app: p.app, channel: p.channel, error: error ?? { code: 'E_SCHEMA', message: `the manifest verifies but cannot be shown: ${(err as Error).message}` } };
  }
}

type ChannelSummary = ReturnType<typeof summarise>;
type ChannelError = { code: string; message: string };
type ChannelStatus = (ChannelSummary | { app: string; channel: string }) & { error?: ChannelError; adoption?: Record<string, number> };

function summarise(p: ManifestPayload, now: Date) {
  return {
    app: p.app,
    channel: p.channel,
    sequence: p.sequence,
    build: p.build,
    last_safe: p.last_safe,
    salt: p.salt,
    canary_tags: p.canary.tags,
    canary_devices: p.canary.device_sha256.length,
    force_downgrade: p.force_downgrade,
    rolled_back_from: p.rolled_back_from,
    issued_at: p.issued_at,
    expires_at: p.expires_at,
    expired: Date.parse(p.expires_at) <= now.getTime(),
    gating: p.gating,
    plan: p.plan ?? null,
    next_step: p.plan ? nextStep(p.plan) : null,
  };
}

/**
 * Adoption per build of each listed channel, from access logs (as otactl stats computes it): the
 * share of the devices that polled the channel which run each build at the end of the logs.
 */
async function addAdoption(ctx: CliContext, logs: string, channels: ChannelStatus[]): Promise<void> {
  const report = await statsFromLogs(ctx, logs, [...new Set(channels.map((c) => c.app))], { by: 'day' });
  for (const c of channels) {
    const stats = report.channels.find((s) => s.app === c.app && s.channel === c.channel);
    c.adoption = stats?.buckets.at(-1)?.adoption ?? {};
  }
}
