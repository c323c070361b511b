import * as z from './zod.js';
import { ACTOR_RULE, actorProblem, APP_ID, APP_ID_RULE, ARTIFACT_FAMILY_NAMES, CHANNEL_NAME, CHANNEL_RULE, percentProblem, SALT, SALT_RULE } from './ids.js';

/**
 * Wire formats, as zod schemas; TypeScript types are inferred from them (never written twice).
 * Objects are loose: unknown fields survive a read/write round trip, so an older otactl does not
 * strip what a newer one wrote. Every read goes through these schemas (fail closed).
 */
export const SCHEMA_VERSION = 1;

export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');
/** RFC 3339 in UTC, upper-case T and Z, a real date, seconds 00..59 (docs/design.md contract 4). */
export const IsoTime = z.iso.datetime();
export const AppId = z.string().regex(APP_ID, APP_ID_RULE);
export const ChannelName = z.string().regex(CHANNEL_NAME, CHANNEL_RULE);
export const BuildId = z.string().regex(/^b-[0-9a-f]{12,64}$/, 'build ids look like b-<hex>');
/** The bounds are declared too, so the generated JSON Schema (docs/schema) states them. */
export const Percent = z
  .number()
  .min(0)
  .max(100)
  .superRefine((v, ctx) => {
    const problem = percentProblem(v);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
export const Salt = z.string().regex(SALT, SALT_RULE);
export const VersionCode = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/**
 * Who made a change or an upload, as signed into records: one printable line (protocol/ids.ts). Used
 * by the schemas a record must pass BEFORE it is signed (`*ToSign` below); readers keep accepting
 * any string, so history an older otactl signed stays readable (and is escaped when shown).
 */
export const Actor = z.string().refine((v) => actorProblem(v) === null, ACTOR_RULE);
/** The family of an artifact (its inspector); an app's builds are all of one family. */
export const ArtifactFamilyName = z.enum(ARTIFACT_FAMILY_NAMES);
export type ArtifactFamilyName = z.infer<typeof ArtifactFamilyName>;

/**
 * The app record a signed document was made under (docs/manifest.md, "The signer pin"): its
 * revision, the SHA-256 of its signed payload bytes and the signers it accepted. Carried by every
 * manifest and release record since format 1.1, so deleting or rewinding apps/<app>/app.json is
 * seen as damage, and `otactl repair` can rebuild the accepted signers from what is signed.
 * Optional: absent in documents of older otactl versions; devices ignore it.
 */
export const AppRecordAnchor = z.looseObject({
  revision: z.number().int().min(1),
  sha256: Hex64,
  signers: z.array(Hex64),
});
export type AppRecordAnchor = z.infer<typeof AppRecordAnchor>;

/** The immutable facts of one uploaded build, as devices see them. */
export const BuildRef = z.looseObject({
  build_id: BuildId,
  kind: z.string().min(1),
  version_code: VersionCode,
  version_name: z.string(),
  /** Absolute URL, or a reference resolved against the manifest's own URL (RFC 3986). */
  url: z.string().min(1),
  sha256: Hex64,
  size: z.number().int().min(0),
  /** APK: SHA-256 of the current signing certificate; null for artifacts without a signer. */
  signer_fingerprint: Hex64.nullable(),
  /** ESP: chip the image is built for; null when not applicable. */
  chip: z.string().nullable().default(null),
  /** ESP anti-rollback counter; null when not applicable. */
  secure_version: z.number().int().min(0).nullable().default(null),
});
export type BuildRef = z.infer<typeof BuildRef>;

/**
 * A patch from an earlier build to the rolled-out one (docs/delta.md). `esp_delta_ota` patches name
 * their base by `from_validation_hash` (the SHA-256 appended to the ESP-IDF image) too, which a
 * device compares with its running image. Devices that do not use deltas ignore the list.
 */
export const BuildDelta = z.looseObject({
  /** Devices apply only formats they know (now: `esp_delta_ota`). */
  format: z.string().min(1),
  from_build_id: BuildId,
  from_sha256: Hex64,
  from_validation_hash: Hex64,
  url: z.string().min(1),
  size: z.number().int().min(1),
  sha256: Hex64,
});
export type BuildDelta = z.infer<typeof BuildDelta>;
/** At most this many patches per build: each costs about 560 bytes of the ESP manifest cap. */
export const MAX_BUILD_DELTAS = 4;

/** The build being rolled out: the seed's update-manifest fields. */
export const RolloutBuild = BuildRef.extend({
  wifi_only: z.boolean(),
  must_install: z.boolean(),
  staged_rollout_percent: Percent,
  /** Patches to this build from builds devices may run (absent: none; docs/delta.md). */
  deltas: z.array(BuildDelta).max(MAX_BUILD_DELTAS).optional(),
});
export type RolloutBuild = z.infer<typeof RolloutBuild>;

export const Canary = z.looseObject({
  /** Device tags (aliases) that are always in the cohort. */
  tags: z.array(z.string().min(1)).default([]),
  /** hex SHA-256(salt ":" device_id) of devices that are always in; ids never appear in clear. */
  device_sha256: z.array(Hex64).default([]),
});
export type Canary = z.infer<typeof Canary>;

/** A device-local wall-clock time of day, 00:00..23:59. */
export const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'expected HH:MM, 00:00..23:59');
/**
 * When devices may install, in their local time: from `start` (included) to `end` (excluded); a
 * window with `end` before `start` wraps midnight. Rules: protocol/install-window.ts.
 */
export const InstallWindow = z
  .looseObject({ start: LocalTime, end: LocalTime })
  .refine((w) => w.start !== w.end, 'an install window needs a start and an end that differ');
export type InstallWindow = z.infer<typeof InstallWindow>;

export const Constraints = z.looseObject({
  /** Devices below this battery level defer unless charging. */
  min_battery: z.number().int().min(0).max(100),
  /** Devices in a phone call defer. */
  defer_in_call: z.boolean().default(true),
  /** Absent: any time. Devices older than format 1.2 ignore it and install at any time. */
  install_window: InstallWindow.optional(),
});
export type Constraints = z.infer<typeof Constraints>;

export const Gating = z.looseObject({
  /** Device models allowed (empty: all). */
  models: z.array(z.string().min(1)).default([]),
  /** Chips allowed (empty: all). */
  chips: z.array(z.string().min(1)).default([]),
  /** Devices below this version code must first take `intermediate` (or wait). */
  min_current_version: VersionCode.nullable().default(null),
  intermediate: BuildRef.nullable().default(null),
});
export type Gating = z.infer<typeof Gating>;

/**
 * A staged rollout plan (`otactl rollout --plan`), carried in the signed manifest so it is in the
 * history and changes only by compare-and-swap; devices ignore it. `otactl rollout-tick` moves it.
 */
export const RolloutPlan = z.looseObject({
  /** The build the plan rolls out; a plan naming another build than the current one is inert. */
  build_id: BuildId,
  /** Percents, strictly increasing. */
  steps: z.array(Percent).min(1),
  /** Least time at a step before the next one. */
  every_seconds: z.number().int().min(60),
  /** Halt when (fail + verify_fail) / results exceeds this percent. */
  max_failure_rate: z.number().min(0).max(100),
  /** Results (beacons) needed at a step before it is judged. */
  min_samples: z.number().int().min(1),
  /** An install not confirmed by a boot report within this many seconds counts as a failure (timed out); absent: 3600. */
  confirm_within_seconds: z.number().int().min(60).optional(),
  /** Index into steps of the current percent. */
  step: z.number().int().min(0),
  step_started_at: IsoTime,
  state: z.enum(['running', 'halted', 'done']),
  /** Past the failure limit: freeze the percent (halt), or also roll back to the last safe build. */
  on_failure: z.enum(['halt', 'rollback']).default('halt'),
  /** Why the plan last changed state (halts name the failure rate and the samples). */
  reason: z.string().default(''),
});
export type RolloutPlan = z.infer<typeof RolloutPlan>;

/** The manifest without its `change` link (what a transition computes before the record is sealed). */
export const ManifestBody = z.looseObject({
  schema_version: z.literal(SCHEMA_VERSION),
  app: AppId,
  channel: ChannelName,
  /** Strictly increasing per channel; devices reject a lower one (replay). */
  sequence: z.number().int().min(1),
  issued_at: IsoTime,
  /** Devices reject the manifest after this instant (freeze attack). */
  expires_at: IsoTime,
  /** Cohort salt of the current rollout (see cohort.ts). */
  salt: Salt,
  build: RolloutBuild,
  /** Served at 100% to devices outside the cohort that are below it. */
  last_safe: BuildRef.nullable(),
  canary: Canary,
  /** After a rollback: devices above `build` may go back to it (same signer). */
  force_downgrade: z.boolean(),
  rolled_back_from: BuildId.nullable(),
  constraints: Constraints,
  gating: Gating,
  plan: RolloutPlan.optional(),
  /** The app record this manifest was made under (absent before format 1.1; devices ignore it). */
  app_record: AppRecordAnchor.optional(),
});
export type ManifestBody = z.infer<typeof ManifestBody>;

export const ManifestPayload = ManifestBody.extend({
  /** SHA-256 of the history record of the change that produced this manifest. */
  change: Hex64,
});
export type ManifestPayload = z.infer<typeof ManifestPayload>;

/** The TypeScript agent's cap on a fetched manifest envelope: larger is refused before parsing (publishers check it too). */
export const MAX_MANIFEST_BYTES = 1 << 20;
export const MANIFEST_PAYLOAD_TYPE = 'application/vnd.otactl.manifest+json';
export const RELEASE_PAYLOAD_TYPE = 'application/vnd.otactl.release+json';

export const Envelope = z.looseObject({
  payloadType: z.string().min(1),
  payload: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'payload must be base64'),
  signatures: z
    .array(z.looseObject({ keyid: z.string(), sig: z.string().min(1) }))
    .min(1, 'an envelope needs at least one signature'),
});
export type Envelope = z.infer<typeof Envelope>;

