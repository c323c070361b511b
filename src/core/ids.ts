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

/** Device ids (DESIGN.md contract 3): what every client hashes, compares and addresses. */
export const DEVICE_ID_MAX_BYTES = 256;
export const DEVICE_ID_RULE = `a device id is 1..${DEVICE_ID_MAX_BYTES} bytes of well-formed UTF-8 with no control character (U+0000..U+001F, U+007F)`;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why id is not a device id, or null when it is one. */
export function deviceIdProblem(id: string): string | null {
  if (id.length === 0) return 'empty';
  // A lone surrogate has no UTF-8 form: Buffer.from would hash U+FFFD instead (Kotlin hashes "?").
  if (LONE_SURROGATE.test(id)) return 'a lone surrogate (not well-formed Unicode)';
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'a control character';
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > DEVICE_ID_MAX_BYTES) return `${bytes} bytes of UTF-8, over ${DEVICE_ID_MAX_BYTES}`;
  return null;
}

/** Refuses anything but a device id (E_DEVICE_ID, exit 2); `what` names it in the message. */
export function assertDeviceId(id: string, what = 'device id'): string {
  const problem = deviceIdProblem(id);
  if (problem !== null) throw new ValidationError(`${what} ${JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}...` : id)} is not valid: ${problem}; ${DEVICE_ID_RULE}`, 'E_DEVICE_ID');
  return id;
}
