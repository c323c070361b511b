import { beforeEach, describe, expect, it } from 'vitest';
import { planChange, type ChangeContext, type ChannelAction, type PromoteAction } from '../../src/core/channel.js';
import { MANIFEST_PAYLOAD_TYPE, RELEASE_PAYLOAD_TYPE, type ReleaseRecord } from '../../src/protocol/schemas.js';
import { ConflictError, StorageError, VerificationError } from '../../src/errors.js';
import { layout } from '../../src/repo/layout.js';
import { Repository, type ChannelHead } from '../../src/repo/repository.js';
import { signEnvelope, type SigningKey } from '../../src/protocol/dsse.js';
import { privateKeyFromPem } from '../../src/signing/keys.js';
import { MemoryStore, type StoreMutation } from '../../src/store/memory-store.js';
import { sha256Hex } from '../../src/util/hash.js';
import { promoteAction } from '../core/_fixtures.js';
import { p256 } from '../helpers/keys.js';
import { changeContext } from '../helpers/change-context.js';

/**
 * The repository (releases, channel commits, history) in-process on a MemoryStore, signed with real
 * P-256 keys: every read below goes through DSSE verification, as the CLI's does.
 */
const APP = 'com.example.agent';
const CHANNEL = 'stable';

function newKey(): SigningKey {
  const { privateKey } = p256();
  return privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'test key');
}
const SIGNER = newKey();
const STRANGER = newKey();

function repoOn(store: MemoryStore, signer: SigningKey = SIGNER): Repository {
  return new Repository(store, { trusted: new Map([[SIGNER.keyid, SIGNER.privateKey]]), signing: async () => [signer] });
}

function release(versionCode: number, over: Partial<ReleaseRecord> = {}): ReleaseRecord {
  const sha256 = sha256Hex(`artifact ${versionCode}`);
  return {
    schema_version: 1,
    app: APP,
    build_id: `b-${sha256.slice(0, 12)}`,
    kind: 'apk',
    sha256,
    size: 1000 + versionCode,
    version_code: versionCode,
    version_name: `1.0.${versionCode}`,
    signer_fingerprint: sha256Hex('release signer'),
    signer_lineage: [],
    chip: null,
    secure_version: null,
    artifact_key: layout.artifact(sha256),
    file_name: `agent-${versionCode}.apk`,
    notes: '',
    uploaded_at: `2026-03-01T12:00:${String(versionCode % 60).padStart(2, '0')}.000Z`,
    uploaded_by: 'ci@example',
    extra: {},
    ...over,
  };
}

let clock = 0;
function ctx(): ChangeContext {
  clock += 1;
  return changeContext({ now: new Date(Date.UTC(2026, 2, 1, 12, 0, clock)), newSalt: () => `5a17${String(clock).padStart(12, '0')}` });
}

function promote(repo: Repository, rec: ReleaseRecord, percent = 100): PromoteAction {
  return promoteAction(repo.buildRef(rec), { app: APP, channel: CHANNEL, percent });
}

/** Reads the channel, plans the action on it and commits: what `otactl promote/rollout/...` do. */
async function change(repo: Repository, act: (head: ChannelHead | null) => ChannelAction) {
  const head = await repo.readChannel(APP, CHANNEL);
  return repo.commit(head, planChange(head?.payload ?? null, act(head), ctx()));
}

function reencode(bytes: Buffer, edit: (payload: Record<string, unknown>) => void): Buffer {
  const env = JSON.parse(bytes.toString('utf8')) as { payload: string };
  const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Record<string, unknown>;
  edit(payload);
  env.payload = Buffer.from(JSON.stringify(payload)).toString('base64');
  return Buffer.from(JSON.stringify(env));
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a rejection');
  return err;
}

