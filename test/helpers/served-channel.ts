import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { UpdaterOptions } from '../../src/device/updater.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { loadPublicKey } from '../../src/signing/keys.js';
import { seededCliSuite } from './run-cli.js';

export interface ServedChannel {
  ws: ReturnType<typeof seededCliSuite>;
  /** What an Updater of demo/stable starts from: the served manifest URL, the project's key, a download folder. */
  base(): Omit<UpdaterOptions, 'install'>;
}

/**
 * For a describe body: a seeded workspace whose b2 is promoted at 100% on demo/stable, served over
 * real HTTP by otactl serve (with an access log when asked), closed and removed after the suite.
 */
export function servedChannelSuite(opts: { accessLog?: boolean } = {}): ServedChannel {
  const ws = seededCliSuite();
  let server: RunningStoreServer | undefined;
  let base: Omit<UpdaterOptions, 'install'> | undefined;
  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b2, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    server = await serveStore({ root: join(ws.dir, 'ota-store'), port: 0, ...(opts.accessLog ? { accessLogPath: join(ws.dir, 'access.log') } : {}) });
    const pubDir = join(ws.dir, 'keys');
    const { keyid, key } = await loadPublicKey(join(pubDir, readdirSync(pubDir)[0]!));
    // Telemetry off unless a test turns it on: the suite's devices share one access log.
    base = { manifestUrl: `${server.url}/apps/demo/channels/stable/manifest.json`, trusted: new Map([[keyid, key]]), downloadDir: join(ws.dir, 'dl'), beacons: false };
  });
  afterAll(async () => {
    await server?.close();
    rmSync(ws.dir, { recursive: true, force: true });
  });
  return { ws, base: () => base! };
}
