import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  planChange,
  rollbackWarnings,
  sealChange,
  toBuildRef,
  type ChangeContext,
  type ChannelAction,
} from '../../src/core/channel.js';
import { ChangeRecord, ManifestPayload, type ManifestPayload as ManifestPayloadT } from '../../src/protocol/schemas.js';
import { SignerMismatchError, TransitionError } from '../../src/errors.js';
import { buildRef, hex64, prng, promoteAction as promote, randomHex, randomInt } from './_fixtures.js';
import { CHANGE_NOW, CHANGE_TTL, changeContext } from '../helpers/change-context.js';

const NOW = CHANGE_NOW;
const TTL = CHANGE_TTL;
const ctx = changeContext;

/** Plan, seal (chained to prev), and check the result is a valid signed-manifest payload. */
function apply(current: ManifestPayloadT | null, act: ChannelAction, c: ChangeContext = ctx(), prev: string | null = null) {
  const plan = planChange(current, act, c);
  const sealed = sealChange(plan, prev);
  ManifestPayload.parse(sealed.payload);
  return { plan, ...sealed };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TransitionError);
    return (err as TransitionError).code;
  }
  throw new Error('expected a TransitionError');
}

const A = buildRef(100);
const B = buildRef(200);
const C = buildRef(300);

describe('promote', () => {
  it('onto an empty channel: sequence 1, no last safe, fresh salt, expiry = now + ttl', () => {
    const c = ctx();
    const { plan, payload } = apply(null, promote(B, { percent: 10 }), c);
    expect(plan.changed).toBe(true);
    expect(plan.warnings).toEqual([]);
    expect(payload.sequence).toBe(1);
    expect(payload.last_safe).toBeNull();
    expect(c.salts).toHaveLength(1);
    expect(payload.salt).toBe(c.salts[0]);
    expect(payload.issued_at).toBe(NOW.toISOString());
    expect(Date.parse(payload.expires_at) - NOW.getTime()).toBe(TTL * 1000);
    expect(payload.build).toMatchObject({ ...B, wifi_only: true, must_install: false, staged_rollout_percent: 10 });
    expect(payload).toMatchObject({ app: 'com.example.agent', channel: 'stable', force_downgrade: false, rolled_back_from: null });
    expect(payload.constraints.min_battery).toBe(30);
    expect(plan.record).toMatchObject({
      action: 'promote',
      actor: 'ci@example',
      at: NOW.toISOString(),
      sequence: 1,
      from: null,
      to: { build_id: B.build_id, version_code: 200, percent: 10 },
    });
  });

  it('over a build at 100%: that build becomes the last safe one', () => {
    const a = apply(null, promote(A, { percent: 100 })).payload;
    const { payload, plan } = apply(a, promote(B));
    expect(payload.sequence).toBe(2);
    expect(payload.last_safe).toEqual(toBuildRef(A));
    // last_safe is a plain BuildRef: no rollout fields leak in.
    expect(payload.last_safe).not.toHaveProperty('staged_rollout_percent');
    expect(payload.last_safe).not.toHaveProperty('wifi_only');
    expect(plan.record.from).toEqual({ build_id: A.build_id, version_code: 100, percent: 100 });
  });

  it('over a partial rollout: the last safe build is unchanged', () => {
    const a = apply(null, promote(A, { percent: 100 })).payload;
    const b = apply(a, promote(B, { percent: 50 })).payload;
    const c = apply(b, promote(C)).payload;
    expect(c.last_safe?.build_id).toBe(A.build_id);
    const fromEmpty = apply(apply(null, promote(A, { percent: 99.99 })).payload, promote(B)).payload;
    expect(fromEmpty.last_safe).toBeNull();
  });

  it('a new promotion draws a new salt', () => {
    const c = ctx();
    const a = apply(null, promote(A), c).payload;
    const b = apply(a, promote(B), c).payload;
    expect(b.salt).not.toBe(a.salt);
    expect(c.salts).toEqual([a.salt, b.salt]);
  });

  it('a pinned salt is used as given and no salt is drawn', () => {
    const c = ctx();
    const { payload, plan } = apply(null, promote(A, { salt: 'pinned-salt' }), c);
    expect(payload.salt).toBe('pinned-salt');
    expect(c.salts).toEqual([]);
    expect(plan.record.details).toMatchObject({ salt_pinned: true });
  });

  it('the same build again -> E_ALREADY_CURRENT', () => {
    const a = apply(null, promote(A)).payload;
    expect(codeOf(() => planChange(a, promote(A), ctx()))).toBe('E_ALREADY_CURRENT');
    expect(codeOf(() => planChange(a, promote(A, { allowLowerVersion: true, percent: 50 }), ctx()))).toBe('E_ALREADY_CURRENT');
  });

  it('a lower or equal version -> E_VERSION_NOT_HIGHER unless allowLowerVersion', () => {
    const b = apply(null, promote(B)).payload;
    expect(codeOf(() => planChange(b, promote(A), ctx()))).toBe('E_VERSION_NOT_HIGHER');
    const sameCode = buildRef(200, { build_id: `b-${hex64('rebuild').slice(0, 16)}` });
    expect(codeOf(() => planChange(b, promote(sameCode), ctx()))).toBe('E_VERSION_NOT_HIGHER');
    const { payload, plan } = apply(b, promote(A, { allowLowerVersion: true }));
    expect(payload.build.build_id).toBe(A.build_id);
    expect(plan.warnings.some((w) => w.includes('100') && w.includes('200'))).toBe(true);
  });

  it('canary device ids are published hashed with the salt, never in clear', () => {
    const ids = ['secret-device-0042', 'Secret Device 7', 'secret-device-0042', 'ünïcødé-ïd'];
    const { payload, plan, recordBytes } = apply(null, promote(A, { salt: 'canary-salt', canaryDeviceIds: ids, canaryTags: ['qa', 'lab', 'qa'] }));
    const expected = [...new Set(ids)].map((id) => createHash('sha256').update(`canary-salt:${id}`, 'utf8').digest('hex')).sort();
    expect(payload.canary.device_sha256).toEqual(expected);
    expect(payload.canary.tags).toEqual(['lab', 'qa']);
    const everything = JSON.stringify(payload) + JSON.stringify(plan) + recordBytes.toString('utf8');
    for (const id of ids) expect(everything).not.toContain(id);
    expect(everything).not.toContain('secret-device');
    expect(plan.record.details).toMatchObject({ canary_devices: 3, canary_tags: 2 });
  });
});

