/**
 * What promote, rollout, rollback and refresh share on the command line: the --app, --channel,
 * --expires-in and --dry-run flags, the release dependencies built from the context (the preview
 * and the confirmation question go through the terminal), and how a change result is printed.
 */
import type { ChangeResult } from '../../release/change.js';
import type { ReleaseDeps } from '../../release/deps.js';
import { CancelledError } from '../../errors.js';
import type { ParsedLine } from '../command-def.js';
import type { CliContext } from '../context.js';
import { appFlag, channelFlag } from '../flags.js';
import type { OptionSpec } from '../options.js';

export const APP_OPTION: OptionSpec = { flags: '--app <id>', description: 'application id (APK package name or firmware project)', required: true };
export const CHANNEL_OPTION: OptionSpec = { flags: '--channel <name>', description: 'release channel, e.g. stable, beta', required: true };

export const CHANNEL_CHANGE_OPTIONS: readonly OptionSpec[] = [
  APP_OPTION,
  CHANNEL_OPTION,
  { flags: '--expires-in <duration>', description: 'manifest lifetime, e.g. 14d, 36h (default from config)' },
  { flags: '--dry-run', description: 'show what would change and publish nothing', default: false },
];

export interface ChannelChangeFlags {
  app: string;
  channel: string;
  dryRun: boolean;
  expiresIn?: string;
}

export function parseChannelChange(flags: ParsedLine['flags']): ChannelChangeFlags {
  return {
    app: appFlag(flags.app),
    channel: channelFlag(flags.channel),
    dryRun: flags.dryRun === true,
    ...(typeof flags.expiresIn === 'string' ? { expiresIn: flags.expiresIn } : {}),
  };
}

/** Release dependencies for a channel change (and repair): the plan is shown on stderr, and confirmed on a terminal or by --yes. */
export async function changeDeps(ctx: CliContext, expiresIn: string | undefined): Promise<ReleaseDeps> {
  const deps = await ctx.releaseDeps(expiresIn);
  const io = ctx.io;
  return {
    ...deps,
    onPlan: (plan) => {
      io.info(plan.summary);
      for (const w of plan.warnings) io.warn(w);
    },
    confirm: async (plan) => {
      if (ctx.globals.yes) return true;
      if (!io.interactive) {
        throw new CancelledError(`refusing to change ${plan.app}/${plan.channel} without confirmation: pass --yes (or --dry-run to only preview)`, 'E_NEEDS_YES');
      }
      return io.confirm(`Publish this change to ${plan.app}/${plan.channel}?`);
    },
  };
}

export function printChange(ctx: CliContext, r: ChangeResult): void {
  ctx.io.result(r, () => {
    if (!r.changed) return `${r.app}/${r.channel} is already at ${r.to.build_id} ${r.to.percent}%; nothing to change`;
    if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
    return `published ${r.app}/${r.channel} sequence ${r.sequence}: ${r.to.build_id} at ${r.to.percent}% (expires ${r.expires_at})`;
  });
}
