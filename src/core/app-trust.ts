import { SignerMismatchError, ValidationError, VerificationError } from '../errors.js';
import { actorProblem } from '../protocol/ids.js';
import { SCHEMA_VERSION, type AcceptedSigner, type AppRecord, type AppRecordAnchor, type ArtifactFamilyName } from '../protocol/schemas.js';

/**
 * What an upload may add to an app, decided before anything is written. Pure: the caller reads the
 * app record (or the app's existing builds) and passes the clock and the actor. An app has one
 * artifact family, fixed by its first upload; an APK app trusts the signer of its first build and
 * successors in a verified v3 rotation lineage (trust on first use, as Android does for updates).
 */
export interface TrustContext {
  now: Date;
  actor: string;
  /** Normalised pins from --expect-signer and the config; they decide when present. */
  pins: string[];
  allowSignerChange: boolean;
}

/** The build being uploaded, as far as trust is concerned. */
export interface Candidate {
  app: string;
  family: ArtifactFamilyName;
  build_id: string;
  /** APK: SHA-256 of the current signer's certificate; null for unsigned families. */
  signer: string | null;
  /** APK: verified v3 rotation lineage, oldest first. */
  lineage: string[];
}

/**
 * A build that a signed document of the store names (a release record, or a build a channel
 * manifest publishes): the evidence the app record is checked against and rebuilt from.
 */
export interface KnownBuild {
  build_id: string;
  family: ArtifactFamilyName | null;
  signer: string | null;
  uploaded_at: string;
  uploaded_by: string;
  /** The app record the document was made under (documents of format 1.1 and later). */
  anchor?: AppRecordAnchor | undefined;
  /** The store key of the signed document, for messages. */
  source?: string;
}

/** An app record as read from the store, with the SHA-256 of its signed payload bytes. */
export interface AnchoredRecord {
  record: AppRecord;
  sha256: string;
}

/** Records of older otactl versions carry no revision: they are revision 1. */
export function revisionOf(record: AppRecord): number {
  return record.revision ?? 1;
}

/** What a manifest or a release record made under this app record carries. */
export function anchorOf({ record, sha256 }: AnchoredRecord): AppRecordAnchor {
  return { revision: revisionOf(record), sha256, signers: record.signers.map((s) => s.fingerprint) };
}

/**
 * The signer pin cannot be reset by deleting files: the app record must be present and at least as
 * new as every signed document names, and accept every signer they carry. A store writer without
 * the signing key can delete or put back an older app record, but never make an upload a first
 * use again: otactl refuses (E_APP_RECORD, exit 5) until `otactl repair --app` rebuilds the record
 * from the signed documents. Pure: the caller reads the record and the documents.
 */
export function checkAppRecord(app: string, current: AnchoredRecord | null, history: readonly KnownBuild[]): void {
  const key = `apps/${app}/app.json`;
  const fix = `\`otactl repair app=${app}\` rebuilds it from the signers the signed release records and manifests name; nothing was written`;
  const damage = (what: string, source: string | undefined, cause = 'the store was changed outside otactl') =>
    new VerificationError(`${key} ${what}: ${cause}. ${fix}`, 'E_APP_RECORD', { app, ...(source ? { source } : {}) });
  if (current === null) {
    const named = history[0];
    if (named) {
      const names = named.signer ? `signer ${named.signer}` : `build ${named.build_id}`;
      throw damage(`is missing, but ${named.source ?? named.build_id} (signed) names ${names}; an app is not trusted on first use again`, named.source, 'it was deleted, or the store predates app records');
    }
    return;
  }
  const revision = revisionOf(current.record);
  const accepted = new Set(current.record.signers.map((s) => s.fingerprint));
  for (const doc of history) {
    const where = doc.source ?? doc.build_id;
    const anchor = doc.anchor;
    if (anchor) {
      if (anchor.revision > revision) throw damage(`is revision ${revision}, older than revision ${anchor.revision} that ${where} was made under (an older record was put back)`, doc.source);
      if (anchor.revision === revision && anchor.sha256 !== current.sha256) throw damage(`is not the revision ${revision} that ${where} was made under`, doc.source);
      const lost = anchor.signers.find((fp) => !accepted.has(fp));
      if (lost) throw damage(`no longer accepts signer ${lost}, which ${where} was made under`, doc.source);
    }
    if (doc.signer !== null && !accepted.has(doc.signer)) throw damage(`does not accept signer ${doc.signer}, which ${where} (signed) names`, doc.source);
  }
}

export interface TrustPlan {
  record: AppRecord;
  /** True when the record must be (re)written before the build is stored. */
  write: boolean;
  /** The signer this upload adds to the record, if any. */
  added: AcceptedSigner | null;
  warnings: string[];
}

