import { changeDeps, channelChangeCommand, printChange } from './channel-change.js';

export const command = channelChangeCommand({
  name: 'refresh',
  description: 're-sign the channel manifest with a new expiry and the next sequence (run it from a CI cron)',
  examples: ['otactl refresh --app com.example.agent --channel stable', 'otactl refresh --app sensor --channel stable --expires-in 30d --json'],
  // No confirmation: devices act on nothing new, so a cron can run it without --yes.
  async run(ctx, { expiresIn, cdn, ...req }) {
    const { refresh } = await import('../../release/channel-workflows.js');
    printChange(ctx, await refresh(await changeDeps(ctx, { expiresIn, cdn }), req));
  },
});
