import { randomBytes } from 'node:crypto';
import { defineCommand } from '../command-def.js';
import { appFlag, channelFlag, intFlag, stringList } from '../flags.js';
import { ExitCode, UsageError } from '../../errors.js';
import { optionTable } from '../options.js';
import { nudge, isPartial } from '../../nudge/workflow.js';
import * as setup from '../nudge-setup.js';

const VIA = ['fcm', 'mqtt', 'webhook'] as const;
export type Via = (typeof VIA)[number];

export interface NudgeOptions {
  app: string;
  channel: string;
  selection: { kind: 'all' } | { kind: 'devices'; ids: string[] } | { kind: 'file'; path: string };
  via: Via;
  eligibleOnly: boolean;
  dryRun: boolean;
  hmacKeyFile?: string;
  mqttUrl?: string;
  fcmCredentials?: string;
  webhookUrl?: string;
  concurrency: number;
  /** FCM only: Google validates each message and delivers none. */
  validateOnly: boolean;
  /** MQTT only; undefined: config mqtt.connect_timeout_ms, else 10 s. */
  connectTimeoutMs?: number;
  /** Webhook only, per POST; undefined: config webhook.timeout_ms, else 10 s. */
  webhookTimeoutMs?: number;
  /** Send although the channel has no published manifest (it is about to be made). */
  allowUnpublished: boolean;
}

export const DEFAULT_CONCURRENCY = 32;

export const command = defineCommand<NudgeOptions>({
  name: 'nudge',
  description: 'tell devices to check for updates now (signed message over FCM, MQTT or a webhook); exits 4 when some were not delivered',
  args: [],
  options: optionTable`
      --app <id>                    application id  [required]
      --channel <name>              release channel  [required]
      --device <id>                 a device to nudge (repeatable)  [repeatable]
      --devices-file <path>         devices to nudge, one a line: device_id[,fcm_token[,current_version_code]]
      --all                         every device of the channel (its FCM topic or MQTT channel topic)  [default: false]
      --via <transport>             fcm, mqtt or webhook  [required]
      --eligible-only               only listed devices the current manifest would move (exact when the devices file gives versions)  [default: false]
      --dry-run                     build and sign the messages and print them; send nothing  [default: false]
      --hmac-key-file <path>        the nudge HMAC key (raw bytes or hex text; default $OTACTL_NUDGE_HMAC_KEY as hex, or config nudge.hmac_key_file)
      --mqtt-url <url>              broker, mqtt://host:port or mqtts://host:port (default $OTACTL_MQTT_URL or config mqtt.url)
      --fcm-credentials <file>      service-account JSON (default $GOOGLE_APPLICATION_CREDENTIALS or config fcm.credentials)
      --webhook-url <url>           where to POST nudges (default $OTACTL_NUDGE_WEBHOOK_URL or config webhook.url)
      --concurrency <n>             messages in flight at most (default ${DEFAULT_CONCURRENCY})
      --validate-only               FCM only: Google checks every message (tokens included) and delivers none  [default: false]
      --connect-timeout <duration>  MQTT only: give up connecting to the broker after this long, e.g. 5s (default config mqtt.connect_timeout_ms, else 10s)
      --webhook-timeout <duration>  webhook only: give up waiting for the receiver's answer to a POST after this long, e.g. 5s (default config webhook.timeout_ms, else 10s)
      --allow-unpublished           send although --app/--channel has no published manifest (a channel about to be published)  [default: false]
  `,
  examples: [
    'otactl nudge --app com.example.agent --channel stable --all --via fcm',
    'otactl nudge --app fw-sensor --channel beta --devices-file fleet.csv --via mqtt --eligible-only',
    'otactl nudge --app fw-sensor --channel beta --device esp-0042 --via mqtt --dry-run --json',
  ],
  parse: ({ flags }) => {
    const ids = stringList(flags.device);
    const file = typeof flags.devicesFile === 'string' ? flags.devicesFile : undefined;
    const chosen = [ids.length > 0, file !== undefined, flags.all === true].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError('choose the devices with exactly one of --device, --devices-file or --all');
    const via = VIA.find((v) => v === flags.via);
    if (!via) throw new UsageError(`--via "${String(flags.via)}": use fcm, mqtt or webhook`);
    const validateOnly = flags.validateOnly === true;
    if (validateOnly && via !== 'fcm') throw new UsageError('--validate-only is an FCM dry run; use --dry-run with mqtt and webhook');
    if (validateOnly && flags.dryRun === true) throw new UsageError('choose one of --dry-run (contacts nothing) and --validate-only (FCM checks, delivers nothing)');
    if (flags.connectTimeout !== undefined && via !== 'mqtt') throw new UsageError('--connect-timeout applies to --via mqtt only');
    const connectTimeoutMs = flags.connectTimeout === undefined ? undefined : durationFlag('--connect-timeout', flags.connectTimeout);
    if (flags.webhookTimeout !== undefined && via !== 'webhook') throw new UsageError('--webhook-timeout applies to --via webhook only');
    const webhookTimeoutMs = flags.webhookTimeout === undefined ? undefined : durationFlag('--webhook-timeout', flags.webhookTimeout);
    return {
      app: appFlag(flags.app),
      channel: channelFlag(flags.channel),
      selection: flags.all === true ? { kind: 'all' } : file !== undefined ? { kind: 'file', path: file } : { kind: 'devices', ids },
      via,
      eligibleOnly: flags.eligibleOnly === true,
      dryRun: flags.dryRun === true,
      ...optionalStrings(flags, ['hmacKeyFile', 'mqttUrl', 'fcmCredentials', 'webhookUrl']),
      concurrency: intFlag('--concurrency', flags.concurrency, 1, 1000) ?? DEFAULT_CONCURRENCY,
      validateOnly,
      ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
      ...(webhookTimeoutMs !== undefined ? { webhookTimeoutMs } : {}),
      allowUnpublished: flags.allowUnpublished === true,
    };
  },
  async run(ctx, opts) {
    const key = await setup.nudgeKey(ctx, opts.hmacKeyFile);
    const selection = await setup.deviceSelection(ctx, opts);
    const transport = await setup.transport(ctx, opts);
    // Only on a terminal: a log gets the summary (and an unreachable endpoint one error line).
    const progress = opts.dryRun || !ctx.io.interactive ? undefined : ctx.io.progress(`nudge via ${opts.via}`, (n) => `${n}`);
    const summary = await nudge(
      {
        transport,
        key,
        now: ctx.now,
        random: randomBytes,
        currentManifest: async (app, channel) => (await (await ctx.repo()).readChannel(app, channel))?.payload ?? null,
        ...(progress ? { progress } : {}),
      },
      { app: opts.app, channel: opts.channel, selection, eligibleOnly: opts.eligibleOnly, allowUnpublished: opts.allowUnpublished, dryRun: opts.dryRun, concurrency: opts.concurrency },
    );
    ctx.io.result(summary, () => setup.renderSummary(summary));
    if (isPartial(summary)) ctx.exitCode = ExitCode.partial;
  },
});

/** 500ms, 5s, 2m: between 100 ms and 2 minutes, the config's bounds. */
function durationFlag(flag: string, value: unknown): number {
  const m = /^(\d+)(ms|s|m)$/.exec(String(value));
  const ms = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'] : NaN;
  if (!(ms >= 100 && ms <= 120_000)) throw new UsageError(`${flag} "${String(value)}": use a duration from 100ms to 2m, e.g. 5s`);
  return ms;
}

function optionalStrings<K extends string>(flags: Readonly<Record<string, unknown>>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) if (typeof flags[k] === 'string') out[k] = flags[k] as string;
  return out;
}
