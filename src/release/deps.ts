/**
 * What a release workflow needs from its caller, passed in explicitly: the repository, who acts,
 * the clock and randomness, the manifest lifetime, optional callbacks for the two moments that
 * involve a person (seeing a planned change, and confirming it) and for upload progress, and the
 * CDN in front of the store.
 * The CLI builds these from flags, environment and config; a Node script builds its own.
 */
import { randomBytes } from 'node:crypto';
import type { Cdn } from '../cdn/cdn.js';
import type { ChangeContext } from '../core/channel.js';
import { OptionError } from '../errors.js';
import { checkActor } from '../protocol/ids.js';
import type { AppRecordAnchor } from '../protocol/schemas.js';
import type { Repository } from '../repo/repository.js';
import { durationSeconds } from '../util/duration.js';

/** What a workflow is about to publish, in words, for whoever confirms it. */
export interface PlanNotice {
  app: string;
  channel: string;
  /** A few lines: from -> to, and the cohort preview. */
  summary: string;
  warnings: readonly string[];
}

export interface ReleaseDeps {
  repo: Repository;
  /** Recorded in history and release records as who made the change: one printable line (E_ACTOR otherwise, protocol/ids.ts). */
  actor: string;
  now: () => Date;
  /** Draws a new cohort salt when a build is promoted (16 hex characters). */
  newSalt: () => string;
  /** Lifetime of a published manifest, in seconds. */
  manifestTtlSeconds: number;
  /** Devices in the synthetic fleet a change is previewed on. */
  previewFleet: number;
  /** Called with a planned change before anything is published (also on a dry run). */
  onPlan?: (plan: PlanNotice) => void;
  /** A warning found while publishing (a manifest over the Android/TS agents' size cap); it is also in the result's warnings. */
  onWarning?: (message: string) => void;
  /** Asked before publishing a change devices act on; false cancels (E_DECLINED). Absent: publish. */
  confirm?: (plan: PlanNotice) => Promise<boolean>;
  /** Bytes of an artifact sent so far. */
  progress?: (sent: number, total: number) => void;
  /** Wraps a long wait with no byte count (verifying a large artifact); the CLI shows a spinner. */
  wait?: <T>(what: string, work: Promise<T>) => Promise<T>;
  /** After each published manifest change: CDN invalidation and edge check (a failure is exit 4, the change stays published). */
  cdn?: Cdn;
}

const HOUR = 3600;
const DAY = 24 * HOUR;
export const DEFAULT_MANIFEST_TTL_SECONDS = 14 * DAY;
/** A manifest must outlive its trip to the CDN and the devices' polling; past a year, expiry protects nothing. */
export const MIN_MANIFEST_TTL_SECONDS = HOUR;
export const MAX_MANIFEST_TTL_SECONDS = 366 * DAY;

/** Refuses a lifetime outside 1 h .. 366 d (the deps a caller built by hand); returns a warning when it is under a day. */
export function checkManifestTtl(seconds: number): string | undefined {
  manifestTtlSeconds(seconds, '`manifestTtlSeconds`', 'manifestTtlSeconds');
  if (seconds < DAY) return `the manifest lifetime is shorter than a day (${seconds / HOUR} h): run otactl refresh more often than that, or devices will reject the manifest as expired`;
  return undefined;
}
/**
 * A manifest lifetime as given (a duration like "14d", or seconds) refused outside 1h..366d;
 * `name` says where it came from (a settings field, or a flag, variable or config key).
 */
export function manifestTtlSeconds(value: string | number, name = '`manifestTtl`', field = 'manifestTtl'): number {
  const seconds = typeof value === 'number' ? value : durationSeconds(value);
  if (seconds === undefined) throw new OptionError(field, `${name} "${value}" is not a duration like 14d, 36h, 90m`);
  if (!(seconds >= MIN_MANIFEST_TTL_SECONDS)) throw new OptionError(field, `${name} ${value} is shorter than 1h: devices would reject the manifest as expired before they fetch it`);
  if (!(seconds <= MAX_MANIFEST_TTL_SECONDS)) throw new OptionError(field, `${name} ${value} is longer than the limit of 366d`);
  return seconds;
}

export const DEFAULT_PREVIEW_FLEET = 10_000;

/** The clock, actor, lifetime, salt source and app record a planned change is stamped with; the actor is checked here, whoever built the deps. */
export function changeContext(deps: ReleaseDeps, appRecord?: AppRecordAnchor | null): ChangeContext {
  return {
    now: deps.now(),
    actor: checkActor(deps.actor),
    expiresInSeconds: deps.manifestTtlSeconds,
    newSalt: deps.newSalt,
    ...(appRecord ? { appRecord } : {}),
  };
}

/** Deps with the usual defaults: the system clock, random salts, 14-day manifests, a 10,000-device preview. */
export function releaseDeps(repo: Repository, actor: string, overrides: Partial<Omit<ReleaseDeps, 'repo' | 'actor'>> = {}): ReleaseDeps {
  return {
    repo,
    actor: checkActor(actor),
    now: () => new Date(),
    newSalt: () => randomBytes(8).toString('hex'),
    manifestTtlSeconds: DEFAULT_MANIFEST_TTL_SECONDS,
    previewFleet: DEFAULT_PREVIEW_FLEET,
    ...overrides,
  };
}