describe('Repository releases', () => {
  let store: MemoryStore;
  let repo: Repository;
  beforeEach(() => {
    store = new MemoryStore();
    repo = repoOn(store);
  });

  it('stores a signed release and reads it back verified', async () => {
    const rec = release(100);
    expect(await repo.putRelease(rec)).toEqual({ record: rec, created: true });
    expect(await repo.getRelease(APP, rec.build_id)).toEqual(rec);
    expect(store.keys()).toEqual([layout.release(APP, rec.build_id)]);
  });

  it('is idempotent: a second put of the same build keeps and returns the first record', async () => {
    const rec = release(100);
    await repo.putRelease(rec);
    const again = await repo.putRelease({ ...rec, notes: 'a retry with other notes', uploaded_at: '2026-03-02T00:00:00.000Z' });
    expect(again).toEqual({ record: rec, created: false });
    expect(await repo.getRelease(APP, rec.build_id)).toEqual(rec);
  });

  it('returns null for a build it does not hold', async () => {
    expect(await repo.getRelease(APP, 'b-000000000000')).toBeNull();
  });

  it('lists releases by version code', async () => {
    for (const v of [300, 100, 200]) await repo.putRelease(release(v));
    expect((await repo.listReleases(APP)).map((r) => r.version_code)).toEqual([100, 200, 300]);
  });

  describe('detects a tampered release record', () => {
    const rec = release(100);
    const key = layout.release(APP, rec.build_id);
    beforeEach(() => repo.putRelease(rec));

    it('an edited payload (signature no longer verifies)', async () => {
      store.tamper(key, reencode((await store.get(key))!.bytes, (p) => (p.version_code = 999)));
      const err = await failure(repo.getRelease(APP, rec.build_id));
      expect(err).toBeInstanceOf(VerificationError);
      expect(err.code).toBe('E_BAD_SIGNATURE');
    });

    it('a record re-signed by an untrusted key', async () => {
      const forged = signEnvelope(RELEASE_PAYLOAD_TYPE, Buffer.from(JSON.stringify({ ...rec, version_code: 999 })), [STRANGER]);
      store.tamper(key, Buffer.from(JSON.stringify(forged)));
      expect((await failure(repo.getRelease(APP, rec.build_id))).code).toBe('E_UNTRUSTED_KEY');
    });

    it("another build's genuine record moved under this key", async () => {
      const other = release(200);
      await repo.putRelease(other);
      store.tamper(key, (await store.get(layout.release(APP, other.build_id)))!.bytes);
      const err = await failure(repo.getRelease(APP, rec.build_id));
      expect(err.code).toBe('E_TAMPERED');
      expect(err.message).toContain(`describes ${APP}/${other.build_id}`);
    });

    it('bytes that are not JSON, also on the idempotent put path', async () => {
      store.tamper(key, Buffer.from('{ truncated'));
      expect((await failure(repo.getRelease(APP, rec.build_id))).code).toBe('E_TAMPERED');
      expect((await failure(repo.putRelease(rec))).code).toBe('E_TAMPERED');
    });
  });
});

