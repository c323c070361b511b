import { confirmWithinSeconds, type Results } from '../../core/rollout-plan.js';
import type { RolloutPlan } from '../../protocol/schemas.js';
import { defineCommand } from '../command-def.js';
import { requiredString } from '../flags.js';
import { CHANNEL_CHANGE_OPTIONS, changeDeps, parseChannelChange, type ChannelChangeFlags } from './channel-change.js';
import { optionTable } from '../options.js';
import { rolloutTick } from '../../release/rollout-plan.js';
import { aggregate } from '../../telemetry/aggregate.js';
import { artifactOrigins } from '../../telemetry/artifact-origins.js';
import { openLogs } from '../log-source.js';

/**
 * A separate command word, not `rollout tick`: `rollout` takes a positional <pct>, and a
 * subcommand beside a positional would make `otactl rollout tick` and a typo of a percent
 * indistinguishable to commander. `otactl rollout tick ...`, as people say it, is rewritten to
 * this word before parsing (canonicalArgv in options.ts).
 */
export const command = defineCommand<ChannelChangeFlags & { logs: string }>({
  name: 'rollout-tick',
  description: 'move a channel\'s rollout plan one tick from the install results in the access logs: advance a healthy step, hold, or halt past the failure limit (idempotent; for cron/CI)',
  args: [],
  options: [
    ...CHANNEL_CHANGE_OPTIONS,
    ...optionTable`
      --logs <path>  access logs with the devices' result beacons: file, folder or s3://BUCKET/PREFIX (as for otactl stats)  [required]
    `,
  ],
  examples: [
    'otactl rollout-tick --app com.example.agent --channel stable --logs ./cloudfront-logs',
    'otactl rollout-tick --app sensor --channel beta --logs access.log --json   # every 10 minutes from cron',
  ],
  parse: ({ flags }) => ({ ...parseChannelChange(flags), logs: requiredString('--logs', flags.logs) }),
  async run(ctx, { expiresIn, cdn, logs, ...target }) {
    const results = async (since: Date, buildId: string, plan: RolloutPlan): Promise<Results> => {
      // The store's builds map a check's v= to the build a device runs (a check by the build itself confirms it).
      const report = await aggregate(await openLogs(ctx, logs), {
        artifacts: await artifactOrigins(await ctx.repo(), [target.app]),
        by: 'day',
        since: since.getTime(),
        confirmWithinMs: confirmWithinSeconds(plan) * 1000,
      });
      const build = report.channels.find((c) => c.app === target.app && c.channel === target.channel)?.builds.find((b) => b.build_id === buildId);
      return {
        ok: build?.installs.ok ?? 0,
        fail: build?.installs.fail ?? 0,
        verify_fail: build?.verify_fail ?? 0,
        healthy: build?.fleet.confirmed ?? 0,
        rolled_back: build?.outcomes.rolled_back ?? 0,
        timed_out: build?.timed_out ?? 0,
        logs_until: report.logs_until,
      };
    };
    const deps = await changeDeps(ctx, { expiresIn, cdn });
    const r = await rolloutTick({ ...deps, onPlan: undefined }, { ...target, results });
    ctx.io.result(r, () => `${r.app}/${r.channel}: ${r.decision}: ${r.reason}${r.change ? (r.change.dry_run ? ' (dry run: nothing published)' : ` (sequence ${r.change.sequence})`) : ''}`);
  },
});
