import { UsageError, ValidationError } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import { parseDuration } from '../config.js';
import { optionTable } from '../options.js';

export interface CdnCookiesOptions {
  expiresInSeconds: number;
}

/** Past a year a cookie is a standing credential, not a session. */
const MAX_SECONDS = 366 * 86_400;

export const command = defineCommand<CdnCookiesOptions>({
  name: 'cdn-cookies',
  description: 'print signed cookies (CloudFront-Policy, -Signature, -Key-Pair-Id) that open every artifact of a private distribution',
  args: [],
  options: optionTable`--expires-in <duration>  how long the cookies work, e.g. 12h, 14d (at most 366d)  [default: 1d]`,
  examples: ['otactl cdn-cookies --expires-in 12h', 'otactl cdn-cookies --expires-in 14d --json'],
  parse: ({ flags }) => {
    const text = String(flags.expiresIn);
    const seconds = parseDuration(text, '--expires-in');
    if (!(seconds > 0 && seconds <= MAX_SECONDS)) throw new UsageError(`--expires-in ${text} is outside 1s..366d`);
    return { expiresInSeconds: seconds };
  },
  async run(ctx, { expiresInSeconds }) {
    const signer = await ctx.artifactUrlSigner();
    if (!signer) throw new ValidationError('no CloudFront signing key is configured, so there is nothing to sign cookies with', 'E_CLOUDFRONT_KEY');
    const until = new Date(Math.ceil((ctx.now().getTime() + expiresInSeconds * 1000) / 1000) * 1000);
    const cookies = signer.cookies(until);
    ctx.io.result({ resource: signer.resource, key_pair_id: signer.keyPairId, expires_at: until.toISOString(), cookies }, () =>
      Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('\n'),
    );
  },
});
