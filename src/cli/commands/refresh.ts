import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { channelChangeOptions, runChannelChange } from './channel-change.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('refresh')
    .description('re-sign the channel manifest with a new expiry and the next sequence (run it from a CI cron)');
  // No confirmation: devices act on nothing new, so a cron can run it without --yes.
  return channelChangeOptions(cmd).action(run(async (ctx, opts) => runChannelChange(ctx, opts, false, async () => ({ action: 'refresh' }))));
}
