import { cdnLines, channelChangeCommand } from './channel-change.js';

export const command = channelChangeCommand({
  name: 'repair',
  description: 'republish the last verified state of a channel whose manifest is damaged or whose history chain is broken (next sequence, fresh expiry)',
  examples: ['otactl repair --app com.example.agent --channel stable --dry-run', 'otactl repair --app com.example.agent --channel stable --yes'],
  workflow: async () => (await import('../../release/repair.js')).repair,
  print: (ctx, r) =>
    ctx.io.result(r, () => {
      if (!r.changed) return `${r.app}/${r.channel} verifies (sequence ${r.sequence}); nothing to repair`;
      if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
      return `repaired ${r.app}/${r.channel}: sequence ${r.sequence} republishes the state of sequence ${r.restored!.sequence} (${r.restored!.build_id} at ${r.restored!.percent}%, expires ${r.expires_at})${cdnLines(r)}`;
    }),
});