describe('rollout', () => {
  it('changes the percent in place: salt and build kept, sequence + 1', () => {
    const p1 = apply(null, promote(B, { percent: 10, canaryTags: ['qa'] })).payload;
    const { payload, plan } = apply(p1, { action: 'rollout', percent: 50 });
    expect(plan.changed).toBe(true);
    expect(payload.sequence).toBe(p1.sequence + 1);
    expect(payload.salt).toBe(p1.salt);
    expect(payload.build).toEqual({ ...p1.build, staged_rollout_percent: 50 });
    const { change: _a, sequence: _b, issued_at: _c, expires_at: _d, build: _e, ...restBefore } = p1;
    const { change: _f, sequence: _g, issued_at: _h, expires_at: _i, build: _j, ...restAfter } = payload;
    expect(restAfter).toEqual(restBefore);
    expect(plan.record).toMatchObject({ action: 'rollout', from: { percent: 10 }, to: { percent: 50 } });
  });

  it('lowering the percent warns that devices which took the build keep it; raising does not', () => {
    const p1 = apply(null, promote(B, { percent: 50 })).payload;
    const lowered = planChange(p1, { action: 'rollout', percent: 10 }, ctx());
    expect(lowered.warnings).toHaveLength(1);
    expect(lowered.warnings[0]).toContain(B.build_id);
    expect(lowered.warnings[0]).toMatch(/already took it keep it/);
    expect(planChange(p1, { action: 'rollout', percent: 60 }, ctx()).warnings).toEqual([]);
    expect(planChange(p1, { action: 'rollout', percent: 50 }, ctx()).warnings).toEqual([]);
  });

  it('the same percent -> changed: false (the sequence still increments in the plan)', () => {
    const p1 = apply(null, promote(B, { percent: 25 })).payload;
    const { plan } = apply(p1, { action: 'rollout', percent: 25 });
    expect(plan.changed).toBe(false);
    expect(plan.payload.sequence).toBe(p1.sequence + 1);
    expect(plan.payload.salt).toBe(p1.salt);
  });

  it('rollout, rollback and refresh before any promote -> E_NOT_PROMOTED', () => {
    expect(codeOf(() => planChange(null, { action: 'rollout', percent: 50 }, ctx()))).toBe('E_NOT_PROMOTED');
    expect(codeOf(() => planChange(null, { action: 'rollback', forceDowngrade: false }, ctx()))).toBe('E_NOT_PROMOTED');
    expect(codeOf(() => planChange(null, { action: 'rollback', to: A, forceDowngrade: false }, ctx()))).toBe('E_NOT_PROMOTED');
    expect(codeOf(() => planChange(null, { action: 'refresh' }, ctx()))).toBe('E_NOT_PROMOTED');
  });
});

