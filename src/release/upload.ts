import { basename } from 'node:path';
import { inspectArtifact } from '../artifacts/index.js';
import type { InspectReportBase, ReleaseFacts } from '../artifacts/types.js';
import { anchorOf, checkPins, normalizeFingerprint, planAppTrust, type Candidate, type TrustContext, type TrustPlan } from '../core/app-trust.js';
import { checkActor } from '../protocol/ids.js';
import { AppId, SCHEMA_VERSION, type AcceptedSigner, type AppRecordAnchor, type ReleaseRecord } from '../protocol/schemas.js';
import { deriveVersionCode } from '../core/version.js';
import { ConflictError, OptionError, ValidationError, VerificationError } from '../errors.js';
import { cacheControl, layout } from '../repo/layout.js';
import { withUploadLease } from './artifact-guard.js';
import { publishBeacons } from './beacons.js';
import type { ChannelHead, Repository } from '../repo/repository.js';
import { manifestEvidence, readCheckedAppRecord, verifiedHeads } from './app-record.js';
import type { ReleaseDeps } from './deps.js';

/** What an app's settings pin (the CLI reads them from otactl.config.json's `apps`). */
export interface AppPolicy {
  /** APK: SHA-256 fingerprints of the signing certificates the app may be signed with. */
  expected_signers?: readonly string[];
  /** ESP: OTA partition size in bytes; larger images are refused. */
  partition_size?: number;
  /** ESP: trusted Secure Boot v2 public key digests. */
  secure_boot_key_digests?: readonly string[];
}

export interface UploadRequest {
  file: string;
  /** Default for an APK: its package name. */
  app?: string;
  /** Force the artifact kind: apk, esp or file. */
  kind?: string;
  versionCode?: number;
  versionName?: string;
  notes?: string;
  /** APK: pinned signer certificate SHA-256s, in addition to the app policy's. */
  expectSigners?: string[];
  partitionSize?: number;
  /** Only check against this channel's current build (default: every channel of the app). */
  channel?: string;
  allowLowerVersion?: boolean;
  allowLowerSecureVersion?: boolean;
  /** Accept an APK signer the app has not seen (recorded in the app record). */
  allowSignerChange?: boolean;
  /** ESP Secure Boot v2: trusted key digests, in addition to the app policy's. */
  trustedKeyDigests?: string[];
  /** ESP Secure Boot v2 public key files (PEM). */
  trustedKeys?: string[];
  /** The settings of an app, once its id is known (an APK names its own). */
  policy?: (app: string) => AppPolicy | undefined;
}

export interface UploadResult {
  build_id: string;
  app: string;
  created: boolean;
  kind: string;
  sha256: string;
  size: number;
  version_code: number;
  version_name: string;
  signer_fingerprint: string | null;
  chip: string | null;
  secure_version: number | null;
  artifact: string;
  release: string;
  /** The signer this upload added to the app's accepted signers (first upload, rotation, pin, change). */
  new_signer: AcceptedSigner | null;
  warnings: string[];
}

/**
 * Verify, then store: the app record when it changes, the artifact (content-addressed) and then
 * its signed release record. Nothing is written unless every check passes; the same bytes again
 * are the stored build (exit 0).
 */
