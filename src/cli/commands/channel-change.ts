import type { Command } from 'commander';
import type { ChannelAction } from '../../core/channel.js';
import type { ChannelHead, Repository } from '../../repo/repository.js';
import type { ChangeResult } from '../../release/change.js';
import type { CliContext } from '../context.js';
import { appChannelOptions, appFlag, channelFlag } from '../flags.js';

/** The flags promote, rollout, rollback and refresh share: --app, --channel, --expires-in, --dry-run. */
export function channelChangeOptions(cmd: Command): Command {
  return appChannelOptions(cmd)
    .option('--expires-in <duration>', 'manifest lifetime, e.g. 14d, 36h (default from config)')
    .option('--dry-run', 'show what would change and publish nothing', false);
}

/** Runs one channel change from parsed flags and prints its result. */
export async function runChannelChange(
  ctx: CliContext,
  opts: Record<string, unknown>,
  confirm: boolean,
  action: (head: ChannelHead | null, repo: Repository) => Promise<ChannelAction>,
): Promise<void> {
  const { runChange } = await import('../../release/change.js');
  const r = await runChange(ctx, {
    app: appFlag(opts.app),
    channel: channelFlag(opts.channel),
    dryRun: Boolean(opts.dryRun),
    confirm,
    expiresIn: opts.expiresIn as string | undefined,
    action,
  });
  printChange(ctx, r);
}

function printChange(ctx: CliContext, r: ChangeResult): void {
  ctx.io.result(r, () => {
    if (!r.changed) return `${r.app}/${r.channel} is already at ${r.to.build_id} ${r.to.percent}%; nothing to change`;
    if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
    return `published ${r.app}/${r.channel} sequence ${r.sequence}: ${r.to.build_id} at ${r.to.percent}% (expires ${r.expires_at})`;
  });
}
