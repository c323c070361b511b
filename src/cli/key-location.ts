import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { SigningKey } from '../protocol/dsse.js';
import { loadKeyFromKeyDir, loadPrivateKey } from '../signing/keys.js';
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

/** The key a signing_keys entry names: a file (relative to the config's folder), or a key of the key folder by its id. */
export type SigningKeyEntry = string | { keyid: string; dir: string };

/** Where a signing_keys entry points; reads nothing. */
export function signingKeyEntry(ref: string, configDir: string, env: NodeJS.ProcessEnv): SigningKeyEntry {
  if (ref.startsWith(KEYID_PREFIX)) return { keyid: ref.slice(KEYID_PREFIX.length), dir: defaultKeyDir(env) };
  return resolveFrom(configDir, ref, env);
}

/**
 * A signing_keys entry that is the key itself pasted in place of its path (base64 DER, a PEM
 * without its armour lines) is a secret: registered, with the path it resolves to, so that no
 * message ("does not exist") quotes it.
 */
export function registerPastedKey(ref: string, configDir: string, env: NodeJS.ProcessEnv): void {
  if (ref.startsWith(KEYID_PREFIX) || !/^[A-Za-z0-9+/=\s]{64,}$/.test(ref) || !/^MI/.test(ref.trim())) return;
  // The path as resolved too: `//` in base64 collapses.
  for (const text of [ref, resolveFrom(configDir, ref, env)]) registerSecret(text);
}

/** Loads the key a signing_keys entry names; a keyid entry must find that very key. */
export async function loadSigningKeyRef(ref: string, configDir: string, env: NodeJS.ProcessEnv): Promise<{ key: SigningKey; path: string }> {
  registerPastedKey(ref, configDir, env);
  const entry = signingKeyEntry(ref, configDir, env);
  if (typeof entry !== 'string') return loadKeyFromKeyDir(entry.dir, entry.keyid);
  return { key: await loadPrivateKey(entry), path: entry };
}
