import type { ManifestPayload } from '../core/schemas.js';
import { VerificationError } from '../errors.js';
import { layout } from '../repo/layout.js';
import type { Repository } from '../repo/repository.js';
import type { ObjectInfo } from '../store/store.js';

/**
 * `otactl gc`: what interrupted or losing writers leave behind, older than a threshold:
 * - temporary files of the store (a killed upload's `.tmp`);
 * - history records that are not on their channel's verified chain (crashed writers);
 * - artifacts that no release record and no manifest names (an upload killed before its record).
 * Every release and its artifact is kept (a release may be promoted later). A channel whose
 * manifest or chain does not verify is skipped whole: its records are what `otactl repair` needs.
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
  skipped: GcSkip[];
}

const ARTIFACT_KEY = /^artifacts\/sha256\/[0-9a-f]{64}$/;

export async function planGc(repo: Repository, cutoff: Date): Promise<GcPlan> {
  const store = repo.store;
  const old = (info: ObjectInfo | null): info is ObjectInfo => info !== null && info.modified.getTime() <= cutoff.getTime();
  const item = (key: string, info: ObjectInfo): GcItem => ({ key, bytes: info.size, modified: info.modified.toISOString() });
  const plan: GcPlan = { temporary: [], history: [], artifacts: [], skipped: [] };

  for (const t of await store.temporaries()) if (old(t)) plan.temporary.push(item(t.path, t));

  const manifests: ManifestPayload[] = [];
  const apps = await repo.listApps();
  for (const app of apps) {
    for (const channel of await channelsWithObjects(repo, app)) {
      const scope = `${app}/${channel}`;
      let onChain: Set<string>;
      try {
        const head = await repo.readChannel(app, channel);
        if (!head) {
          plan.skipped.push({ scope, code: 'E_NO_MANIFEST', message: `${scope} has history records but no manifest (otactl repair --app ${app} --channel ${channel})` });
          continue;
        }
        manifests.push(head.payload);
        onChain = new Set((await collectKeys(repo, head.payload)).values());
      } catch (err) {
        if (!(err instanceof VerificationError)) throw err;
        plan.skipped.push({ scope, code: err.code, message: `${err.message} (otactl repair --app ${app} --channel ${channel})` });
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
 * adopted, or an artifact an upload just named, is referenced again and stays.
 */
export async function applyGc(repo: Repository, plan: GcPlan, cutoff: Date): Promise<GcPlan> {
  const again = await planGc(repo, cutoff);
  const still = (list: GcItem[], now: GcItem[]) => list.filter((i) => now.some((n) => n.key === i.key));
  const done: GcPlan = {
    temporary: still(plan.temporary, again.temporary),
    history: still(plan.history, again.history),
    artifacts: still(plan.artifacts, again.artifacts),
    skipped: again.skipped,
  };
  for (const t of done.temporary) await repo.store.deleteTemporary(t.key);
  for (const i of [...done.history, ...done.artifacts]) await repo.store.delete(i.key);
  return done;
}

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
