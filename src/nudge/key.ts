import { ValidationError } from '../errors.js';
import { MIN_KEY_BYTES } from './message.js';

/**
 * The nudge HMAC key from a key file's bytes: a file holding only hex text (64+ hex digits, an
 * optional trailing newline) is decoded; anything else is the key's raw bytes. From an env var the
 * key is always hex. At least 32 bytes either way.
 */
export function parseHmacKey(bytes: Buffer, source: string, hexOnly = false): Buffer {
  const text = bytes.toString('latin1').replace(/\r?\n$/, '');
  let key: Buffer;
  if (/^(?:[0-9a-fA-F]{2}){32,}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (hexOnly) throw new ValidationError(`${source} must hold the nudge HMAC key as hex (64 or more hex digits)`, 'E_NUDGE_KEY');
  else key = bytes;
  if (key.length < MIN_KEY_BYTES) throw new ValidationError(`${source}: the nudge HMAC key is ${key.length} bytes; use at least ${MIN_KEY_BYTES}`, 'E_NUDGE_KEY');
  return key;
}
