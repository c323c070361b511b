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
