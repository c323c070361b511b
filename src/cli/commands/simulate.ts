import { UsageError, ValidationError } from '../../errors.js';
import { localTimeAt } from '../../protocol/install-window.js';
import { defineCommand } from '../command-def.js';
import { appFlag, channelFlag, intFlag, stringList } from '../flags.js';
import { APP_OPTION, CHANNEL_OPTION } from './channel-change.js';
import { optionTable } from '../options.js';
import { assertDeviceId } from '../../protocol/ids.js';
import { simulateFleet, SYNTHETIC_ID_PREFIX } from '../../release/simulate.js';

export interface SimulateOptions {
  app: string;
  channel: string;
  devices?: number;
  currentVersionCode?: number;
  idPrefix?: string;
  tags: string[];
  model?: string;
  chip?: string;
  timeZones?: string[];
  now?: Date;
}

export const command = defineCommand<SimulateOptions>({
  name: 'simulate',
  description: 'for a synthetic fleet, how many devices would take each build now, beside the target percent',
  args: [],
  options: [
    APP_OPTION,
    CHANNEL_OPTION,
    ...optionTable`
      --devices <n>               fleet size (default from config, normally 10000)
      --current-version-code <n>  version every simulated device runs (default: the last safe build, or 0)
      --id-prefix <text>          simulated device ids are <prefix><n> (default: the preview fleet's "device-")
      --tags <a,b>                tags every simulated device carries  [repeatable]
      --model <model>             model of every simulated device
      --chip <chip>               chip of every simulated device
      --time-zones <a,b>          IANA time zones to spread the fleet over, device n in zone n mod count (default: all on UTC)  [repeatable]
      --now <iso-time>            simulate at this instant (default: now); sets each zone's local time for the install window
    `,
  ],
  examples: [
    'otactl simulate --app com.example.agent --channel stable',
    'otactl simulate --app sensor --channel stable --devices 100000 --current-version-code 1002003 --chip esp32s3 --json',
    'otactl simulate --app sensor --channel stable --time-zones Europe/Berlin,America/New_York,Asia/Tokyo --now 2026-12-06T02:30:00Z',
  ],
  parse: ({ flags }) => {
    const devices = intFlag('--devices', flags.devices, 1, 10_000_000);
    const currentVersionCode = intFlag('--current-version-code', flags.currentVersionCode);
    return {
      app: appFlag(flags.app),
      channel: channelFlag(flags.channel),
      ...(devices === undefined ? {} : { devices }),
      ...(currentVersionCode === undefined ? {} : { currentVersionCode }),
      ...(typeof flags.idPrefix === 'string' ? { idPrefix: idPrefixFlag(flags.idPrefix) } : {}),
      tags: stringList(flags.tags),
      ...(typeof flags.model === 'string' ? { model: flags.model } : {}),
      ...(typeof flags.chip === 'string' ? { chip: flags.chip } : {}),
      ...timeZonesFlag(flags.timeZones),
      ...(flags.now === undefined ? {} : { now: nowFlag(flags.now) }),
    };
  },
  async run(ctx, opts) {
    const { app, channel } = opts;
    const cfg = await ctx.config();
    const n = opts.devices ?? cfg.file.simulate_devices;
    const repo = await ctx.repo();
    const head = await repo.readChannel(app, channel);
    if (!head) throw new ValidationError(`nothing has been published on ${app}/${channel}`, 'E_NO_CHANNEL');
    const p = head.payload;
    const current = opts.currentVersionCode ?? p.last_safe?.version_code ?? 0;
    const result = simulateFleet(p, {
      devices: n,
      currentVersionCode: current,
      idPrefix: opts.idPrefix ?? SYNTHETIC_ID_PREFIX,
      tags: opts.tags,
      model: opts.model,
      chip: opts.chip,
      ...(opts.timeZones ? { timeZones: opts.timeZones } : {}),
      now: opts.now ?? ctx.now(),
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
      for (const [reason, count] of Object.entries(result.deferred)) lines.push(`  of them waiting now: ${reason} ${count}`);
      if (p.constraints.install_window) {
        const w = p.constraints.install_window;
        lines.push(`install window ${w.start}-${w.end} device-local:`);
        for (const z of result.time_zones) lines.push(`  ${z.zone.padEnd(24)} ${z.local_time}  ${String(z.devices).padStart(8)} devices, ${z.outside_install_window} outside the window`);
      }
      return lines.join('\n');
    });
  },
});

/** --time-zones a,b (repeatable): absent, nothing (every device on UTC). */
function timeZonesFlag(value: unknown): { timeZones?: string[] } {
  const zones = stringList(value).flatMap((z) => z.split(',')).map((z) => z.trim()).filter((z) => z !== '');
  return zones.length === 0 ? {} : { timeZones: zones.map(timeZoneFlag) };
}

function timeZoneFlag(zone: string): string {
  try {
    localTimeAt(new Date(0), zone);
  } catch {
    throw new UsageError(`--time-zones: "${zone}" is not a time zone this Node.js knows (IANA names such as Europe/Berlin)`);
  }
  return zone;
}

function nowFlag(value: unknown): Date {
  const t = Date.parse(String(value));
  if (Number.isNaN(t)) throw new UsageError(`--now "${String(value)}" is not a date-time`);
  return new Date(t);
}

/** The first simulated id stands for the prefix (the byte bound of longer ones is cohortDigest's). */
function idPrefixFlag(prefix: string): string {
  assertDeviceId(`${prefix}0`, '--id-prefix');
  return prefix;
}
