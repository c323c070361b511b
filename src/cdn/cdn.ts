/**
 * What happens at the CDN after a channel manifest is replaced: invalidate the manifest's path
 * (when a distribution is configured, optionally waiting for completion), then, when asked, check
 * through the CDN base URL that devices get the new manifest and the build's bytes. A release
 * workflow calls `afterPublish` once its compare-and-swap has succeeded.
 */
import type { KeyObject } from 'node:crypto';
import { OptionError, PartialError } from '../errors.js';
import { layout } from '../repo/layout.js';
import { cdnPath, checkCdnBaseUrl } from './settings.js';
import { verifyEdge, type EdgeCheck } from './edge.js';
import type { Invalidation, Invalidator } from './invalidator.js';

/** A change as published: its manifest's app, channel, sequence and change digest. */
export interface PublishedChange {
  app: string;
  channel: string;
  sequence: number;
  /** Digest of the change's history record (the manifest's `change`): names the change uniquely. */
  change: string;
}

/** The fields a change result gains: each present when configured, null when nothing was published. */
export interface CdnFields {
  invalidation?: Invalidation | null;
  edge?: EdgeCheck | null;
}

export interface CdnOptions {
  /** The CDN base URL devices fetch from (as written into manifests); needed for the edge check. */
  baseUrl?: string;
  /** Invalidates changed manifest paths; absent: no distribution, nothing invalidated. */
  invalidator?: Invalidator;
  /** Wait until each invalidation completes. */
  wait?: boolean;
  /** Check the edge after each change, with these keys (those devices trust). */
  verifyEdge?: {
    trustedKeys: Map<string, KeyObject>;
    /** Manifest fetches in all while the edge is stale (default 5). */
    attempts?: number;
    /** First delay between them, doubled each time (default 1000 ms). */
    firstDelayMs?: number;
  };
  now?: () => Date;
}

export class Cdn {
  constructor(private readonly opts: CdnOptions) {
    if (opts.baseUrl !== undefined) checkCdnBaseUrl(opts.baseUrl, 'the CDN base URL');
    if (opts.verifyEdge && opts.baseUrl === undefined) {
      throw new OptionError('verifyEdge', '`verifyEdge` needs the CDN base URL devices fetch from: `cdnBaseUrl`');
    }
  }

  /** The fields of a result that published nothing (dry run, no-op). */
  get unchanged(): CdnFields {
    return { ...(this.opts.invalidator ? { invalidation: null } : {}), ...(this.opts.verifyEdge ? { edge: null } : {}) };
  }

  /** The command that redoes afterPublish for a channel (named by the partial-success error). */
  rerunCommand(app: string, channel: string): string {
    return `\`otactl invalidate app=${app} channel=${channel}${this.opts.wait ? ' wait=true' : ''}${this.opts.verifyEdge ? ' verifyEdge=true' : ''}\``;
  }

  /** Throws PartialError (exit 4) when the invalidation or the edge check fails; `invalidation` rides in its details. */
  async afterPublish(c: PublishedChange): Promise<CdnFields> {
    const out: CdnFields = {};
    if (this.opts.invalidator) {
      const paths = [cdnPath(this.opts.baseUrl, layout.manifest(c.app, c.channel))];
      out.invalidation = await this.opts.invalidator.invalidate(paths, callerReference(c), this.opts.wait ?? false);
    }
    const edge = this.opts.verifyEdge;
    if (edge) {
      try {
        out.edge = await verifyEdge({ baseUrl: this.opts.baseUrl!, trustedKeys: edge.trustedKeys, app: c.app, channel: c.channel, sequence: c.sequence, now: this.opts.now ?? (() => new Date()), attempts: edge.attempts, firstDelayMs: edge.firstDelayMs });
      } catch (err) {
        if (!(err instanceof PartialError) || !out.invalidation) throw err;
        throw new PartialError(err.message, err.code, { ...err.details, invalidation: out.invalidation });
      }
    }
    return out;
  }
}

/**
 * One change, one reference: a retry of the same change (lost response, `otactl invalidate`)
 * gets CloudFront's existing invalidation back, while every later change gets a new one.
 */
export function callerReference(c: PublishedChange): string {
  return `otactl:${c.app}/${c.channel}:${c.sequence}:${c.change.slice(0, 16)}`;
}
