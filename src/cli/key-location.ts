import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ValidationError } from '../errors.js';
import type { SigningKey } from '../protocol/dsse.js';
import { loadPrivateKey } from '../signing/keys.js';
import { registerSecret } from '../util/redact.js';
import { resolveFrom } from './config.js';

/**
 * Where private signing keys are and how otactl.config.json (which a team commits) names them:
 * a key in the key folder by its id ("keyid:<16 hex>", found through OTACTL_KEY_DIR on every
 * machine), any other key by a path relative to the config. Absolute paths of old configs still work.
 */
const KEYID_PREFIX = 'keyid:';

/** Where private keys live by default: outside the store and the project, like ssh and gh. */
export function defaultKeyDir(env: NodeJS.ProcessEnv): string {
  if (env.OTACTL_KEY_DIR) return resolve(env.OTACTL_KEY_DIR);
  const base = env.XDG_CONFIG_HOME ? resolve(env.XDG_CONFIG_HOME) : join(env.HOME ?? homedir(), '.config');
  return join(base, 'otactl', 'keys');
}

/** The signing_keys entry for a key just written to `privatePath`. */
export function signingKeyRef(privatePath: string, keyid: string, configDir: string, env: NodeJS.ProcessEnv): string {
  const name = `${keyid.slice(0, 16)}.key.pem`;
  if (resolve(privatePath) === join(defaultKeyDir(env), name)) return `${KEYID_PREFIX}${keyid.slice(0, 16)}`;
  return relative(configDir, privatePath);
}

/** Loads the key a signing_keys entry names; a keyid entry must find that very key. */
export async function loadSigningKeyRef(ref: string, configDir: string, env: NodeJS.ProcessEnv): Promise<{ key: SigningKey; path: string }> {
  if (!ref.startsWith(KEYID_PREFIX)) {
    // The key itself pasted in place of its path (base64 DER, a PEM without its armour lines): a
    // secret, never quoted back by "does not exist".
    const keyLike = /^[A-Za-z0-9+/=\s]{64,}$/.test(ref) && /^MI/.test(ref.trim());
    const path = resolveFrom(configDir, ref, env);
    if (keyLike) for (const text of [ref, path]) registerSecret(text); // the path as resolved too: `//` in base64 collapses
    return { key: await loadPrivateKey(path), path };
  }
  const id = ref.slice(KEYID_PREFIX.length);
  if (!/^[0-9a-f]{16}$/.test(id)) throw new ValidationError(`signing_keys entry "${ref}" is not keyid:<16 hex digits>`, 'E_CONFIG');
  const dir = defaultKeyDir(env);
  const path = join(dir, `${id}.key.pem`);
  let key: SigningKey;
  try {
    key = await loadPrivateKey(path);
  } catch (err) {
    if (err instanceof ValidationError && err.code === 'E_MISSING_KEY') {
      throw new ValidationError(
        `signing key ${id} is not in ${dir}: set OTACTL_KEY_DIR to the folder holding ${id}.key.pem, or OTACTL_SIGNING_KEY to the PEM`,
        'E_MISSING_KEY',
      );
    }
    throw err;
  }
  if (!key.keyid.startsWith(id)) throw new ValidationError(`${path} holds key ${key.keyid.slice(0, 16)}, not ${id}`, 'E_KEY');
  return { key, path };
}