export async function upload(deps: ReleaseDeps, opts: UploadRequest): Promise<UploadResult> {
  const { repo } = deps;
  // The records' schemas refuse a bad actor too, but only when each is signed: the artifact is
  // written before the release record, so refuse it before anything is written.
  checkActor(deps.actor);
  const policyOf = (app: string) => opts.policy?.(app) ?? {};
  const flagPins = (opts.expectSigners ?? []).map((value) => {
    const fp = normalizeFingerprint(value);
    if (fp === null) throw new OptionError('expectSigners', `\`expectSigners\` "${value}": expected a certificate SHA-256 (64 hex characters, colons allowed)`);
    return fp;
  });
  // Secure Boot key pins of the named app apply already while inspecting.
  const pinnedDigests = opts.app ? (policyOf(opts.app).secure_boot_key_digests ?? []) : [];
  const trustedKeyDigests = [...(opts.trustedKeyDigests ?? []), ...pinnedDigests];
  const inspecting = inspectArtifact(opts.file, { trustedKeyDigests, trustedKeys: opts.trustedKeys ?? [] }, opts.kind);
  const { report, facts, family } = await (deps.wait ? deps.wait(`verifying ${basename(opts.file)}`, inspecting) : inspecting);
  if (!report.verified) {
    const first = report.errors[0];
    throw new VerificationError(
      `${opts.file} does not verify${first ? `: ${first.code}: ${first.message}` : ''}; nothing was uploaded (otactl inspect shows the full report)`,
      'E_ARTIFACT_UNVERIFIED',
      { errors: report.errors },
    );
  }
  const app = opts.app ?? facts.package;
  if (!app) throw new OptionError('app', '`app` is required for this artifact (it does not name its application)');
  const appOk = AppId.safeParse(app);
  if (!appOk.success) throw new OptionError('app', `\`app\` "${app}": ${appOk.error.issues[0]!.message}`);
  const appCfg = policyOf(app);
  const warnings: string[] = [];
  if (facts.package && facts.package !== app) warnings.push(`the APK's package is ${facts.package}, uploading it under app id ${app}`);
  const pins = [...new Set([...flagPins, ...(appCfg.expected_signers ?? [])])];
  const signer = facts.signer_fingerprint ?? null;
  const lineage = facts.signer_lineage ?? [];
  checkPins(signer, lineage, pins, warnings);

  // The same bytes are the same build: a CI re-run succeeds with the stored record, before any
  // check that compares the build with what is published (it would compare the build with itself).
  const buildId = `b-${report.sha256.slice(0, 12)}`;
  const stored = await repo.getRelease(app, buildId);
  if (stored && stored.sha256 === report.sha256) {
    await publishBeacons(repo.store, app, buildId); // backfills a build uploaded before beacons
    return result(stored, false, null, [...warnings, ...keptMetadata(stored, opts)]);
  }

  const { versionCode, versionName } = versionOf(report, facts, opts);
  const partition = opts.partitionSize ?? appCfg.partition_size;
  if (partition !== undefined && report.size > partition) {
    throw new ValidationError(`${opts.file} is ${report.size} bytes, larger than the ${partition}-byte OTA partition`, 'E_TOO_LARGE');
  }

  const candidate: Candidate = { app, family, build_id: buildId, signer, lineage };
  const trustCtx: TrustContext = { now: deps.now(), actor: deps.actor, pins, allowSignerChange: opts.allowSignerChange ?? false };
  // Every channel's manifest is evidence for the signer pin; the version checks look at --channel
  // only when given, and the channels they look at must verify (as before the pin read the others).
  const heads = await verifiedHeads(repo, app, (channel) => opts.channel === undefined || opts.channel === channel);
  const trust = await planTrust(repo, candidate, trustCtx, heads);
  checkAgainstChannels(opts.channel === undefined ? heads : heads.filter((h) => h.payload.channel === opts.channel), versionCode, facts, opts);

  // Write order: the app record (what the app accepts), the artifact, then its release record.
  const added = await commitTrust(repo, trust, candidate, trustCtx, heads);
  warnings.push(...added.warnings);
  const artifactKey = layout.artifact(report.sha256);
  const record: ReleaseRecord = {
    schema_version: SCHEMA_VERSION,
    app,
    build_id: buildId,
    kind: report.kind,
    sha256: report.sha256,
    size: report.size,
    version_code: versionCode,
    version_name: versionName,
    signer_fingerprint: signer,
    signer_lineage: lineage,
    chip: facts.chip ?? null,
    secure_version: facts.secure_version ?? null,
    artifact_key: artifactKey,
    file_name: basename(opts.file),
    notes: opts.notes ?? '',
    uploaded_at: trustCtx.now.toISOString(),
    uploaded_by: trustCtx.actor,
    extra: facts.extra ?? {},
    app_record: added.anchor,
  };
  // Under a lease gc honours, from before the artifact is found (or written) until its record is:
  // a concurrent `gc --yes` never deletes the artifact this record names (artifact-guard.ts).
  const put = await withUploadLease(repo.store, report.sha256, trustCtx.now, async () => {
    await repo.store.putFileIfAbsent(
      artifactKey,
      opts.file,
      report.size,
      { contentType: report.kind === 'apk' ? 'application/vnd.android.package-archive' : 'application/octet-stream', cacheControl: cacheControl.immutable },
      deps.progress,
    );
    // Beacons before the record: a build with a release record can always be reported on.
    await publishBeacons(repo.store, app, buildId);
    // A concurrent upload of the same bytes may have won the race; its record is the build.
    return repo.putRelease(record);
  }, {
    onWait: (ms) => deps.onWarning?.(`a gc run is deleting these bytes from the store: waiting for it to finish (at most ${ms / 1000} s) before storing them again`),
  });
  if (!put.created) warnings.push(...keptMetadata(put.record, opts));
  return result(put.record, put.created, added.signer, warnings);
}

function result(r: ReleaseRecord, created: boolean, newSigner: AcceptedSigner | null, warnings: string[]): UploadResult {
  return {
    build_id: r.build_id,
    app: r.app,
    created,
    kind: r.kind,
    sha256: r.sha256,
    size: r.size,
    version_code: r.version_code,
    version_name: r.version_name,
    signer_fingerprint: r.signer_fingerprint,
    chip: r.chip,
    secure_version: r.secure_version,
    artifact: r.artifact_key,
    release: layout.release(r.app, r.build_id),
    new_signer: newSigner,
    warnings,
  };
}

