import type { InvalidateRequest } from '../../release/cdn.js';
import { defineCommand } from '../command-def.js';
import { appFlag, channelFlag } from '../flags.js';
import { APP_OPTION, CDN_OPTIONS, CHANNEL_OPTION, cdnLines, parseCdnFlags } from './channel-change.js';
import type { CdnFlags } from '../context.js';
import { invalidateChannel } from '../../release/cdn.js';

/**
 * Redoes the CDN step of the channel's current manifest: what a partial success (exit 4) of a
 * change names. The same change gets the same CallerReference, so CloudFront returns an
 * invalidation it already made instead of making a second one.
 */
export const command = defineCommand<InvalidateRequest & { cdn?: CdnFlags }>({
  name: 'invalidate',
  description: 'invalidate the channel manifest on CloudFront (and with --verify-edge check what devices get): re-runs the CDN step of a change that exited 4',
  args: [],
  options: [APP_OPTION, CHANNEL_OPTION, ...CDN_OPTIONS],
  examples: [
    'otactl invalidate --app com.example.agent --channel stable',
    'otactl invalidate --app com.example.agent --channel stable --wait --verify-edge --json',
  ],
  parse: ({ flags }) => {
    const cdn = parseCdnFlags(flags);
    return { app: appFlag(flags.app), channel: channelFlag(flags.channel), ...(cdn ? { cdn } : {}) };
  },
  async run(ctx, { cdn, ...req }) {
    const r = await invalidateChannel(await ctx.releaseDeps(undefined, cdn ?? {}), req);
    ctx.io.result(r, () => `${r.app}/${r.channel} sequence ${r.sequence}:${cdnLines(r).replace('\n', ' ')}`);
  },
});
