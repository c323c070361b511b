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
  /** Beacons just after now (the step began when the plan was stored). */
  const writeLog = (results: string[]) => {
    const at = new Date(Date.now() + 2000).toISOString();
    const reqs: Req[] = results.map((r, i) => ({ at, path: `/apps/demo/beacons/${ws.b1}/${r}.txt`, query: `d=dev${i}&c=stable`, status: 200 }));
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
    expect((await ws.run(['status', ...ch, '--json'])).json().channels[0].plan).toMatchObject({ steps: [1, 5, 100], step: 0, state: 'running' });

    writeLog(['ok', 'ok', 'ok']);
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'hold', reason: '3 of 4 results at 1% so far', change: null });
    writeLog(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'hold', reason: expect.stringMatching(/^healthy/) });

    writeLog(['ok', 'ok', 'ok', 'fail', 'verify_fail']);
    const halt = await ws.run(['rollout-tick', ...ch, '--logs', 'access.log']);
    expect(halt.code, halt.stderr).toBe(0);
    expect(halt.stdout).toMatch(/demo\/stable: halt: 40% failures \(1 fail, 1 verify_fail of 5 results\) at 1%, above the 20% limit \(sequence 3\)/);
    expect((await ws.run(['status', ...ch])).stdout).toContain('halted: 40% failures');
    expect((await ws.run(['status', ...ch])).stdout).not.toMatch(/halted: halted/);
    const history = (await ws.run(['history', ...ch, '--json'])).json();
    expect(history.changes[0]).toMatchObject({ sequence: 3, details: { plan_tick: 'halt', results: { ok: 3, fail: 1, verify_fail: 1 } }, to: { percent: 1 } });
    // Idempotent once halted: nothing more is written.
    expect((await ws.run(['rollout-tick', ...ch, '--logs', 'access.log', '--json'])).json()).toMatchObject({ decision: 'idle', change: null, reason: 'the plan is halted: 40% failures (1 fail, 1 verify_fail of 5 results) at 1%, above the 20% limit' });
  });

  it('a tick counts the results logged in the very second the step began (logs stamp whole seconds)', async () => {
    const beta = ['--app', 'demo', '--channel', 'beta'];
    expect((await ws.run(['promote', ws.b2, ...beta, '--rollout', '0', '--yes'])).code).toBe(0);
    const started = await ws.run(['rollout', '--plan', '3,60', '--every', '1h', '--min-samples', '6', ...beta, '--yes', '--json']);
    expect(started.code, started.stderr).toBe(0);
    const plan = (await ws.run(['status', ...beta, '--json'])).json().channels[0].plan;
    // Six results stamped with the step's start; the log format keeps whole seconds only.
    const at = plan.step_started_at.replace(/\.\d+Z$/, '.999Z');
    const reqs: Req[] = Array.from({ length: 6 }, (_, i) => ({ at, path: `/apps/demo/beacons/${ws.b2}/ok.txt`, query: `d=beta${i}&c=beta`, status: 200 }));
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
