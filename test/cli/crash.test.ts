import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, repoRoot, seededWorkspace } from '../helpers/cli.js';

const preload = join(repoRoot, 'test', 'helpers', 'crash-preload.mjs');

// About 45 CLI processes in a row, each needed (one crash point each): a budget for a loaded 2-core machine.
describe('a crash between any two writes leaves the channel valid', { timeout: 300_000 }, () => {
  it('kills rollout before each file-system mutation; the channel stays readable and the next writer proceeds', async () => {
    const ws = seededWorkspace();
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    let step = 1;
    let completed = false;
    let crashes = 0;
    let percent = 11;
    while (!completed && step < 40) {
      const before = ws.run(['status', '--json']).json().channels[0].sequence as number;
      const r = ws.run(['rollout', String(percent), '--app', 'demo', '--channel', 'stable', '--yes', '--json'], {
        nodeArgs: ['--import', preload],
        env: { OTACTL_TEST_CRASH_AT: String(step) },
      });
      if (r.signal === 'SIGKILL') {
        crashes++;
        expect(r.stderr).toMatch(/crash-preload: killed before/);
      } else {
        expect(r.code, r.stderr).toBe(0);
        completed = true;
      }
      // The channel verifies and is either the old or the new state.
      const status = ws.run(['status', '--json']);
      expect(status.code, `after crash at step ${step}: ${status.stderr}`).toBe(0);
      const seq = status.json().channels[0].sequence as number;
      expect([before, before + 1]).toContain(seq);
      const hist = ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']);
      expect(hist.code, hist.stderr).toBe(0);
      expect(hist.json().changes.length).toBe(seq);
      // The next writer is never blocked by what the dead one left (orphan record, stale lock).
      const next = ws.run(['rollout', String(percent + 50), '--app', 'demo', '--channel', 'stable', '--yes', '--json']);
      expect(next.code, `next writer after crash at step ${step}: ${next.stderr}`).toBe(0);
      expect(next.json().sequence).toBe(seq + 1);
      step++;
      percent++;
    }
    expect(completed).toBe(true);
    expect(crashes).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'manifest.json.lock'))).toBe(false);
  });

  it('kills repair before each file-system mutation; the channel is still damaged or repaired, and the next repair succeeds', () => {
    const ws = seededWorkspace();
    expect(ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '10', '--yes']).code).toBe(0);
    const manifest = join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'manifest.json');
    const repair = ['repair', '--app', 'demo', '--channel', 'stable', '--yes', '--json'];
    let completed = false;
    let crashes = 0;
    let before = 1;
    for (let step = 1; !completed && step < 40; step++) {
      truncateSync(manifest, 20);
      const r = ws.run(repair, { nodeArgs: ['--import', preload], env: { OTACTL_TEST_CRASH_AT: String(step) } });
      if (r.signal === 'SIGKILL') crashes++;
      else {
        expect(r.code, r.stderr).toBe(0);
        completed = true;
      }
      const status = ws.run(['status', '--json']);
      if (status.code === 0) expect(status.json().channels[0].sequence).toBeGreaterThan(before);
      else expect(status.json().channels[0].error.code, `after crash at step ${step}`).toBe('E_TAMPERED');
      // Whatever the dead repair left (orphan record, stale lock, temp file), the next one proceeds.
      const next = ws.run(repair);
      expect(next.code, `next repair after crash at step ${step}: ${next.stderr}`).toBe(0);
      const after = ws.run(['status', '--json']);
      expect(after.code, after.stderr).toBe(0);
      expect(after.json().channels[0].build.staged_rollout_percent).toBe(10);
      before = after.json().channels[0].sequence as number;
    }
    expect(completed).toBe(true);
    expect(crashes).toBeGreaterThanOrEqual(3);
  }, 300_000);
});

// A real SIGKILL needs a real process; what gc then finds is gc.test.ts's subject.
describe('otactl gc after a crash', { timeout: 300_000 }, () => {
  it('finds the temporary file of an upload killed mid-write (a real SIGKILL), and deletes it with --yes', () => {
    const ws = seededWorkspace();
    const artifacts = join(ws.dir, 'ota-store', 'artifacts', 'sha256');
    ws.file('big.bin', randomBytes(2_000_000));
    const temps = () => readdirSync(artifacts).filter((f) => f.endsWith('.tmp'));
    for (let step = 1; step < 30 && temps().length === 0; step++) {
      const r = ws.run(['upload', 'big.bin', '--app', 'demo', '--kind', 'file', '--version-code', '500'], {
        nodeArgs: ['--import', preload],
        env: { OTACTL_TEST_CRASH_AT: String(step) },
      });
      expect(r.signal, r.stderr).toBe('SIGKILL');
    }
    expect(temps()).toHaveLength(1);
    const key = `artifacts/sha256/${temps()[0]}`;
    expect(ws.run(['gc', '--json']).json().temporary).toEqual([]); // younger than an hour
    const dry = ws.run(['gc', '--older-than', '0s', '--json']).json();
    // Earlier kills may also have left the temporary file of the upload's lease (gc/uploading/).
    expect(dry.temporary).toContainEqual(expect.objectContaining({ key }));
    expect(dry.temporary.every((t: any) => t.key === key || t.key.startsWith('gc/uploading/.'))).toBe(true);
    expect(dry.bytes).toBeGreaterThan(0);
    expect(ws.run(['gc', '--older-than', '0s', '--yes']).code).toBe(0);
    expect(temps()).toEqual([]);
  });
});

// Only a process shows it: the reader of stdout has gone before otactl writes (`otactl … | head -1`).
describe('a closed stdout pipe', () => {
  it.each([[['rollout', '--help']], [['--version']]])('otactl %j ends quietly: exit 0, no EPIPE stack trace', async (args) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the read end is closed before the first write
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|node:events|Unhandled/);
    expect(code).toBe(0);
  });
});
