import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { treeSnapshot } from '../helpers/cli.js';
import { seededCliWorkspace, type CliWorkspace } from '../helpers/run-cli.js';

/** Issue 8, leftovers: `otactl gc` sweeps what interrupted writers leave, never what is referenced. */
const workspaces: CliWorkspace[] = [];
afterAll(async () => {
  for (const ws of workspaces) rmSync(ws.dir, { recursive: true, force: true });
});

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3600_000);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** Every object of the store written two hours ago, then fresh and old leftovers beside them. */
async function storeWithLeftovers() {
  const ws = await seededCliWorkspace();
  workspaces.push(ws);
  const ok = async (args: string[]) => {
    const r = await ws.run(args);
    expect(r.code, r.stderr).toBe(0);
  };
  await ok(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes']);
  await ok(['promote', ws.b2, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']);
  await ok(['promote', ws.b1, '--app', 'demo', '--channel', 'beta', '--rollout', '50', '--yes']);
  const store = join(ws.dir, 'ota-store');
  const referenced = files(store);
  const leftover = (path: string, bytes: number, old: boolean) => {
    const full = join(store, path);
    writeFileSync(full, randomBytes(bytes));
    if (old) utimesSync(full, TWO_HOURS_AGO, TWO_HOURS_AGO);
    return path;
  };
  const old = [
    leftover('artifacts/sha256/.0123456789ab.tmp', 300_000, true),
    leftover('apps/demo/channels/stable/history/0000000003-00112233445566aa.json', 700, true),
    leftover(`artifacts/sha256/${'ab'.repeat(32)}`, 5000, true),
  ];
  const young = [
    leftover('artifacts/sha256/.ba9876543210.tmp', 1000, false),
    leftover('apps/demo/channels/stable/history/0000000003-77112233445566aa.json', 700, false),
    leftover(`artifacts/sha256/${'cd'.repeat(32)}`, 5000, false),
  ];
  for (const f of referenced) utimesSync(join(store, f), TWO_HOURS_AGO, TWO_HOURS_AGO);
  return { ws, store, old, young, referenced };
}

describe('otactl gc', () => {
  it('dry run by default: lists the old leftovers with their bytes and deletes nothing; --yes deletes exactly them', async () => {
    const { ws, store, old, young, referenced } = await storeWithLeftovers();
    const before = treeSnapshot(store);
    const dry = await ws.run(['gc', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = dry.json();
    expect(plan.dry_run).toBe(true);
    expect(plan.temporary.map((i: any) => i.key)).toEqual([old[0]]);
    expect(plan.history.map((i: any) => i.key)).toEqual([old[1]]);
    expect(plan.artifacts.map((i: any) => i.key)).toEqual([old[2]]);
    expect(plan.bytes).toBe(300_000 + 700 + 5000);
    expect(plan.skipped).toEqual([]);
    expect(treeSnapshot(store)).toBe(before);
    expect((await ws.run(['gc'])).stdout).toMatch(/would delete 3 objects, .*pass --yes/);

    const done = await ws.run(['gc', '--yes', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toMatchObject({ dry_run: false, objects: 3, bytes: 305_700 });
    for (const f of old) expect(existsSync(join(store, f)), f).toBe(false);
    for (const f of [...young, ...referenced]) expect(existsSync(join(store, f)), f).toBe(true);
    for (const ch of ['stable', 'beta']) expect((await ws.run(['history', '--app', 'demo', '--channel', ch])).code).toBe(0);
    expect((await ws.run(['status'])).code).toBe(0);
    // --older-than 0s takes the young leftovers too, and still nothing referenced.
    expect((await ws.run(['gc', '--older-than', '0s', '--yes'])).code).toBe(0);
    expect(files(store).sort()).toEqual([...referenced].sort());
  });

  it('skips a channel whose manifest does not verify (its records are what repair needs), sweeps the rest, exits 5', async () => {
    const { ws, store, old } = await storeWithLeftovers();
    const betaOrphan = 'apps/demo/channels/beta/history/0000000002-00112233445566bb.json';
    writeFileSync(join(store, betaOrphan), '{}');
    utimesSync(join(store, betaOrphan), TWO_HOURS_AGO, TWO_HOURS_AGO);
    truncateSync(join(store, 'apps/demo/channels/beta/manifest.json'), 7);
    const r = await ws.run(['gc', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(5);
    const j = r.json();
    expect(j.skipped).toEqual([expect.objectContaining({ scope: 'demo/beta', code: 'E_TAMPERED' })]);
    expect(j.skipped[0].message).toContain('otactl repair --app demo --channel beta');
    expect(r.stderr).toMatch(/warning: demo\/beta skipped/);
    expect(existsSync(join(store, betaOrphan))).toBe(true);
    expect(j.history.map((i: any) => i.key)).toEqual([old[1]]);
    expect(existsSync(join(store, old[1]!))).toBe(false);
    expect(statSync(join(store, 'apps/demo/channels/beta/manifest.json')).size).toBe(7);
  });
});
