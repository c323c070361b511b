import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { UsageError, ValidationError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { defineCommand } from '../command-def.js';
import { intFlag } from '../flags.js';
import { takeOverSignals } from '../run-action.js';
import { optionTable } from '../options.js';
import { checkKeyPairId } from '../../cdn/settings.js';
import { serveStore } from '../../edge/http-server.js';
import { readKeyFile } from '../../signing/keys.js';
import { cloudFrontPublicKeyFromPem } from '../../edge/url-signature.js';

export interface ServeOptions {
  port: number;
  host: string;
  accessLog?: string;
  pointerMaxAge?: number;
  /** Act as a private CloudFront distribution: artifacts only on URLs signed for this public key. */
  cloudFrontPublicKey?: string;
  cloudFrontKeyPairId?: string;
}

export const command = defineCommand<ServeOptions>({
  name: 'serve',
  description: 'serve a file:// store over HTTP as a CDN would (ETag/304, Range, Cache-Control, CloudFront-format access log)',
  args: [],
  options: [
    ...optionTable`
      --port <n>             port (0 picks a free one)  [default: 8787]
      --host <addr>          interface to listen on  [default: 127.0.0.1]
      --access-log <file>    append one CloudFront standard-log line per request to this file
      --pointer-max-age <s>  Cache-Control max-age of channel manifests, seconds (default: as written, 30)
    `,
    {
      flags: '--cloudfront-public-key <file>',
      description: 'act as a private CloudFront distribution: artifacts only on URLs signed for this RSA public key (PEM), 403 otherwise',
    },
    ...optionTable`
      --cloudfront-key-pair-id <id>  the key pair id those URLs name (default: OTACTL_CLOUDFRONT_KEY_PAIR_ID, then cloudfront.key_pair_id)
    `,
  ],
  examples: [
    'otactl serve --port 8787 --access-log access.log',
    'otactl serve --port 0 --host 0.0.0.0 --pointer-max-age 5',
    'otactl serve --cloudfront-public-key cf-public.pem --cloudfront-key-pair-id K2JCJMDEHXQW5F',
  ],
  parse: ({ flags }) => {
    const pointerMaxAge = intFlag('--pointer-max-age', flags.pointerMaxAge, 0);
    return {
      port: intFlag('--port', flags.port, 0, 65535)!,
      host: String(flags.host),
      ...(typeof flags.accessLog === 'string' ? { accessLog: flags.accessLog } : {}),
      ...(pointerMaxAge === undefined ? {} : { pointerMaxAge }),
      ...(typeof flags.cloudfrontPublicKey === 'string' ? { cloudFrontPublicKey: flags.cloudfrontPublicKey } : {}),
      ...(typeof flags.cloudfrontKeyPairId === 'string' ? { cloudFrontKeyPairId: checkKeyPairId(flags.cloudfrontKeyPairId, '--cloudfront-key-pair-id') } : {}),
    };
  },
  async run(ctx, opts) {
    const location = await ctx.storeLocation();
    if (location.kind !== 'file') throw new ValidationError(`otactl serve serves file:// stores; ${location.url} is served by its CDN`, 'E_STORE_URL');
    const cloudFrontKeys = opts.cloudFrontPublicKey === undefined ? undefined : await servedKeys(ctx, opts.cloudFrontPublicKey, opts.cloudFrontKeyPairId);
    const running = await serveStore({
      cloudFrontKeys,
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

/** The public key a private distribution checks signatures with, by its key pair id (flag > env > config). */
async function servedKeys(ctx: CliContext, file: string, flagId: string | undefined): Promise<Map<string, KeyObject>> {
  const id = flagId ?? (ctx.env.OTACTL_CLOUDFRONT_KEY_PAIR_ID || (await ctx.config()).file.cloudfront?.key_pair_id);
  if (!id) throw new UsageError('--cloudfront-public-key needs the key pair id the signed URLs name: --cloudfront-key-pair-id ID');
  if (flagId === undefined) checkKeyPairId(id, ctx.env.OTACTL_CLOUDFRONT_KEY_PAIR_ID ? 'OTACTL_CLOUDFRONT_KEY_PAIR_ID' : 'cloudfront.key_pair_id');
  const path = resolve(ctx.cwd, file);
  return new Map([[id, cloudFrontPublicKeyFromPem(await readKeyFile(path, 'CloudFront public key', 'E_CLOUDFRONT_KEY'), path)]]);
}
