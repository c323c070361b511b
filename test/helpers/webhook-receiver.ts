/**
 * A local webhook receiver for nudge tests: records every POST (headers, body, arrival time) and
 * answers each device's requests from a script (default 204).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** device_id -> the replies to its next requests, in turn. */
  readonly script = new Map<string, Reply[]>();
  fallback: Reply = { status: 204 };
  url = '';
  private server: Server | null = null;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (body += d));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body, at: Date.now() });
        const next = this.script.get(this.deviceIdOf(body))?.shift() ?? this.fallback;
        res.writeHead(next.status, next.headers).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/nudge`;
    return this;
  }

  /** The device ids of the messages received, in arrival order. */
  deviceIds(): string[] {
    return this.received.map((r) => this.deviceIdOf(r.body));
  }

  reset(): void {
    this.received.length = 0;
    this.script.clear();
    this.fallback = { status: 204 };
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  }

  private deviceIdOf(body: string): string {
    try {
      return String((JSON.parse(body) as { device_id?: unknown }).device_id);
    } catch {
      return '';
    }
  }
}
