import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { readRegularFile } from '../util/regular-file.js';
import { join } from 'node:path';
import { ValidationError } from '../errors.js';
import { registerSecret } from '../util/redact.js';
import { keyIdOf, type SigningKey } from '../protocol/dsse.js';

/** Key files: private keys as PKCS#8 PEM (mode 0600), public keys as SPKI PEM. */
export interface GeneratedKey {
  keyid: string;
  privatePath: string;
  publicPath: string;
}

export async function generateSigningKey(privateDir: string, publicDir: string): Promise<GeneratedKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyid = keyIdOf(publicKey);
  await mkdir(privateDir, { recursive: true, mode: 0o700 });
  await mkdir(publicDir, { recursive: true });
  const privatePath = join(privateDir, `${keyid.slice(0, 16)}.key.pem`);
  const publicPath = join(publicDir, `${keyid.slice(0, 16)}.pub.pem`);
  // 'wx': never overwrite an existing key file.
  await writeFile(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  await chmod(privatePath, 0o600);
  await writeFile(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  return { keyid, privatePath, publicPath };
}

export async function loadPrivateKey(path: string): Promise<SigningKey> {
  return privateKeyFromPem(await readKeyFile(path, 'signing key'), path);
}

/**
 * A PEM key as node:crypto reads it, or a ValidationError saying `unreadable` (never crypto's own
 * message). Private key text is registered as a secret first: no output shows it, even a bad one.
 */
export function parsePemKey(kind: 'private' | 'public', pem: string, unreadable: string, code: ConstructorParameters<typeof ValidationError>[1]): KeyObject {
  if (kind === 'private') registerSecret(pem);
  try {
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new ValidationError(unreadable, code);
  }
}

/** A private key given as PEM text (CI secret in an environment variable). */
export function privateKeyFromPem(pem: string, origin: string): SigningKey {
  const key = parsePemKey('private', pem, `${origin} does not hold a PEM private key`, 'E_KEY');
  assertP256(key, origin);
  return { keyid: keyIdOf(key), privateKey: key };
}

/**
 * The private key `<id>.key.pem` of a key folder (where `otactl keys generate` keeps them), which
 * must be that very key: a file holding another key is refused.
 */
export async function loadKeyFromKeyDir(dir: string, id: string): Promise<{ key: SigningKey; path: string }> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw new ValidationError(`signing key id "${id}" is not 16 hex digits`, 'E_KEY');
  const path = join(dir, `${id}.key.pem`);
  let key: SigningKey;
  try {
    key = await loadPrivateKey(path);
  } catch (err) {
    if (err instanceof ValidationError && err.code === 'E_MISSING_KEY') {
      throw new ValidationError(`signing key ${id} is not in ${dir}: set OTACTL_KEY_DIR to the folder holding ${id}.key.pem, or OTACTL_SIGNING_KEY to the PEM`, 'E_MISSING_KEY');
    }
    throw err;
  }
  if (!key.keyid.startsWith(id)) throw new ValidationError(`${path} holds key ${key.keyid.slice(0, 16)}, not ${id}`, 'E_KEY');
  return { key, path };
}

export async function loadPublicKey(path: string): Promise<{ keyid: string; key: KeyObject }> {
  const pem = await readKeyFile(path, 'public key');
  const key = parsePemKey('public', pem, `${path} is not a PEM public key`, 'E_KEY');
  assertP256(key, path);
  return { keyid: keyIdOf(key), key };
}

/** Trusted public keys by keyid, as envelope verification wants them. */
export async function loadPublicKeys(paths: string[]): Promise<Map<string, KeyObject>> {
  // Read at once; the map keeps the given order, and the first path in that order that fails is the error.
  const settled = await Promise.allSettled(paths.map((p) => loadPublicKey(p)));
  const map = new Map<string, KeyObject>();
  for (const r of settled) {
    if (r.status === 'rejected') throw r.reason;
    map.set(r.value.keyid, r.value.key);
  }
  return map;
}

/** A key file's text; a missing or unreadable file is one line naming `what` and the path. */
export async function readKeyFile(path: string, what: string, errorCode: 'E_MISSING_KEY' | 'E_CLOUDFRONT_KEY' = 'E_MISSING_KEY'): Promise<string> {
  try {
    return await readRegularFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${what} ${path} (${code ?? 'error'})`, errorCode);
  }
}

function assertP256(key: KeyObject, origin: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ValidationError(`${origin}: manifest keys must be ECDSA P-256`, 'E_KEY');
  }
}
