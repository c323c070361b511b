import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { percentFlag } from '../flags.js';
import { channelChangeOptions, runChannelChange } from './channel-change.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('rollout')
    .description('change the staged rollout percent of the current build (no device leaves the cohort when raising; 0 pauses)')
    .argument('<pct>', 'new percent, 0..100 in 0.01 steps');
  return channelChangeOptions(cmd).action(
    run(async (ctx, opts, [pct]) => {
      const percent = percentFlag('<pct>', pct);
      await runChannelChange(ctx, opts, true, async () => ({ action: 'rollout', percent }));
    }),
  );
}
