import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { appFlag } from '../flags.js';
import { channelChangeOptions, runChannelChange } from './channel-change.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program.command('rollback').description('point the channel back at the last safe build (or --to BUILD) at 100%');
  return channelChangeOptions(cmd)
    .option('--to <build>', 'the build to go back to (default: the last safe build)')
    .option('--force-downgrade', 'devices already on the bad build go back too (same signing key required)', false)
    .action(
      run(async (ctx, opts) => {
        await runChannelChange(ctx, opts, true, async (_head, repo) => ({
          action: 'rollback',
          to: typeof opts.to === 'string' ? repo.buildRef(await repo.resolveBuild(appFlag(opts.app), opts.to)) : undefined,
          forceDowngrade: Boolean(opts.forceDowngrade),
        }));
      }),
    );
}
