import { ExitCode } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import { formatBytes } from '../io.js';
import { optionTable } from '../options.js';
import { parseDuration } from '../config.js';
import { planGc, applyGc } from '../../release/gc.js';
import { cliText } from '../flag-names.js';

export const command = defineCommand<{ olderThan: string }>({
  name: 'gc',
  description: 'list (or with --yes delete) leftovers older than --older-than: temporary files, history records off every verified chain, artifacts no release names; markers of killed uploads and gc runs',
  args: [],
  options: optionTable`--older-than <duration>  only what was written before this long ago, e.g. 1h, 2d  [default: 1h]`,
  examples: ['otactl gc', 'otactl gc --yes --older-than 2h'],
  parse: ({ flags }) => ({ olderThan: String(flags.olderThan) }),
  async run(ctx, opts) {
    const cutoff = new Date(ctx.now().getTime() - parseDuration(opts.olderThan, '--older-than') * 1000);
    const repo = await ctx.repo();
    const found = await planGc(repo, cutoff, ctx.now());
    const apply = ctx.globals.yes;
    const plan = apply ? await applyGc(repo, found, cutoff, ctx.now()) : found;
    const items = [...plan.temporary, ...plan.history, ...plan.artifacts, ...plan.markers];
    const bytes = items.reduce((n, i) => n + i.bytes, 0);
    if (plan.skipped.length > 0) ctx.exitCode = ExitCode.verification;
    ctx.io.result({ store: repo.store.url, dry_run: !apply, older_than: opts.olderThan, ...plan, objects: items.length, bytes }, () => {
      const verb = apply ? 'deleted' : 'would delete';
      const lines = items.map((i) => `${verb} ${i.key}  ${formatBytes(i.bytes)}  (written ${i.modified})`);
      for (const s of plan.skipped) lines.push(`skipped ${s.scope}: [${s.code}] ${cliText(s.message)}`);
      lines.push(`${verb} ${items.length} objects, ${formatBytes(bytes)}${apply || items.length === 0 ? '' : ' (pass --yes to delete them)'}`);
      return lines.join('\n');
    });
    for (const s of plan.skipped) ctx.io.warn(`${s.scope} skipped: ${s.message}`);
  },
});
