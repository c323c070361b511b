import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  appRecordFromBuilds,
  checkAppRecord,
  checkPins,
  normalizeFingerprint,
  planAppTrust,
  type Candidate,
  type KnownBuild,
  type TrustContext,
} from '../../src/core/app-trust.js';
import { AppRecord } from '../../src/protocol/schemas.js';
import { OtaError } from '../../src/errors.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const ctx = (over: Partial<TrustContext> = {}): TrustContext => ({ now: NOW, actor: 'ci', pins: [], allowSignerChange: false, ...over });
const apk = (signer: string, lineage: string[] = [], build = 'b-000000000002'): Candidate => ({ app: 'com.x', family: 'apk', build_id: build, signer, lineage });
const firstUpload = planAppTrust(null, apk(A, [], 'b-000000000001'), ctx()).record;

function refusal(fn: () => unknown): OtaError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OtaError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('planAppTrust: one kind per app, trust on first use for APK signers', () => {
  it('the first upload fixes the kind and trusts its signer; the record parses under its schema', () => {
    const plan = planAppTrust(null, apk(A, [], 'b-000000000001'), ctx());
    expect(plan.write).toBe(true);
    expect(plan.record).toMatchObject({ app: 'com.x', kind: 'apk', created_by: 'ci', signers: [{ fingerprint: A, reason: 'first-upload', build_id: 'b-000000000001' }] });
    expect(AppRecord.parse(plan.record)).toEqual(plan.record);
    const file = planAppTrust(null, { app: 'demo', family: 'file', build_id: 'b-000000000001', signer: null, lineage: [] }, ctx());
    expect(file.record).toMatchObject({ kind: 'file', signers: [] });
    expect(file.added).toBeNull();
  });

  it('the same signer writes nothing', () => {
    expect(planAppTrust(firstUpload, apk(A), ctx())).toMatchObject({ write: false, added: null, warnings: [] });
  });

  it('another kind is refused with exit 2 and both kinds', () => {
    const err = refusal(() => planAppTrust(firstUpload, { ...apk(A), family: 'file', signer: null }, ctx()));
    expect(err).toMatchObject({ code: 'E_KIND_MISMATCH', exitCode: 2, details: { app_kind: 'apk', artifact_kind: 'file' } });
  });

  it('another signer is refused with exit 6, naming both fingerprints', () => {
    const err = refusal(() => planAppTrust(firstUpload, apk(B), ctx()));
    expect(err).toMatchObject({ code: 'E_SIGNER_CHANGED', exitCode: 6, details: { signer: B, expected: [A] } });
    expect(err.message).toContain(A);
    expect(err.message).toContain(B);
  });

  it('a successor in a verified v3 lineage is accepted and recorded as a rotation', () => {
    const plan = planAppTrust(firstUpload, apk(B, [A, B]), ctx());
    expect(plan.write).toBe(true);
    expect(plan.added).toMatchObject({ fingerprint: B, reason: 'rotation', from: [A] });
    expect(plan.record.signers.map((s) => s.fingerprint)).toEqual([A, B]);
    // A lineage that does not reach an accepted signer is not a rotation of this app's key.
    expect(refusal(() => planAppTrust(firstUpload, apk(B, [C, B]), ctx())).code).toBe('E_SIGNER_CHANGED');
  });

  it('--allow-signer-change accepts it, records who/when/what it replaced and warns', () => {
    const plan = planAppTrust(firstUpload, apk(B), ctx({ allowSignerChange: true, actor: 'alice' }));
    expect(plan.added).toEqual({ fingerprint: B, reason: 'signer-change', from: [A], build_id: 'b-000000000002', at: NOW.toISOString(), by: 'alice' });
    expect(plan.warnings.join(' ')).toMatch(/INSTALL_FAILED_UPDATE_INCOMPATIBLE/);
  });

  it('pins take priority: a pinned new signer is accepted (and recorded) without the flag', () => {
    expect(planAppTrust(firstUpload, apk(B), ctx({ pins: [B] })).added).toMatchObject({ fingerprint: B, reason: 'pinned' });
  });
});

