import type { RollbackRequest } from '../../release/channel-workflows.js';
import { defineCommand } from '../command-def.js';
import { CHANNEL_CHANGE_OPTIONS, changeDeps, type ChangeExtras, parseChannelChange, printChange } from './channel-change.js';
import { optionTable } from '../options.js';
import { rollback } from '../../release/channel-workflows.js';

export const command = defineCommand<RollbackRequest & ChangeExtras>({
  name: 'rollback',
  description: 'point the channel back at the last safe build (or --to BUILD) at 100%',
  args: [],
  options: [
    ...CHANNEL_CHANGE_OPTIONS,
    ...optionTable`
      --to <build>           the build to go back to (default: the last safe build)
      --force-downgrade      devices already on the bad build go back too (same signing key required)  [default: false]
      --allow-signer-change  APK: go back to a build signed by another key than the current and last safe builds, not rotated from the current one (recorded in history)  [default: false]
    `,
  ],
  examples: [
    'otactl rollback --app com.example.agent --channel stable --yes',
    'otactl rollback --app sensor --channel stable --to b-3f2a9c1d7e6b --force-downgrade --yes',
    'otactl rollback --app sensor --channel stable --dry-run',
  ],
  parse: ({ flags }) => ({
    ...parseChannelChange(flags),
    ...(typeof flags.to === 'string' ? { to: flags.to } : {}),
    forceDowngrade: flags.forceDowngrade === true,
    ...(flags.allowSignerChange === true ? { allowSignerChange: true } : {}),
  }),
  async run(ctx, { expiresIn, cdn, ...req }) {
    printChange(ctx, await rollback(await changeDeps(ctx, { expiresIn, cdn }), req));
  },
});
