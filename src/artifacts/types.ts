/**
 * The seam between otactl and each kind of artifact (generic file, APK, ESP image).
 * An inspector reads an artifact and returns a report; it never throws on a bad artifact
 * (a malformed file is an Issue), only on I/O failure.
 */
import type { ArtifactFamilyName } from '../protocol/schemas.js';

/** One problem found in an artifact. `code` is stable (tests and scripts match on it). */
export interface Issue {
  code: string;
  message: string;
  /** Typed parameters of the message, for machines. */
  params?: Record<string, unknown>;
}

/** What every inspector reports, plus its own kind-specific fields. */
export interface InspectReportBase {
  kind: string;
  /** SHA-256 of the whole file, lowercase hex. */
  sha256: string;
  size: number;
  verified: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/** What an upload takes from the artifact itself into the release record. */
export interface ReleaseFacts {
  /** App id the artifact declares (APK package); undefined when the artifact has none. */
  package?: string;
  version_code?: number;
  version_name?: string;
  /** APK: SHA-256 of the current signer's certificate (lowercase hex). */
  signer_fingerprint?: string;
  /** APK: certificates of the rotation lineage, oldest first (lowercase hex SHA-256). */
  signer_lineage?: string[];
  /** ESP: chip name such as "esp32s3". */
  chip?: string;
  /** ESP: anti-rollback counter from esp_app_desc_t. */
  secure_version?: number;
  /** Anything else worth keeping (project name, IDF version, min_sdk ...). */
  extra?: Record<string, unknown>;
}

export interface InspectResult<R extends InspectReportBase = InspectReportBase> {
  report: R;
  facts: ReleaseFacts;
}

export interface InspectOptions {
  /** Trusted Secure Boot v2 key digests (hex) for ESP images. */
  trustedKeyDigests?: string[];
  /** Paths of trusted Secure Boot v2 public keys (PEM; private keys and certificates also work). */
  trustedKeys?: string[];
}

export interface ArtifactInspector {
  inspect(path: string, options: InspectOptions): Promise<InspectResult>;
}

/**
 * How otactl recognises one family of artifacts without loading its inspector (`otactl --version`
 * never loads the APK or ESP code). A family that lists extensions is recognised by its name, and
 * the name is a claim the content must then hold (`r.apk` is inspected, and fails, as an APK); the
 * others are recognised by their first bytes.
 */
export interface ArtifactFamily {
  readonly name: ArtifactFamilyName;
  /** `kind` values its inspector reports, e.g. ["esp-app", "esp-bootloader", ...]. */
  readonly kinds: readonly string[];
  /** Lowercase file-name endings that claim this family, e.g. [".apk"]. */
  readonly extensions: readonly string[];
  /** Cheap content signature from the first bytes (up to 64). */
  detect(head: Buffer): boolean;
  load(): Promise<ArtifactInspector>;
}

export function issue(code: string, message: string, params?: Record<string, unknown>): Issue {
  return params === undefined ? { code, message } : { code, message, params };
}
