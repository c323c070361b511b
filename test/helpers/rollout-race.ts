// The concurrency check shared by every store: 20 rollout processes at once on one channel.
import { expect } from 'vitest';
import { expectCleanFailure, type Workspace } from './cli.js';

/**
 * Promotes `build` at 1 %, then starts 20 `rollout` processes at once. Each wins with its own
 * sequence or exits 3 (E_CONFLICT); the history is consecutive down to 1 with every winner's
 * percent at its sequence; `historyRecords` (what the store holds under the history prefix) equals
 * the chain, so losers left no record. Returns the winners' count.
 */
export async function raceRollouts(ws: Workspace, build: string, historyRecords: () => Promise<number> | number): Promise<number> {
  const base = ws.run(['promote', build, '--app', 'demo', '--channel', 'stable', '--rollout', '1', '--yes', '--json']);
  expect(base.code, base.stderr).toBe(0);
  const startSeq = base.json().sequence as number;

  const runs = await Promise.all(
    Array.from({ length: 20 }, (_, i) => ws.runAsync(['rollout', String(2 + i), '--app', 'demo', '--channel', 'stable', '--yes', '--json'])),
  );
  const winners = runs.filter((r) => r.code === 0);
  for (const r of runs.filter((x) => x.code !== 0)) {
    expectCleanFailure(r, 3, 'E_CONFLICT');
    expect(r.stderr).toMatch(/^otactl: error: .*(changed by another writer|changing .* right now)/m);
  }
  expect(winners.length).toBeGreaterThanOrEqual(1);
  const seqs = winners.map((r) => r.json().sequence as number);
  expect(new Set(seqs).size).toBe(seqs.length);

  const hist = ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']);
  expect(hist.code, hist.stderr).toBe(0);
  const changes = hist.json().changes as { sequence: number; to: { percent: number } }[];
  // Newest first, strictly consecutive down to 1: no gap, no duplicate.
  expect(changes.map((c) => c.sequence)).toEqual(Array.from({ length: changes.length }, (_, i) => changes.length - i));
  expect(changes.length).toBe(startSeq + winners.length);
  for (const w of winners) expect(changes.find((c) => c.sequence === w.json().sequence)?.to.percent).toBe(w.json().to.percent);
  expect(await historyRecords()).toBe(changes.length);
  const status = ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']);
  expect(status.code, status.stderr).toBe(0);
  expect(status.json().channels[0].sequence).toBe(changes[0]!.sequence);
  return winners.length;
}
