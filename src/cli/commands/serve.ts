import { ValidationError } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import { intFlag } from '../flags.js';
import { takeOverSignals } from '../run-action.js';

export interface ServeOptions {
  port: number;
  host: string;
  accessLog?: string;
  pointerMaxAge?: number;
}

export const command = defineCommand<ServeOptions>({
  name: 'serve',
  description: 'serve a file:// store over HTTP as a CDN would (ETag/304, Range, Cache-Control, CloudFront-format access log)',
  args: [],
  options: [
    { flags: '--port <n>', description: 'port (0 picks a free one)', default: '8787' },
    { flags: '--host <addr>', description: 'interface to listen on', default: '127.0.0.1' },
    { flags: '--access-log <file>', description: 'append one CloudFront standard-log line per request to this file' },
    { flags: '--pointer-max-age <s>', description: 'Cache-Control max-age of channel manifests, seconds (default: as written, 30)' },
  ],
  examples: ['otactl serve --port 8787 --access-log access.log', 'otactl serve --port 0 --host 0.0.0.0 --pointer-max-age 5'],
  parse: ({ flags }) => {
    const pointerMaxAge = intFlag('--pointer-max-age', flags.pointerMaxAge, 0);
    return {
      port: intFlag('--port', flags.port, 0, 65535)!,
      host: String(flags.host),
      ...(typeof flags.accessLog === 'string' ? { accessLog: flags.accessLog } : {}),
      ...(pointerMaxAge === undefined ? {} : { pointerMaxAge }),
    };
  },
  async run(ctx, opts) {
    const location = await ctx.storeLocation();
    if (location.kind !== 'file') throw new ValidationError(`otactl serve serves file:// stores; ${location.url} is served by its CDN`, 'E_STORE_URL');
    const { serveStore } = await import('../../store/http-server.js');
    const running = await serveStore({
      root: location.root,
      port: opts.port,
      host: opts.host,
      pointerMaxAge: opts.pointerMaxAge,
      accessLogPath: opts.accessLog,
      onError: (err) => ctx.io.warn(`serve: ${(err as Error).message}`),
    });
    ctx.io.result({ url: running.url, root: location.url }, () => `serving ${location.url} at ${running.url}/ (Ctrl-C stops)`);
    await new Promise<void>((resolve) => {
      takeOverSignals(() => void running.close().then(resolve)); // Ctrl-C is how serve is meant to stop: exit 0
    });
  },
});
