import { describe, expect, it, vi } from 'vitest';
import { seededCliSuite } from '../helpers/run-cli.js';
import { cohortBucket, inCohort } from '../../src/protocol/cohort.js';

// Counts how often the synthetic fleet is hashed (the preview's whole cost); the hashing itself is the real one.
const hashed = vi.hoisted(() => ({ fleets: 0 }));
vi.mock('../../src/protocol/cohort.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/protocol/cohort.js')>();
  return {
    ...real,
    fleetBuckets: (...args: Parameters<typeof real.fleetBuckets>) => {
      hashed.fleets++;
      return real.fleetBuckets(...args);
    },
  };
});

/** The change preview (10,000 synthetic devices hashed) is computed only when a run shows it. */
describe('the change preview of promote/rollout/rollback', () => {
  const ws = seededCliSuite();
  const app = ['--app', 'demo', '--channel', 'stable'];
  const inFleet = (salt: string, percent: number) => Array.from({ length: 10_000 }, (_, i) => cohortBucket(salt, `device-${i}`)).filter((b) => inCohort(b, percent)).length;

  it('a --quiet run (it shows neither summary nor JSON) does not hash the fleet; --json and plain runs show the same counts', async () => {
    hashed.fleets = 0;
    const quiet = await ws.run(['promote', ws.b1, ...app, '--rollout', '10', '--yes', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^published demo\/stable sequence 1: /);
    expect(quiet.stderr).toBe('');
    expect(hashed.fleets).toBe(0);

    const json = await ws.run(['rollout', '25', ...app, '--yes', '--json']);
    expect(json.code).toBe(0);
    const r = json.json();
    // A rollout keeps the salt: one fleet hashed for before and after.
    expect(hashed.fleets).toBe(1);
    expect(r.preview).toEqual({ fleet: 10_000, in_cohort_before: inFleet(r.salt, 10), in_cohort_after: inFleet(r.salt, 25) });

    const plain = await ws.run(['rollout', '50', ...app, '--yes']);
    expect(plain.code).toBe(0);
    expect(hashed.fleets).toBe(2);
    expect(plain.stderr).toContain(`rollout demo/stable: ${ws.b1} (v100) at 25% -> ${ws.b1} (v100) at 50%\n  simulated fleet of 10000: ${inFleet(r.salt, 25)} in the rollout cohort before, ${inFleet(r.salt, 50)} after`);
  });

  it('a dry run on a terminal shows the preview before anything is published', async () => {
    const before = hashed.fleets;
    const dry = await ws.run(['promote', ws.b2, ...app, '--rollout', '5', '--dry-run'], { isTTY: true });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/simulated fleet of 10000: \d+ in the rollout cohort before, \d+ after/);
    expect(dry.stdout).toMatch(/^dry run: nothing was published/);
    // A promotion draws a new salt: the fleet is hashed for each.
    expect(hashed.fleets - before).toBe(2);
  });
});
