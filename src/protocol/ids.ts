/** Identifier rules, shared by the zod schemas and the flag parsers (which must not load zod). */
import { ValidationError } from '../errors.js';
export const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const APP_ID_RULE = 'app ids use letters, digits, ".", "_" and "-" (max 128)';
export const SALT = /^[\x21-\x7e]{1,64}$/;
export const SALT_RULE = 'salt is 1..64 printable ASCII characters, no spaces';
export const CHANNEL_RULE = 'channel names use lowercase letters, digits, ".", "_" and "-" (max 64)';

/**
 * Characters that must never be signed into a record people read (an actor) and that terminal
 * output escapes: C0 controls, DEL, C1 controls, bidi embeddings/overrides (U+202A-U+202E) and
 * isolates (U+2066-U+2069).
 */
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const MAX_ACTOR_LENGTH = 128;
export const ACTOR_RULE = `an actor is one printable line of at most ${MAX_ACTOR_LENGTH} characters (no control, bidi or line-separator characters, no lone surrogate, not blank)`;

/** Why `actor` cannot be signed into history, a release or an app record; null when it can. */
export function actorProblem(actor: string): string | null {
  if (UNSAFE_TEXT.test(actor)) return 'holds control characters; use printable text';
  // One line: U+2028/U+2029 break lines where they are shown. A lone surrogate has no UTF-8 form
  // (what the CLI reads from argv or the environment never holds one; a library caller's string may).
  if (/[\u2028\u2029]/.test(actor)) return 'holds a line separator; use one line';
  if (LONE_SURROGATE.test(actor)) return 'holds a lone surrogate (not well-formed Unicode)';
  if (actor.trim() === '') return 'is blank';
  const length = [...actor].length;
  if (length > MAX_ACTOR_LENGTH) return `is ${length} characters long; the limit is ${MAX_ACTOR_LENGTH}`;
  return null;
}

/**
 * The actor a change or an upload is signed with: the library refuses what the CLI refuses
 * (E_ACTOR, exit 2), whoever the caller. `source` names where it came from (--actor, OTACTL_ACTOR).
 */
export function checkActor(actor: string, source = 'the actor'): string {
  const problem = actorProblem(actor);
  if (problem !== null) throw new ValidationError(`${source} ${JSON.stringify(actor)} ${problem}`, 'E_ACTOR');
  return actor;
}

/**
 * The app and channel a library workflow acts on, checked before they name a store key: what the
 * CLI's --app / --channel parsers refuse, the library refuses too (E_INVALID, exit 2).
 */
export function checkTarget(app: string, channel?: string): void {
  if (!APP_ID.test(app)) throw new ValidationError(`app ${JSON.stringify(app)}: ${APP_ID_RULE}`, 'E_INVALID');
  if (channel !== undefined && !CHANNEL_NAME.test(channel)) throw new ValidationError(`channel ${JSON.stringify(channel)}: ${CHANNEL_RULE}`, 'E_INVALID');
}

/** The artifact families: an app's kind, and what `--kind` names. */
export const ARTIFACT_FAMILY_NAMES = ['apk', 'esp', 'file'] as const;
export type ArtifactFamilyNameValue = (typeof ARTIFACT_FAMILY_NAMES)[number];

/** An artifact `kind`: one of the families, else E_KIND (exit 2). Needs no artifact module loaded. */
export function artifactFamilyName(kind: string): ArtifactFamilyNameValue {
  const name = ARTIFACT_FAMILY_NAMES.find((f) => f === kind);
  if (!name) throw new ValidationError(`\`kind\` "${kind}": unknown artifact kind (known: ${ARTIFACT_FAMILY_NAMES.join(', ')})`, 'E_KIND', { field: 'kind' });
  return name;
}

/** Device ids (docs/design.md contract 3): what every client hashes, compares and addresses. */
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

export function isDeviceId(id: string): boolean {
  return deviceIdProblem(id) === null;
}

/**
 * Why `value` is not a rollout percent, null when it is: 0..100 in steps of 0.01. The one statement
 * of the rule; the signed schemas (schemas.ts) and the request checks (core/percent.ts)
 * both use it. Here, not in schemas.ts, so a flag parser can use it without loading zod.
 */
export function percentProblem(value: number): string | null {
  if (!Number.isFinite(value) || value < 0 || value > 100) return `${value} is outside 0..100`;
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-9) return `${value} has finer steps than 0.01`;
  return null;
}
