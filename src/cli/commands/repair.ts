import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { appFlag, channelFlag } from '../flags.js';
import { channelChangeOptions } from './channel-change.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('repair')
    .description('republish the last verified state of a channel whose manifest is damaged or whose history chain is broken (next sequence, fresh expiry)');
  return channelChangeOptions(cmd).action(
    run(async (ctx, opts) => {
      const { runRepair } = await import('../../release/repair.js');
      const r = await runRepair(ctx, {
        app: appFlag(opts.app),
        channel: channelFlag(opts.channel),
        dryRun: Boolean(opts.dryRun),
        expiresIn: opts.expiresIn as string | undefined,
      });
      ctx.io.result(r, () => {
        if (!r.changed) return `${r.app}/${r.channel} verifies (sequence ${r.sequence}); nothing to repair`;
        if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
        return `repaired ${r.app}/${r.channel}: sequence ${r.sequence} republishes the state of sequence ${r.restored!.sequence} (${r.restored!.build_id} at ${r.restored!.percent}%, expires ${r.expires_at})`;
      });
    }),
  );
}
