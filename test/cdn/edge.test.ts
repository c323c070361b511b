/**
 * The edge check (--verify-edge), in process: a real `otactl serve` server (src/edge/http-server.ts
 * over a FileStore folder) plays the CDN, and a tiny proxy in front of it plays a stale or a
 * tampering edge. The check fetches as a device does (device SDK fetch + manifest verification).
 */
import { createHash, type KeyObject } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cdn, promote, rollout, type ReleaseDeps } from '../../src/index.js';
import { layout } from '../../src/repo/layout.js';
import { keyIdOf, signEnvelope } from '../../src/protocol/dsse.js';
import { MANIFEST_PAYLOAD_TYPE } from '../../src/protocol/schemas.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { memoryRelease, type MemoryRelease } from '../helpers/memory-release.js';
import { p256 } from '../helpers/keys.js';

const APP = 'demo';
const CH = 'stable';
const key = p256();
const trustedKeys = new Map<string, KeyObject>([[keyIdOf(key.publicKey), key.publicKey]]);
const scratch = mkdtempSync(join(tmpdir(), 'otactl-cdn-edge-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An edge in front of the origin: passes requests through, or answers the manifest with `staleManifest` for the first `staleFor` requests. */
interface Edge {
  url: string;
  manifestRequests: number;
  staleManifest: Buffer | null;
  staleFor: number;
  close(): Promise<void>;
}

async function startEdge(origin: string): Promise<Edge> {
  const edge = { manifestRequests: 0, staleManifest: null as Buffer | null, staleFor: Infinity };
  const server = http.createServer(async (req, res) => {
    if (req.url?.endsWith('/manifest.json')) {
      edge.manifestRequests++;
      if (edge.staleManifest && edge.manifestRequests <= edge.staleFor) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-cache': 'Hit from cloudfront' });
        return res.end(edge.staleManifest);
      }
    }
    const upstream = await fetch(`${origin}${req.url}`);
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(edge, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

let root: string;
let origin: RunningStoreServer;
let edge: Edge;
let mem: MemoryRelease;

beforeEach(async () => {
  root = mkdtempSync(join(scratch, 'store-'));
  origin = await serveStore({ root, port: 0 });
  edge = await startEdge(origin.url);
  // Manifests name artifacts under the edge's URL, as they name the CDN's in production.
  mem = await memoryRelease({ key, store: root, repo: { publicUrl: `${edge.url}/` } });
});
afterEach(async () => {
  await edge.close();
  await origin.close();
});

const verifying = (attempts = 3): ReleaseDeps => ({ ...mem.deps, cdn: new Cdn({ baseUrl: edge.url, verifyEdge: { trustedKeys, attempts, firstDelayMs: 20 } }) });

const build = (versionCode: number) => mem.build(versionCode, `artifact ${versionCode} ${Math.random()} `.repeat(100));

describe('--verify-edge', () => {
  it('fetches the new manifest and the artifact through the CDN base URL and reports them', async () => {
    const b1 = await build(1);
    const r = await promote(verifying(), { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    expect(r.edge).toEqual({
      manifest_url: `${edge.url}/apps/${APP}/channels/${CH}/manifest.json`,
      artifact_url: `${edge.url}/${layout.artifact(b1.sha256)}`,
      sequence: 1,
      verified: true,
    });
    expect('invalidation' in r).toBe(false); // no distribution configured
  });

  it('a stale edge is asked again with backoff, bounded; still stale: exit 4, the channel stays published', async () => {
    const b1 = await build(1);
    await promote(mem.deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    edge.staleManifest = (await mem.repo.readManifestBytes(APP, CH))!;
    const err = await rollout(verifying(3), { app: APP, channel: CH, percent: 20 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_EDGE_STALE', exitCode: 4, details: { edge_sequence: 1, attempts: 3, change: { sequence: 2 } } });
    expect((err as Error).message).toMatch(/demo\/stable sequence 2 WAS published.*still serves sequence 1.*after 3 fetches.*re-run: `otactl invalidate app=demo channel=stable verifyEdge=true`$/);
    expect(edge.manifestRequests).toBe(3);
    expect((await mem.repo.readChannel(APP, CH))!.payload.sequence).toBe(2);
  });

  it('an edge that catches up within the retries passes', async () => {
    const b1 = await build(1);
    await promote(mem.deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    edge.staleManifest = (await mem.repo.readManifestBytes(APP, CH))!;
    edge.staleFor = 2;
    const r = await rollout(verifying(4), { app: APP, channel: CH, percent: 20 });
    expect(r.edge).toMatchObject({ sequence: 2, verified: true });
    expect(edge.manifestRequests).toBe(3);
  });

  it('a tampered artifact behind the CDN: E_EDGE_MISMATCH (exit 4) naming the SHA-256, no retry', async () => {
    const b1 = await build(1);
    const file = join(root, ...layout.artifact(b1.sha256).split('/'));
    chmodSync(file, 0o644);
    const evil = Buffer.alloc(b1.size, 0x41);
    writeFileSync(file, evil);
    const err = await promote(verifying(), { app: APP, channel: CH, build: b1.build_id, percent: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_EDGE_MISMATCH', exitCode: 4, details: { sha256: createHash('sha256').update(evil).digest('hex'), change: { sequence: 1 } } });
    expect((err as Error).message).toMatch(/WAS published.*SHA-256/);
  });

  it('a manifest at the edge signed by an untrusted key is a mismatch at once, not a stale cache', async () => {
    const b1 = await build(1);
    await promote(mem.deps, { app: APP, channel: CH, build: b1.build_id, percent: 10 });
    const head = (await mem.repo.readChannel(APP, CH))!;
    const other = p256();
    const forged = signEnvelope(MANIFEST_PAYLOAD_TYPE, Buffer.from(JSON.stringify({ ...head.payload, sequence: 2 })), [{ keyid: keyIdOf(other.publicKey), privateKey: other.privateKey }]);
    edge.staleManifest = Buffer.from(JSON.stringify(forged));
    const err = await rollout(verifying(3), { app: APP, channel: CH, percent: 20 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_EDGE_MISMATCH', exitCode: 4, details: { cause: 'E_UNTRUSTED_KEY' } });
    expect(edge.manifestRequests).toBe(1);
  });

  it('is refused before anything is published when there is no CDN base URL', async () => {
    expect(() => new Cdn({ verifyEdge: { trustedKeys } })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/`verifyEdge` needs .*`cdnBaseUrl`/), details: { field: 'verifyEdge' } }));
  });
});