describe('checkAppRecord: the pin is anchored in what is signed', () => {
  const SHA1 = '1'.repeat(64);
  const SHA2 = '2'.repeat(64);
  const rev2: AppRecord = { ...firstUpload, revision: 2, signers: [...firstUpload.signers, { ...firstUpload.signers[0]!, fingerprint: B, reason: 'signer-change' }] };
  const doc = (signer: string | null, anchor?: KnownBuild['anchor']): KnownBuild => ({
    build_id: 'b-000000000001', family: 'apk', signer, uploaded_at: NOW.toISOString(), uploaded_by: 'ci', anchor, source: 'apps/com.x/channels/stable/manifest.json',
  });
  const code = (fn: () => unknown) => refusal(fn).code;

  it('revisions count from 1 and go up by one with each signer added', () => {
    expect(firstUpload.revision).toBe(1);
    expect(planAppTrust(firstUpload, apk(B, [A, B]), ctx()).record.revision).toBe(2);
    expect(planAppTrust({ ...firstUpload, revision: undefined }, apk(B, [A, B]), ctx()).record.revision).toBe(2); // older records are revision 1
  });

  it('passes when the record accepts every signer named and is at least as new as every anchor', () => {
    expect(() => checkAppRecord('com.x', { record: rev2, sha256: SHA2 }, [doc(A, anchorOf({ record: firstUpload, sha256: SHA1 })), doc(B, anchorOf({ record: rev2, sha256: SHA2 })), doc(null)])).not.toThrow();
    expect(() => checkAppRecord('com.x', null, [])).not.toThrow(); // nothing signed names the app: a first upload
  });

  it('missing while a signed document names the app: E_APP_RECORD (exit 5), naming repair', () => {
    const err = refusal(() => checkAppRecord('com.x', null, [doc(A)]));
    expect(err).toMatchObject({ code: 'E_APP_RECORD', exitCode: 5 });
    expect(err.message).toMatch(/apps\/com.x\/app.json is missing.*`otactl repair app=com.x` rebuilds it/);
    expect(code(() => checkAppRecord('com.x', null, [doc(null)]))).toBe('E_APP_RECORD'); // a file app keeps its kind the same way
  });

  it('older, replaced at the same revision, or no longer accepting a signer: E_APP_RECORD', () => {
    const anchor2 = anchorOf({ record: rev2, sha256: SHA2 });
    expect(refusal(() => checkAppRecord('com.x', { record: firstUpload, sha256: SHA1 }, [doc(A, anchor2)])).message).toContain('is revision 1, older than revision 2');
    expect(code(() => checkAppRecord('com.x', { record: rev2, sha256: SHA1 }, [doc(A, anchor2)]))).toBe('E_APP_RECORD');
    const narrowed: AppRecord = { ...rev2, revision: 3, signers: [rev2.signers[0]!] };
    expect(code(() => checkAppRecord('com.x', { record: narrowed, sha256: SHA1 }, [doc(A, anchor2)]))).toBe('E_APP_RECORD');
    expect(code(() => checkAppRecord('com.x', { record: firstUpload, sha256: SHA1 }, [doc(C)]))).toBe('E_APP_RECORD');
  });

  it('the rebuilt record keeps what the stored one holds, adds what anchors name, and is newer than all of them', () => {
    const rebuilt = appRecordFromBuilds('com.x', [doc(A, { revision: 4, sha256: SHA2, signers: [A, C] })], ctx({ actor: 'fixer' }), firstUpload)!;
    expect(rebuilt.revision).toBe(5);
    expect(rebuilt.signers.map((s) => [s.fingerprint, s.reason])).toEqual([[A, 'first-upload'], [C, 'existing-builds']]);
    expect(() => checkAppRecord('com.x', { record: rebuilt, sha256: SHA1 }, [doc(A, { revision: 4, sha256: SHA2, signers: [A, C] })])).not.toThrow();
  });
});

describe('appRecordFromBuilds: rebuilt from signed builds (repair; stores from before app records)', () => {
  const build = (id: string, family: KnownBuild['family'], signer: string | null, at: string): KnownBuild => ({
    build_id: id, family, signer, uploaded_at: at, uploaded_by: 'old-ci',
  });

  it('takes the kind of the first build and every signer the builds carry, in upload order', () => {
    const rec = appRecordFromBuilds('com.x', [
      build('b-000000000003', 'apk', A, '2025-01-03T00:00:00.000Z'),
      build('b-000000000001', 'apk', B, '2025-01-01T00:00:00.000Z'),
      build('b-000000000002', 'apk', B, '2025-01-02T00:00:00.000Z'),
    ], ctx())!;
    expect(rec.kind).toBe('apk');
    expect(rec.signers.map((s) => [s.fingerprint, s.reason, s.build_id, s.by])).toEqual([
      [B, 'existing-builds', 'b-000000000001', 'old-ci'],
      [A, 'existing-builds', 'b-000000000003', 'old-ci'],
    ]);
    expect(AppRecord.safeParse(rec).success).toBe(true);
  });

  it('no builds (or none of a known family): null, nothing to rebuild', () => {
    expect(appRecordFromBuilds('com.x', [], ctx())).toBeNull();
    expect(appRecordFromBuilds('com.x', [build('b-000000000001', null, null, '2025-01-01T00:00:00.000Z')], ctx())).toBeNull();
  });
});

describe('signer pins', () => {
  it('normalizeFingerprint accepts 64 hex digits with colons in either case, nothing else', () => {
    expect(normalizeFingerprint(A.toUpperCase().match(/../g)!.join(':'))).toBe(A);
    for (const bad of ['nothex', A.slice(1), `${A}00`, 'g'.repeat(64), '']) expect(normalizeFingerprint(bad)).toBeNull();
  });

  it('checkPins: pinned or rotated from a pin passes, anything else is exit 6', () => {
    const warnings: string[] = [];
    checkPins(A, [], [A], warnings);
    checkPins(B, [A, B], [A], warnings);
    expect(warnings).toHaveLength(1);
    checkPins(B, [], [], warnings);
    expect(refusal(() => checkPins(B, [], [A], warnings))).toMatchObject({ code: 'E_SIGNER_MISMATCH', exitCode: 6 });
  });
});
