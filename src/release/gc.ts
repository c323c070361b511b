import type { ManifestPayload } from '../protocol/schemas.js';
import { VerificationError } from '../errors.js';
import { layout } from '../repo/layout.js';
import type { Repository } from '../repo/repository.js';
import type { ObjectInfo } from '../store/store.js';
import { claimForDeletion, INTENT_STALE_MS, LEASE_STALE_MS, leasedArtifacts } from './artifact-guard.js';

/**
 * `otactl gc`: what interrupted or losing writers leave behind, older than a threshold:
 * - temporary files of the store (a killed upload's `.tmp`);
 * - history records that are not on their channel's verified chain (crashed writers);
 * - artifacts that no release record and no manifest names (an upload killed before its record;
 *   a delta patch no current manifest lists any more);
 * - markers of killed processes: upload leases older than a day, gc intents older than an hour
 *   (artifact-guard.ts; younger ones may belong to a live process, whatever --older-than says).
 * Every release and its artifact is kept (a release may be promoted later). A channel whose
 * manifest or chain does not verify is skipped whole: its records are what `otactl repair` needs.
 * An artifact an upload is recording right now is kept too: see applyGc and artifact-guard.ts.
 */
export interface GcItem {
  /** Store key, or the path of a temporary file under the store root. */
  key: string;
  bytes: number;
  modified: string;
}

export interface GcSkip {
  scope: string;
  code: string;
  message: string;
}

export interface GcPlan {
  temporary: GcItem[];
  history: GcItem[];
  artifacts: GcItem[];
  markers: GcItem[];
  skipped: GcSkip[];
}

const ARTIFACT_KEY = /^artifacts\/sha256\/[0-9a-f]{64}$/;

export async function planGc(repo: Repository, cutoff: Date, now: Date = new Date()): Promise<GcPlan> {
  const store = repo.store;
  const olderThan = (at: Date) => (info: ObjectInfo | null): info is ObjectInfo => info !== null && info.modified.getTime() <= at.getTime();
  const old = olderThan(cutoff);
  const item = (key: string, info: ObjectInfo): GcItem => ({ key, bytes: info.size, modified: info.modified.toISOString() });
  const plan: GcPlan = { temporary: [], history: [], artifacts: [], markers: [], skipped: [] };

  for (const t of await store.temporaries()) if (old(t)) plan.temporary.push(item(t.path, t));
  const markers: Array<[string, number]> = [[layout.uploadLeasesPrefix(), LEASE_STALE_MS], [layout.gcIntentsPrefix(), INTENT_STALE_MS]];
  for (const [prefix, staleMs] of markers) {
    const stale = olderThan(new Date(Math.min(cutoff.getTime(), now.getTime() - staleMs)));
    for (const key of await store.list(prefix)) {
      const info = await store.info(key);
      if (stale(info)) plan.markers.push(item(key, info));
    }
  }

  const manifests: ManifestPayload[] = [];
  const apps = await repo.listApps();
  for (const app of apps) {
    for (const channel of await channelsWithObjects(repo, app)) {
      const scope = `${app}/${channel}`;
      let onChain: Set<string>;
      try {
        const head = await repo.readChannel(app, channel);
        if (!head) {
          plan.skipped.push({ scope, code: 'E_NO_MANIFEST', message: `${scope} has history records but no manifest (\`otactl repair app=${app} channel=${channel}\`)` });
          continue;
        }
        manifests.push(head.payload);
        onChain = new Set((await collectKeys(repo, head.payload)).values());
      } catch (err) {
        if (!(err instanceof VerificationError)) throw err;
        plan.skipped.push({ scope, code: err.code, message: `${err.message} (\`otactl repair app=${app} channel=${channel}\`)` });
        continue;
      }
      for (const key of await store.list(layout.historyPrefix(app, channel))) {
        if (onChain.has(key)) continue;
        const info = await store.info(key);
        if (old(info)) plan.history.push(item(key, info));
      }
    }
  }

  const referenced = new Set<string>();
  try {
    for (const app of apps) for (const rec of await repo.listReleases(app)) referenced.add(rec.artifact_key).add(layout.artifact(rec.sha256));
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    plan.skipped.push({ scope: 'artifacts', code: err.code, message: `artifacts are kept: ${err.message}` });
    return plan;
  }
  for (const m of manifests) {
    for (const b of [m.build, m.last_safe, m.gating.intermediate]) if (b) referenced.add(layout.artifact(b.sha256));
    // Delta patches live only as long as a manifest names them (docs/delta.md).
    for (const d of m.build.deltas ?? []) referenced.add(layout.artifact(d.sha256));
  }
  for (const key of await store.list('artifacts/')) {
    if (!ARTIFACT_KEY.test(key) || referenced.has(key)) continue;
    const info = await store.info(key);
    if (old(info)) plan.artifacts.push(item(key, info));
  }
  return plan;
}

/**
 * Deletes what `plan` found, but only what a fresh plan still finds: a record a concurrent repair
 * adopted, or an artifact an upload just named, is referenced again and stays. For artifacts the
 * fresh plan alone is not enough (an upload may find the artifact present before the delete and
 * record its release after the re-plan), so gc first writes its intent to delete each one, then
 * lists the upload leases, then re-plans, and deletes only artifacts that neither names
 * (artifact-guard.ts says why that is race-free on S3 and on disk).
 */
export async function applyGc(repo: Repository, plan: GcPlan, cutoff: Date, now: Date = new Date()): Promise<GcPlan> {
  const intents = await claimForDeletion(repo.store, plan.artifacts.map(artifactSha), now);
  try {
    // Both after the intents, the leases first: an upload writes its record before it drops its
    // lease, so a lease gone by the time gc lists them left a record the re-plan reads.
    const leased = await leasedArtifacts(repo.store);
    const again = await planGc(repo, cutoff, now);
    const still = (list: GcItem[], fresh: GcItem[]) => list.filter((i) => fresh.some((n) => n.key === i.key));
    const done: GcPlan = {
      temporary: still(plan.temporary, again.temporary),
      history: still(plan.history, again.history),
      artifacts: [],
      markers: still(plan.markers, again.markers),
      skipped: again.skipped,
    };
    for (const t of done.temporary) await repo.store.deleteTemporary(t.key);
    for (const i of [...done.history, ...done.markers]) await repo.store.delete(i.key);
    for (const a of still(plan.artifacts, again.artifacts)) {
      const sha = artifactSha(a);
      if (!intents.claimed.has(sha) || leased.has(sha)) continue; // another gc's, or an upload's
      if (!intents.open()) break; // past the window an upload waits for: the next gc takes the rest
      await repo.store.delete(a.key);
      done.artifacts.push(a);
    }
    return done;
  } finally {
    await intents.release();
  }
}

const artifactSha = (i: GcItem) => i.key.slice(i.key.lastIndexOf('/') + 1);

/** Channel folders with any object (a channel whose manifest is gone still has its history). */
async function channelsWithObjects(repo: Repository, app: string): Promise<string[]> {
  const keys = await repo.store.list(layout.channelsPrefix(app));
  return [...new Set(keys.map((k) => k.split('/')[3]!))];
}

async function collectKeys(repo: Repository, head: ManifestPayload): Promise<string[]> {
  const keys: string[] = [];
  for await (const link of repo.chain(head.app, head.channel, head.change, head.sequence)) keys.push(link.key);
  return keys;
}
