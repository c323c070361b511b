/**
 * The error catalogue: every error code otactl raises, its exit code and a one-line hint. Errors
 * are raised only with a code from this table (the classes below accept only codes of their own
 * exit code, so the type checker keeps them apart), and docs/exit-codes.md is generated from it
 * (`npm run docs:errors`; a test fails when they drift). Only the CLI's top-level handler turns
 * errors into text; library code throws them and never prints. A plain `Error` is a bug (exit 1).
 * Every message and details object is redacted when the error is made (src/util/redact.ts): no
 * URL userinfo, query value, key or token reaches a message or a --json error, whoever throws it.
 * Messages name options as library fields (OptionError); the hints are the CLI's text, as only the
 * CLI prints them and they name what only it has (flags, --debug, environment variables, config keys).
 */
import { redactDeep, redactText } from './util/redact.js';

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  conflict: 3,
  partial: 4,
  verification: 5,
  signerMismatch: 6,
  store: 7,
  declined: 8,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitName];

/** What each exit code means, for people (docs/exit-codes.md). */
export const EXIT_MEANINGS: Record<ExitName, string> = {
  ok: 'The command did what it was asked, including "nothing to change" (`"changed": false`).',
  internal: 'A bug: an unexpected exception. `--debug` prints the stack trace. Please report it.',
  usage: 'Bad flags or arguments, a config that does not parse, or a request the data does not allow. Nothing was changed.',
  conflict: 'Another writer changed the channel first (lost compare-and-swap). Nothing of yours was published; re-run the command.',
  partial: 'A command that does several independent things finished only some of them; the output says which.',
  verification: 'Something cannot be trusted: an artifact that does not verify, a manifest or record whose signature, schema or freshness fails.',
  signerMismatch: 'The APK verifies, but its signer is not the one pinned for the app (nor rotated from it). Nothing was uploaded.',
  store: 'The store could not be read or written (missing folder, permissions, network).',
  declined: 'A change needed confirmation: the answer was no, or there was no terminal and no `--yes`. Nothing was published.',
  interrupted: 'Stopped by Ctrl-C (SIGINT). An interrupted change leaves the published channel valid. After its error line the process ends by the signal itself (always, even with a thread stuck in a blocking call): a shell shows 130, a parent process sees the signal.',
  terminated: 'Stopped by SIGTERM. An interrupted change leaves the published channel valid. The process ends by the signal itself, as for SIGINT: a shell shows 143.',
};

interface ErrorSpec {
  exit: ExitName;
  hint: string;
}

