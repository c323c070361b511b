import type { RepairRequest, RepairResult } from '../../release/repair.js';
import { defineCommand } from '../command-def.js';
import { appFlag, channelFlag } from '../flags.js';
import { cdnLines, CHANNEL_CHANGE_OPTIONS, CHANNEL_OPTION, changeDeps, type ChangeExtras, parseCdnFlags } from './channel-change.js';
import type { CliContext } from '../context.js';
import { repair } from '../../release/repair.js';

/** Like every channel change, except that --channel is optional: without it only the app record is checked and rebuilt. */
const OPTIONS = CHANNEL_CHANGE_OPTIONS.map((o) =>
  o === CHANNEL_OPTION ? { ...o, required: false, description: 'release channel to repair (without it: only the app record, apps/APP/app.json)' } : o,
);

export const command = defineCommand<RepairRequest & ChangeExtras>({
  name: 'repair',
  description:
    'rebuild a missing or rewound app record from the signed release records and manifests, and republish the last verified state of a channel whose manifest is damaged or whose history chain is broken (next sequence, fresh expiry)',
  args: [],
  options: OPTIONS,
  examples: [
    'otactl repair --app com.example.agent --channel stable --dry-run',
    'otactl repair --app com.example.agent --channel stable --yes',
    'otactl repair --app com.example.agent --yes',
  ],
  parse: ({ flags }) => {
    const cdn = parseCdnFlags(flags);
    return {
      app: appFlag(flags.app),
      ...(flags.channel === undefined ? {} : { channel: channelFlag(flags.channel) }),
      dryRun: flags.dryRun === true,
      ...(typeof flags.expiresIn === 'string' ? { expiresIn: flags.expiresIn } : {}),
      ...(cdn ? { cdn } : {}),
    };
  },
  async run(ctx, { expiresIn, cdn, ...req }) {
    const deps = await changeDeps(ctx, { expiresIn, cdn });
    print(ctx, await repair(deps, req));
  },
});

function print(ctx: CliContext, r: RepairResult): void {
  ctx.io.result(r, () => {
    const lines: string[] = [];
    if (r.app_record) {
      const verb = r.dry_run ? 'would rebuild' : 'rebuilt';
      lines.push(`${verb} apps/${r.app}/app.json as revision ${r.app_record.revision}, accepting ${r.app_record.signers.join(', ') || 'no signer'}`);
    }
    if (r.channel === null) {
      if (!r.app_record) lines.push(`apps/${r.app}/app.json verifies against the signed release records and manifests; nothing to repair`);
      return lines.join('\n');
    }
    if (!r.restored) lines.push(`${r.app}/${r.channel} verifies (sequence ${r.sequence}); nothing to repair`);
    else if (r.dry_run) lines.push(`dry run: nothing was published (would be sequence ${r.sequence})`);
    else lines.push(`repaired ${r.app}/${r.channel}: sequence ${r.sequence} republishes the state of sequence ${r.restored.sequence} (${r.restored.build_id} at ${r.restored.percent}%, expires ${r.expires_at})${cdnLines(r)}`);
    return lines.join('\n');
  });
}
