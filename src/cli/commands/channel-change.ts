/**
 * What the commands that change a channel manifest (promote, rollout, rollback, refresh, repair,
 * rollout-tick) share on the command line: the --app, --channel, --expires-in and --dry-run flags,
 * the CDN flags (--wait, --verify-edge, --distribution-id), the release dependencies built from the
 * context (the preview and the confirmation question go through the terminal), and how a change
 * result is printed.
 */
import type { CdnFields } from '../../cdn/cdn.js';
import type { ChangeResult } from '../../release/change.js';
import type { ReleaseDeps } from '../../release/deps.js';
import { CancelledError } from '../../errors.js';
import { defineCommand, type CommandDef, type ParsedLine } from '../command-def.js';
import { checkDistributionId } from '../../cdn/settings.js';
import type { CdnFlags, CliContext } from '../context.js';
import { appFlag, channelFlag } from '../flags.js';
import { optionTable, type OptionSpec } from '../options.js';

export const APP_OPTION: OptionSpec = { flags: '--app <id>', description: 'application id (APK package name or firmware project)', required: true };
export const CHANNEL_OPTION: OptionSpec = { flags: '--channel <name>', description: 'release channel, e.g. stable, beta', required: true };

/** After the manifest is published: invalidate it on CloudFront, and check what devices get. */
export const CDN_OPTIONS: readonly OptionSpec[] = optionTable`
    --distribution-id <id>  CloudFront distribution whose cached manifest is invalidated (default $OTACTL_CLOUDFRONT_DISTRIBUTION_ID or config cloudfront.distribution_id)
    --wait                  wait until the CloudFront invalidation has completed (default config cloudfront.wait)
    --verify-edge           fetch the manifest and the artifact through the CDN base URL as a device does and verify them (default config cloudfront.verify_edge)
`;

export const CHANNEL_CHANGE_OPTIONS: readonly OptionSpec[] = [
  APP_OPTION,
  CHANNEL_OPTION,
  ...optionTable`
    --expires-in <duration>  manifest lifetime, e.g. 14d, 36h (default from config)
    --dry-run                show what would change and publish nothing  [default: false]
  `,
  ...CDN_OPTIONS,
];

/** What a change command passes to changeDeps besides its request: absent keys leave it to env and config. */
export interface ChangeExtras {
  expiresIn?: string;
  cdn?: CdnFlags;
}

export interface ChannelChangeFlags extends ChangeExtras {
  app: string;
  channel: string;
  dryRun: boolean;
}

export function parseChannelChange(flags: ParsedLine['flags']): ChannelChangeFlags {
  const cdn = parseCdnFlags(flags);
  return {
    app: appFlag(flags.app),
    channel: channelFlag(flags.channel),
    dryRun: flags.dryRun === true,
    ...(typeof flags.expiresIn === 'string' ? { expiresIn: flags.expiresIn } : {}),
    ...(cdn ? { cdn } : {}),
  };
}

/**
 * A command that takes just the shared channel-change flags (refresh, repair): its words, the
 * release workflow it runs (loaded when it runs) and how its result is printed.
 */
export function channelChangeCommand<R>(def: {
  name: string;
  description: string;
  examples: readonly string[];
  workflow: () => Promise<(deps: ReleaseDeps, req: Omit<ChannelChangeFlags, keyof ChangeExtras>) => Promise<R>>;
  print: (ctx: CliContext, result: R) => void;
}): CommandDef<ChannelChangeFlags> {
  const { workflow, print, ...words } = def;
  return defineCommand({
    ...words,
    args: [],
    options: CHANNEL_CHANGE_OPTIONS,
    parse: ({ flags }) => parseChannelChange(flags),
    async run(ctx, { expiresIn, cdn, ...req }) {
      const run = await workflow();
      const deps = await changeDeps(ctx, { expiresIn, cdn });
      print(ctx, await run(deps, req));
    },
  });
}

/** The CDN flags given, or undefined when none was (the config decides). */
export function parseCdnFlags(flags: ParsedLine['flags']): CdnFlags | undefined {
  const cdn: CdnFlags = {
    ...(flags.wait === true ? { wait: true } : {}),
    ...(flags.verifyEdge === true ? { verifyEdge: true } : {}),
    ...(typeof flags.distributionId === 'string' ? { distributionId: checkDistributionId(flags.distributionId, '--distribution-id') } : {}),
  };
  return Object.keys(cdn).length > 0 ? cdn : undefined;
}

/** Release dependencies for a channel change (and repair): the plan is shown on stderr, and confirmed on a terminal or by --yes. */
export async function changeDeps(ctx: CliContext, { expiresIn, cdn }: ChangeExtras): Promise<ReleaseDeps> {
  // The CloudFront signing key is loaded now, not when the manifest is sealed: a bad key is refused before the plan is shown.
  const deps = await ctx.releaseDeps(expiresIn, cdn ?? {});
  await ctx.artifactUrlSigner();
  const io = ctx.io;
  return {
    ...deps,
    onPlan: (plan) => {
      // The summary holds the fleet preview: built only when the line is shown (not with --quiet or --json).
      io.info(() => plan.summary);
      for (const w of plan.warnings) io.warn(w);
    },
    onWarning: (w) => io.warn(w),
    confirm: async (plan) => {
      if (ctx.globals.yes) return true;
      if (!io.interactive) {
        throw new CancelledError(`refusing to change ${plan.app}/${plan.channel} without confirmation: pass --yes (or --dry-run to only preview)`, 'E_NEEDS_YES');
      }
      return io.confirm(`Publish this change to ${plan.app}/${plan.channel}?`);
    },
  };
}

export function printChange(ctx: CliContext, r: ChangeResult): void {
  ctx.io.result(r, () => {
    if (!r.changed) return `${r.app}/${r.channel} is already at ${r.to.build_id} ${r.to.percent}%; nothing to change`;
    if (r.dry_run) return `dry run: nothing was published (would be sequence ${r.sequence})`;
    const window = r.install_window ? `, install window ${r.install_window.start}-${r.install_window.end} device-local` : '';
    return `published ${r.app}/${r.channel} sequence ${r.sequence}: ${r.to.build_id} at ${r.to.percent}% (expires ${r.expires_at}${window})${cdnLines(r)}`;
  });
}

/** The CDN step's outcome under a result line (nothing when no CDN step ran). */
export function cdnLines(r: CdnFields): string {
  const lines: string[] = [];
  if (r.invalidation) lines.push(`invalidated ${r.invalidation.paths.join(', ')} on ${r.invalidation.distribution_id}: ${r.invalidation.id} ${r.invalidation.status}`);
  if (r.edge) lines.push(`edge verified: ${r.edge.manifest_url} serves sequence ${r.edge.sequence}; ${r.edge.artifact_url} matches its sha256`);
  return lines.map((l) => `\n${l}`).join('');
}
