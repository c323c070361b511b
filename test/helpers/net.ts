import { createServer } from 'node:net';

/** A port nothing listens on now (bound, then released): for a server to start on, or a refused connection. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}
