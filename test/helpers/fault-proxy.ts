// An HTTP proxy between the S3 store and the test server that injects the faults a network and a
// busy server cause: a connection reset before or after the server saw the request, a 500 with or
// without the request applied, a delay, a request never answered. One job: forward, or fail as told.
import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | 'pass'
  /** The connection dropped before the server saw the request. */
  | 'reset'
  /** The server answers 500 without applying the request. */
  | 'fail500'
  /** The request is applied, then the answer is replaced by a 500 (the ambiguous failure). */
  | 'forward-then-500'
  /** The request is applied, then the connection drops before the answer. */
  | 'forward-then-reset'
  /** No answer ever (the client's time limit must end it). */
  | 'hang'
  | { delayMs: number };

export interface SeenRequest {
  method: string;
  /** The decoded path, bucket included: /bucket/prefix/key. */
  path: string;
  /** Conditional headers sent, for tests that fault only a conditional write. */
  conditional: 'if-match' | 'if-none-match' | null;
  fault: Fault;
}

export type Rule = (req: Omit<SeenRequest, 'fault'>) => Fault;

/** A compare-and-swap of a channel manifest. */
export const isManifestSwap = (r: Omit<SeenRequest, 'fault'>): boolean => r.method === 'PUT' && r.path.endsWith('/manifest.json') && r.conditional === 'if-match';

/** The fault for the first request that matches; every other request passes. */
export function once(match: (r: Omit<SeenRequest, 'fault'>) => boolean, fault: Fault): Rule {
  let used = false;
  return (r) => (!used && match(r) ? ((used = true), fault) : 'pass');
}

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, rule: Rule): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
        conditional: req.headers['if-match'] ? ('if-match' as const) : req.headers['if-none-match'] ? ('if-none-match' as const) : null,
      };
      const fault = rule(base);
      seen.push({ ...base, fault });
      const body = Buffer.concat(chunks);
      const forward = (done: (status: number, headers: IncomingMessage['headers'], payload: Buffer) => void) => {
        const up = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (r) => {
            const parts: Buffer[] = [];
            r.on('data', (c: Buffer) => parts.push(c));
            r.on('end', () => done(r.statusCode ?? 502, r.headers, Buffer.concat(parts)));
          },
        );
        up.on('error', () => req.socket.destroy());
        up.end(body);
      };
      const reply = (status: number, headers: IncomingMessage['headers'], payload: Buffer) => {
        res.writeHead(status, headers);
        res.end(payload);
      };
      const fail500 = () => {
        const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected by the fault proxy</Message></Error>';
        res.writeHead(500, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
      };
      if (fault === 'pass') forward(reply);
      else if (fault === 'reset') req.socket.destroy();
      else if (fault === 'fail500') fail500();
      else if (fault === 'forward-then-500') forward(() => fail500());
      else if (fault === 'forward-then-reset') forward(() => req.socket.destroy());
      else if (fault === 'hang') hanging.add(req);
      else setTimeout(() => forward(reply), fault.delayMs);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const req of hanging) req.socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
