/**
 * A file:// store with a damaged or replaced record: one damaged release record does not hide the
 * other builds (`otactl builds` lists them, marks it, exit 5 naming repair), and a directory, pipe
 * or folder planted at a record's, headers' or lock's path is one readable line (exit 7), never a
 * raw EISDIR, never silently skipped, never a lock that is waited on forever.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure } from '../helpers/cli.js';
import { fifoAt } from '../helpers/fifo.js';
import { seededCliSuite } from '../helpers/run-cli.js';

describe('damaged and replaced records in a file:// store', () => {
  const ws = seededCliSuite();
  const store = join(ws.dir, 'ota-store');
  const release = (id: string) => join(store, 'apps', 'demo', 'builds', `${id}.json`);
  const manifest = join(store, 'apps', 'demo', 'channels', 'stable', 'manifest.json');
  /** Puts `make(path)` at path for the test's duration, then the original file back. */
  const planted = async (path: string, make: (p: string) => void, test: () => Promise<void>) => {
    renameSync(path, `${path}.saved`);
    try {
      make(path);
      await test();
    } finally {
      rmSync(path, { recursive: true, force: true });
      renameSync(`${path}.saved`, path);
    }
  };
  const fifo = (p: string) => void fifoAt(p);
  const folder = (p: string) => mkdirSync(p);

  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes'])).code).toBe(0);
  });

  it('builds: a release record that does not verify is marked in its place, the others listed, exit 5 naming otactl repair', async () => {
    const path = release(ws.b2);
    const good = readFileSync(path, 'utf8');
    const env = JSON.parse(good) as { payload: string };
    const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { version_name: string };
    writeFileSync(path, JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify({ ...payload, version_name: '9.9.9' })).toString('base64') }));
    try {
      const r = await ws.run(['builds', '--app', 'demo', '--json']);
      expect(r.code, r.stderr).toBe(5);
      const out = r.json();
      expect(out.builds.map((b: { build_id: string }) => b.build_id)).toEqual([ws.b1, ws.b3]);
      expect(out.damaged).toEqual([{ build_id: ws.b2, key: `apps/demo/builds/${ws.b2}.json`, error: { code: 'E_BAD_SIGNATURE', message: expect.stringContaining('signature does not verify') } }]);
      expect(r.stderr).toMatch(new RegExp(`warning: apps/demo/builds/${ws.b2}\\.json does not verify: .*otactl repair --app demo`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const human = await ws.run(['builds', '--app', 'demo']);
      expect(human.code).toBe(5);
      expect(human.stdout).toMatch(new RegExp(`${ws.b1} .*\\n${ws.b3} .*\\n${ws.b2}  DAMAGED \\[E_BAD_SIGNATURE\\]`));
    } finally {
      writeFileSync(path, good);
    }
  });

  it('builds: a named pipe at a release record is marked as unreadable, exit 7; status reports a pipe at a manifest instead of skipping the channel', async () => {
    await planted(release(ws.b3), fifo, async () => {
      const r = await ws.run(['builds', '--app', 'demo', '--json']);
      expect(r.code, r.stderr).toBe(7);
      expect(r.json().builds).toHaveLength(2);
      expect(r.json().damaged[0]).toMatchObject({ build_id: ws.b3, error: { code: 'E_STORE', message: expect.stringMatching(/is a named pipe, not a regular file/) } });
      expect(r.stderr).toMatch(/cannot be read: .*otactl repair --app demo/);
    });
    await planted(manifest, fifo, async () => {
      const r = await ws.run(['status', '--json']);
      expect(r.code, r.stderr).toBe(7);
      expect(r.json().channels).toEqual([{ app: 'demo', channel: 'stable', error: { code: 'E_STORE', message: expect.stringMatching(/manifest\.json is a named pipe, not a regular file/) } }]);
    });
  });

  it('a directory at app.json, at a record\'s headers or at the channel lock: one readable line, exit 7, the manifest unchanged', async () => {
    const before = readFileSync(manifest);
    await planted(join(store, 'apps', 'demo', 'app.json'), folder, async () => {
      for (const args of [['builds', '--app', 'demo', '--json'], ['rollout', '20', '--app', 'demo', '--channel', 'stable', '--yes', '--json']]) {
        const r = await ws.run(args);
        expectCleanFailure(r, 7, 'E_STORE');
        expect(r.json().error.message).toMatch(/app\.json is a directory, not a regular file/);
      }
    });
    await planted(join(store, '.headers', 'apps', 'demo', 'channels', 'stable', 'manifest.json.json'), folder, async () => {
      const r = await ws.run(['rollout', '20', '--app', 'demo', '--channel', 'stable', '--yes', '--json']);
      expectCleanFailure(r, 7, 'E_STORE');
      expect(r.json().error.message).toMatch(/manifest\.json\.json is a directory where otactl keeps a file: the store was changed outside otactl; move it away \(EISDIR\)$/);
      expect(r.json().error.message).not.toMatch(/illegal operation/);
    });
    const lock = `${manifest}.lock`;
    mkdirSync(lock);
    try {
      const r = await ws.run(['rollout', '20', '--app', 'demo', '--channel', 'stable', '--yes', '--json']);
      // Not exit 3 "another otactl is changing it right now": no writer will ever release a folder.
      expectCleanFailure(r, 7, 'E_STORE');
      expect(r.json().error.message).toMatch(/manifest\.json\.lock is a directory, not a lock file of otactl/);
    } finally {
      rmSync(lock, { recursive: true });
    }
    expect(readFileSync(manifest)).toEqual(before);
  });
});
