import type { Command } from 'commander';
import type { Runner } from '../main.js';
import { appChannelOptions, appFlag, channelFlag } from '../flags.js';
import { printChange } from './change-output.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('rollback')
    .description('point the channel back at the last safe build (or --to BUILD) at 100%');
  appChannelOptions(cmd)
    .option('--to <build>', 'the build to go back to (default: the last safe build)')
    .option('--force-downgrade', 'devices already on the bad build go back too (same signing key required)', false)
    .option('--expires-in <duration>', 'manifest lifetime, e.g. 14d (default from config)')
    .option('--dry-run', 'show what would change and publish nothing', false);
  return cmd.action(
    run(async (ctx, opts) => {
      const { runChange } = await import('../../release/change.js');
      const result = await runChange(ctx, {
        app: appFlag(opts.app),
        channel: channelFlag(opts.channel),
        dryRun: Boolean(opts.dryRun),
        confirm: true,
        expiresIn: opts.expiresIn as string | undefined,
        action: async (_head, repo) => ({
          action: 'rollback',
          to: typeof opts.to === 'string' ? repo.buildRef(await repo.resolveBuild(appFlag(opts.app), opts.to)) : undefined,
          forceDowngrade: Boolean(opts.forceDowngrade),
        }),
      });
      printChange(ctx, result);
    }),
  );
}