describe('Repository channel commits', () => {
  let store: MemoryStore;
  let repo: Repository;
  const v1 = release(100);
  const v2 = release(200);
  const v3 = release(300);
  beforeEach(async () => {
    store = new MemoryStore();
    repo = repoOn(store);
    for (const r of [v1, v2, v3]) await repo.putRelease(r);
  });

  async function fourChanges(): Promise<void> {
    await change(repo, () => promote(repo, v1, 100));
    await change(repo, () => promote(repo, v2, 10));
    await change(repo, () => ({ action: 'rollout', percent: 50 }));
    await change(repo, () => ({ action: 'rollback', forceDowngrade: false }));
  }

  it('chains each change to the one before and reads the history newest first', async () => {
    await fourChanges();
    const head = (await repo.readChannel(APP, CHANNEL))!;
    expect(head.payload.sequence).toBe(4);
    expect(head.payload.build.build_id).toBe(v1.build_id);
    expect(head.payload.rolled_back_from).toBe(v2.build_id);

    const history = await repo.readHistory(head);
    expect(history.map((r) => [r.sequence, r.action, r.to.build_id, r.to.percent])).toEqual([
      [4, 'rollback', v1.build_id, 100],
      [3, 'rollout', v2.build_id, 50],
      [2, 'promote', v2.build_id, 10],
      [1, 'promote', v1.build_id, 100],
    ]);
    expect(history.at(-1)!.prev).toBeNull();
    // Each record names the digest of the bytes stored for the one before it.
    const stored = await store.list(layout.historyPrefix(APP, CHANNEL));
    for (let i = 0; i < history.length - 1; i++) {
      const prevKey = stored.find((k) => k.includes(`/${String(history[i + 1]!.sequence).padStart(10, '0')}-`))!;
      expect(history[i]!.prev).toBe(sha256Hex((await store.get(prevKey))!.bytes));
    }
  });

  it('lists the channel and the app', async () => {
    await change(repo, () => promote(repo, v1));
    expect(await repo.listChannels(APP)).toEqual([CHANNEL]);
    expect(await repo.listApps()).toEqual([APP]);
  });

  it('detects an edited history record, even one the manifest does not name directly', async () => {
    await fourChanges();
    const head = (await repo.readChannel(APP, CHANNEL))!;
    const second = (await store.list(layout.historyPrefix(APP, CHANNEL))).find((k) => k.includes('/0000000002-'))!;
    const edited = Buffer.from((await store.get(second))!.bytes.toString('utf8').replace('"actor": "ci@example"', '"actor": "someone-else"'));
    expect(edited.equals((await store.get(second))!.bytes)).toBe(false);
    store.tamper(second, edited);
    const err = await failure(repo.readHistory(head));
    expect(err).toBeInstanceOf(VerificationError);
    expect(err.code).toBe('E_TAMPERED');
    expect(err.message).toContain(second);
  });

  it('detects an edited manifest', async () => {
    await change(repo, () => promote(repo, v1));
    const key = layout.manifest(APP, CHANNEL);
    store.tamper(key, reencode((await store.get(key))!.bytes, (p) => ((p.build as { staged_rollout_percent: number }).staged_rollout_percent = 1)));
    expect((await failure(repo.readChannel(APP, CHANNEL))).code).toBe('E_BAD_SIGNATURE');
  });

  it('refuses a manifest of another channel moved under this one', async () => {
    await change(repo, () => promote(repo, v1));
    const other = signEnvelope(MANIFEST_PAYLOAD_TYPE, Buffer.from(JSON.stringify({ ...(await repo.readChannel(APP, CHANNEL))!.payload, channel: 'beta' })), [SIGNER]);
    store.tamper(layout.manifest(APP, CHANNEL), Buffer.from(JSON.stringify(other)));
    expect((await failure(repo.readChannel(APP, CHANNEL))).code).toBe('E_TAMPERED');
  });

  it('lets one of two commits from the same head win; the loser gets ConflictError', async () => {
    await change(repo, () => promote(repo, v1));
    const head = (await repo.readChannel(APP, CHANNEL))!;
    const left = planChange(head.payload, promote(repo, v2, 10), ctx());
    const right = planChange(head.payload, promote(repo, v3, 20), ctx());
    const [a, b] = await Promise.allSettled([repo.commit(head, left), repo.commit(head, right)]);
    const results = [a, b];
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);

    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ build: { build_id: string } }>).value;
    const now = (await repo.readChannel(APP, CHANNEL))!;
    expect(now.payload.build.build_id).toBe(winner.build.build_id);
    expect(now.payload.sequence).toBe(2);
    // The loser removed the history record it wrote: only the winner's line is left.
    expect(await store.list(layout.historyPrefix(APP, CHANNEL))).toHaveLength(2);
    expect((await repo.readHistory(now)).map((r) => r.to.build_id)).toEqual([winner.build.build_id, v1.build_id]);
  });

  it('refuses a commit from a stale head after the channel moved on', async () => {
    await change(repo, () => promote(repo, v1));
    const stale = (await repo.readChannel(APP, CHANNEL))!;
    await change(repo, () => promote(repo, v2));
    const err = await failure(repo.commit(stale, planChange(stale.payload, { action: 'rollout', percent: 50 }, ctx())));
    expect(err).toBeInstanceOf(ConflictError);
    expect((await repo.readChannel(APP, CHANNEL))!.payload.build.build_id).toBe(v2.build_id);
  });

  describe('a crash before any write of a commit', () => {
    /** The writes one commit (a rollout) makes, in order. */
    async function writesOfACommit(): Promise<StoreMutation[]> {
      const seen: StoreMutation[] = [];
      store.beforeMutation = (m) => void seen.push(m);
      await change(repo, () => ({ action: 'rollout', percent: 50 }));
      store.beforeMutation = undefined;
      return seen;
    }

    it('makes the writes in the crash-safe order: history record, then the manifest swap', async () => {
      await change(repo, () => promote(repo, v2, 10));
      expect((await writesOfACommit()).map((m) => m.op)).toEqual(['putIfAbsent', 'compareAndSwap']);
    });

    for (const [crashAt, first] of [0, 1].flatMap((n) => [[n, true] as const, [n, false] as const])) {
      it(`leaves the channel readable at its old state (write ${crashAt + 1}, ${first ? 'first change of the channel' : 'later change'}); the next commit succeeds`, async () => {
        if (!first) await change(repo, () => promote(repo, v1));
        const before = await repo.readChannel(APP, CHANNEL);
        const historyBefore = before ? await repo.readHistory(before) : [];

        let writes = 0;
        store.beforeMutation = () => {
          if (writes++ === crashAt) throw new Error('process killed');
        };
        const err = await failure(change(repo, () => promote(repo, v2, 10)));
        expect(err).toBeInstanceOf(StorageError);
        expect(writes).toBe(crashAt + 1);
        store.beforeMutation = undefined;

        const after = await repo.readChannel(APP, CHANNEL);
        expect(after).toEqual(before);
        if (after) expect(await repo.readHistory(after)).toEqual(historyBefore);

        const next = await change(repo, () => promote(repo, v2, 10));
        expect(next.sequence).toBe(historyBefore.length + 1);
        const head = (await repo.readChannel(APP, CHANNEL))!;
        expect(head.payload.build.build_id).toBe(v2.build_id);
        expect((await repo.readHistory(head)).map((r) => r.sequence)).toEqual(first ? [1] : [2, 1]);
      });
    }
  });
});
