import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { seededWorkspace } from '../helpers/cli.js';
import { raceRollouts } from '../helpers/rollout-race.js';

describe('concurrent writers on one channel', () => {
  it('20 rollout processes at once: each wins with its own sequence or exits 3; history has no gap and no orphan record', async () => {
    const ws = seededWorkspace();
    // Losers removed the records they wrote: the history folder holds the chain and nothing else.
    await raceRollouts(ws, ws.b1, () => readdirSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'stable', 'history')).filter((f) => !f.startsWith('.')).length);
  });
});
