import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ValidationError } from '../../errors.js';
import type { Runner } from '../program.js';
import { appChannelOptions, appFlag, channelFlag, collect, intFlag, requiredString, stringList } from '../flags.js';
import { terminalSafe } from '../render.js';

export function register(program: Command, run: Runner): Command {
  const cmd = program
    .command('check')
    .description('what one device would do right now (update, stay or defer, and why), with the device SDK\'s own code');
  appChannelOptions(cmd)
    .requiredOption('--device <id>', 'device id as the device reports it')
    .requiredOption('--current-version-code <n>', 'version code the device runs')
    .option('--tags <a,b>', 'device tags (canary aliases)', collect)
    .option('--model <model>', 'device model')
    .option('--chip <chip>', 'device chip (ESP)')
    .option('--wifi', 'the device is on Wi-Fi')
    .option('--no-wifi', 'the device is not on Wi-Fi')
    .option('--battery <pct>', 'battery level 0..100')
    .option('--charging', 'the device is charging')
    .option('--in-call', 'the device is in a phone call')
    .option('--free-disk <bytes>', 'free storage in bytes')
    .option('--last-sequence <n>', 'highest manifest sequence the device accepted before (replay check)')
    .option('--manifest <url|path>', 'read this manifest instead of the configured store\'s')
    .option('--key <pubkey.pem>', 'trust this public key instead of the configured ones (repeatable)', collect)
    .option('--now <iso-time>', 'decide as of this time (default: now)');
  return cmd.action(
    run(async (ctx, opts) => {
      const app = appFlag(opts.app);
      const channel = channelFlag(opts.channel);
      const current = intFlag('--current-version-code', opts.currentVersionCode)!;
      const now = opts.now === undefined ? ctx.now() : parseTime(String(opts.now));
      const keys = stringList(opts.key);
      const trusted = keys.length > 0 ? await (await import('../../signing/keys.js')).loadPublicKeys(keys.map((k) => resolve(ctx.cwd, k))) : await ctx.trustedKeys();
      if (trusted.size === 0) throw new ValidationError('no trusted keys: pass --key PUBKEY.pem or configure trusted_keys', 'E_NO_TRUSTED_KEY');
      const bytes = await readManifest(ctx, app, channel, opts.manifest as string | undefined);
      const { openManifest } = await import('../../device/manifest.js');
      const { decide } = await import('../../core/decision.js');
      const payload = openManifest(bytes, trusted, {
        now,
        highestSequence: intFlag('--last-sequence', opts.lastSequence),
        app,
        channel,
      });
      const decision = decide(
        payload,
        {
          device_id: requiredString('--device', opts.device),
          current_version_code: current,
          tags: stringList(opts.tags),
          model: opts.model as string | undefined,
          chip: opts.chip as string | undefined,
        },
        {
          wifi: opts.wifi as boolean | undefined,
          battery: intFlag('--battery', opts.battery, 0, 100),
          charging: opts.charging === true ? true : undefined,
          in_call: opts.inCall === true ? true : undefined,
          free_disk_bytes: intFlag('--free-disk', opts.freeDisk),
        },
      );
      const result = { app, channel, device: opts.device, sequence: payload.sequence, expires_at: payload.expires_at, ...decision };
      ctx.io.result(result, () => {
        const what = decision.build ? terminalSafe(` ${decision.build.build_id} ${decision.build.version_name} (code ${decision.build.version_code})`) : '';
        return `${decision.action.toUpperCase()}${what}  [${decision.reason}] ${decision.detail}\n  bucket ${decision.bucket}, ${decision.canary ? 'canary' : decision.in_cohort ? 'in cohort' : 'outside cohort'}, manifest sequence ${payload.sequence}`;
      });
    }),
  );
}

async function readManifest(ctx: import('../context.js').CliContext, app: string, channel: string, source: string | undefined): Promise<Buffer> {
  if (source && /^https?:\/\//.test(source)) {
    const { fetchManifest } = await import('../../device/manifest.js');
    return fetchManifest(source);
  }
  if (source) {
    try {
      return await readFile(source);
    } catch (err) {
      throw new ValidationError(`cannot read manifest ${source}: ${(err as NodeJS.ErrnoException).code ?? err}`, 'E_NO_FILE');
    }
  }
  const { layout } = await import('../../repo/layout.js');
  const store = await ctx.store();
  const obj = await store.get(layout.manifest(app, channel));
  if (!obj) throw new ValidationError(`nothing has been published on ${app}/${channel} in ${store.url}`, 'E_NO_CHANNEL');
  return obj.bytes;
}

function parseTime(text: string): Date {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new ValidationError(`--now "${text}" is not a date-time`, 'E_USAGE');
  return new Date(t);
}
