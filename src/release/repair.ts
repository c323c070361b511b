import { createHash } from 'node:crypto';
import { planChange } from '../core/channel.js';
import { ManifestPayload, type BuildRef } from '../protocol/schemas.js';
import { ValidationError, VerificationError } from '../errors.js';
import { layout } from '../repo/layout.js';
import type { ChainLink, ChannelHead, Repository } from '../repo/repository.js';
import type { CdnFields } from '../cdn/cdn.js';
import { cdnAfterPublish, cdnUnchanged } from './cdn.js';
import { confirmPublish } from './change.js';
import { anchorOf, appRecordFromBuilds, checkAppRecord, type KnownBuild } from '../core/app-trust.js';
import { checkTarget } from '../protocol/ids.js';
import type { AppRecordAnchor } from '../protocol/schemas.js';
import { manifestEvidence, releaseEvidence, verifiedHeads, verifiedReleases, type StoredAppRecord } from './app-record.js';
import { changeContext, checkManifestTtl, type ReleaseDeps } from './deps.js';
import { familyOfKind } from '../artifacts/index.js';

/**
 * `otactl repair`: when a channel's manifest cannot be read (emptied, truncated, bad signature) or
 * its history chain is broken, republish the state of the newest history record whose chain
 * verifies, at a sequence above every one the store has seen, with a fresh expiry and a history
 * record of action "repair". The manifest is swapped in against the damaged object's etag, so a
 * concurrent writer still wins or loses cleanly.
 *
 * Where the state comes from: since this version every history record carries the manifest it
 * published (`ChangeRecord.manifest`). History records are not signed (the manifest that names the
 * chain head is), so before signing a rebuilt state repair checks every build it names against the
 * build's signed release record. Records written by older versions do not carry the manifest:
 * repair refuses them (E_REPAIR_NO_STATE) rather than guess a salt, canaries and gating.
 */
export interface RepairRequest {
  app: string;
  /** Absent: only the app record is checked (and rebuilt when damaged). */
  channel?: string | undefined;
  dryRun?: boolean;
}

/** What repair did to apps/<app>/app.json: rebuilt because it was missing or older than the signed documents. */
export interface AppRecordRepair {
  /** The E_APP_RECORD message: what was wrong. */
  damage: string;
  revision: number;
  /** The accepted signers of the rebuilt record, oldest first. */
  signers: string[];
}

export interface Damage {
  /** unreadable: not JSON, bad schema; tampered: untrusted key, bad signature, another channel's manifest; missing: no manifest but a history; broken_chain: the manifest verifies, its history does not. */
  kind: 'unreadable' | 'tampered' | 'missing' | 'broken_chain';
  code: string | null;
  message: string;
}

export interface RepairResult extends CdnFields {
  app: string;
  /** Null when only the app record was asked for. */
  channel: string | null;
  changed: boolean;
  /** The app record rebuilt (or, on a dry run, to be rebuilt); null when it verifies against the signed documents. */
  app_record: AppRecordRepair | null;
  dry_run: boolean;
  damage: Damage | null;
  /** The verified history record whose state is republished. */
  restored: { sequence: number; change: string; action: string; build_id: string; percent: number } | null;
  sequence: number;
  expires_at: string | null;
  warnings: string[];
  /** What the manifest will hold (without its `change` link). */
  payload: unknown;
  manifest: string;
  store: string;
}

const TAMPER_CODES = new Set(['E_UNTRUSTED_KEY', 'E_BAD_SIGNATURE']);