/** `--expect-signer` / config value to lowercase hex, or null when it is not a SHA-256 (colons allowed). */
export function normalizeFingerprint(value: string): string | null {
  const hex = value.toLowerCase().replace(/:/g, '');
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Pinning: the signer must be pinned, or a pinned certificate must be in its rotation lineage. */
export function checkPins(signer: string | null, lineage: string[], pins: string[], warnings: string[]): void {
  if (pins.length === 0 || signer === null) return;
  const pinned = new Set(pins);
  if (pinned.has(signer)) return;
  const viaLineage = lineage.find((fp) => pinned.has(fp));
  if (viaLineage) {
    warnings.push(`signed by rotated key ${signer}; accepted because its lineage contains pinned ${viaLineage}. Pin the new key too.`);
    return;
  }
  throw new SignerMismatchError(
    `signed by ${signer}, which is not a pinned signer (${[...pinned].join(', ')}) nor rotated from one; nothing was uploaded`,
    { signer, expected: [...pinned] },
  );
}

/**
 * The app record `otactl repair` writes when the stored one is missing or older than the signed
 * documents say (and what an app that predates app records gets): the kept record's signers (or
 * the family of the first build), plus every signer the signed documents carry or were made under
 * (reason existing-builds), at a revision above every one they name. Never from an artifact being
 * uploaded. Null when nothing names a build of a known family.
 */
export function appRecordFromBuilds(
  app: string,
  builds: readonly KnownBuild[],
  ctx: Pick<TrustContext, 'now' | 'actor'>,
  current: AppRecord | null = null,
): AppRecord | null {
  const ordered = [...builds].sort((a, b) => a.uploaded_at.localeCompare(b.uploaded_at));
  const family = current?.kind ?? ordered.find((b) => b.family !== null)?.family ?? null;
  if (family === null) return null;
  const signers: AcceptedSigner[] = [...(current?.signers ?? [])];
  const add = (fingerprint: string, b: KnownBuild) => {
    if (signers.some((s) => s.fingerprint === fingerprint)) return;
    // The uploader when the document names a signable one, else whoever rebuilds the record.
    const by = actorProblem(b.uploaded_by) === null ? b.uploaded_by : ctx.actor;
    signers.push({ fingerprint, reason: 'existing-builds', from: [], build_id: b.build_id, at: b.uploaded_at, by });
  };
  for (const b of ordered) {
    if (b.signer !== null) add(b.signer, b);
    for (const fp of b.anchor?.signers ?? []) add(fp, b);
  }
  const named = Math.max(current ? revisionOf(current) : 0, ...builds.map((b) => b.anchor?.revision ?? 0));
  const base = current ?? newRecord(app, family, [], ctx);
  return { ...base, revision: named + 1, signers };
}

/** Decides whether the candidate may join the app: the family must match, the signer must be trusted. */
export function planAppTrust(current: AppRecord | null, candidate: Candidate, ctx: TrustContext): TrustPlan {
  const warnings: string[] = [];
  if (current === null) {
    const signers = candidate.signer === null ? [] : [accepted(candidate, 'first-upload', [], ctx)];
    return { record: newRecord(candidate.app, candidate.family, signers, ctx), write: true, added: signers[0] ?? null, warnings };
  }
  if (current.kind !== candidate.family) {
    throw new ValidationError(
      `${candidate.app} holds ${current.kind} builds (an app's kind is fixed by its first upload) and this artifact is ${candidate.family}; upload it under another \`app\``,
      'E_KIND_MISMATCH',
      { app_kind: current.kind, artifact_kind: candidate.family, field: 'app' },
    );
  }
  const entry = signerEntry(current, candidate, ctx, warnings);
  if (entry === null) return { record: current, write: false, added: null, warnings };
  return { record: { ...current, revision: revisionOf(current) + 1, signers: [...current.signers, entry] }, write: true, added: entry, warnings };
}

/** The entry to add for the candidate's signer, null when it is already accepted (or has none). */
function signerEntry(current: AppRecord, candidate: Candidate, ctx: TrustContext, warnings: string[]): AcceptedSigner | null {
  const { signer } = candidate;
  const known = current.signers.map((s) => s.fingerprint);
  if (signer === null || known.includes(signer)) return null;
  // Pins were checked before (checkPins) and take priority: a pinned signer is accepted and recorded.
  if (ctx.pins.length > 0) return accepted(candidate, 'pinned', [], ctx);
  if (known.length === 0) return accepted(candidate, 'first-upload', [], ctx);
  const ancestor = candidate.lineage.find((fp) => known.includes(fp));
  if (ancestor !== undefined) return accepted(candidate, 'rotation', [ancestor], ctx);
  if (ctx.allowSignerChange) {
    warnings.push(
      `signer changed to ${signer} (was ${known.join(', ')}), accepted by \`allowSignerChange\` and recorded in apps/${candidate.app}/app.json: ` +
        'devices running a build signed by the old key will refuse this one (INSTALL_FAILED_UPDATE_INCOMPATIBLE)',
    );
    return accepted(candidate, 'signer-change', known, ctx);
  }
  throw new SignerMismatchError(
    `signed by ${signer}, but ${candidate.app}'s builds are signed by ${known.join(', ')} and its v3 lineage does not descend from it: ` +
      'Android refuses such an update (INSTALL_FAILED_UPDATE_INCOMPATIBLE); pass `allowSignerChange` if this is intended; nothing was uploaded',
    { signer, expected: known, field: 'allowSignerChange' },
    'E_SIGNER_CHANGED',
  );
}

function accepted(candidate: Candidate, reason: string, from: string[], ctx: Pick<TrustContext, 'now' | 'actor'>): AcceptedSigner {
  return { fingerprint: candidate.signer!, reason, from, build_id: candidate.build_id, at: ctx.now.toISOString(), by: ctx.actor };
}

function newRecord(app: string, kind: ArtifactFamilyName, signers: AcceptedSigner[], ctx: Pick<TrustContext, 'now' | 'actor'>): AppRecord {
  return { schema_version: SCHEMA_VERSION, app, kind, created_at: ctx.now.toISOString(), created_by: ctx.actor, revision: 1, signers };
}
