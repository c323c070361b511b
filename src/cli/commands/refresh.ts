import { refresh } from '../../release/channel-workflows.js';
import { channelChangeCommand, printChange } from './channel-change.js';

// No confirmation: devices act on nothing new, so a cron can run it without --yes.
export const command = channelChangeCommand({
  name: 'refresh',
  description: 're-sign the channel manifest with a new expiry and the next sequence (run it from a CI cron)',
  examples: ['otactl refresh --app com.example.agent --channel stable', 'otactl refresh --app sensor --channel stable --expires-in 30d --json'],
  workflow: async () => refresh,
  print: printChange,
});