export async function repair(deps: ReleaseDeps, req: RepairRequest): Promise<RepairResult> {
  const { app, channel } = req;
  checkTarget(app, channel);
  const dryRun = req.dryRun ?? false;
  const { repo } = deps;
  const ttlWarning = checkManifestTtl(deps.manifestTtlSeconds);
  const fixed = await repairAppRecord(deps, app, channel ?? null, dryRun);
  if (channel === undefined) {
    const result: RepairResult = {
      app, channel: null, changed: fixed.repair !== null, app_record: fixed.repair, dry_run: dryRun, damage: null, restored: null,
      sequence: 0, expires_at: null, warnings: [], payload: null, manifest: layout.app(app), store: repo.store.url,
    };
    cdnUnchanged(deps, result);
    return result;
  }
  const key = layout.manifest(app, channel);
  // The object judged below is swapped out only if it is still there (etag taken before judging).
  const before = await repo.store.get(key);
  const names = await repo.historyNames(app, channel);
  const { head, damage } = await diagnose(repo, app, channel, names.size);
  const base = { app, channel, dry_run: dryRun, manifest: key, store: repo.store.url, app_record: fixed.repair };
  if (!damage) {
    const unchanged: RepairResult = { ...base, changed: fixed.repair !== null, damage: null, restored: null, sequence: head!.payload.sequence, expires_at: head!.payload.expires_at, warnings: [], payload: null };
    cdnUnchanged(deps, unchanged);
    return unchanged;
  }
  const found = await lastVerifiedChange(repo, app, channel, names);
  if (!found) {
    throw new VerificationError(`no history record of ${app}/${channel} verifies down to change 1: nothing to restore (${damage.message})`, 'E_REPAIR_NO_CHAIN');
  }
  const current = stateOf(found.link, app, channel);
  await checkBuilds(repo, app, current);
  const sequence = Math.max(found.highest, head?.payload.sequence ?? 0) + 1;
  const plan = planChange(current, { action: 'repair', sequence, reason: damage.message }, changeContext(deps, fixed.anchor));
  const warnings = [...repairWarnings(damage, found, current.sequence), ...(ttlWarning ? [ttlWarning] : [])];
  const result: RepairResult = {
    ...base,
    changed: true,
    damage,
    restored: { sequence: current.sequence, change: found.link.digest, action: found.link.record.action, build_id: current.build.build_id, percent: current.build.staged_rollout_percent },
    sequence,
    expires_at: plan.payload.expires_at,
    warnings,
    payload: plan.payload,
  };
  const notice = { app, channel, summary: describeRepair(result), warnings };
  cdnUnchanged(deps, result);
  deps.onPlan?.(notice);
  if (dryRun) return result;
  await confirmPublish(deps, true, notice);
  const published = await repo.commit({ payload: current, etag: before?.etag ?? '', key }, plan, before?.etag ?? null, (w) => {
    result.warnings = [...result.warnings, w];
    deps.onWarning?.(w);
  });
  await cdnAfterPublish(deps, published, result);
  return result;
}

/**
 * Checks apps/<app>/app.json against every signed document of the app (every release record and
 * channel manifest that verifies: one GET per build) and, when it is missing or older than they say, rebuilds it
 * from them: the signers they carry or were made under, at a revision above all they name. Never
 * from an artifact being uploaded. Written by compare-and-swap against what was read.
 */
