import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededWorkspace } from '../helpers/cli.js';

describe('concurrent writers on one channel', () => {
  it('20 rollout processes at once: each wins with its own sequence or exits 3; history has no gap and no orphan record', async () => {
    const ws = seededWorkspace();
    const base = ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '1', '--yes', '--json']);
    expect(base.code, base.stderr).toBe(0);
    const startSeq = base.json().sequence as number;

    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ws.runAsync(['rollout', String(2 + i), '--app', 'demo', '--channel', 'stable', '--yes', '--json'])),
    );
    const winners = runs.filter((r) => r.code === 0);
    const losers = runs.filter((r) => r.code !== 0);
    for (const r of losers) {
      expect(r.code, r.stderr).toBe(3);
      expect(r.json().error.code).toBe('E_CONFLICT');
      expect(r.stderr).toMatch(/^otactl: error: .*(changed by another writer|changing .* right now)/m);
    }
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const seqs = winners.map((r) => r.json().sequence as number).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);

    const hist = ws.run(['history', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(hist.code, hist.stderr).toBe(0);
    const changes = hist.json().changes as { sequence: number; to: { percent: number } }[];
    // Newest first, strictly consecutive down to 1: no gap, no duplicate.
    expect(changes.map((c) => c.sequence)).toEqual(Array.from({ length: changes.length }, (_, i) => changes.length - i));
    expect(changes.length).toBe(startSeq + winners.length);
    // Every winner's percent is in the history at the sequence it reported.
    for (const w of winners) {
      const j = w.json();
      expect(changes.find((c) => c.sequence === j.sequence)?.to.percent).toBe(j.to.percent);
    }
    // Losers removed the records they wrote: the history folder holds the chain and nothing else.
    const records = readdirSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'history')).filter((f) => !f.startsWith('.'));
    expect(records.length).toBe(changes.length);
    const status = ws.run(['status', '--app', 'demo', '--channel', 'stable', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json().channels[0].sequence).toBe(changes[0]!.sequence);
  });
});
