/**
 * The CDN step of every workflow that replaces a channel manifest (promote, rollout, rollback,
 * refresh, repair, rollout-tick): after the compare-and-swap succeeded, invalidate and check the
 * edge through `deps.cdn`. A failure there is a partial success (exit 4): the error says the
 * channel WAS published, names the command that redoes the CDN step, and carries the published
 * change in its details. `invalidateChannel` is that command (`otactl invalidate`).
 */
import type { CdnFields, PublishedChange } from '../cdn/cdn.js';
import { OptionError, PartialError, ValidationError } from '../errors.js';
import type { ReleaseDeps } from './deps.js';

/** Sets the CDN fields of a result that published nothing (dry run, no-op): null where configured. */
export function cdnUnchanged(deps: ReleaseDeps, result: CdnFields): void {
  if (deps.cdn) Object.assign(result, deps.cdn.unchanged);
}

/** Runs the CDN step for a published change and sets its fields on `result`. */
export async function cdnAfterPublish(deps: ReleaseDeps, published: PublishedChange, result: CdnFields): Promise<void> {
  const { cdn } = deps;
  if (!cdn) return;
  try {
    Object.assign(result, await cdn.afterPublish(published));
  } catch (err) {
    if (!(err instanceof PartialError)) throw err;
    const { app, channel, sequence } = published;
    throw new PartialError(
      `${app}/${channel} sequence ${sequence} WAS published to the store, but ${err.message}; re-run: ${cdn.rerunCommand(app, channel)}`,
      err.code,
      { ...err.details, change: result },
    );
  }
}

export interface InvalidateRequest {
  app: string;
  channel: string;
}

export interface InvalidateResult extends CdnFields {
  app: string;
  channel: string;
  sequence: number;
}

/**
 * Redoes the CDN step for the channel's current manifest (verified first): the same change gets
 * the same CallerReference, so an invalidation CloudFront already made is returned, not repeated.
 */
export async function invalidateChannel(deps: ReleaseDeps, req: InvalidateRequest): Promise<InvalidateResult> {
  if (!deps.cdn) throw new OptionError('distributionId', 'nothing to do: configure a CloudFront distribution (`distributionId`) or pass `verifyEdge`');
  const head = await deps.repo.readChannel(req.app, req.channel);
  if (!head) throw new ValidationError(`nothing has been published on ${req.app}/${req.channel}`, 'E_NO_CHANNEL');
  const result: InvalidateResult = { app: req.app, channel: req.channel, sequence: head.payload.sequence };
  await cdnAfterPublish(deps, { app: req.app, channel: req.channel, sequence: head.payload.sequence, change: head.payload.change }, result);
  return result;
}