describe('rollback', () => {
  const onB = () => {
    const a = apply(null, promote(A, { percent: 100 })).payload;
    return apply(a, promote(B, { percent: 10, canaryTags: ['qa'], canaryDeviceIds: ['d1'] })).payload;
  };

  it('to the last safe build: served at 100%, salt kept, canaries cleared, rolled_back_from set', () => {
    const b = onB();
    const { payload, plan } = apply(b, { action: 'rollback', forceDowngrade: false });
    expect(toBuildRef(payload.build)).toEqual(toBuildRef(A));
    expect(payload.build.staged_rollout_percent).toBe(100);
    expect(payload.build.wifi_only).toBe(b.build.wifi_only);
    expect(payload.last_safe).toEqual(toBuildRef(A));
    expect(payload.salt).toBe(b.salt);
    expect(payload.canary).toEqual({ tags: [], device_sha256: [] });
    expect(payload.force_downgrade).toBe(false);
    expect(payload.rolled_back_from).toBe(B.build_id);
    expect(payload.sequence).toBe(b.sequence + 1);
    expect(plan.record).toMatchObject({
      action: 'rollback',
      from: { build_id: B.build_id, percent: 10 },
      to: { build_id: A.build_id, percent: 100 },
      details: { force_downgrade: false, rolled_back_from: B.build_id },
    });
  });

  it('--to a named build', () => {
    const c = apply(onB(), promote(C)).payload;
    const { payload } = apply(c, { action: 'rollback', to: B, forceDowngrade: false });
    expect(payload.build.build_id).toBe(B.build_id);
    expect(payload.rolled_back_from).toBe(C.build_id);
  });

  it('no last safe build and no --to -> E_NO_SAFE_BUILD', () => {
    const b = apply(null, promote(B, { percent: 50 })).payload;
    expect(codeOf(() => planChange(b, { action: 'rollback', forceDowngrade: false }, ctx()))).toBe('E_NO_SAFE_BUILD');
  });

  it('to the current build at a partial rollout -> E_ALREADY_CURRENT', () => {
    const b = onB();
    expect(codeOf(() => planChange(b, { action: 'rollback', to: B, forceDowngrade: false }, ctx()))).toBe('E_ALREADY_CURRENT');
  });

  it('a retried rollback (the channel already serves the target at 100%) -> changed: false, nothing new', () => {
    const rolled = apply(onB(), { action: 'rollback', forceDowngrade: false }).payload;
    for (const act of [
      { action: 'rollback', forceDowngrade: false },
      { action: 'rollback', to: A, forceDowngrade: false },
    ] as const) {
      const plan = planChange(rolled, act, ctx());
      expect(plan.changed).toBe(false);
      expect(plan.record.to).toEqual({ build_id: A.build_id, version_code: 100, percent: 100 });
      expect(plan.warnings).toEqual([]);
    }
    // Asking for force_downgrade the channel does not have is a change it cannot express: refused.
    expect(codeOf(() => planChange(rolled, { action: 'rollback', forceDowngrade: true }, ctx()))).toBe('E_ALREADY_CURRENT');
    const forced = apply(onB(), { action: 'rollback', forceDowngrade: true }).payload;
    expect(planChange(forced, { action: 'rollback', forceDowngrade: true }, ctx()).changed).toBe(false);
    expect(planChange(forced, { action: 'rollback', forceDowngrade: false }, ctx()).changed).toBe(false);
  });

  it('force_downgrade needs the same signer', () => {
    const otherSigner = buildRef(100, { build_id: `b-${hex64('other signer').slice(0, 16)}`, signer_fingerprint: hex64('another key') });
    const b = onB();
    expect(codeOf(() => planChange(b, { action: 'rollback', to: otherSigner, forceDowngrade: true }, ctx()))).toBe('E_DOWNGRADE_SIGNER');
    const unsigned = buildRef(100, { build_id: `b-${hex64('unsigned').slice(0, 16)}`, signer_fingerprint: null });
    expect(codeOf(() => planChange(b, { action: 'rollback', to: unsigned, forceDowngrade: true }, ctx()))).toBe('E_DOWNGRADE_SIGNER');
    // Without force_downgrade devices on B stay, but those on older builds would be offered a key
    // no build of the channel had: a signer change, as in promote (E_SIGNER_CHANGED unless allowed, recorded).
    expect(() => planChange(b, { action: 'rollback', to: otherSigner, forceDowngrade: false }, ctx())).toThrow(expect.objectContaining({ code: 'E_SIGNER_CHANGED', exitCode: 6 }));
    const allowed = apply(b, { action: 'rollback', to: otherSigner, forceDowngrade: false, allowSignerChange: true });
    expect(allowed.payload.build.build_id).toBe(otherSigner.build_id);
    expect(allowed.plan.record.details.signer_change).toEqual({ from: b.build.signer_fingerprint, to: otherSigner.signer_fingerprint });
    const { payload } = apply(b, { action: 'rollback', forceDowngrade: true });
    expect(payload.force_downgrade).toBe(true);
  });

  it('the plan carries the platform warnings', () => {
    const b = onB();
    const { plan } = apply(b, { action: 'rollback', forceDowngrade: true });
    expect(plan.warnings).toEqual(rollbackWarnings(B, A, true));
    expect(plan.warnings.length).toBeGreaterThan(0);
  });
});