async function repairAppRecord(deps: ReleaseDeps, app: string, channel: string | null, dryRun: boolean): Promise<{ repair: AppRecordRepair | null; anchor: AppRecordAnchor | null }> {
  const { repo } = deps;
  const evidence: KnownBuild[] = [
    ...(await verifiedReleases(repo, app)).map((r) => releaseEvidence(r, familyOfKind)),
    // Every channel that verifies (a damaged one is what `--channel` repairs, after this).
    ...(await verifiedHeads(repo, app, () => false)).flatMap((h) => manifestEvidence(h.payload, familyOfKind)),
  ];
  const { current, unreadable } = await readStoredRecord(repo, app);
  try {
    checkAppRecord(app, current, evidence);
    if (unreadable) throw new VerificationError(unreadable.message, 'E_APP_RECORD');
    return { repair: null, anchor: current && anchorOf(current) };
  } catch (err) {
    if (!(err instanceof VerificationError) || err.code !== 'E_APP_RECORD') throw err;
    const ctx = changeContext(deps);
    const record = appRecordFromBuilds(app, evidence, ctx, current?.record ?? null);
    if (record === null) throw err;
    const repaired: AppRecordRepair = { damage: err.message, revision: record.revision!, signers: record.signers.map((s) => s.fingerprint) };
    const summary = `repair ${layout.app(app)}: ${err.message}\n  rebuild it as revision ${repaired.revision} accepting ${repaired.signers.length > 0 ? repaired.signers.join(', ') : 'no signer'} (from the signed release records and manifests)`;
    const notice = { app, channel: channel ?? 'app.json', summary, warnings: [] };
    deps.onPlan?.(notice);
    if (dryRun) return { repair: repaired, anchor: null }; // a dry run's payload names no record: none was written
    await confirmPublish(deps, true, notice);
    const sha256 = await repo.putAppRecord(record, current?.etag ?? unreadable?.etag ?? null);
    return { repair: repaired, anchor: anchorOf({ record, sha256 }) };
  }
}

/** The stored app record, or, when it does not verify (garbled, foreign-signed), why and its etag: it is rebuilt like a missing one and swapped out by that etag. */
async function readStoredRecord(repo: Repository, app: string): Promise<{ current: StoredAppRecord | null; unreadable: { message: string; etag: string } | null }> {
  try {
    return { current: await repo.readAppRecord(app), unreadable: null };
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    return { current: null, unreadable: { message: err.message, etag: (await repo.store.get(layout.app(app)))?.etag ?? '' } };
  }
}

/** What is wrong with the channel, or null when its manifest and history verify. */
async function diagnose(repo: Repository, app: string, channel: string, historyRecords: number): Promise<{ head: ChannelHead | null; damage: Damage | null }> {
  let head: ChannelHead | null;
  try {
    head = await repo.readChannel(app, channel);
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    const tampered = TAMPER_CODES.has(err.code) || err.details.manifest_of !== undefined;
    return { head: null, damage: { kind: tampered ? 'tampered' : 'unreadable', code: err.code, message: err.message } };
  }
  if (!head) {
    if (historyRecords === 0) throw new ValidationError(`nothing has been published on ${app}/${channel}`, 'E_NO_CHANNEL');
    return { head, damage: { kind: 'missing', code: null, message: `${layout.manifest(app, channel)} is missing but the channel has ${historyRecords} history records` } };
  }
  try {
    await repo.readHistory(head);
    return { head, damage: null };
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    return { head, damage: { kind: 'broken_chain', code: err.code, message: err.message } };
  }
}

interface VerifiedChange {
  link: ChainLink;
  /** Highest sequence of any history record (verified or not): the repair publishes above it. */
  highest: number;
  /** Newer records that each verify but are not known to have been published (crashed writers). */
  unsure: ChainLink[];
}

const RECORD_NAME = /^(\d{10})-([0-9a-f]{16})\.json$/;

/**
 * The newest history record whose chain verifies down to change 1, found without the manifest.
 * A record with a child was certainly published once (its child's writer read it from a verified
 * manifest); the newest records may be orphans of crashed writers. When several verify at the top
 * sequence, nothing says which was published, so the repair goes back to their common ancestor.
 */
