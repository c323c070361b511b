import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ValidationError } from '../../errors.js';
import { parseStoreUrl, type S3Settings } from '../../store/open.js';
import { defineCommand } from '../command-def.js';
import { defaultKeyDir, signingKeyRef } from '../key-location.js';
import { optionTable } from '../options.js';
import { probeS3Store } from '../../store/s3-probe.js';
import { generateSigningKey } from '../../signing/keys.js';

export const command = defineCommand<{ keyDir?: string; storeCheck: boolean }>({
  name: 'init',
  description: 'create otactl.config.json, the store folder and a manifest signing key',
  args: [],
  options: optionTable`
      --key-dir <dir>     where the private key goes (default $OTACTL_KEY_DIR or ~/.config/otactl/keys)
      --skip-store-check  s3:// stores: do not check now that the bucket answers (a bucket made later); if_match_unquoted is then not detected  [default: false]
  `,
  examples: ['otactl init', 'otactl init --store file://./releases', 'otactl init --store s3://my-bucket/ota --endpoint http://127.0.0.1:7480', 'otactl init --key-dir ./ci-keys --json'],
  parse: ({ flags }) => ({ storeCheck: flags.skipStoreCheck !== true, ...(typeof flags.keyDir === 'string' ? { keyDir: flags.keyDir } : {}) }),
  async run(ctx, opts) {
    const configPath = resolve(ctx.cwd, ctx.globals.config ?? ctx.env.OTACTL_CONFIG ?? 'otactl.config.json');
    if (await exists(configPath)) {
      throw new ValidationError(`${configPath} already exists; otactl keys generate adds keys to it`, 'E_EXISTS');
    }
    const store = ctx.globals.store ?? ctx.env.OTACTL_STORE ?? 'file://./ota-store';
    const location = parseStoreUrl(store, ctx.cwd, { flags: ctx.globals, env: ctx.env });
    // Before anything is written: a wrong bucket, endpoint or key fails here, not at the first upload.
    let probe: { ifMatchUnquoted: boolean } | null = null;
    if (location.kind === 's3' && opts.storeCheck) {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      probe = await ctx.io.whileSpinning(`checking ${location.url}`, probeS3Store(location, await ctx.storeWaiting()));
    }
    const keyDir = opts.keyDir !== undefined ? resolve(ctx.cwd, opts.keyDir) : defaultKeyDir(ctx.env);
    const projectDir = resolve(configPath, '..');
    const key = await generateSigningKey(keyDir, join(projectDir, 'keys'));
    if (location.kind === 'file') await mkdir(location.root, { recursive: true });
    const config = {
      store,
      ...(location.kind === 's3' ? { s3: { ...s3Settings(ctx.globals), ...(probe?.ifMatchUnquoted ? { if_match_unquoted: true } : {}) } } : {}),
      // Nothing absolute or per-user: the config is committed and shared.
      signing_keys: [signingKeyRef(key.privatePath, key.keyid, projectDir, ctx.env)],
      trusted_keys: [relative(projectDir, key.publicPath)],
      manifest_ttl: '14d',
      defaults: { wifi_only: true, min_battery: 30 },
      apps: {},
    };
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
    const storeCheck = location.kind !== 's3' ? null : probe ? { checked: true, if_match_unquoted: probe.ifMatchUnquoted } : { checked: false };
    const result = { config: configPath, store: location.url, keyid: key.keyid, public_key: key.publicPath, private_key: key.privatePath, ...(storeCheck ? { store_check: storeCheck } : {}) };
    ctx.io.result(result, () =>
      [
        `created ${configPath}`,
        `store       ${location.url}`,
        ...(storeCheck === null ? [] : [storeCheck.checked ? `            answers as S3; If-Match ${probe!.ifMatchUnquoted ? 'unquoted (written as s3.if_match_unquoted)' : 'as HTTP says'}` : '            not checked (--skip-store-check)']),
        `public key  ${key.publicPath}   (provision devices with it)`,
        `keyid       ${key.keyid}`,
        `private key ${key.privatePath}   (mode 0600; keep it out of the repository)`,
      ].join('\n'),
    );
  },
});

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** What `init --store s3://...` writes to the config: the S3 flags given (env vars stay per machine). */
function s3Settings(flags: { endpoint?: string | undefined; region?: string | undefined; profile?: string | undefined }): S3Settings {
  return {
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
  };
}
