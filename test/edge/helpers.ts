import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { serveStore, type RunningStoreServer, type ServeStoreOptions } from '../../src/edge/http-server.js';

export const SECRET = 'TOP-SECRET-OUTSIDE-THE-STORE';

export interface StoreFixture {
  base: string;
  root: string;
  artifact: Buffer;
  artifactHex: string;
  artifactKey: string;
  manifest: Buffer;
  cleanup(): Promise<void>;
}

export const KEYS = {
  build: 'apps/demo/builds/b-001.json',
  history: 'apps/demo/channels/stable/history/000001.json',
  manifest: 'apps/demo/channels/stable/manifest.json',
  apk: 'downloads/agent.apk',
} as const;

/** A temp folder laid out like a file:// store, with a secret file next to (outside) it. */
export async function makeStore(): Promise<StoreFixture> {
  const base = await mkdtemp(path.join(tmpdir(), 'otactl-serve-'));
  const root = path.join(base, 'store');
  const artifact = randomBytes(300_000);
  const artifactHex = createHash('sha256').update(artifact).digest('hex');
  const artifactKey = `artifacts/sha256/${artifactHex}`;
  const manifest = Buffer.from(JSON.stringify({ payloadType: 'x', payload: 'e30=', signatures: [] }));
  const files: Record<string, string | Buffer> = {
    [artifactKey]: artifact,
    [KEYS.build]: '{"build_id":"b-001"}',
    [KEYS.history]: '{"seq":1}',
    [KEYS.manifest]: manifest,
    [KEYS.apk]: 'PK fake apk',
    'apps/demo/channels/stable/manifest.json.lock': 'locked',
    'apps/demo/channels/stable/manifest.json.tmp': 'partial',
    'apps/demo/channels/stable/manifest.json.lock.break': 'breaker',
    'apps/demo/channels/stable/.a1b2c3.tmp': 'temp',
    'apps/demo/.hidden.json': '{}',
    '.git/config': '[core]',
    'notes.txt': 'plain',
  };
  for (const [key, data] of Object.entries(files)) {
    const file = path.join(root, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  }
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  return {
    base,
    root,
    artifact,
    artifactHex,
    artifactKey,
    manifest,
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

/** Collects everything written to it; stands in for the access log file. */
export class LogSink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
  dataLines(): string[] {
    return this.text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  }
  /** Lines are written when a response closes, which can be just after the client saw it. */
  async waitForLines(n: number, timeoutMs = 3000): Promise<string[]> {
    const until = Date.now() + timeoutMs;
    while (this.dataLines().length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} log lines, got ${this.dataLines().length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.dataLines();
  }
}

export async function startServer(
  root: string,
  opts: Partial<ServeStoreOptions> = {},
): Promise<RunningStoreServer & { log: LogSink }> {
  const log = new LogSink();
  const running = await serveStore({ root, port: 0, accessLog: log, ...opts });
  return { ...running, log };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** http.request with the path sent exactly as given (fetch would normalise `..` away). */
export function request(
  baseUrl: string,
  rawPath: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: rawPath, method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
