/**
 * Typed errors and the documented exit codes. Only the CLI's top-level handler turns these into
 * text; library code throws them and never prints. A plain `Error` is a bug (exit 1, stack with --debug).
 */
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
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class OtaError extends Error {
  constructor(
    message: string,
    /** Stable machine-readable code, e.g. `E_UNKNOWN_BUILD`. */
    readonly code: string,
    readonly exitCode: ExitCodeValue,
    /** Extra structured detail for the `--json` error object. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments; the CLI also prints a usage hint. */
export class UsageError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, 'E_USAGE', ExitCode.usage, details);
  }
}

/** Well-formed request that the data does not allow (bad config, unknown build, percent out of range). */
export class ValidationError extends OtaError {
  constructor(message: string, code = 'E_INVALID', details: Record<string, unknown> = {}) {
    super(message, code, ExitCode.usage, details);
  }
}

/** A channel change that the current state does not allow (rollout before promote, ...). */
export class TransitionError extends OtaError {
  constructor(message: string, code = 'E_TRANSITION', details: Record<string, unknown> = {}) {
    super(message, code, ExitCode.usage, details);
  }
}

/** Another writer changed the channel first (lost compare-and-swap). */
export class ConflictError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, 'E_CONFLICT', ExitCode.conflict, details);
  }
}

/** An artifact, manifest or store record that cannot be trusted. */
export class VerificationError extends OtaError {
  constructor(message: string, code = 'E_VERIFY', details: Record<string, unknown> = {}) {
    super(message, code, ExitCode.verification, details);
  }
}

/** The artifact verifies but is signed by a key that is not pinned for (or not trusted by) the app. */
export class SignerMismatchError extends OtaError {
  constructor(message: string, details: Record<string, unknown> = {}, code = 'E_SIGNER_MISMATCH') {
    super(message, code, ExitCode.signerMismatch, details);
  }
}

/** The store could not be read or written (permissions, network, missing bucket). */
export class StorageError extends OtaError {
  constructor(message: string, code = 'E_STORE', details: Record<string, unknown> = {}) {
    super(message, code, ExitCode.store, details);
  }
}

/** The user declined a confirmation, or one was needed without a TTY and without --yes. */
export class CancelledError extends OtaError {
  constructor(message: string, code = 'E_DECLINED') {
    super(message, code, ExitCode.declined);
  }
}
