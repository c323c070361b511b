import type { Command } from 'commander';
import type { Runner } from '../main.js';
import { appChannelOptions, appFlag, channelFlag, percentFlag } from '../flags.js';
import { printChange } from './change-output.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('rollout')
    .description('change the staged rollout percent of the current build (no device leaves the cohort when raising; 0 pauses)')
    .argument('<pct>', 'new percent, 0..100 in 0.01 steps');
  appChannelOptions(cmd)
    .option('--expires-in <duration>', 'manifest lifetime, e.g. 14d (default from config)')
    .option('--dry-run', 'show what would change and publish nothing', false);
  return cmd.action(
    run(async (ctx, opts, [pct]) => {
      const percent = percentFlag('<pct>', pct);
      const { runChange } = await import('../../release/change.js');
      const result = await runChange(ctx, {
        app: appFlag(opts.app),
        channel: channelFlag(opts.channel),
        dryRun: Boolean(opts.dryRun),
        confirm: true,
        expiresIn: opts.expiresIn as string | undefined,
        action: async () => ({ action: 'rollout', percent }),
      });
      printChange(ctx, result);
    }),
  );
}
