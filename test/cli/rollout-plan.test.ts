import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';
import { cloudFrontLog, type Req } from '../telemetry/log-fixtures.js';

const SPAWNING = { timeout: 180_000 };

describe('otactl rollout --plan, rollout-tick and status', SPAWNING, () => {
  const ws = seededCliSuite();
  const ch = ['--app', 'demo', '--channel', 'stable'];
  /** Beacons just after now (the step began when the plan was stored); an `ok` device also confirms its boot (healthy) unless `unconfirmed`. */
  const writeLog = (results: string[], opts: { unconfirmed?: boolean; logsUntil?: Date } = {}) => {
    const at = new Date(Date.now() + 2000).toISOString();
    const reqs: Req[] = results.flatMap((r, i) => [r, ...(r === 'ok' && !opts.unconfirmed ? ['healthy'] : [])].map((x) => ({ at, path: `/apps/demo/beacons/${ws.b1}/${x}.txt`, query: `d=dev${i}&c=stable`, status: 200 })));
    // A later check by a device that says nothing about the build: how far the logs reach.
    if (opts.logsUntil) reqs.push({ at: opts.logsUntil.toISOString(), path: '/apps/demo/channels/stable/manifest.json', query: 'd=late&v=1', status: 304 });
    writeFileSync(join(ws.dir, 'access.log'), cloudFrontLog(reqs));
  };

  it('stores the plan, status shows it, a tick holds on a healthy young step and halts past the failure limit', async () => {
    expect((await ws.run(['promote', ws.b1, ...ch, '--rollout', '0', '--yes'])).code).toBe(0);
    const started = await ws.run(['rollout', '--plan', '1,5,100', '--every', '1h', '--max-failure-rate', '20', '--min-samples', '4', ...ch, '--yes', '--json']);
    expect(started.code, started.stderr).toBe(0);
    expect(started.json()).toMatchObject({ changed: true, to: { percent: 1 } });

    const status = await ws.run(['status', ...ch]);
    expect(status.stdout).toContain('plan       [1%] > 5% > 100%  (every 60 min, halt above 20% failures, judged on 4 results)');
    expect(status.stdout).toMatch(/next 5% after \S+ if healthy/);
    expect(status.stdout).toContain(`  progress   ${'░'.repeat(20)} step 1 of 3 at 1%, running`);
    expect((await ws.run(['status', ...ch, '--json'])).json().channels[0].plan).toMatchObject({ steps: [1, 5, 100], step: 0, state: 'running' });

    writeLog(['ok', 'ok', 'ok']);
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'hold', reason: '3 of 4 results at 1% so far', change: null });
    writeLog(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'hold', reason: expect.stringMatching(/^healthy/) });

    writeLog(['ok', 'ok', 'ok', 'fail', 'verify_fail']);
    const halt = await ws.run(['rollout-tick', ...ch, '--logs', 'access.log']);
    expect(halt.code, halt.stderr).toBe(0);
    expect(halt.stdout).toMatch(/demo\/stable: halt: 40% failures \(1 fail, 1 verify_fail, 0 rolled back, 0 not confirmed in time of 5 results, 3 confirmed boots\) at 1%, above the 20% limit \(sequence 3\)/);
    expect((await ws.run(['status', ...ch])).stdout).toContain('halted: 40% failures');
    expect((await ws.run(['status', ...ch])).stdout).not.toMatch(/halted: halted/);
    const history = (await ws.run(['history', ...ch, '--json'])).json();
    expect(history.changes[0]).toMatchObject({ sequence: 3, details: { plan_tick: 'halt', results: { ok: 3, fail: 1, verify_fail: 1, healthy: 3 } }, to: { percent: 1 } });
    // Idempotent once halted: nothing more is written.
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'idle', change: null, reason: 'the plan is halted: 40% failures (1 fail, 1 verify_fail, 0 rolled back, 0 not confirmed in time of 5 results, 3 confirmed boots) at 1%, above the 20% limit' });
  });

  it('a step is healthy only on confirmed boots: installs never confirmed within --confirm-within halt it; logs ending before the step do not advance it', async () => {
    const edge = ['--app', 'demo', '--channel', 'edge'];
    const log = (reqs: Req[]) => writeFileSync(join(ws.dir, 'edge.log'), cloudFrontLog(reqs));
    const tick = (now: Date) => ws.run(['rollout-tick', ...edge, '--logs', 'edge.log', '--json'], { now: () => now });
    expect((await ws.run(['promote', ws.b3, ...edge, '--rollout', '0', '--yes'])).code).toBe(0);
    expect((await ws.run(['rollout', '--plan', '1,5', '--every', '1h', '--min-samples', '4', '--confirm-within', '30m', ...edge, '--yes'])).code).toBe(0);
    const start = Date.parse((await ws.run(['status', ...edge, '--json'])).json().channels[0].plan.step_started_at);
    const at = (min: number) => new Date(start + 2000 + min * 60_000).toISOString();
    const beacons = (result: string, n: number, min: number): Req[] =>
      Array.from({ length: n }, (_, i) => ({ at: at(min), path: `/apps/demo/beacons/${ws.b3}/${result}.txt`, query: `d=e${i}&c=edge`, status: 200 }));
    const lateCheck = (min: number): Req => ({ at: at(min), path: '/apps/demo/channels/edge/manifest.json', query: 'd=other&v=1', status: 304 });

    // Four installs, no boot report, and logs reaching 40 minutes past them: all four timed out.
    log([...beacons('ok', 4, 1), lateCheck(41)]);
    const halted = (await tick(new Date(start + 50 * 60_000))).json();
    expect(halted).toMatchObject({ decision: 'halt', results: { ok: 4, healthy: 0, timed_out: 4 } });
    expect(halted.reason).toContain('4 not confirmed in time of 4 results, 0 confirmed boots');

    // A fresh plan: four confirmed boots, the step over by the clock, but the logs end 2 minutes in.
    expect((await ws.run(['rollout', '--plan', '1,5', '--every', '1h', '--min-samples', '4', ...edge, '--yes'])).code).toBe(0);
    const start2 = Date.parse((await ws.run(['status', ...edge, '--json'])).json().channels[0].plan.step_started_at);
    const at2 = (min: number) => new Date(start2 + 2000 + min * 60_000).toISOString();
    const healthy = ['ok', 'healthy'].flatMap((r) => Array.from({ length: 4 }, (_, i): Req => ({ at: at2(1), path: `/apps/demo/beacons/${ws.b3}/${r}.txt`, query: `d=f${i}&c=edge`, status: 200 })));
    log(healthy);
    const waiting = (await tick(new Date(start2 + 2 * 3_600_000))).json();
    expect(waiting).toMatchObject({ decision: 'hold', change: null, results: { healthy: 4, logs_until: at2(1).replace(/\.\d+Z$/, '.000Z') } });
    expect(waiting.reason).toMatch(/waiting for logs up to \S+ \(the newest line read is at /);
    // Logs that reach past the step's end: it advances.
    log([...healthy, { at: at2(61), path: '/apps/demo/channels/edge/manifest.json', query: 'd=f0&v=102', status: 304 }]);
    expect((await tick(new Date(start2 + 2 * 3_600_000))).json()).toMatchObject({ decision: 'advance', change: { to: { percent: 5 } } });
  });

  it('a tick counts the results logged in the very second the step began (logs stamp whole seconds)', async () => {
    const beta = ['--app', 'demo', '--channel', 'beta'];
    expect((await ws.run(['promote', ws.b2, ...beta, '--rollout', '0', '--yes'])).code).toBe(0);
    const started = await ws.run(['rollout', '--plan', '3,60', '--every', '1h', '--min-samples', '6', ...beta, '--yes', '--json']);
    expect(started.code, started.stderr).toBe(0);
    const plan = (await ws.run(['status', ...beta, '--json'])).json().channels[0].plan;
    // Six results stamped with the step's start; the log format keeps whole seconds only.
    const at = plan.step_started_at.replace(/\.\d+Z$/, '.999Z');
    const reqs: Req[] = ['ok', 'healthy'].flatMap((r) => Array.from({ length: 6 }, (_, i) => ({ at, path: `/apps/demo/beacons/${ws.b2}/${r}.txt`, query: `d=beta${i}&c=beta`, status: 200 })));
    writeFileSync(join(ws.dir, 'same-second.log'), cloudFrontLog(reqs));
    const r = await ws.run(['rollout-tick', ...beta, '--logs', 'same-second.log', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ decision: 'hold', results: { ok: 6, fail: 0, verify_fail: 0 }, reason: expect.stringMatching(/^healthy/) });
  });

  it('bad plan flags: one line, exit 2', async () => {
    expectCleanFailure(await ws.run(['rollout', '--plan', '5,1', ...ch, '--yes', '--json']), 2, 'E_USAGE');
  });

  it('a plan interval past its bound is refused (exit 2) before anything is published, however large', async () => {
    const before = treeSnapshot(join(ws.dir, 'ota-store'));
    for (const every of ['367d', '8785h', '31622401s', '123456789012345678m']) {
      const r = await ws.run(['rollout', '--plan', '2,50', '--every', every, ...ch, '--yes', '--json']);
      expectCleanFailure(r, 2, 'E_USAGE');
      expect(r.json().error.message).toMatch(/^--every .*(outside 1m\.\.366d|longer than the limit of 366d)$/);
    }
    expect(treeSnapshot(join(ws.dir, 'ota-store'))).toBe(before);
  });

  it('"otactl rollout tick" (as people say it) runs rollout-tick; "tick" elsewhere is a usage error naming it', async () => {
    writeLog(['ok']);
    const spoken = await ws.run(['--json', 'rollout', 'tick', ...ch, '--logs', 'access.log']);
    expect(spoken.code, spoken.stderr).toBe(0);
    expect(spoken.json()).toMatchObject({ app: 'demo', channel: 'stable', decision: 'idle' });
    const r = await ws.run(['rollout', ...ch, 'tick', '--yes', '--json']);
    expectCleanFailure(r, 2, 'E_USAGE');
    expect(r.json().error.message).toContain('otactl rollout-tick');
  });
});
