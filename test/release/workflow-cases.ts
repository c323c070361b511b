// The channel workflows every store must carry the same way: run on a MemoryStore by
// workflows.test.ts and on the S3 server by test/s3/workflows.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { ConflictError } from '../../src/errors.js';
import {
  openRepository,
  promote,
  refresh,
  releaseDeps,
  rollback,
  rollout,
  upload,
  type PlanNotice,
  type ReleaseDeps,
  type Repository,
  type Store,
} from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { p256 } from '../helpers/keys.js';

const APP = 'demo';
const CH = 'stable';

/** The store under test, or a store URL with its settings (how a library user opens s3://). */
export type WorkflowStore = { store: Store | string; s3?: Parameters<typeof openRepository>[0]['s3']; cleanup?: () => Promise<void> };

export function channelWorkflows(name: string, open: () => Promise<WorkflowStore>): void {
  describe(`channel workflows on ${name}`, () => {
    const key = p256();
    const scratch = mkdtempSync(join(tmpdir(), 'otactl-workflow-cases-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    let opened: WorkflowStore;
    let store: Store;
    let repo: Repository;
    let clock: Date;
    let deps: ReleaseDeps;
    let salts: number;
    let files = 0;

    beforeEach(async () => {
      opened = await open();
      repo = await openRepository({ store: opened.store, ...(opened.s3 ? { s3: opened.s3 } : {}), trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
      store = repo.store;
      clock = new Date('2026-11-30T12:00:00Z');
      salts = 0;
      deps = releaseDeps(repo, 'ci-bot', { now: () => clock, newSalt: () => `salt${String(++salts).padStart(12, '0')}`, previewFleet: 1000 });
    });
    afterEach(() => opened.cleanup?.());

    async function build(versionCode: number, bytes = `build ${versionCode} ${files}`) {
      const file = join(scratch, `f${++files}.bin`);
      writeFileSync(file, bytes);
      return upload(deps, { file, app: APP, kind: 'file', versionCode, versionName: `1.0.${versionCode}` });
    }

    it('promote, rollout, rollback and refresh publish signed manifests with a verified history', async () => {
      const b1 = await build(1);
      const b2 = await build(2);
      const p1 = await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 100 });
      expect(p1).toMatchObject({ changed: true, sequence: 1, salt: 'salt000000000001' });
      const p2 = await promote(deps, { app: APP, channel: CH, build: b2.build_id.slice(0, 8), percent: 10 });
      expect(p2).toMatchObject({ sequence: 2, from: { build_id: b1.build_id, percent: 100 }, to: { build_id: b2.build_id, percent: 10 } });
      const inCohort = Array.from({ length: 1000 }, (_, i) => cohortBucket(p2.salt, `device-${i}`)).filter((b) => b < 1000).length;
      expect(p2.preview).toEqual({ fleet: 1000, in_cohort_before: 1000, in_cohort_after: inCohort });

      clock = new Date(clock.getTime() + 3_600_000);
      const r = await rollout(deps, { app: APP, channel: CH, percent: 50 });
      expect(r).toMatchObject({ sequence: 3, salt: p2.salt, to: { percent: 50 } }); // the salt is kept
      const back = await rollback(deps, { app: APP, channel: CH });
      expect(back).toMatchObject({ sequence: 4, to: { build_id: b1.build_id, percent: 100 } });
      const again = await rollback(deps, { app: APP, channel: CH });
      expect(again).toMatchObject({ changed: false, sequence: 4 }); // a CI retry changes nothing
      const fresh = await refresh(deps, { app: APP, channel: CH });
      expect(fresh.sequence).toBe(5);

      const head = (await repo.readChannel(APP, CH))!;
      expect(head.payload.sequence).toBe(5);
      const history = await repo.readHistory(head);
      expect(history.map((h) => [h.sequence, h.action, h.actor])).toEqual([
        [5, 'refresh', 'ci-bot'],
        [4, 'rollback', 'ci-bot'],
        [3, 'rollout', 'ci-bot'],
        [2, 'promote', 'ci-bot'],
        [1, 'promote', 'ci-bot'],
      ]);
      expect(Date.parse(head.payload.expires_at) - clock.getTime()).toBe(deps.manifestTtlSeconds * 1000);
    });

    it('shows the plan, asks, and a no publishes nothing (E_DECLINED); refresh does not ask', async () => {
      const b1 = await build(1);
      const seen: PlanNotice[] = [];
      const asking = { ...deps, onPlan: (p: PlanNotice) => seen.push(p), confirm: async () => false };
      await expect(promote(asking, { app: APP, channel: CH, build: b1.build_id, percent: 5 })).rejects.toMatchObject({ code: 'E_DECLINED', exitCode: 8 });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.summary).toMatch(/^promote demo\/stable: \(nothing published\) -> b-\w+ \(v1\) at 5%/);
      expect(await repo.readChannel(APP, CH)).toBeNull();

      await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 5 });
      await expect(refresh(asking, { app: APP, channel: CH })).resolves.toMatchObject({ sequence: 2 });
    });

    it('two writers from the same head: one wins, the other gets ConflictError and leaves no record behind', async () => {
      const b1 = await build(1);
      await promote(deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
      // Both read the head, then both commit: the store sees the second swap against a stale etag.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let waiting = 0;
      const racing = {
        ...deps,
        confirm: async () => {
          if (++waiting === 2) release();
          await gate;
          return true;
        },
      };
      const results = await Promise.allSettled([rollout(racing, { app: APP, channel: CH, percent: 20 }), rollout(racing, { app: APP, channel: CH, percent: 30 })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect(await store.list(layout.historyPrefix(APP, CH))).toHaveLength(2);
    });
  });
}
