/** Identifier rules, shared by the zod schemas and the flag parsers (which must not load zod). */
import { ValidationError } from '../errors.js';
export const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const APP_ID_RULE = 'app ids use letters, digits, ".", "_" and "-" (max 128)';
export const SALT = /^[\x21-\x7e]{1,64}$/;
export const SALT_RULE = 'salt is 1..64 printable ASCII characters, no spaces';
export const CHANNEL_RULE = 'channel names use lowercase letters, digits, ".", "_" and "-" (max 64)';

/** The artifact families: an app's kind, and what `--kind` names. */
export const ARTIFACT_FAMILY_NAMES = ['apk', 'esp', 'file'] as const;
export type ArtifactFamilyNameValue = (typeof ARTIFACT_FAMILY_NAMES)[number];

/** `--kind`: one of the families, else E_KIND (exit 2). Needs no artifact module loaded. */
export function artifactFamilyName(kind: string): ArtifactFamilyNameValue {
  const name = ARTIFACT_FAMILY_NAMES.find((f) => f === kind);
  if (!name) throw new ValidationError(`--kind "${kind}": unknown artifact kind (known: ${ARTIFACT_FAMILY_NAMES.join(', ')})`, 'E_KIND');
  return name;
}

/**
 * A device id (DESIGN.md contract 3): 1..256 bytes of well-formed UTF-8 (no lone surrogate), no
 * control character (U+0000..U+001F, U+007F). Every client refuses any other id, so the cohort
 * hash, canary hashing and nudge addressing have one answer for every id they accept.
 */
export const DEVICE_ID_MAX_BYTES = 256;
export const DEVICE_ID_RULE = 'a device id is 1..256 bytes of UTF-8 with no control character or lone surrogate';

export function isDeviceId(id: string): boolean {
  let bytes = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = id.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
      bytes += 4;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
    else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return bytes >= 1 && bytes <= DEVICE_ID_MAX_BYTES;
}
