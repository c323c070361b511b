import { ValidationError, VerificationError } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import { appFlag, channelFlag, intFlag } from '../flags.js';
import { terminalSafe } from '../render.js';
import { APP_OPTION, CHANNEL_OPTION } from './channel-change.js';
import { optionTable } from '../options.js';
import { repairHint } from '../../release/change.js';

export const command = defineCommand<{ app: string; channel: string; limit?: number }>({
  name: 'history',
  description: 'every change of a channel: sequence, actor, time, from -> to (verified chain)',
  args: [],
  options: [APP_OPTION, CHANNEL_OPTION, ...optionTable`--limit <n>  only the newest N changes`],
  examples: ['otactl history --app com.example.agent --channel stable', 'otactl history --app sensor --channel stable --limit 5 --json'],
  parse: ({ flags }) => {
    const limit = intFlag('--limit', flags.limit, 1);
    return { app: appFlag(flags.app), channel: channelFlag(flags.channel), ...(limit === undefined ? {} : { limit }) };
  },
  async run(ctx, { app, channel, limit }) {
    const repo = await ctx.repo();
    const head = await repo.readChannel(app, channel);
    if (!head) throw new ValidationError(`nothing has been published on ${app}/${channel}`, 'E_NO_CHANNEL');
    // The one place besides repair that walks the whole chain: a break found here names the fix.
    const all = await repo.readHistory(head).catch(async (err: unknown) => {
      if (!(err instanceof VerificationError)) throw err;
      throw new VerificationError(`${err.message} ${repairHint(app, channel)}`, err.code, err.details);
    });
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
  },
});