/** A re-upload never rewrites the stored record: say which of its flags were not applied. */
function keptMetadata(stored: ReleaseRecord, opts: UploadRequest): string[] {
  const differs: string[] = [];
  if (opts.versionCode !== undefined && opts.versionCode !== stored.version_code) differs.push(`\`versionCode\` ${opts.versionCode}`);
  if (opts.versionName !== undefined && opts.versionName !== stored.version_name) differs.push(`\`versionName\` ${opts.versionName}`);
  if ((opts.notes ?? '') !== '' && opts.notes !== stored.notes) differs.push('`notes`');
  if (differs.length === 0) return [];
  return [
    `these bytes are already stored as ${stored.build_id} (version ${stored.version_name}, code ${stored.version_code}); the stored record is kept and ${differs.join(', ')} not applied`,
  ];
}

interface PlannedTrust {
  plan: TrustPlan;
  etag: string | null;
  /** The stored record's SHA-256 (null: none stored yet). */
  sha256: string | null;
}

/**
 * Reads the app record, checked against the signed manifests (a missing or older record while
 * they name signers is E_APP_RECORD, never a first upload), and plans this upload's place in it.
 */
async function planTrust(repo: Repository, candidate: Candidate, ctx: TrustContext, heads: readonly ChannelHead[]): Promise<PlannedTrust> {
  const current = await readCheckedAppRecord(repo, candidate.app, heads.flatMap((h) => manifestEvidence(h.payload)));
  return { plan: planAppTrust(current?.record ?? null, candidate, ctx), etag: current?.etag ?? null, sha256: current?.sha256 ?? null };
}

/**
 * Writes the planned app record by compare-and-swap. When another upload changed it first, the
 * plan is made again against what that upload wrote (which may now refuse this one).
 */
async function commitTrust(
  repo: Repository,
  first: PlannedTrust,
  candidate: Candidate,
  ctx: TrustContext,
  heads: readonly ChannelHead[],
): Promise<{ signer: AcceptedSigner | null; warnings: string[]; anchor: AppRecordAnchor }> {
  let planned = first;
  for (let attempt = 1; ; attempt++) {
    const { plan, etag, sha256 } = planned;
    if (!plan.write && sha256 !== null) return { signer: plan.added, warnings: plan.warnings, anchor: anchorOf({ record: plan.record, sha256 }) };
    try {
      const written = await repo.putAppRecord(plan.record, etag);
      return { signer: plan.added, warnings: plan.warnings, anchor: anchorOf({ record: plan.record, sha256: written }) };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
      planned = await planTrust(repo, candidate, ctx, heads);
    }
  }
}

function versionOf(report: InspectReportBase, facts: ReleaseFacts, opts: UploadRequest): { versionCode: number; versionName: string } {
  if (facts.version_code !== undefined) {
    if (opts.versionCode !== undefined && opts.versionCode !== facts.version_code) {
      throw new OptionError('versionCode', `\`versionCode\` ${opts.versionCode} contradicts the artifact's own ${facts.version_code}`, 'E_VERSION_MISMATCH');
    }
    if (opts.versionName !== undefined && facts.version_name !== undefined && opts.versionName !== facts.version_name) {
      throw new OptionError('versionName', `\`versionName\` ${opts.versionName} contradicts the artifact's own ${facts.version_name}`, 'E_VERSION_MISMATCH');
    }
    return { versionCode: facts.version_code, versionName: facts.version_name ?? String(facts.version_code) };
  }
  const name = opts.versionName ?? facts.version_name;
  const code = opts.versionCode ?? (name !== undefined ? deriveVersionCode(name) : null);
  if (code === null || code === undefined) {
    throw new OptionError(
      'versionCode',
      name !== undefined
        ? `cannot derive a version code from "${name}" (expected MAJOR.MINOR.PATCH); pass \`versionCode\` N`
        : `a ${report.kind} artifact carries no version: pass \`versionCode\` N (and \`versionName\`)`,
      'E_NO_VERSION',
    );
  }
  return { versionCode: code, versionName: name ?? String(code) };
}

function checkAgainstChannels(heads: readonly ChannelHead[], versionCode: number, facts: ReleaseFacts, opts: UploadRequest): void {
  for (const head of heads) {
    const { channel } = head.payload;
    const cur = head.payload.build;
    if (versionCode <= cur.version_code && !opts.allowLowerVersion) {
      throw new OptionError(
        'allowLowerVersion',
        `version code ${versionCode} is not above ${cur.build_id} (${cur.version_code}), current on ${channel}; pass \`allowLowerVersion\` to upload it anyway`,
        'E_VERSION_NOT_HIGHER',
      );
    }
    if (facts.secure_version !== undefined && cur.secure_version !== null && facts.secure_version < cur.secure_version && !opts.allowLowerSecureVersion) {
      throw new OptionError(
        'allowLowerSecureVersion',
        `secure_version ${facts.secure_version} is below ${cur.secure_version} of ${cur.build_id} on ${channel}: devices with anti-rollback would refuse it; pass \`allowLowerSecureVersion\` to upload it anyway`,
        'E_SECURE_VERSION',
      );
    }
  }
}
