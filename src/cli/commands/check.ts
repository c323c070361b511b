import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError, ValidationError, VerificationError } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import type { CliContext } from '../context.js';
import { appFlag, channelFlag, deviceIdFlag, intFlag, stringList } from '../flags.js';
import { terminalSafe } from '../render.js';
import { APP_OPTION, CHANNEL_OPTION } from './channel-change.js';
import { optionTable } from '../options.js';
import { readRegularFile } from '../../util/regular-file.js';
import { openManifest, fetchManifest } from '../../device/manifest.js';
import { decide } from '../../protocol/decision.js';
import { localTimeAt, minuteOfDay } from '../../protocol/install-window.js';
import { repairHint } from '../../release/change.js';
import { loadPublicKeys } from '../../signing/keys.js';

export interface CheckOptions {
  app: string;
  channel: string;
  device: string;
  currentVersionCode: number;
  tags: string[];
  model?: string;
  chip?: string;
  wifi?: boolean;
  battery?: number;
  charging?: true;
  inCall?: true;
  freeDisk?: number;
  lastSequence?: number;
  manifest?: string;
  keys: string[];
  now?: Date;
  localTime?: string;
}

export const command = defineCommand<CheckOptions>({
  name: 'check',
  description: "what one device would do right now (update, stay or defer, and why), with the device SDK's own code",
  args: [],
  options: [
    APP_OPTION,
    CHANNEL_OPTION,
    ...optionTable`
      --device <id>               device id as the device reports it  [required]
      --current-version-code <n>  version code the device runs  [required]
      --tags <a,b>                device tags (canary aliases)  [repeatable]
      --model <model>             device model
      --chip <chip>               device chip (ESP)
      --wifi                      the device is on Wi-Fi
      --no-wifi                   the device is not on Wi-Fi
      --battery <pct>             battery level 0..100
      --charging                  the device is charging
      --in-call                   the device is in a phone call
      --free-disk <bytes>         free storage in bytes
      --last-sequence <n>         highest manifest sequence the device accepted before (replay check)
      --manifest <url|path>       read this manifest instead of the configured store's
      --key <pubkey.pem>          trust this public key instead of the configured ones (repeatable)  [repeatable]
      --now <iso-time>            decide as of this time (default: now)
      --local-time <HH:MM>        the device's local wall-clock time, for the install window (default: the UTC time of --now, what a device that does not know its offset uses)
    `,
  ],
  examples: [
    'otactl check --app com.example.agent --channel stable --device A1B2 --current-version-code 41 --no-wifi',
    'otactl check --app sensor --channel stable --device 24:0A:C4:12:34:56 --current-version-code 1002003 --chip esp32 --json',
    'otactl check --app com.example.agent --channel stable --device A1B2 --current-version-code 41 --manifest https://cdn.example.com/apps/com.example.agent/channels/stable/manifest.json --key ota.pub.pem',
  ],
  parse: ({ flags }) => {
    const opt = <K extends keyof CheckOptions>(key: K, value: CheckOptions[K] | undefined) => (value === undefined ? {} : { [key]: value });
    return {
      app: appFlag(flags.app),
      channel: channelFlag(flags.channel),
      device: deviceIdFlag('--device', flags.device),
      currentVersionCode: intFlag('--current-version-code', flags.currentVersionCode)!,
      tags: stringList(flags.tags),
      ...opt('model', typeof flags.model === 'string' ? flags.model : undefined),
      ...opt('chip', typeof flags.chip === 'string' ? flags.chip : undefined),
      ...opt('wifi', typeof flags.wifi === 'boolean' ? flags.wifi : undefined),
      ...opt('battery', intFlag('--battery', flags.battery, 0, 100)),
      ...opt('charging', flags.charging === true ? true : undefined),
      ...opt('inCall', flags.inCall === true ? true : undefined),
      ...opt('freeDisk', intFlag('--free-disk', flags.freeDisk)),
      ...opt('lastSequence', intFlag('--last-sequence', flags.lastSequence)),
      ...opt('manifest', typeof flags.manifest === 'string' ? flags.manifest : undefined),
      keys: stringList(flags.key),
      ...opt('now', flags.now === undefined ? undefined : parseTime(String(flags.now))),
      ...opt('localTime', flags.localTime === undefined ? undefined : localTimeFlag(flags.localTime)),
    };
  },
  async run(ctx, opts) {
    const { app, channel } = opts;
    const keys = opts.keys.length > 0 ? loadPublicKeys(opts.keys.map((k) => resolve(ctx.cwd, k))) : ctx.trustedKeys();
    // The manifest is read while the keys are, unless reading it from the store needs the --key keys.
    const trustedFirst = opts.keys.length > 0 && opts.manifest === undefined;
    const read = (trusted: Map<string, KeyObject>) => readManifest(ctx, trusted, opts.keys.length > 0 ? opts.keys : undefined, app, channel, opts.manifest);
    const early = trustedFirst ? null : read(new Map());
    early?.catch(() => undefined); // reported below, after the keys' own errors
    const trusted = await keys;
    if (trusted.size === 0) throw new ValidationError('no trusted keys: pass --key PUBKEY.pem or configure trusted_keys', 'E_NO_TRUSTED_KEY');
    const bytes = await (early ?? read(trusted));
    const now = opts.now ?? ctx.now();
    const localTime = opts.localTime ?? localTimeAt(now, 'UTC');
    const payload = await fromStoreNamesRepair(opts.manifest === undefined, app, channel, () =>
      openManifest(bytes, trusted, { now, highestSequence: opts.lastSequence, app, channel }),
    );
    const decision = decide(
      payload,
      { device_id: opts.device, current_version_code: opts.currentVersionCode, tags: opts.tags, model: opts.model, chip: opts.chip },
      { wifi: opts.wifi, battery: opts.battery, charging: opts.charging, in_call: opts.inCall, free_disk_bytes: opts.freeDisk, local_time: localTime },
    );
    const window = payload.constraints.install_window;
    const result = { app, channel, device: opts.device, sequence: payload.sequence, expires_at: payload.expires_at, local_time: localTime, install_window: window ?? null, ...decision };
    ctx.io.result(result, () => {
      const what = decision.build ? terminalSafe(` ${decision.build.build_id} ${decision.build.version_name} (code ${decision.build.version_code})`) : '';
      return `${decision.action.toUpperCase()}${what}  [${decision.reason}] ${decision.detail}\n  bucket ${decision.bucket}, ${decision.canary ? 'canary' : decision.in_cohort ? 'in cohort' : 'outside cohort'}, manifest sequence ${payload.sequence}${window ? `, install window ${window.start}-${window.end} at local time ${localTime}` : ''}`;
    });
  },
});