describe('rollbackWarnings', () => {
  const apkBad = buildRef(200);
  const apkSafe = buildRef(100);

  it('APK going down with force_downgrade: names INSTALL_FAILED_VERSION_DOWNGRADE and the roll-forward remedy', () => {
    const w = rollbackWarnings(apkBad, apkSafe, true).join('\n');
    expect(w).toContain('INSTALL_FAILED_VERSION_DOWNGRADE');
    expect(w).toMatch(/roll forward/i);
    expect(w).toContain('200');
  });

  it('APK going down without force_downgrade: devices on the bad build stay, roll forward', () => {
    // Note for the report: this text explains the limit but does not name
    // INSTALL_FAILED_VERSION_DOWNGRADE (only the force_downgrade text does).
    const w = rollbackWarnings(apkBad, apkSafe, false);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(apkBad.build_id);
    expect(w[0]).toMatch(/roll forward/i);
    expect(w[0]).toContain('versionCode 100');
  });

  it('APK "rollback" to a higher versionCode (a roll forward) has no downgrade warning', () => {
    expect(rollbackWarnings(apkBad, buildRef(300), true)).toEqual([]);
    expect(rollbackWarnings(apkBad, buildRef(300), false)).toEqual([]);
  });

  const esp = (code: number, secure: number | null) =>
    buildRef(code, { kind: 'esp-app', chip: 'esp32', secure_version: secure, signer_fingerprint: null });

  it('ESP with a lower secure_version: names secure_version (anti-rollback)', () => {
    for (const force of [true, false]) {
      const w = rollbackWarnings(esp(2001000, 3), esp(2000000, 2), force).join('\n');
      expect(w).toContain('secure_version');
      expect(w).toContain('anti-rollback');
      expect(w).not.toContain('INSTALL_FAILED_VERSION_DOWNGRADE');
    }
  });

  it('ESP with the same secure_version: no anti-rollback warning; without force, devices keep the bad build', () => {
    expect(rollbackWarnings(esp(2001000, 2), esp(2000000, 2), false).join('\n')).not.toContain('secure_version');
    expect(rollbackWarnings(esp(2001000, 2), esp(2000000, 2), false).join('\n')).toContain('`forceDowngrade`');
    expect(rollbackWarnings(esp(2001000, 2), esp(2000000, 2), true)).toEqual([]);
  });
});

