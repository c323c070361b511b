import type { Command } from 'commander';
import type { Runner } from '../main.js';
import { appChannelOptions, appFlag, channelFlag } from '../flags.js';
import { printChange } from './change-output.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('refresh')
    .description('re-sign the channel manifest with a new expiry and the next sequence (run it from a CI cron)');
  appChannelOptions(cmd)
    .option('--expires-in <duration>', 'manifest lifetime, e.g. 14d (default from config)')
    .option('--dry-run', 'show what would change and publish nothing', false);
  return cmd.action(
    run(async (ctx, opts) => {
      const { runChange } = await import('../../release/change.js');
      const result = await runChange(ctx, {
        app: appFlag(opts.app),
        channel: channelFlag(opts.channel),
        dryRun: Boolean(opts.dryRun),
        confirm: false,
        expiresIn: opts.expiresIn as string | undefined,
        action: async () => ({ action: 'refresh' }),
      });
      printChange(ctx, result);
    }),
  );
}
