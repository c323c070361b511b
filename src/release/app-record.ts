/**
 * The signer pin, read from the store: the app record checked against the signed documents that
 * name it (channel manifests, release records), so deleting or rewinding apps/<app>/app.json is
 * damage (E_APP_RECORD, exit 5), never a first upload (core/app-trust.ts holds the rule).
 */
import { checkAppRecord, type AnchoredRecord, type KnownBuild } from '../core/app-trust.js';
import type { ArtifactFamilyName, BuildRef, ManifestPayload, ReleaseRecord } from '../protocol/schemas.js';
import { VerificationError } from '../errors.js';
import { layout } from '../repo/layout.js';
import type { ChannelHead, Repository } from '../repo/repository.js';

export interface StoredAppRecord extends AnchoredRecord {
  etag: string;
}

const REPAIR_APP_RECORD = (app: string) => `\`otactl repair app=${app}\` rebuilds it from the signed release records and manifests`;

type FamilyOf = (kind: string) => ArtifactFamilyName | null;
const unknownFamily: FamilyOf = () => null;

/** The builds a verified manifest publishes, as evidence made under its app record. */
export function manifestEvidence(payload: ManifestPayload, familyOf: FamilyOf = unknownFamily): KnownBuild[] {
  const source = layout.manifest(payload.app, payload.channel);
  const refs: BuildRef[] = [payload.build, ...(payload.last_safe ? [payload.last_safe] : []), ...(payload.gating.intermediate ? [payload.gating.intermediate] : [])];
  return refs.map((ref) => ({
    build_id: ref.build_id,
    family: familyOf(ref.kind),
    signer: ref.signer_fingerprint,
    uploaded_at: payload.issued_at,
    uploaded_by: '', // a manifest names no uploader: a rebuilt entry is by whoever repairs
    anchor: payload.app_record,
    source,
  }));
}

/** A verified release record as evidence. */
export function releaseEvidence(rec: ReleaseRecord, familyOf: FamilyOf = unknownFamily): KnownBuild {
  return {
    build_id: rec.build_id,
    family: familyOf(rec.kind),
    signer: rec.signer_fingerprint,
    uploaded_at: rec.uploaded_at,
    uploaded_by: rec.uploaded_by,
    anchor: rec.app_record,
    source: layout.release(rec.app, rec.build_id),
  };
}

/** Builds a change is about to publish (already verified release records, as BuildRefs). */
export function buildEvidence(app: string, refs: readonly (BuildRef | null | undefined)[]): KnownBuild[] {
  return refs
    .filter((ref): ref is BuildRef => ref !== null && ref !== undefined)
    .map((ref) => ({ build_id: ref.build_id, family: null, signer: ref.signer_fingerprint, uploaded_at: '', uploaded_by: '', source: layout.release(app, ref.build_id) }));
}

/**
 * The app record, checked against `evidence` (what the caller has already read and verified: the
 * manifests of the channels it acts on, the builds it publishes). When the record is missing and
 * the caller has no evidence, one listing of the app's release records decides: any signed release
 * record means the record was deleted (a fixed cost, paid only when the record is absent). Null
 * only for an app nothing signed names: its first upload.
 */
export async function readCheckedAppRecord(repo: Repository, app: string, evidence: readonly KnownBuild[]): Promise<StoredAppRecord | null> {
  const current = await repo.readAppRecord(app).catch((err: unknown) => {
    // Garbled or foreign-signed: the same remedy as a missing record.
    if (err instanceof VerificationError) throw new VerificationError(`${err.message}; ${REPAIR_APP_RECORD(app)}`, err.code, err.details);
    throw err;
  });
  let history = evidence;
  if (current === null && history.length === 0) {
    // The first key that is a release record: any other object under the prefix (a store writer
    // can plant one that sorts first) is no record, and must not hide the records behind it.
    for (const key of await repo.store.list(layout.releasesPrefix(app))) {
      const rec = await repo.getRelease(app, key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, ''));
      if (rec) {
        history = [releaseEvidence(rec)];
        break;
      }
    }
  }
  checkAppRecord(app, current, history);
  return current;
}

/**
 * The verified heads of the app's channels. A channel `mustVerify` names throws its
 * VerificationError; any other whose manifest does not verify is evidence of nothing and skipped
 * (its own damage is `repair --channel`'s).
 */
export async function verifiedHeads(repo: Repository, app: string, mustVerify: (channel: string) => boolean): Promise<ChannelHead[]> {
  const heads: ChannelHead[] = [];
  for (const channel of await repo.listChannels(app)) {
    const head = await repo.readChannel(app, channel).catch((err: unknown) => {
      if (err instanceof VerificationError && !mustVerify(channel)) return null;
      throw err;
    });
    if (head) heads.push(head);
  }
  return heads;
}

/** The app's release records that verify; one that does not is evidence of nothing (and not what repair fixes). */
export async function verifiedReleases(repo: Repository, app: string): Promise<ReleaseRecord[]> {
  const out: ReleaseRecord[] = [];
  for (const key of await repo.store.list(layout.releasesPrefix(app))) {
    const rec = await repo.getRelease(app, key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '')).catch((err: unknown) => {
      if (err instanceof VerificationError) return null;
      throw err;
    });
    if (rec) out.push(rec);
  }
  return out;
}
