import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Runner } from '../program.js';
import { appFlag, channelFlag, collect, intFlag, percentFlag, saltFlag, stringList } from '../flags.js';
import { channelChangeOptions, runChannelChange } from './channel-change.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('promote')
    .description('make a build current on a channel at a staged rollout percent')
    .argument('<build>', 'build id (or a unique prefix of it or of its sha256)');
  channelChangeOptions(cmd)
    .requiredOption('--rollout <pct>', 'percent of devices offered the build, 0..100 in 0.01 steps (0 = paused)')
    .option('--wifi-only', 'download only on Wi-Fi (default from config, normally on)')
    .option('--no-wifi-only', 'allow downloads on any network')
    .option('--must-install', 'critical update: install without waiting for the user', false)
    .option('--min-battery <pct>', 'devices below this battery level defer unless charging (default from config, normally 30)')
    .option('--canary-tag <tag>', 'devices with this tag are always in (repeatable)', collect)
    .option('--canary-device <id>', 'this device is always in; published only hashed (repeatable)', collect)
    .option('--salt <salt>', 'pin the cohort salt instead of drawing a new one')
    .option('--model <model>', 'only devices of this model (repeatable)', collect)
    .option('--chip <chip>', 'only devices with this chip (repeatable; ESP builds default to their own chip)', collect)
    .option('--min-current-version <code>', 'devices below this version code take --intermediate first')
    .option('--intermediate <build>', 'the stepping-stone build for devices below --min-current-version')
    .option('--allow-lower-version', 'promote a build whose version code is not above the current one', false);
  return cmd.action(
    run(async (ctx, opts, [buildRef]) => {
      const cfg = await ctx.config();
      const percent = percentFlag('--rollout', opts.rollout);
      const minBattery = intFlag('--min-battery', opts.minBattery, 0, 100) ?? cfg.file.defaults.min_battery;
      const minCurrent = intFlag('--min-current-version', opts.minCurrentVersion);
      if (opts.intermediate !== undefined && minCurrent === undefined) {
        throw new UsageError('--intermediate needs --min-current-version');
      }
      const app = appFlag(opts.app);
      const salt = opts.salt === undefined ? undefined : saltFlag(opts.salt);
      await runChannelChange(ctx, opts, true, async (_head, repo) => {
        const rec = await repo.resolveBuild(app, buildRef!);
        const intermediate = typeof opts.intermediate === 'string' ? repo.buildRef(await repo.resolveBuild(app, opts.intermediate)) : null;
        return {
          action: 'promote',
          app,
          channel: channelFlag(opts.channel),
          build: repo.buildRef(rec),
          percent,
          wifiOnly: typeof opts.wifiOnly === 'boolean' ? opts.wifiOnly : cfg.file.defaults.wifi_only,
          mustInstall: Boolean(opts.mustInstall),
          minBattery,
          canaryTags: stringList(opts.canaryTag),
          canaryDeviceIds: stringList(opts.canaryDevice),
          salt,
          allowLowerVersion: Boolean(opts.allowLowerVersion),
          gating: {
            models: stringList(opts.model),
            chips: stringList(opts.chip),
            min_current_version: minCurrent ?? null,
            intermediate,
          },
        };
      });
    }),
  );
}
