import type { ArtifactFamilyName } from '../protocol/schemas.js';
import { UsageError, ValidationError } from '../errors.js';
import { parseInstallWindow } from '../protocol/install-window.js';
import { collect, type OptionSpec, optionTable } from './options.js';
import { parsePercent } from '../core/percent.js';
import { inCliWords } from './flag-names.js';
import { APP_ID, APP_ID_RULE, artifactFamilyName, assertDeviceId, CHANNEL_NAME, CHANNEL_RULE, SALT, SALT_RULE } from '../protocol/ids.js';

/** Flag parsers shared by commands. They throw UsageError (exit 2) with the flag's name. */
export function percentFlag(name: string, text: unknown): number {
  if (typeof text !== 'string') throw new UsageError(`${name} is required`);
  const r = parsePercent(text);
  if (!r.ok) throw new UsageError(`${name}: ${r.reason}`);
  return r.value;
}

export function intFlag(name: string, text: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim())) throw new UsageError(`${name} must be a whole number, got "${String(text)}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${text}`);
  return n;
}

export function requiredString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`${name} is required`);
  return value;
}

/** A flag naming a device id (docs/design.md contract 3); anything else is E_DEVICE_ID (exit 2). */
export function deviceIdFlag(name: string, value: unknown): string {
  return assertDeviceId(requiredString(name, value), name);
}

export { collect };

export function appFlag(value: unknown): string {
  const app = requiredString('--app', value);
  if (!APP_ID.test(app)) throw new UsageError(`--app "${app}": ${APP_ID_RULE}`);
  return app;
}

export function channelFlag(value: unknown): string {
  const channel = requiredString('--channel', value);
  if (!CHANNEL_NAME.test(channel)) throw new UsageError(`--channel "${channel}": ${CHANNEL_RULE}`);
  return channel;
}

export function saltFlag(value: unknown): string {
  const salt = requiredString('--salt', value);
  if (!SALT.test(salt)) throw new UsageError(`--salt: ${SALT_RULE}`);
  return salt;
}

/**
 * --install-window HH:MM-HH:MM | none: checked here only to fail before the store is opened; the
 * library checks it again (protocol/install-window.ts) and this names the flag instead of the field.
 */
export function installWindowFlag(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`${name} needs a value: HH:MM-HH:MM or none`);
  try {
    parseInstallWindow(value);
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(e.message.replace('`installWindow`', name), 'E_INVALID', e.details);
    throw e;
  }
  return value;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

export type ArtifactKindFlag = ArtifactFamilyName;

/** --kind: one of the artifact families (apk, esp, file); anything else is E_KIND (exit 2). */
export function kindFlag(value: unknown): ArtifactKindFlag {
  return inCliWords(() => artifactFamilyName(String(value)));
}

/** ESP Secure Boot v2 key pins, taken by inspect and upload alike. */
export const SECURE_BOOT_OPTIONS: readonly OptionSpec[] = optionTable`
    --trusted-key-digest <hex>  ESP Secure Boot v2: trusted public key digest (repeatable)  [repeatable]
    --trusted-key <pem>         ESP Secure Boot v2: trusted public key file (repeatable)  [repeatable]
`;

export function secureBootPins(flags: Readonly<Record<string, unknown>>): { trustedKeyDigests: string[]; trustedKeys: string[] } {
  return { trustedKeyDigests: stringList(flags.trustedKeyDigest), trustedKeys: stringList(flags.trustedKey) };
}
