/**
 * Where the CloudFront signing key of a private distribution comes from. The environment wins over
 * the config: OTACTL_CLOUDFRONT_KEY_PAIR_ID over cloudfront.key_pair_id, and the PEM text in
 * OTACTL_CLOUDFRONT_PRIVATE_KEY, else the file OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE (relative to the
 * working folder), over the file cloudfront.private_key (relative to the config's folder). An empty
 * variable counts as unset (a CI secret that is not there expands to nothing).
 */
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import { ValidationError } from '../errors.js';
import { readKeyFile } from '../signing/keys.js';
import { resolveFrom, type LoadedConfig } from './config.js';

interface Sourced {
  value: string;
  source: string;
}

/** The signer, its key checked now; undefined when no key is configured at all. */
export async function loadArtifactUrlSigner(
  env: NodeJS.ProcessEnv,
  cfg: LoadedConfig,
  cwd: string,
  publicUrl: string | undefined,
): Promise<ArtifactUrlSigner | undefined> {
  const cf = cfg.file.cloudfront;
  const id = pick([env.OTACTL_CLOUDFRONT_KEY_PAIR_ID, 'OTACTL_CLOUDFRONT_KEY_PAIR_ID'], [cf?.key_pair_id, 'cloudfront.key_pair_id']);
  const keyFile = pick(
    [env.OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE && resolveFrom(cwd, env.OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE, env), 'OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE'],
    [cf?.private_key && resolveFrom(cfg.dir, cf.private_key, env), 'cloudfront.private_key'],
  );
  const pemText = pick([env.OTACTL_CLOUDFRONT_PRIVATE_KEY, 'OTACTL_CLOUDFRONT_PRIVATE_KEY']);
  if (!id && !keyFile && !pemText) return undefined;
  if (!id) throw new ValidationError(`${(pemText ?? keyFile)!.source} is set but no key pair id: set cloudfront.key_pair_id or OTACTL_CLOUDFRONT_KEY_PAIR_ID`, 'E_CLOUDFRONT_KEY');
  if (!pemText && !keyFile) {
    throw new ValidationError(
      `${id.source} is set but no private key: set cloudfront.private_key, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE or OTACTL_CLOUDFRONT_PRIVATE_KEY`,
      'E_CLOUDFRONT_KEY',
    );
  }
  if (!publicUrl) {
    throw new ValidationError(
      `${id.source} asks for signed artifact URLs, which are absolute: set public_url in the config, OTACTL_CDN_BASE_URL or --cdn-base-url`,
      'E_CLOUDFRONT_BASE_URL',
    );
  }
  if (!/^https?:\/\/[^/?#]+/i.test(publicUrl) || !URL.canParse(publicUrl)) {
    throw new ValidationError(`the base URL "${publicUrl.slice(0, 200)}" is not an http(s) URL, so artifact URLs cannot be signed under it`, 'E_CLOUDFRONT_BASE_URL');
  }
  const pem = pemText ? pemText.value : await readKeyFile(keyFile!.value, `CloudFront private key (${keyFile!.source})`, 'E_CLOUDFRONT_KEY');
  // lazy: signed URLs need the AWS CloudFront signer; only a run that signs URLs loads it
  const { ArtifactUrlSigner, cloudFrontKeyFromPem } = await import('../cdn/signed-url.js');
  const origin = pemText ? pemText.source : `${keyFile!.value} (${keyFile!.source})`;
  return new ArtifactUrlSigner(publicUrl, cloudFrontKeyFromPem(id.value, id.source, pem, origin));
}

/** The first candidate with a non-empty value. */
function pick(...candidates: [value: string | undefined, source: string][]): Sourced | undefined {
  for (const [value, source] of candidates) if (value) return { value, source };
  return undefined;
}
