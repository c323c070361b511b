/**
 * The one place where library words become CLI words. Below src/cli an error or warning names an
 * option as its backticked library field (`allowLowerVersion`) and a command to run as a
 * backticked `otactl COMMAND key=value ...` line; the CLI rewrites both at its output boundary
 * (IO: error messages and the --json error object, warnings, messages in --json results) so its
 * users read the flags they type. Hints (ERRORS[code].hint) are the CLI's own text already: they
 * are printed only by the CLI and name what only the CLI has (--debug, --yes, environment
 * variables, config keys), so they are not rewritten.
 */
import { errorObject, OtaError } from '../errors.js';

/** Library field -> the CLI flag that sets it. */
export const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  app: '--app',
  channel: '--channel',
  kind: '--kind',
  // upload
  versionCode: '--version-code',
  versionName: '--version-name',
  notes: '--notes',
  expectSigners: '--expect-signer',
  allowLowerVersion: '--allow-lower-version',
  allowLowerSecureVersion: '--allow-lower-secure-version',
  allowSignerChange: '--allow-signer-change',
  // promote, rollout, rollback
  minCurrentVersion: '--min-current-version',
  intermediate: '--intermediate',
  plan: '--plan',
  everySeconds: '--every',
  maxFailureRate: '--max-failure-rate',
  minSamples: '--min-samples',
  onFailure: '--on-failure',
  confirmWithinSeconds: '--confirm-within',
  to: '--to',
  forceDowngrade: '--force-downgrade',
  installWindow: '--install-window',
  deltaFrom: '--delta-from',
  timeZone: '--time-zones',
  manifestTtl: '--expires-in',
  manifestTtlSeconds: '--expires-in',
  // CDN
  cdnBaseUrl: '--cdn-base-url',
  publicUrl: '--cdn-base-url',
  distributionId: '--distribution-id',
  cloudFrontKeyPairId: '--cloudfront-key-pair-id',
  verifyEdge: '--verify-edge',
  wait: '--wait',
  // nudge: the request's fields, and the kinds of its device `selection`
  eligibleOnly: '--eligible-only',
  allowUnpublished: '--allow-unpublished',
  all: '--all',
  devices: '--device',
  devicesFile: '--devices-file',
  webhookUrl: '--webhook-url',
  // serve, stats, S3
  port: '--port',
  host: '--host',
  logs: '--logs',
  profile: '--profile',
};

/**
 * Settings the CLI takes from a flag, an environment variable or the config: when the text names
 * one whose value came from nowhere (it is missing), the CLI lists every place it can come from.
 */
export const SETTING_PLACES: Readonly<Record<string, string>> = {
  cdnBaseUrl: '--cdn-base-url, OTACTL_CDN_BASE_URL or public_url in the config',
};

/** Where a setting came from (`--cdn-base-url`, `OTACTL_CDN_BASE_URL`, `otactl.config.json: public_url`), by field. */
export type SettingSources = Readonly<Partial<Record<string, string>>>;

/** A backticked field name, or a backticked `otactl ...` command line. */
const TOKEN = /`(otactl [^`]+|[A-Za-z][A-Za-z0-9]*)`/g;

/** A field in CLI text: where its value came from, else where it can come from, else its flag. */
function fieldText(field: string, sources?: SettingSources): string | undefined {
  return sources?.[field] ?? SETTING_PLACES[field] ?? FLAG_OF_FIELD[field];
}

/**
 * Library text in CLI words. A field the table does not know stays as written (backticks and all),
 * so text that is not the library's convention passes through unchanged.
 */
export function cliText(text: string, sources?: SettingSources): string {
  return text.replace(TOKEN, (whole, token: string) => {
    if (token.startsWith('otactl ')) return commandLine(token) ?? whole;
    return fieldText(token, sources) ?? whole;
  });
}

/**
 * `otactl repair app=demo channel=stable wait=true` -> `otactl repair --app demo --channel stable --wait`
 * (a command line names flags, whatever set the values this time).
 */
function commandLine(line: string): string | undefined {
  const words = line.split(' ');
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      out.push(word);
      continue;
    }
    const flag = FLAG_OF_FIELD[word.slice(0, eq)];
    if (flag === undefined) return undefined;
    const value = word.slice(eq + 1);
    if (value === 'true') out.push(flag);
    else if (value !== 'false') out.push(flag, value);
  }
  // Without a key=value word it is not the library's form (the CLI's own text quotes commands too).
  return words.some((w) => w.indexOf('=') > 0) ? out.join(' ') : undefined;
}

/**
 * An error in CLI words: message rewritten, `flag` next to `field`; same code, class and exit code.
 * `flag` is always the flag that sets the field (a script can act on it), wherever the value came
 * from this time; the message names that place.
 */
export function cliError<E extends OtaError>(err: E, sources?: SettingSources): E {
  const message = cliText(err.message, sources);
  const field = err.details.field;
  const flag = typeof field === 'string' ? FLAG_OF_FIELD[field] : undefined;
  if (message === err.message && (flag === undefined || err.details.flag !== undefined)) return err;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as E;
  Object.assign(copy, err);
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(copy, 'stack', { value: err.stack, writable: true, configurable: true, enumerable: false });
  (copy as { details: Record<string, unknown> }).details = withFlag(err.details, flag);
  return copy;
}

/** Runs a library check inside the CLI's parse, so what it refuses reads in CLI words there too. */
export function inCliWords<T>(check: () => T, sources?: SettingSources): T {
  try {
    return check();
  } catch (err) {
    throw err instanceof OtaError ? cliError(err, sources) : err;
  }
}

/** Inserts `flag` right after `field` (the --json error object's order). */
function withFlag(details: Record<string, unknown>, flag: string | undefined): Record<string, unknown> {
  if (flag === undefined) return details;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    out[k] = v;
    if (k === 'field') out.flag = flag;
  }
  return out;
}

/** The --json error object in CLI words. */
export function cliErrorObject(err: OtaError, sources?: SettingSources): Record<string, unknown> {
  return errorObject(cliError(err, sources));
}

/** Message keys of a --json result whose string values are library text (the rest is data). */
const MESSAGE_KEYS = new Set(['message', 'error', 'reason', 'warnings', 'errors']);

/** A --json result with its messages in CLI words: `warnings`/`errors` entries and `message`/`error`/`reason` strings, at any depth. */
export function cliResult(value: unknown, sources?: SettingSources, inMessage = false): unknown {
  if (typeof value === 'string') return inMessage ? cliText(value, sources) : value;
  if (Array.isArray(value)) return value.map((v) => cliResult(v, sources, inMessage));
  // Only plain objects are walked: a Date or anything else with its own toJSON stays as it is.
  if (value === null || typeof value !== 'object' || (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cliResult(v, sources, MESSAGE_KEYS.has(k));
  return out;
}
