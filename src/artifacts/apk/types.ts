/**
 * Contracts inside the APK verifier, shared by the ZIP reader, the v1 (JAR) scheme, the v2/v3/v3.1
 * schemes and the orchestrator (index.ts). Each scheme returns a SchemeResult; the orchestrator merges.
 */
import type { Issue, InspectReportBase } from '../types.js';
import type { ByteSource } from '../../util/byte-source.js';

/** One central-directory record. Offsets and sizes are as stored (32-bit ZIP; ZIP64 is refused). */
export interface ZipEntry {
  name: string;
  /** Raw name bytes, for the v1 rules about names (CR/LF in names). */
  nameBytes: Buffer;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The ZIP structure the APK schemes need. Built by zip.ts. */
export interface ZipArchive {
  source: ByteSource;
  eocdOffset: number;
  cdOffset: number;
  cdSize: number;
  /** Central directory entries, in central-directory order. */
  entries: ZipEntry[];
  /** Reads and inflates one entry, refusing more than `maxBytes` of output (zip bombs). */
  readEntry(entry: ZipEntry, maxBytes?: number): Promise<Buffer>;
}

export type SchemeId = 'v1' | 'v2' | 'v3' | 'v31';

export interface CertInfo {
  /** SHA-256 of the certificate DER, lowercase hex (what apksigner prints as "certificate SHA-256 digest"). */
  cert_sha256: string;
  subject: string;
  /** "RSA" | "EC" | "DSA" */
  key_algorithm: string;
  /** RSA modulus bits, EC field bits, DSA p bits. */
  key_size: number;
}

export interface SchemeSigner extends CertInfo {
  /** v3/v3.1 only: SDK range this signer covers. */
  min_sdk?: number;
  max_sdk?: number;
  /** Signature algorithm ids that were verified (e.g. 0x0103). */
  verified_algorithms?: number[];
}

export interface LineageNode extends CertInfo {
  /** Capability flags granted to this (older) certificate (installed data, shared UID, ...). */
  flags: number;
}

export interface SchemeResult {
  scheme: SchemeId;
  /** The scheme's block / files are present in the APK. */
  present: boolean;
  /** Present and every check passed. */
  verified: boolean;
  signers: SchemeSigner[];
  /** v3/v3.1: proof-of-rotation lineage, oldest first, when present. */
  lineage?: LineageNode[];
  errors: Issue[];
  warnings: Issue[];
}

/** SDK range the verification is done for (apksigner's --min-sdk-version / --max-sdk-version). */
export interface SdkRange {
  minSdk: number;
  maxSdk: number;
}

/** `otactl inspect app.apk --json` for an APK. */
export interface ApkReport extends InspectReportBase {
  kind: 'apk';
  package: string | null;
  version_code: number | null;
  version_name: string | null;
  min_sdk: number | null;
  target_sdk: number | null;
  schemes: { v1: boolean; v2: boolean; v3: boolean; v31: boolean };
  /** Current signer first, as apksigner prints it. */
  signers: CertInfo[];
  lineage: LineageNode[];
}
