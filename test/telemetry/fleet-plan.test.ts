/**
 * A 10,000-device fleet under a rollout plan, in process: each simulated hour every device checks
 * the channel (a CloudFront log line with its hashed id), decides with the real cohort code on the
 * published manifest, installs when offered and sends its result beacon (the SDK's beaconUrl) —
 * all written as gzip CloudFront logs; then `rolloutTick` reads the results back from those logs.
 * The full 10,000-device acceptance run over HTTP lives in test/device/ (another module); this
 * is the plan's half of it, and its hook: `simulateHour` takes any fleet and failure rule.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { decide } from '../../src/protocol/decision.js';
import { beaconUrl } from '../../src/device/beacon.js';
import { promote, rollout, upload } from '../../src/index.js';
import { rolloutTick } from '../../src/release/rollout-plan.js';
import { aggregate } from '../../src/telemetry/aggregate.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { cloudFrontLog, type Req } from './log-fixtures.js';
import { memoryRelease, scratchDir, type MemoryRelease } from '../helpers/memory-release.js';

const APP = 'fleet';
const CH = 'stable';
const FLEET = 10_000;
const HOUR = 3_600_000;
const MANIFEST_URL = `https://cdn.example.com/apps/${APP}/channels/${CH}/manifest.json`;
const scratch = scratchDir('fleet');

let mem: MemoryRelease;
let clock: Date;
let logs: string;
let newBuild: string;
/** Installed version code per device. */
let versions: number[];

async function uploadVersion(code: number): Promise<string> {
  const file = join(scratch, `v${code}-${Math.random()}.bin`);
  writeFileSync(file, `firmware ${code} ${file}`);
  return (await upload(mem.deps, { file, app: APP, kind: 'file', versionCode: code, versionName: `${code}.0` })).build_id;
}

beforeEach(async () => {
  clock = new Date('2026-11-30T00:00:00Z');
  mem = await memoryRelease({ actor: 'fleet-test', deps: { now: () => clock } });
  logs = mkdtempSync(join(scratch, 'logs-'));
  await promote(mem.deps, { app: APP, channel: CH, build: await uploadVersion(1), percent: 100 });
  newBuild = await uploadVersion(2);
  versions = new Array<number>(FLEET).fill(1);
  await promote(mem.deps, { app: APP, channel: CH, build: newBuild, percent: 0 });
  await rollout(mem.deps, { app: APP, channel: CH, percent: 1, plan: { steps: [1, 5, 10, 25, 50, 100], everySeconds: 3600, maxFailureRate: 2, minSamples: 50 } });
});

/** Half an hour after `clock`, every device checks, decides and reports; the hour's log is written. */
async function simulateHour(fails: (deviceId: string) => boolean): Promise<void> {
  const payload = (await mem.repo.readChannel(APP, CH))!.payload;
  const at = new Date(clock.getTime() + HOUR / 2).toISOString();
  const reqs: Req[] = [];
  for (let i = 0; i < FLEET; i++) {
    const id = `device-${i}`;
    const beacon = (result: 'ok' | 'fail', reason?: string) => {
      const url = new URL(beaconUrl({ manifestUrl: MANIFEST_URL, manifest: payload, deviceId: id, buildId: newBuild, result, ...(reason ? { reason } : {}) }));
      reqs.push({ at, path: url.pathname, query: url.search.slice(1), status: 200 });
    };
    const check = new URL(beaconUrl({ manifestUrl: MANIFEST_URL, manifest: payload, deviceId: id, buildId: newBuild, result: 'ok' }));
    reqs.push({ at, path: new URL(MANIFEST_URL).pathname, query: `d=${check.searchParams.get('d')}`, status: i % 3 === 0 ? 200 : 304 });
    const d = decide(payload, { device_id: id, current_version_code: versions[i]! }, { wifi: true, battery: 100 });
    if (d.action !== 'update' || d.build?.build_id !== newBuild) continue;
    if (fails(id)) beacon('fail', 'E_INSTALL');
    else {
      versions[i] = 2;
      beacon('ok');
    }
  }
  writeFileSync(join(logs, `E1.${at.slice(0, 13)}.gz`), gzipSync(cloudFrontLog(reqs)));
}

const results = async (since: Date, buildId: string) => {
  const r = await aggregate(readLogs(logs), { artifacts: new Map(), by: 'hour', since: since.getTime() });
  const b = r.channels.find((c) => c.channel === CH)?.builds.find((x) => x.build_id === buildId);
  return { ok: b?.installs.ok ?? 0, fail: b?.installs.fail ?? 0, verify_fail: b?.verify_fail ?? 0 };
};

async function hourThenTick(fails: (id: string) => boolean) {
  await simulateHour(fails);
  clock = new Date(clock.getTime() + HOUR);
  return rolloutTick(mem.deps, { app: APP, channel: CH, results });
}

describe('a 10,000-device fleet under the plan 1,5,10,25,50,100 (every 1h, max 2% failures, 50 samples)', { timeout: 180_000 }, () => {
  it('healthy: one step per hour, adoption rising with each step to the whole fleet', async () => {
    const ticks: string[] = [];
    for (let h = 0; h < 6; h++) {
      const t = await hourThenTick(() => false);
      ticks.push(`${t.decision} ${(await mem.repo.readChannel(APP, CH))!.payload.build.staged_rollout_percent}`);
    }
    expect(ticks).toEqual(['advance 5', 'advance 10', 'advance 25', 'advance 50', 'advance 100', 'idle 100']);
    const report = await aggregate(readLogs(logs), { artifacts: new Map(), by: 'hour' });
    const stable = report.channels.find((c) => c.channel === CH)!;
    expect(stable.devices).toBe(FLEET);
    const adoption = stable.buckets.map((b) => b.adoption[newBuild] ?? 0);
    // Each hour the devices the step let in installed: about the step's percent of the fleet.
    [1, 5, 10, 25, 50, 100].forEach((pct, i) => expect(Math.abs(adoption[i]! * 100 - pct)).toBeLessThan(1.5));
    expect(adoption.every((x, i) => i === 0 || x > adoption[i - 1]!)).toBe(true);
    expect(versions.every((v) => v === 2)).toBe(true);
    expect(stable.builds.find((b) => b.build_id === newBuild)!.installs).toEqual({ ok: FLEET, fail: 0 });
  });

  it('10% of installs failing: halts at the first step with the minimum samples, and never advances', async () => {
    const fails = (id: string) => cohortBucket('failure-injection', id) < 1000; // 10% of devices
    const first = await hourThenTick(fails);
    expect(first.decision).toBe('halt');
    expect(first.results!.ok + first.results!.fail).toBeGreaterThanOrEqual(50);
    expect(first.results!.fail / (first.results!.ok + first.results!.fail)).toBeGreaterThan(0.05);
    for (let h = 0; h < 3; h++) expect((await hourThenTick(fails)).decision).toBe('idle');
    const m = (await mem.repo.readChannel(APP, CH))!.payload;
    expect(m.build.staged_rollout_percent).toBe(1);
    expect(m.plan).toMatchObject({ state: 'halted', step: 0, reason: expect.stringMatching(/^\d.* at 1%, above the 2% limit$/) });
    expect(versions.filter((v) => v === 2).length).toBeLessThan(FLEET * 0.02);
  });
});
