import { UsageError, ValidationError } from '../../errors.js';
import { artifactUrl } from '../../repo/layout.js';
import { defineCommand } from '../command-def.js';
import { parseDuration } from '../config.js';
import { appFlag, requiredString } from '../flags.js';
import { optionTable } from '../options.js';

export interface CdnCookiesOptions {
  app: string;
  build: string;
  expiresInSeconds: number;
}

/** Past a year a cookie is a standing credential, not a session. */
const MAX_SECONDS = 366 * 86_400;

/**
 * Cookies for one build's artifact URL, the narrowest scope a cookie can have: artifacts are
 * stored by content under artifacts/sha256/ and shared between apps, so a wildcard over any
 * prefix of them would open other apps' builds too (docs/s3-cloudfront.md).
 */
export const command = defineCommand<CdnCookiesOptions>({
  name: 'cdn-cookies',
  description:
    'print signed cookies (CloudFront-Policy, -Signature, -Key-Pair-Id) that open one build\'s artifact URL, and nothing else, on a private distribution (artifacts are stored by content and shared between apps, so no wider scope stays within one app)',
  args: [],
  options: optionTable`
    --app <app>               the app of the build  [required]
    --build <build>           the build whose artifact the cookies open (build id or a unique prefix)  [required]
    --expires-in <duration>   how long the cookies work, e.g. 12h, 14d (at most 366d)  [default: 1d]
  `,
  examples: ['otactl cdn-cookies --app com.example.agent --build b-3f2a --expires-in 12h', 'otactl cdn-cookies --app sensor --build b-77e0 --expires-in 14d --json'],
  parse: ({ flags }) => {
    const text = String(flags.expiresIn);
    const seconds = parseDuration(text, '--expires-in');
    if (!(seconds > 0 && seconds <= MAX_SECONDS)) throw new UsageError(`--expires-in ${text} is outside 1s..366d`);
    return { app: appFlag(flags.app), build: requiredString('--build', flags.build), expiresInSeconds: seconds };
  },
  async run(ctx, { app, build, expiresInSeconds }) {
    const signer = await ctx.artifactUrlSigner();
    if (!signer) throw new ValidationError('no CloudFront signing key is configured, so there is nothing to sign cookies with', 'E_CLOUDFRONT_KEY');
    const release = await (await ctx.repo()).resolveBuild(app, build);
    const url = artifactUrl(release.sha256, signer.publicUrl);
    const until = new Date(Math.ceil((ctx.now().getTime() + expiresInSeconds * 1000) / 1000) * 1000);
    const cookies = signer.cookies(url, until);
    ctx.io.result({ app, build_id: release.build_id, resource: signer.exactResource(url), key_pair_id: signer.keyPairId, expires_at: until.toISOString(), cookies }, () =>
      Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('\n'),
    );
  },
});
