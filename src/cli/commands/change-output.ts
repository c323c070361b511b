import type { CliContext } from '../context.js';
import type { ChangeResult } from '../../release/change.js';

/** The result line shared by promote, rollout, rollback and refresh. */
export function printChange(ctx: CliContext, r: ChangeResult): void {
  ctx.io.result(r, () => {
    if (!r.changed) return `${r.app}/${r.channel} is already at ${r.to.build_id} ${r.to.percent}%; nothing to publish`;
    if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
    return `published ${r.app}/${r.channel} sequence ${r.sequence}: ${r.to.build_id} at ${r.to.percent}% (expires ${r.expires_at})`;
  });
}