/** Codes that mean the stored manifest is damaged (not expired or foreign-keyed): repair recovers it. */
const DAMAGE = new Set(['E_TAMPERED', 'E_ENVELOPE', 'E_SCHEMA', 'E_BAD_SIGNATURE']);

/** A manifest read from the configured store that is damaged names the command that recovers it. */
async function fromStoreNamesRepair<T>(fromStore: boolean, app: string, channel: string, read: () => T): Promise<T> {
  try {
    return read();
  } catch (err) {
    if (!fromStore || !(err instanceof VerificationError) || !DAMAGE.has(err.code)) throw err;
    throw new VerificationError(`${err.message} ${repairHint(app, channel)}`, err.code, err.details);
  }
}

/** The manifest bytes as the device would get them: from a URL, a file, or the configured store (`keys`: the --key files trusted instead of the configured keys). */
async function readManifest(ctx: CliContext, trusted: Map<string, KeyObject>, keys: string[] | undefined, app: string, channel: string, source: string | undefined): Promise<Buffer> {
  if (source && /^https?:\/\//.test(source)) {
    return fetchManifest(source);
  }
  if (source) {
    try {
      return await readRegularFile(source);
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError(`cannot read manifest ${source}: ${(err as NodeJS.ErrnoException).code ?? err}`, 'E_NO_FILE');
    }
  }
  const repo = keys === undefined ? await ctx.repo() : await ctx.repoTrusting([...trusted.values()]);
  const bytes = await repo.readManifestBytes(app, channel);
  if (!bytes) throw new ValidationError(`nothing has been published on ${app}/${channel} in ${repo.store.url}`, 'E_NO_CHANNEL');
  return bytes;
}

function localTimeFlag(value: unknown): string {
  if (typeof value !== 'string' || minuteOfDay(value) === null) throw new UsageError(`--local-time "${String(value)}" is not HH:MM (00:00..23:59)`);
  return value;
}

function parseTime(text: string): Date {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`--now "${text}" is not a date-time`);
  return new Date(t);
}
