import type { Command } from 'commander';
import { ValidationError } from '../../errors.js';
import type { Runner } from '../program.js';
import { appChannelOptions, appFlag, channelFlag, intFlag } from '../flags.js';
import { terminalSafe } from '../render.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program.command('history').description('every change of a channel: sequence, actor, time, from -> to (verified chain)');
  appChannelOptions(cmd).option('--limit <n>', 'only the newest N changes');
  return cmd.action(
    run(async (ctx, opts) => {
      const limit = intFlag('--limit', opts.limit, 1);
      const app = appFlag(opts.app);
      const channel = channelFlag(opts.channel);
      const repo = await ctx.repo();
      const head = await repo.readChannel(app, channel);
      if (!head) throw new ValidationError(`nothing has been published on ${app}/${channel}`, 'E_NO_CHANNEL');
      const all = await repo.readHistory(head);
      const changes = limit ? all.slice(0, limit) : all;
      ctx.io.result({ app, channel, changes }, () =>
        changes
          .map((c) => {
            const from = c.from ? `${c.from.build_id}@${c.from.percent}%` : '-';
            // One line per record, whatever the signed record holds (old stores may hold a hostile actor).
            return terminalSafe(`${String(c.sequence).padStart(5)}  ${c.at}  ${c.action.padEnd(8)}  ${from} -> ${c.to.build_id}@${c.to.percent}%  by ${c.actor}`);
          })
          .join('\n'),
      );
    }),
  );
}
