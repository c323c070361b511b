/**
 * --eligible-only against a real file store (otactl init, upload, promote with a pinned salt): the
 * devices nudged are the ones the channel's manifest would move, the expectation computed here
 * from cohortBucket and the rules of docs/manifest.md, not from the code under test.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cohortBucket } from '../../src/protocol/cohort.js';
import { treeSnapshot } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const SALT = 'nudge-eligible-salt';
const ids = Array.from({ length: 80 }, (_, i) => `esp-${String(i).padStart(3, '0')}`);
// Build b2 (version code 101) at 10%: buckets below 1000 are in the cohort.
const inCohort = (id: string) => cohortBucket(SALT, id) < 1000;
const cohort = ids.filter(inCohort);
const outside = ids.filter((id) => !inCohort(id));
const canary = outside[0]!;

describe('otactl nudge --eligible-only (file store, webhook receiver)', () => {
  const ws = seededCliSuite();
  const receiver = new WebhookReceiver();
  const nudge = async (file: string, extra: string[] = []) =>
    ws.run(['nudge', '--app', 'demo', '--channel', 'stable', '--devices-file', file, '--via', 'webhook', '--webhook-url', receiver.url, '--hmac-key-file', 'nudge.key', '--eligible-only', ...extra]);

  beforeAll(async () => {
    await receiver.start();
    ws.file('nudge.key', randomBytes(32));
    // b1 (100) fully rolled out, then b2 (101) at 10%: b1 becomes the last safe build.
    for (const [build, pct] of [[ws.b1, '100'], [ws.b2, '10']] as const) {
      const r = await ws.run(['promote', build, '--app', 'demo', '--channel', 'stable', '--rollout', pct, '--salt', SALT, '--canary-device', canary, '--yes']);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterEach(() => receiver.reset());
  afterAll(async () => {
    await receiver.close();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('the test population has devices on both sides of the cut', async () => {
    expect(cohort.length).toBeGreaterThanOrEqual(2);
    expect(outside.length).toBeGreaterThanOrEqual(3);
  });

  it('without versions: exactly the cohort plus the canary are nudged, the rest counted as skipped', async () => {
    ws.file('fleet.csv', `# the fleet\n${ids.join('\n')}\n`);
    const r = await nudge('fleet.csv', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const expected = [...cohort, canary].sort();
    expect(receiver.deviceIds().sort()).toEqual(expected);
    expect(r.json()).toMatchObject({ sent: expected.length, targets: expected.length, skipped_ineligible: ids.length - expected.length });
  });

  it('the text summary says how many were skipped', async () => {
    ws.file('fleet.csv', `${ids.join('\n')}\n`);
    const r = await nudge('fleet.csv');
    expect(r.code, r.stderr).toBe(0);
    const sent = cohort.length + 1;
    expect(r.stdout).toMatch(new RegExp(`^nudged demo/stable via webhook: ${sent} sent, .*, ${ids.length - sent} listed devices skipped \\(the current manifest would not move them\\)$`, 'm'));
  });

  it('with a current_version_code column: exactly the devices the manifest would move', async () => {
    const [inA, inB] = cohort;
    const [, outBehind, outSafe] = outside; // outside[0] is the canary
    const rows: Array<[string, number, boolean]> = [
      [inA!, 100, true], // in the cohort, behind the offered 101
      [canary, 100, true], // a canary, behind
      [outBehind!, 50, true], // outside, below the last safe build (100): offered it
      [outSafe!, 100, false], // outside, already on the last safe build
      [inB!, 101, false], // in the cohort, already on the offered build
    ];
    ws.file('versions.csv', rows.map(([id, v]) => `${id},,${v}`).join('\n') + '\n');
    const r = await nudge('versions.csv', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const expected = rows.filter(([, , moves]) => moves).map(([id]) => id);
    expect(receiver.deviceIds().sort()).toEqual(expected.sort());
    expect(r.json()).toMatchObject({ sent: expected.length, skipped_ineligible: rows.length - expected.length });
  });

  it('no listed device would move: exit 2 E_NUDGE_NO_DEVICES, nothing sent', async () => {
    ws.file('nobody.csv', `${outside[1]},,100\n${outside[2]}\n`);
    const r = await nudge('nobody.csv', ['--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.json().error).toMatchObject({ code: 'E_NUDGE_NO_DEVICES', exit_code: 2 });
    expect(r.json().error.message).toMatch(/would move none of the 2 listed devices/);
    expect(receiver.received).toEqual([]);
  });

  it('a channel with no published manifest: exit 2 E_NO_CHANNEL, one line, store unchanged, nothing sent', async () => {
    ws.file('fleet.csv', `${ids.join('\n')}\n`);
    const before = treeSnapshot(`${ws.dir}/ota-store`);
    const r = await ws.run(['nudge', '--app', 'demo', '--channel', 'beta', '--devices-file', 'fleet.csv', '--via', 'webhook', '--webhook-url', receiver.url, '--hmac-key-file', 'nudge.key', '--eligible-only']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^otactl: error: demo\/beta has no published manifest, so no device is eligible/);
    expect(receiver.received).toEqual([]);
    expect(treeSnapshot(`${ws.dir}/ota-store`)).toBe(before);
  });

  it('nudges to a channel or app never published are refused (exit 2, nothing sent) unless --allow-unpublished says it is meant to be new (issue 18 item 7)', async () => {
    const send = async (app: string, channel: string, extra: string[] = []) =>
      ws.run(['nudge', '--app', app, '--channel', channel, '--via', 'webhook', '--webhook-url', receiver.url, '--hmac-key-file', 'nudge.key', '--json', ...extra]);
    const before = treeSnapshot(`${ws.dir}/ota-store`);
    for (const [app, channel, sel] of [['demo', 'nightly', ['--all']], ['dmeo', 'stable', ['--device', 'esp-001']]] as const) {
      const r = await send(app, channel, [...sel]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.json().error).toMatchObject({ code: 'E_NO_CHANNEL', exit_code: 2 });
      expect(r.stderr).toMatch(new RegExp(`^otactl: error: ${app}/${channel} has no published manifest: .*nothing was sent\\. Give --allow-unpublished`));
    }
    expect(receiver.received).toEqual([]);
    // The published channel needs no flag; a new one goes with it.
    expect((await send('demo', 'stable', ['--device', 'esp-001'])).code).toBe(0);
    const meant = await send('demo', 'nightly', ['--all', '--allow-unpublished']);
    expect(meant.code, meant.stderr).toBe(0);
    expect(meant.json()).toMatchObject({ channel: 'nightly', sent: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(treeSnapshot(`${ws.dir}/ota-store`)).toBe(before);
  });
});