describe('refresh', () => {
  it('keeps everything but sequence, issued_at and expires_at', () => {
    const b = apply(null, promote(B, { canaryTags: ['qa'], canaryDeviceIds: ['x'] })).payload;
    const later = new Date(NOW.getTime() + 3 * 24 * 3600 * 1000);
    const { payload, plan } = apply(b, { action: 'refresh' }, ctx({ now: later }));
    expect(payload.sequence).toBe(b.sequence + 1);
    expect(payload.issued_at).toBe(later.toISOString());
    expect(Date.parse(payload.expires_at)).toBe(later.getTime() + TTL * 1000);
    const strip = ({ sequence: _s, issued_at: _i, expires_at: _e, change: _c, ...rest }: ManifestPayloadT) => rest;
    expect(strip(payload)).toEqual(strip(b));
    expect(plan.record).toMatchObject({ action: 'refresh', from: plan.record.to });
  });
});

describe('repair', () => {
  it('republishes the state at the given sequence, fresh expiry, chained to the verified record with prev_sequence', () => {
    const b = apply(null, promote(B, { canaryTags: ['qa'] })).payload;
    const later = new Date(NOW.getTime() + 24 * 3600 * 1000);
    const { payload, plan } = apply(b, { action: 'repair', sequence: b.sequence + 5, reason: 'manifest truncated' }, ctx({ now: later }), b.change);
    expect(payload.sequence).toBe(b.sequence + 5);
    expect(Date.parse(payload.expires_at)).toBe(later.getTime() + TTL * 1000);
    const strip = ({ sequence: _s, issued_at: _i, expires_at: _e, change: _c, ...rest }: ManifestPayloadT) => rest;
    expect(strip(payload)).toEqual(strip(b));
    expect(plan.record).toMatchObject({ action: 'repair', sequence: b.sequence + 5, prev_sequence: b.sequence, details: { reason: 'manifest truncated' } });
    // Ordinary changes follow their predecessor directly: no prev_sequence.
    expect(apply(b, { action: 'refresh' }).plan.record).not.toHaveProperty('prev_sequence');
  });
});

describe('history records carry the manifest they publish (what repair republishes)', () => {
  it('record.manifest is the payload without its change link', () => {
    const s1 = apply(null, promote(A, { percent: 100, canaryDeviceIds: ['d'] }));
    const s2 = apply(s1.payload, promote(B), ctx(), s1.digest);
    for (const s of [s1, s2]) {
      const rec = ChangeRecord.parse(JSON.parse(s.recordBytes.toString('utf8')));
      const { change: _c, ...body } = s.payload;
      expect(rec.manifest).toEqual(body);
    }
  });
});

