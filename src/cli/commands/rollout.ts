import type { RolloutRequest } from '../../release/channel-workflows.js';
import { defineCommand } from '../command-def.js';
import { percentFlag } from '../flags.js';
import { CHANNEL_CHANGE_OPTIONS, changeDeps, parseChannelChange, printChange } from './channel-change.js';

export const command = defineCommand<RolloutRequest & { expiresIn?: string }>({
  name: 'rollout',
  description: 'change the staged rollout percent of the current build (no device leaves the cohort when raising; 0 pauses)',
  args: [{ name: 'pct', description: 'new percent, 0..100 in 0.01 steps' }],
  options: CHANNEL_CHANGE_OPTIONS,
  examples: [
    'otactl rollout 25 --app com.example.agent --channel stable --yes',
    'otactl rollout 100 --app sensor --channel beta --dry-run',
    'otactl rollout 0 --app sensor --channel stable --yes   # pause',
  ],
  parse: ({ flags, args }) => ({ ...parseChannelChange(flags), percent: percentFlag('<pct>', args[0]) }),
  async run(ctx, { expiresIn, ...req }) {
    const { rollout } = await import('../../release/channel-workflows.js');
    printChange(ctx, await rollout(await changeDeps(ctx, expiresIn), req));
  },
});
