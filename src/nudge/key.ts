import { ValidationError } from '../errors.js';
import { MIN_KEY_BYTES } from '../protocol/nudge-message.js';

/** A hex key is exactly this many hex digits (32 bytes); no other length is guessed at. */
export const HEX_KEY_DIGITS = 64;

/**
 * The nudge HMAC key from a key file's bytes. A file that is text (printable ASCII and line
 * breaks only) is a hex key: exactly 64 hex digits, surrounding whitespace ignored; any other
 * text (62 digits, a `0x`, a space inside) is refused, never taken as raw bytes, since that would
 * silently be another key than the devices hold. A file with other bytes is the raw key. From an
 * env var the key is always hex. At least 32 bytes either way.
 */
export function parseHmacKey(bytes: Buffer, source: string, hexOnly = false): Buffer {
  const isText = /^[\x20-\x7e\t\r\n]*$/.test(bytes.toString('latin1'));
  if (isText || hexOnly) {
    const text = bytes.toString('latin1').trim();
    if (new RegExp(`^[0-9a-fA-F]{${HEX_KEY_DIGITS}}$`).test(text)) return Buffer.from(text, 'hex');
    const digits = /^[0-9a-fA-F]*$/.test(text) ? `${text.length} hex digits` : 'text that is not only hex digits';
    throw new ValidationError(`${source} holds ${digits}: a hex nudge HMAC key is exactly ${HEX_KEY_DIGITS} hex digits${hexOnly ? '' : ' (a raw key file holds binary bytes)'}`, 'E_NUDGE_KEY');
  }
  if (bytes.length < MIN_KEY_BYTES) throw new ValidationError(`${source}: the nudge HMAC key is ${bytes.length} bytes; use at least ${MIN_KEY_BYTES}`, 'E_NUDGE_KEY');
  return bytes;
}