describe('sealChange', () => {
  it('chains prev digests and the payload names sha256 of the record bytes', () => {
    const c = ctx();
    const s1 = apply(null, promote(A, { percent: 100 }), c, null);
    const s2 = apply(s1.payload, promote(B), c, s1.digest);
    const s3 = apply(s2.payload, { action: 'rollout', percent: 50 }, c, s2.digest);
    for (const [s, prev] of [[s1, null], [s2, s1.digest], [s3, s2.digest]] as const) {
      const digest = createHash('sha256').update(s.recordBytes).digest('hex');
      expect(s.digest).toBe(digest);
      expect(s.payload.change).toBe(digest);
      const rec = ChangeRecord.parse(JSON.parse(s.recordBytes.toString('utf8')));
      expect(rec.prev).toBe(prev);
      expect(rec.sequence).toBe(s.payload.sequence);
    }
    expect(new Set([s1.digest, s2.digest, s3.digest]).size).toBe(3);
    // The next plan starts from the sealed payload: its own `change` is not carried into the body.
    expect(planChange(s3.payload, { action: 'refresh' }, c).payload).not.toHaveProperty('change');
  });
});

describe('property: random sequences of actions (seeded)', () => {
  it('sequence goes up by exactly 1 on every change and every payload is a valid ManifestPayload', () => {
    const allowed = new Set(['E_ALREADY_CURRENT', 'E_VERSION_NOT_HIGHER', 'E_NO_SAFE_BUILD', 'E_DOWNGRADE_SIGNER', 'E_NOT_PROMOTED', 'E_SIGNER_CHANGED']);
    let applied = 0;
    let refused = 0;
    const kinds = new Map<string, number>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = prng(seed);
      const builds = Array.from({ length: 12 }, (_, i) =>
        buildRef(100 + i * 10, { signer_fingerprint: rand() < 0.8 ? hex64('release signer') : hex64('old signer') }),
      );
      let current: ManifestPayloadT | null = null;
      let prev: string | null = null;
      let now = NOW.getTime();
      for (let step = 0; step < 60; step++) {
        now += randomInt(rand, 1, 86_400) * 1000;
        const pct = () => randomInt(rand, 0, 10_000) / 100;
        const pick = rand();
        const act: ChannelAction =
          pick < 0.35
            ? promote(builds[randomInt(rand, 0, builds.length - 1)]!, {
                percent: pct(),
                allowLowerVersion: rand() < 0.2,
                canaryDeviceIds: rand() < 0.3 ? [randomHex(rand, 8)] : [],
                ...(rand() < 0.2 ? { salt: `pin-${randomHex(rand, 6)}` } : {}),
              })
            : pick < 0.65
              ? { action: 'rollout', percent: pct() }
              : pick < 0.85
                ? { action: 'rollback', forceDowngrade: rand() < 0.5, ...(rand() < 0.3 ? { to: builds[randomInt(rand, 0, builds.length - 1)]! } : {}) }
                : { action: 'refresh' };
        let result;
        try {
          result = apply(current, act, ctx({ now: new Date(now), newSalt: () => randomHex(rand, 16) }), prev);
        } catch (err) {
          if ((err instanceof TransitionError || err instanceof SignerMismatchError) && allowed.has(err.code)) {
            refused++;
            continue;
          }
          throw err;
        }
        applied++;
        kinds.set(act.action, (kinds.get(act.action) ?? 0) + 1);
        const { payload, digest } = result;
        expect(payload.sequence).toBe((current?.sequence ?? 0) + 1);
        expect(ManifestPayload.safeParse(payload).success).toBe(true);
        expect(Date.parse(payload.expires_at) - Date.parse(payload.issued_at)).toBe(TTL * 1000);
        if (current && act.action !== 'promote') expect(payload.salt).toBe(current.salt);
        if (current && act.action === 'rollout') expect(payload.build.build_id).toBe(current.build.build_id);
        if (act.action === 'rollback') expect(payload.build.staged_rollout_percent).toBe(100);
        current = payload;
        prev = digest;
      }
    }
    // The walk exercised every action and some refusals.
    expect(applied).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(5);
    for (const k of ['promote', 'rollout', 'rollback', 'refresh']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(5);
  });
});