export const ERRORS = {
  E_INTERNAL: { exit: 'internal', hint: 'run again with --debug and report the stack trace' },

  E_USAGE: { exit: 'usage', hint: 'otactl COMMAND --help lists the flags, with examples' },
  E_INVALID: { exit: 'usage', hint: 'check the values given against otactl COMMAND --help' },
  E_CONFIG: { exit: 'usage', hint: 'fix otactl.config.json (its fields are in README.md and docs/)' },
  E_NO_CONFIG: { exit: 'usage', hint: 'otactl init creates otactl.config.json' },
  E_EXISTS: { exit: 'usage', hint: 'the file is kept; remove it first to start over' },
  E_NO_FILE: { exit: 'usage', hint: 'check the path' },
  E_KIND: { exit: 'usage', hint: 'use --kind apk, esp or file' },
  E_KIND_MISMATCH: { exit: 'usage', hint: 'an app has one artifact kind, fixed by its first upload: upload this under another --app' },
  E_STORE_URL: { exit: 'usage', hint: 'use --store file://DIR (or a folder path) or s3://BUCKET/PREFIX' },
  E_KEY: { exit: 'usage', hint: 'manifest keys are ECDSA P-256 PEM files: otactl keys generate makes one' },
  E_MISSING_KEY: { exit: 'usage', hint: 'check signing_keys/trusted_keys in the config, or set OTACTL_SIGNING_KEY' },
  E_NO_SIGNING_KEY: { exit: 'usage', hint: 'otactl keys generate --activate, or set OTACTL_SIGNING_KEY to a PEM private key' },
  E_NO_TRUSTED_KEY: { exit: 'usage', hint: 'list the public keys devices trust in trusted_keys (otactl init writes one)' },
  E_TRUSTED_KEY: { exit: 'usage', hint: 'a Secure Boot v2 pin is a 64-hex-digit key digest or an RSA-3072/ECDSA public key file' },
  E_UNKNOWN_BUILD: { exit: 'usage', hint: 'otactl builds --app APP lists the builds' },
  E_AMBIGUOUS_BUILD: { exit: 'usage', hint: 'give more characters of the build id' },
  E_NO_CHANNEL: { exit: 'usage', hint: 'otactl status lists the published channels; otactl promote publishes one' },
  E_NOT_PROMOTED: { exit: 'usage', hint: 'promote a build on the channel first' },
  E_TRANSITION: { exit: 'usage', hint: 'otactl status shows the channel as it is' },
  E_ALREADY_CURRENT: { exit: 'usage', hint: 'the channel already serves it; otactl rollout changes the percent' },
  E_NO_SAFE_BUILD: { exit: 'usage', hint: 'name the build to go back to with --to BUILD' },
  E_DOWNGRADE_SIGNER: { exit: 'usage', hint: 'a forced downgrade needs a build with the same signer; roll forward instead' },
  E_VERSION_NOT_HIGHER: { exit: 'usage', hint: 'raise the version code, or pass --allow-lower-version if you mean it' },
  E_VERSION_MISMATCH: { exit: 'usage', hint: 'drop the flag: the artifact carries its own version' },
  E_NO_VERSION: { exit: 'usage', hint: 'pass --version-code N (and --version-name)' },
  E_SECURE_VERSION: { exit: 'usage', hint: 'pass --allow-lower-secure-version if devices without anti-rollback are meant' },
  E_TOO_LARGE: { exit: 'usage', hint: 'the image must fit the OTA partition (--partition-size or config)' },
  E_INVALID_MANIFEST: { exit: 'usage', hint: 'a bug or a bad flag value; run with --debug' },
  E_MANIFEST_TOO_LARGE: { exit: 'usage', hint: 'devices refuse a larger manifest: trim the canary device ids or tags (docs/manifest.md, "Manifest size")' },
  E_DEVICE_ID: { exit: 'usage', hint: 'a device id is 1..256 bytes of well-formed UTF-8 with no control character (docs/manifest.md)' },
  E_ACTOR: { exit: 'usage', hint: 'an actor is one printable line of at most 128 characters (--actor, OTACTL_ACTOR or the CI user)' },
  E_INVALID_RECORD: { exit: 'usage', hint: 'a release, app or history record the schema refuses is never signed: check the values the caller passed' },
  E_NOT_A_FILE: { exit: 'usage', hint: 'give a regular file (not a folder, pipe or device)' },
  E_LISTEN: { exit: 'usage', hint: 'pick another --port (0 picks a free one) or a --host address of this machine' },
  E_NUDGE_KEY: { exit: 'usage', hint: 'give the fleet HMAC key (32+ bytes) with --hmac-key-file or OTACTL_NUDGE_HMAC_KEY (hex)' },
  E_NUDGE_DEVICES_FILE: { exit: 'usage', hint: 'a devices file has one device per line: device_id or device_id,fcm_token (docs/nudge.md)' },
  E_NUDGE_NO_DEVICES: { exit: 'usage', hint: 'name devices with --device, --devices-file or --all' },
  E_NUDGE_DEVICE_ID: { exit: 'usage', hint: 'a device id is 1..256 bytes of UTF-8 without control characters; MQTT topics also cannot carry / + or #' },
  E_FCM_CREDENTIALS: { exit: 'usage', hint: 'give a service-account JSON with --fcm-credentials or GOOGLE_APPLICATION_CREDENTIALS' },
  E_FCM_AUTH: { exit: 'usage', hint: 'the service account was refused: check its key and that it may send FCM messages' },
  E_MQTT_URL: { exit: 'usage', hint: 'use --mqtt-url mqtt://HOST:PORT or mqtts://HOST:PORT' },
  E_MQTT_TLS: { exit: 'usage', hint: 'check the CA, client certificate and key files for mqtts://' },
  E_WEBHOOK_URL: { exit: 'usage', hint: 'use --webhook-url http(s)://...' },
  E_CDN_URL: { exit: 'usage', hint: 'give the CDN base URL as http(s)://HOST[/PATH] (--cdn-base-url, OTACTL_CDN_BASE_URL or public_url)' },
  E_CLOUDFRONT_KEY: {
    exit: 'usage',
    hint: 'signed artifact URLs need cloudfront.key_pair_id and cloudfront.private_key (RSA private key PEM), or OTACTL_CLOUDFRONT_KEY_PAIR_ID and OTACTL_CLOUDFRONT_PRIVATE_KEY(_FILE)',
  },
  E_CLOUDFRONT_BASE_URL: { exit: 'usage', hint: 'signed URLs are absolute: set public_url in the config, OTACTL_CDN_BASE_URL or --cdn-base-url' },

  E_CONFLICT: { exit: 'conflict', hint: 're-run the command: it re-reads the channel' },

  E_INVALIDATION: { exit: 'partial', hint: 'the channel is published in the store; otactl invalidate --app APP --channel CHANNEL re-runs the CDN invalidation' },
  E_EDGE_STALE: { exit: 'partial', hint: 'the channel is published but the CDN still serves an older manifest; otactl invalidate --app APP --channel CHANNEL --wait --verify-edge' },
  E_EDGE_MISMATCH: { exit: 'partial', hint: 'the channel is published but what the CDN serves does not verify (signature, channel, sha256 or size): check the origin and the distribution' },
  E_EDGE_FETCH: { exit: 'partial', hint: 'the channel is published but the manifest or artifact could not be fetched through the CDN base URL: check it and the distribution' },

  E_VERIFY: { exit: 'verification', hint: 'otactl inspect shows what does not verify' },
  E_ARTIFACT_UNVERIFIED: { exit: 'verification', hint: 'otactl inspect FILE shows the full report' },
  E_ENVELOPE: { exit: 'verification', hint: 'the object is not a signed otactl envelope: damaged or tampered' },
  E_BAD_SIGNATURE: { exit: 'verification', hint: 'the store was changed outside otactl, or signed with another key' },
  E_UNTRUSTED_KEY: { exit: 'verification', hint: 'add the signer\'s public key to trusted_keys if it is yours' },
  E_TAMPERED: { exit: 'verification', hint: 'the store was changed outside otactl; do not publish on top of it' },
  E_SCHEMA: { exit: 'verification', hint: 'the signed payload does not have the expected fields: written by another version or tampered' },
  'ota.manifest.too_large': { exit: 'verification', hint: 'devices refuse manifests over the size limit' },
  'ota.manifest.expired': { exit: 'verification', hint: 'otactl refresh republishes the channel with a fresh expiry' },
  'ota.manifest.replay': { exit: 'verification', hint: 'an older manifest than the device accepted: a replay, or a stale cache' },
  'ota.manifest.wrong_channel': { exit: 'verification', hint: 'the manifest belongs to another app or channel' },
  'ota.download.too_large': { exit: 'verification', hint: 'the server sent more bytes than the manifest declares' },
  E_APP_RECORD: {
    exit: 'verification',
    hint: 'apps/APP/app.json is missing or older than the signed manifests and records: otactl repair --app APP rebuilds it from the signers they name',
  },
  E_REPAIR_NO_CHAIN: { exit: 'verification', hint: 'no history record verifies down to change 1: restore the store from a backup' },
  E_NO_MANIFEST: { exit: 'verification', hint: 'the channel has history but no manifest: otactl repair republishes it' },
  E_REPAIR_NO_STATE: { exit: 'verification', hint: 'the history was written by an older otactl without the manifest in it: promote again instead' },
  'ota.verify.fail': { exit: 'verification', hint: 'the artifact does not match the signed manifest (SHA-256, size or signer): nothing was installed' },

  E_SIGNER_MISMATCH: { exit: 'signerMismatch', hint: 'pin the new signer (--expect-signer or config) only if the key change is intended' },
  E_SIGNER_CHANGED: { exit: 'signerMismatch', hint: 'devices refuse an update signed by another key; pass --allow-signer-change only if that is intended' },

  E_STORE: { exit: 'store', hint: 'check the store path or URL and its permissions' },
  E_S3_IF_MATCH: { exit: 'store', hint: 'for Ceph RGW set "s3": {"if_match_unquoted": true} in otactl.config.json or OTACTL_S3_IF_MATCH_UNQUOTED=1' },
  E_S3_TIMEOUT: { exit: 'store', hint: 'the endpoint took the connection but sent no answer in time: check it is up and is an S3 API; --timeout (or OTACTL_TIMEOUT) sets the limit' },
  E_NOT_S3: { exit: 'store', hint: 'check --endpoint, s3.endpoint or AWS_ENDPOINT_URL: it must be an S3 API endpoint, not a web site, proxy or login page' },
  E_S3_CREDENTIALS: { exit: 'store', hint: 'fix the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile) or their permissions: re-running with the same ones fails the same way' },
  E_S3_NO_BUCKET: { exit: 'store', hint: 'check the bucket name in the store URL (and --region / --endpoint), or create the bucket: re-running does not help' },
  E_ACCESS_LOG: { exit: 'store', hint: 'check the --access-log path and its permissions' },
  E_LOGS: { exit: 'store', hint: 'check the --logs path and its permissions' },
  E_OUTPUT: { exit: 'store', hint: 'check the output file\'s folder exists and is writable' },
  'ota.manifest.fetch_failed': { exit: 'store', hint: 'check the manifest URL and that the server is up' },
  'ota.download.fail': { exit: 'store', hint: 'the artifact could not be fetched; the next check resumes the partial download' },
  E_NUDGE_UNREACHABLE: { exit: 'store', hint: 'check the broker, FCM or webhook address and that it is up; nothing was sent' },
  E_FCM_AUTH_RESPONSE: { exit: 'store', hint: 'the FCM token endpoint answered something unexpected; retry later' },

  E_DECLINED: { exit: 'declined', hint: 'nothing was changed' },
  E_NEEDS_YES: { exit: 'declined', hint: 'pass --yes to publish without a prompt, or --dry-run to preview' },

  E_INTERRUPTED: { exit: 'interrupted', hint: 'the store is valid; otactl status shows the channel as it is' },
  E_TERMINATED: { exit: 'terminated', hint: 'the store is valid; otactl status shows the channel as it is' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
/** The codes whose exit code is `E` (a class raises only its own). */
export type CodeOf<E extends ExitName> = { [K in ErrorCode]: (typeof ERRORS)[K]['exit'] extends E ? K : never }[ErrorCode];

export class OtaError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string;
  /** Extra structured detail for the `--json` error object (redacted). */
  readonly details: Record<string, unknown>;

  constructor(
    /** Stable machine-readable code, e.g. `E_UNKNOWN_BUILD`. */
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(redactText(message));
    this.details = redactDeep(details);
    this.name = new.target.name;
    this.exitCode = ExitCode[ERRORS[code].exit];
    this.hint = ERRORS[code].hint;
  }
}

/** The `error` object of a --json error document. */
export function errorObject(err: OtaError): Record<string, unknown> {
  // Again at rendering: a secret registered after the error was made (read later) is masked too.
  return redactDeep({ code: err.code, message: err.message, exit_code: err.exitCode, hint: err.hint, ...err.details });
}

/**
 * A request option the library refuses, named by its field (`minCurrentVersion`), never by a flag:
 * the message writes options as backticked field names and command suggestions as a backticked
 * `otactl COMMAND key=value`, and `details.field` names the option. The CLI renders both as its
 * flags (src/cli/flag-names.ts). Exit 2; E_USAGE unless a more precise usage code applies.
 */
export class OptionError extends OtaError {
  constructor(
    readonly field: string,
    message: string,
    code: CodeOf<'usage'> = 'E_USAGE',
    details: Record<string, unknown> = {},
  ) {
    super(code, message, { field, ...details });
  }
  declare readonly code: CodeOf<'usage'>;
}

/**
 * Bad flags or arguments: the CLI's own error (a test keeps it inside src/cli). Below the CLI an
 * option is refused with OptionError, which names the field instead of the flag.
 */
export class UsageError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_USAGE', message, details);
  }
}

