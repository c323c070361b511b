import { SignerMismatchError, ValidationError } from '../errors.js';
import { SCHEMA_VERSION, type AcceptedSigner, type AppRecord, type ArtifactFamilyName } from './schemas.js';

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

/** A build already in the store, for apps uploaded before app records existed. */
export interface KnownBuild {
  build_id: string;
  family: ArtifactFamilyName | null;
  signer: string | null;
  uploaded_at: string;
  uploaded_by: string;
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
 * The record an app that predates app records would have had: the family of its first build and
 * every signer its builds carry (they are already published; the first upload after the upgrade
 * must not refuse what the store holds). Null when the app has no builds of a known family.
 */
export function appRecordFromBuilds(app: string, builds: KnownBuild[], ctx: Pick<TrustContext, 'now' | 'actor'>): AppRecord | null {
  const ordered = [...builds].sort((a, b) => a.uploaded_at.localeCompare(b.uploaded_at));
  const first = ordered.find((b) => b.family !== null);
  if (!first) return null;
  const signers: AcceptedSigner[] = [];
  for (const b of ordered) {
    if (b.signer === null || signers.some((s) => s.fingerprint === b.signer)) continue;
    signers.push({ fingerprint: b.signer, reason: 'existing-builds', from: [], build_id: b.build_id, at: b.uploaded_at, by: b.uploaded_by });
  }
  return newRecord(app, first.family!, signers, ctx);
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
      `${candidate.app} holds ${current.kind} builds (an app's kind is fixed by its first upload) and this artifact is ${candidate.family}; upload it under another --app`,
      'E_KIND_MISMATCH',
      { app_kind: current.kind, artifact_kind: candidate.family },
    );
  }
  const entry = signerEntry(current, candidate, ctx, warnings);
  if (entry === null) return { record: current, write: false, added: null, warnings };
  return { record: { ...current, signers: [...current.signers, entry] }, write: true, added: entry, warnings };
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
      `signer changed to ${signer} (was ${known.join(', ')}), accepted by --allow-signer-change and recorded in apps/${candidate.app}/app.json: ` +
        'devices running a build signed by the old key will refuse this one (INSTALL_FAILED_UPDATE_INCOMPATIBLE)',
    );
    return accepted(candidate, 'signer-change', known, ctx);
  }
  throw new SignerMismatchError(
    `signed by ${signer}, but ${candidate.app}'s builds are signed by ${known.join(', ')} and its v3 lineage does not descend from it: ` +
      'Android refuses such an update (INSTALL_FAILED_UPDATE_INCOMPATIBLE); pass --allow-signer-change if this is intended; nothing was uploaded',
    { signer, expected: known },
    'E_SIGNER_CHANGED',
  );
}

function accepted(candidate: Candidate, reason: string, from: string[], ctx: Pick<TrustContext, 'now' | 'actor'>): AcceptedSigner {
  return { fingerprint: candidate.signer!, reason, from, build_id: candidate.build_id, at: ctx.now.toISOString(), by: ctx.actor };
}

function newRecord(app: string, kind: ArtifactFamilyName, signers: AcceptedSigner[], ctx: Pick<TrustContext, 'now' | 'actor'>): AppRecord {
  return { schema_version: SCHEMA_VERSION, app, kind, created_at: ctx.now.toISOString(), created_by: ctx.actor, signers };
}
