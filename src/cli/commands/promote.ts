import type { PromoteRequest } from '../../release/channel-workflows.js';
import { inCliWords } from '../flag-names.js';
import { defineCommand } from '../command-def.js';
import { deviceIdFlag, installWindowFlag, intFlag, percentFlag, saltFlag, stringList } from '../flags.js';
import { CHANNEL_CHANGE_OPTIONS, changeDeps, type ChangeExtras, parseChannelChange, printChange } from './channel-change.js';
import { optionTable } from '../options.js';
import { checkPromoteRequest, promote } from '../../release/channel-workflows.js';

export const command = defineCommand<PromoteRequest & ChangeExtras>({
  name: 'promote',
  description: 'make a build current on a channel at a staged rollout percent',
  args: [{ name: 'build', description: 'build id (or a unique prefix of it or of its sha256)' }],
  options: [
    ...CHANNEL_CHANGE_OPTIONS,
    ...optionTable`
      --rollout <pct>               percent of devices offered the build, 0..100 in 0.01 steps (0 = paused)  [required]
      --wifi-only                   download only on Wi-Fi (default from config, normally on)
      --no-wifi-only                allow downloads on any network
      --must-install                critical update: install without waiting for the user  [default: false]
      --min-battery <pct>           devices below this battery level defer unless charging (default from config, normally 30)
      --canary-tag <tag>            devices with this tag are always in (repeatable)  [repeatable]
      --canary-device <id>          this device is always in; published only hashed (repeatable)  [repeatable]
      --salt <salt>                 pin the cohort salt instead of drawing a new one
      --model <model>               only devices of this model (repeatable)  [repeatable]
      --chip <chip>                 only devices with this chip (repeatable; ESP builds default to their own chip)  [repeatable]
      --min-current-version <code>  devices below this version code take --intermediate first
      --intermediate <build>        the stepping-stone build for devices below --min-current-version
      --install-window <HH:MM-HH:MM>  devices install only in this window of their local time (may wrap midnight, e.g. 22:00-05:00); none: any time (default: the channel's current window)
      --allow-lower-version         promote a build whose version code is not above the current one  [default: false]
      --allow-signer-change         APK: promote a build signed by another key than the channel's current build, not rotated from it (recorded in history)  [default: false]
      --delta-from <n>              ESP: delta patches from the current and last safe builds and from the n newest other builds (default 2; docs/delta.md)
      --no-deltas                   ESP: publish no delta patches; devices download the full image
    `,
  ],
  examples: [
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 5 --yes',
    'otactl promote b-3f2a --app com.example.agent --channel beta --rollout 100 --canary-tag qa --dry-run',
    'otactl promote b-77e0 --app sensor --channel stable --rollout 10 --min-current-version 2000000 --intermediate b-5a1c --yes',
    'otactl promote b-77e0 --app sensor --channel stable --rollout 100 --install-window 01:00-05:00 --yes',
  ],
  parse: ({ flags, args }) => {
    const opt = <T,>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    const minCurrentVersion = intFlag('--min-current-version', flags.minCurrentVersion);
    inCliWords(() => checkPromoteRequest({ intermediate: flags.intermediate as string | undefined, minCurrentVersion }));
    const minBattery = intFlag('--min-battery', flags.minBattery, 0, 100);
    return {
      ...parseChannelChange(flags),
      build: args[0]!,
      percent: percentFlag('--rollout', flags.rollout),
      // Absent: the config's default, applied in run.
      ...(typeof flags.wifiOnly === 'boolean' ? { wifiOnly: flags.wifiOnly } : {}),
      mustInstall: flags.mustInstall === true,
      ...(minBattery === undefined ? {} : { minBattery }),
      canaryTags: stringList(flags.canaryTag),
      canaryDeviceIds: stringList(flags.canaryDevice).map((id) => deviceIdFlag('--canary-device', id)),
      ...(flags.salt === undefined ? {} : { salt: saltFlag(flags.salt) }),
      models: stringList(flags.model),
      chips: stringList(flags.chip),
      ...(minCurrentVersion === undefined ? {} : { minCurrentVersion }),
      ...(typeof flags.intermediate === 'string' ? { intermediate: flags.intermediate } : {}),
      ...opt('installWindow', installWindowFlag('--install-window', flags.installWindow)),
      allowLowerVersion: flags.allowLowerVersion === true,
      allowSignerChange: flags.allowSignerChange === true,
      ...(flags.deltaFrom === undefined ? {} : { deltaFrom: intFlag('--delta-from', flags.deltaFrom, 0, 64)! }),
      ...(flags.deltas === false ? { noDeltas: true } : {}),
    };
  },
  async run(ctx, { expiresIn, cdn, ...req }) {
    const cfg = await ctx.config();
    const defaults = cfg.file.defaults;
    const deps = await changeDeps(ctx, { expiresIn, cdn });
    printChange(ctx, await promote(deps, { ...req, wifiOnly: req.wifiOnly ?? defaults.wifi_only, minBattery: req.minBattery ?? defaults.min_battery }));
  },
});
