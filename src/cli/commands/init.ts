import type { Command } from 'commander';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ValidationError } from '../../errors.js';
import type { Runner } from '../program.js';
import { absolutiseFileUrl } from '../context.js';
import { defaultKeyDir, signingKeyRef } from '../key-location.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('init')
    .description('create otactl.config.json, the store folder and a manifest signing key')
    .option('--key-dir <dir>', 'where the private key goes (default $OTACTL_KEY_DIR or ~/.config/otactl/keys)')
    .action(
      run(async (ctx, opts) => {
        const configPath = resolve(ctx.cwd, ctx.globals.config ?? ctx.env.OTACTL_CONFIG ?? 'otactl.config.json');
        if (await exists(configPath)) {
          throw new ValidationError(`${configPath} already exists; otactl keys generate adds keys to it`, 'E_EXISTS');
        }
        const store = ctx.globals.store ?? ctx.env.OTACTL_STORE ?? 'file://./ota-store';
        const storeUrl = absolutiseFileUrl(store, ctx.cwd);
        const { generateSigningKey } = await import('../../signing/keys.js');
        const keyDir = typeof opts.keyDir === 'string' ? resolve(ctx.cwd, opts.keyDir) : defaultKeyDir(ctx.env);
        const projectDir = resolve(configPath, '..');
        const key = await generateSigningKey(keyDir, join(projectDir, 'keys'));
        if (storeUrl.startsWith('file://')) await mkdir(storeUrl.slice('file://'.length), { recursive: true });
        const config = {
          store,
          // Nothing absolute or per-user: the config is committed and shared.
          signing_keys: [signingKeyRef(key.privatePath, key.keyid, projectDir, ctx.env)],
          trusted_keys: [relative(projectDir, key.publicPath)],
          manifest_ttl: '14d',
          defaults: { wifi_only: true, min_battery: 30 },
          apps: {},
        };
        await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
        const result = { config: configPath, store: storeUrl, keyid: key.keyid, public_key: key.publicPath, private_key: key.privatePath };
        ctx.io.result(result, () =>
          [
            `created ${configPath}`,
            `store       ${storeUrl}`,
            `public key  ${key.publicPath}   (provision devices with it)`,
            `keyid       ${key.keyid}`,
            `private key ${key.privatePath}   (mode 0600; keep it out of the repository)`,
          ].join('\n'),
        );
      }),
    );
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