/** An immutable release record (signed): one uploaded build of one app. */
export const ReleaseRecord = z.looseObject({
  schema_version: z.literal(SCHEMA_VERSION),
  app: AppId,
  build_id: BuildId,
  kind: z.string().min(1),
  sha256: Hex64,
  size: z.number().int().min(0),
  version_code: VersionCode,
  version_name: z.string(),
  signer_fingerprint: Hex64.nullable(),
  signer_lineage: z.array(Hex64).default([]),
  chip: z.string().nullable().default(null),
  secure_version: z.number().int().min(0).nullable().default(null),
  artifact_key: z.string().min(1),
  file_name: z.string(),
  notes: z.string().default(''),
  uploaded_at: IsoTime,
  uploaded_by: z.string(),
  extra: z.record(z.string(), z.unknown()).default({}),
  /** The app record that accepted this build's signer (absent before format 1.1). */
  app_record: AppRecordAnchor.optional(),
});
export type ReleaseRecord = z.infer<typeof ReleaseRecord>;
/** What putRelease signs: the reader's schema with the writer's rules. */
export const ReleaseRecordToSign = ReleaseRecord.extend({ uploaded_by: Actor });

export const APP_PAYLOAD_TYPE = 'application/vnd.otactl.app+json';

/** A signing certificate the app accepts for new builds, and how it came to be accepted. */
export const AcceptedSigner = z.looseObject({
  /** SHA-256 of the signing certificate, lowercase hex. */
  fingerprint: Hex64,
  /** first-upload | existing-builds | rotation | pinned | signer-change (--allow-signer-change) | repair (rebuilt from signed history). */
  reason: z.string().min(1),
  /** rotation: the accepted certificate its verified v3 lineage descends from; signer-change: the signers it was not. */
  from: z.array(Hex64).default([]),
  /** The build that brought it in. */
  build_id: BuildId,
  at: IsoTime,
  by: z.string(),
});
export type AcceptedSigner = z.infer<typeof AcceptedSigner>;

