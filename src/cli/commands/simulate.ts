import type { Command } from 'commander';
import { ValidationError } from '../../errors.js';
import type { Runner } from '../program.js';
import { appChannelOptions, appFlag, channelFlag, collect, intFlag, stringList } from '../flags.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('simulate')
    .description('for a synthetic fleet, how many devices would take each build now, beside the target percent');
  appChannelOptions(cmd)
    .option('--devices <n>', 'fleet size (default from config, normally 10000)')
    .option('--current-version-code <n>', 'version every simulated device runs (default: the last safe build, or 0)')
    .option('--id-prefix <text>', 'simulated device ids are <prefix><n> (default: the preview fleet\'s "device-")')
    .option('--tags <a,b>', 'tags every simulated device carries', collect)
    .option('--model <model>', 'model of every simulated device')
    .option('--chip <chip>', 'chip of every simulated device');
  return cmd.action(
    run(async (ctx, opts) => {
      const app = appFlag(opts.app);
      const channel = channelFlag(opts.channel);
      const cfg = await ctx.config();
      const n = intFlag('--devices', opts.devices, 1, 10_000_000) ?? cfg.file.simulate_devices;
      const repo = await ctx.repo();
      const head = await repo.readChannel(app, channel);
      if (!head) throw new ValidationError(`nothing has been published on ${app}/${channel}`, 'E_NO_CHANNEL');
      const { simulateFleet, SYNTHETIC_ID_PREFIX } = await import('../../release/simulate.js');
      const p = head.payload;
      const current = intFlag('--current-version-code', opts.currentVersionCode) ?? p.last_safe?.version_code ?? 0;
      const result = simulateFleet(p, {
        devices: n,
        currentVersionCode: current,
        idPrefix: typeof opts.idPrefix === 'string' ? opts.idPrefix : SYNTHETIC_ID_PREFIX,
        tags: stringList(opts.tags),
        model: opts.model as string | undefined,
        chip: opts.chip as string | undefined,
      });
      ctx.io.result({ app, channel, sequence: p.sequence, ...result }, () => {
        const lines = [
          `${app}/${channel} sequence ${p.sequence}: ${n} simulated devices on version code ${current}`,
          `target: ${p.build.build_id} at ${p.build.staged_rollout_percent}%`,
        ];
        for (const b of result.builds) {
          lines.push(`  ${b.build_id} (code ${b.version_code})  ${String(b.devices).padStart(8)}  ${b.share.toFixed(2).padStart(6)}%  ${b.role}`);
        }
        for (const [reason, count] of Object.entries(result.stay)) lines.push(`  stay ${reason.padEnd(24)} ${String(count).padStart(8)}`);
        return lines.join('\n');
      });
    }),
  );
}