/** Well-formed request that the data does not allow (bad config, unknown build, percent out of range). */
export class ValidationError extends OtaError {
  constructor(message: string, code: Exclude<CodeOf<'usage'>, 'E_USAGE'> = 'E_INVALID', details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
  declare readonly code: Exclude<CodeOf<'usage'>, 'E_USAGE'>;
}

/** A channel change that the current state does not allow (rollout before promote, ...). */
export class TransitionError extends ValidationError {
  constructor(message: string, code: Exclude<CodeOf<'usage'>, 'E_USAGE'> = 'E_TRANSITION', details: Record<string, unknown> = {}) {
    super(message, code, details);
  }
}

/** Another writer changed the channel first (lost compare-and-swap). */
export class ConflictError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_CONFLICT', message, details);
  }
}

/** A channel change was published, but what follows it (CDN invalidation, edge check) failed: exit 4. */
export class PartialError extends OtaError {
  constructor(message: string, code: CodeOf<'partial'>, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
  declare readonly code: CodeOf<'partial'>;
}

/** An artifact, manifest or store record that cannot be trusted. */
export class VerificationError extends OtaError {
  constructor(message: string, code: CodeOf<'verification'> = 'E_VERIFY', details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
  declare readonly code: CodeOf<'verification'>;
}

/** The artifact verifies but is signed by a key that is not pinned for (or not trusted by) the app. */
export class SignerMismatchError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}, code: CodeOf<'signerMismatch'> = 'E_SIGNER_MISMATCH') {
    super(code, message, details);
  }
}

/** The store could not be read or written (permissions, network, missing bucket). */
export class StorageError extends OtaError {
  constructor(message: string, code: CodeOf<'store'> = 'E_STORE', details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** The user declined a confirmation, or one was needed without a TTY and without --yes. */
export class CancelledError extends OtaError {
  constructor(message: string, code: CodeOf<'declined'> = 'E_DECLINED') {
    super(code, message);
  }
}

/** A nudge transport (FCM, MQTT broker, webhook) could not be reached; nothing was sent. */
export class TransportError extends OtaError {
  constructor(message: string, code: CodeOf<'store'> = 'E_NUDGE_UNREACHABLE', details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** Stopped by Ctrl-C (at a prompt, or SIGINT): exit 130, the shell's 128 + 2. */
export class InterruptedError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_INTERRUPTED', message, details);
  }
}

/** Stopped by SIGTERM: exit 143 (128 + 15). */
export class TerminatedError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_TERMINATED', message, details);
  }
}
