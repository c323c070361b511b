import type { Command } from 'commander';
import { ValidationError } from '../../errors.js';
import type { Runner } from '../program.js';
import { takeOverSignals } from '../run-action.js';
import { intFlag } from '../flags.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('serve')
    .description('serve a file:// store over HTTP as a CDN would (ETag/304, Range, Cache-Control, CloudFront-format access log)')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option('--host <addr>', 'interface to listen on', '127.0.0.1')
    .option('--access-log <file>', 'append one CloudFront standard-log line per request to this file')
    .option('--pointer-max-age <s>', 'Cache-Control max-age of channel manifests, seconds', '30')
    .action(
      run(async (ctx, opts) => {
        const location = await ctx.storeLocation();
        if (location.kind !== 'file') throw new ValidationError(`otactl serve serves file:// stores; ${location.url} is served by its CDN`, 'E_STORE_URL');
        const url = location.url;
        const { serveStore } = await import('../../store/http-server.js');
        const running = await serveStore({
          root: location.root,
          port: intFlag('--port', opts.port, 0, 65535)!,
          host: String(opts.host),
          pointerMaxAge: intFlag('--pointer-max-age', opts.pointerMaxAge, 0),
          accessLogPath: opts.accessLog as string | undefined,
          onError: (err) => ctx.io.warn(`serve: ${(err as Error).message}`),
        });
        ctx.io.result({ url: running.url, root: url }, () => `serving ${url} at ${running.url}/ (Ctrl-C stops)`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            void running.close().then(resolve);
          };
          takeOverSignals(stop); // Ctrl-C is how serve is meant to stop: exit 0
        });
      }),
    );
}