/**
 * What an app is (signed, at apps/<app>/app.json): its artifact family, fixed by the first upload,
 * and the signers its builds may carry (trust on first use). Replaced by compare-and-swap only to
 * add a signer; entries are never removed, so the record is also the app's signer history.
 */
export const AppRecord = z.looseObject({
  schema_version: z.literal(SCHEMA_VERSION),
  app: AppId,
  kind: ArtifactFamilyName,
  created_at: IsoTime,
  created_by: z.string(),
  /**
   * Counts the record's versions: 1 when created, +1 at each replacement. Manifests and release
   * records name the revision they were made under, so an older record put back is damage.
   * Absent in records of older otactl versions: revision 1.
   */
  revision: z.number().int().min(1).optional(),
  /** Oldest first; empty for families without a signer (esp, file). */
  signers: z.array(AcceptedSigner).default([]),
});
export type AppRecord = z.infer<typeof AppRecord>;
/** What putAppRecord signs: the reader's schema with the writer's rules. */
export const AppRecordToSign = AppRecord.extend({
  created_by: Actor,
  revision: z.number().int().min(1),
  signers: z.array(AcceptedSigner.extend({ by: Actor })),
});

export const ChangeAction = z.enum(['promote', 'rollout', 'rollback', 'refresh', 'repair']);
export type ChangeAction = z.infer<typeof ChangeAction>;

const ChannelPoint = z.object({ build_id: BuildId, version_code: VersionCode, percent: Percent });

/** One entry of a channel's audit trail, before it is chained to the previous one. */
export const ChangeBody = z.looseObject({
  schema_version: z.literal(SCHEMA_VERSION),
  app: AppId,
  channel: ChannelName,
  sequence: z.number().int().min(1),
  action: ChangeAction,
  actor: z.string(),
  at: IsoTime,
  from: ChannelPoint.nullable(),
  to: ChannelPoint,
  details: z.record(z.string(), z.unknown()).default({}),
  /**
   * The manifest this change published (without its `change` link), so `otactl repair` can
   * republish it when the manifest object is damaged. Absent in records of older otactl versions.
   */
  manifest: ManifestBody.optional(),
  /** Sequence of the `prev` record when it is not `sequence - 1` (a repair skips the sequences it replaces). */
  prev_sequence: z.number().int().min(1).optional(),
});
export type ChangeBody = z.infer<typeof ChangeBody>;

/** Records are chained by `prev`; the manifest names the head (ManifestPayload.change). */
export const ChangeRecord = ChangeBody.extend({
  /** SHA-256 of the previous record's bytes; null for the first change of a channel. */
  prev: Hex64.nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;
/** What a change commits (the history record is named by its digest in the signed manifest). */
export const ChangeRecordToSign = ChangeRecord.extend({ actor: Actor });