async function lastVerifiedChange(repo: Repository, app: string, channel: string, names: Map<string, string>): Promise<VerifiedChange | null> {
  const candidates = [...names.entries()]
    .map(([name, key]) => ({ key, m: RECORD_NAME.exec(name) }))
    .filter((c): c is { key: string; m: RegExpExecArray } => c.m !== null)
    .map((c) => ({ key: c.key, sequence: Number(c.m[1]), prefix: c.m[2]! }))
    .sort((a, b) => b.sequence - a.sequence);
  const highest = candidates[0]?.sequence ?? 0;
  for (let i = 0; i < candidates.length; ) {
    const seq = candidates[i]!.sequence;
    const tier = [];
    for (; i < candidates.length && candidates[i]!.sequence === seq; i++) tier.push(candidates[i]!);
    const chains: ChainLink[][] = [];
    for (const c of tier) {
      const obj = await repo.store.get(c.key);
      if (!obj) continue;
      const digest = createHash('sha256').update(obj.bytes).digest('hex');
      if (!digest.startsWith(c.prefix)) continue;
      try {
        const links: ChainLink[] = [];
        for await (const link of repo.chain(app, channel, digest, seq, names)) links.push(link);
        chains.push(links);
      } catch (err) {
        if (!(err instanceof VerificationError)) throw err;
      }
    }
    if (chains.length === 1) return { link: chains[0]![0]!, highest, unsure: [] };
    if (chains.length > 1) {
      const common = chains[0]!.find((l) => chains.every((c) => c.some((x) => x.digest === l.digest)));
      if (common) return { link: common, highest, unsure: chains.map((c) => c[0]!) };
    }
  }
  return null;
}

/** The manifest state a verified record published, as a payload chained to that record. */
function stateOf(link: ChainLink, app: string, channel: string): ManifestPayload {
  const body = link.record.manifest;
  if (!body) {
    throw new VerificationError(
      `history record ${link.key} was written by an older otactl and does not hold the manifest it published, so repair cannot rebuild ${app}/${channel}; promote a build again once the manifest is removed`,
      'E_REPAIR_NO_STATE',
    );
  }
  const parsed = ManifestPayload.safeParse({ ...body, change: link.digest });
  if (!parsed.success || parsed.data.app !== app || parsed.data.channel !== channel || parsed.data.sequence !== link.record.sequence) {
    throw new VerificationError(`history record ${link.key} holds a manifest that is not ${app}/${channel} sequence ${link.record.sequence}`, 'E_TAMPERED');
  }
  return parsed.data;
}

/** History records are unsigned: every build the rebuilt manifest names must match its signed release record. */
async function checkBuilds(repo: Repository, app: string, state: ManifestPayload): Promise<void> {
  const refs: BuildRef[] = [state.build, ...(state.last_safe ? [state.last_safe] : []), ...(state.gating.intermediate ? [state.gating.intermediate] : [])];
  for (const ref of refs) {
    const rec = await repo.getRelease(app, ref.build_id);
    if (!rec || rec.sha256 !== ref.sha256 || rec.size !== ref.size || rec.signer_fingerprint !== ref.signer_fingerprint) {
      throw new VerificationError(`the history of ${app}/${state.channel} names ${ref.build_id}, which does not match a signed release record: the store was tampered with`, 'E_TAMPERED');
    }
  }
}

function repairWarnings(damage: Damage, found: VerifiedChange, restored: number): string[] {
  const out: string[] = [];
  if (damage.kind === 'tampered') {
    out.push(
      `TAMPERING, not damage: ${damage.message}. Someone with write access to the store replaced this manifest. Repair replaces it with the last verified state; find out who wrote it and rotate the store's credentials before trusting this store again.`,
    );
  }
  if (found.unsure.length > 0) {
    out.push(
      `${found.unsure.length} changes at sequence ${found.unsure[0]!.record.sequence} each verify, but nothing says which was published (crashed writers): restoring their common predecessor, sequence ${restored}. Re-run the newer change if it is still wanted.`,
    );
  } else if (found.highest > restored) {
    out.push(`history records above sequence ${restored} do not verify: the channel goes back to the state of sequence ${restored}`);
  }
  return out;
}

export function describeRepair(r: RepairResult): string {
  const s = r.restored!;
  return [
    `repair ${r.app}/${r.channel}: ${r.damage!.kind.replace('_', ' ')}: ${r.damage!.message}`,
    `  republish the state of sequence ${s.sequence} (${s.action}: ${s.build_id} at ${s.percent}%) as sequence ${r.sequence}, expiring ${r.expires_at}`,
  ].join('\n');
}
