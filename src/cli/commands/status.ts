import type { Command } from 'commander';
import type { ManifestPayload } from '../../core/schemas.js';
import type { Runner } from '../program.js';
import { appFlag, channelFlag } from '../flags.js';
import { terminalSafe } from '../render.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('status')
    .description('the channels now: current build, rollout percent, last safe build, sequence and expiry')
    .option('--app <id>', 'only this app')
    .option('--channel <name>', 'only this channel')
    .action(
      run(async (ctx, opts) => {
        const repo = await ctx.repo();
        const apps = opts.app !== undefined ? [appFlag(opts.app)] : await repo.listApps();
        const channels: ReturnType<typeof summarise>[] = [];
        for (const app of apps) {
          const names = opts.channel !== undefined ? [channelFlag(opts.channel)] : await repo.listChannels(app);
          for (const ch of names) {
            const head = await repo.readChannel(app, ch);
            if (head) channels.push(summarise(head.payload, ctx.now()));
          }
        }
        ctx.io.result({ store: repo.store.url, channels }, () => {
          if (channels.length === 0) return `nothing published in ${repo.store.url}`;
          return channels
            .map((c) =>
              [
                `${c.app}/${c.channel}  sequence ${c.sequence}${c.expired ? '  EXPIRED' : ''}`,
                `  current    ${c.build.build_id} ${c.build.version_name} (code ${c.build.version_code}) at ${c.build.staged_rollout_percent}%${c.force_downgrade ? ' force_downgrade' : ''}${c.rolled_back_from ? ` (rolled back from ${c.rolled_back_from})` : ''}`,
                `  last safe  ${c.last_safe ? `${c.last_safe.build_id} ${c.last_safe.version_name} (code ${c.last_safe.version_code})` : '-'}`,
                `  salt ${c.salt}  canaries ${c.canary_tags.length} tags, ${c.canary_devices} devices  expires ${c.expires_at}`,
              ]
                .map(terminalSafe)
                .join('\n'),
            )
            .join('\n\n');
        });
      }),
    );
}

function summarise(p: ManifestPayload, now: Date) {
  return {
    app: p.app,
    channel: p.channel,
    sequence: p.sequence,
    build: p.build,
    last_safe: p.last_safe,
    salt: p.salt,
    canary_tags: p.canary.tags,
    canary_devices: p.canary.device_sha256.length,
    force_downgrade: p.force_downgrade,
    rolled_back_from: p.rolled_back_from,
    issued_at: p.issued_at,
    expires_at: p.expires_at,
    expired: Date.parse(p.expires_at) <= now.getTime(),
    gating: p.gating,
  };
}
