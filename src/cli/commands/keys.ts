import { writeFile } from 'node:fs/promises';
import { readRegularFile } from '../../util/regular-file.js';
import { join, relative, resolve } from 'node:path';
import { ValidationError } from '../../errors.js';
import { defineCommand, type CommandGroup } from '../command-def.js';
import { defaultKeyDir, loadSigningKeyRef, signingKeyRef } from '../key-location.js';
import { optionTable } from '../options.js';
import { generateSigningKey, loadPublicKey } from '../../signing/keys.js';
import { resolveFrom } from '../config.js';

const generate = defineCommand<{ activate: boolean; keyDir?: string }>({
  name: 'keys generate',
  description: 'create a new ECDSA P-256 key pair and add its public key to trusted_keys',
  args: [],
  options: optionTable`
      --activate       also sign with it from now on (manifests then carry one signature per signing key)  [default: false]
      --key-dir <dir>  where the private key goes
  `,
  examples: ['otactl keys generate', 'otactl keys generate --activate'],
  parse: ({ flags }) => ({ activate: flags.activate === true, ...(typeof flags.keyDir === 'string' ? { keyDir: flags.keyDir } : {}) }),
  async run(ctx, opts) {
    const cfg = await ctx.config();
    if (!cfg.path) throw new ValidationError('no otactl.config.json here: run otactl init first', 'E_NO_CONFIG');
    const keyDir = opts.keyDir !== undefined ? resolve(ctx.cwd, opts.keyDir) : defaultKeyDir(ctx.env);
    const key = await generateSigningKey(keyDir, join(cfg.dir, 'keys'));
    // Edit the raw JSON so fields otactl does not know survive.
    const raw = JSON.parse(await readRegularFile(cfg.path, 'utf8')) as Record<string, unknown>;
    raw.trusted_keys = [...((raw.trusted_keys as string[]) ?? []), relative(cfg.dir, key.publicPath)];
    if (opts.activate) raw.signing_keys = [...((raw.signing_keys as string[]) ?? []), signingKeyRef(key.privatePath, key.keyid, cfg.dir, ctx.env)];
    await writeFile(cfg.path, `${JSON.stringify(raw, null, 2)}\n`);
    const result = { keyid: key.keyid, public_key: key.publicPath, private_key: key.privatePath, signing: opts.activate };
    ctx.io.result(
      result,
      () => `generated ${key.keyid}\n  public  ${key.publicPath}\n  private ${key.privatePath}${opts.activate ? '\n  now signing' : '\n  trusted, not signing (add --activate to sign with it)'}`,
    );
  },
});

const list = defineCommand<Record<string, never>>({
  name: 'keys list',
  description: 'keys in the config: which sign and which are trusted',
  args: [],
  options: [],
  examples: ['otactl keys list', 'otactl keys list --json'],
  parse: () => ({}),
  async run(ctx) {
    const cfg = await ctx.config();
    const rows: { keyid: string; path: string; trusted: boolean; signing: boolean }[] = [];
    for (const p of cfg.file.trusted_keys) {
      const path = resolveFrom(cfg.dir, p, ctx.env);
      const { keyid } = await loadPublicKey(path);
      rows.push({ keyid, path, trusted: true, signing: false });
    }
    for (const ref of cfg.file.signing_keys) {
      const { key, path } = await loadSigningKeyRef(ref, cfg.dir, ctx.env);
      const row = rows.find((r) => r.keyid === key.keyid);
      if (row) row.signing = true;
      else rows.push({ keyid: key.keyid, path, trusted: false, signing: true });
    }
    ctx.io.result({ keys: rows }, () => rows.map((r) => `${r.keyid}  ${r.signing ? 'signing' : '       '}  ${r.trusted ? 'trusted' : 'NOT TRUSTED'}  ${r.path}`).join('\n') || 'no keys');
  },
});

export const command: CommandGroup = {
  name: 'keys',
  description: 'manifest signing keys (several may sign at once: rotation)',
  examples: ['otactl keys list', 'otactl keys generate --activate'],
  subcommands: [generate, list],
};
