import { basename } from 'node:path';
import { inspectArtifact } from '../artifacts/index.js';
import type { InspectReportBase, ReleaseFacts } from '../artifacts/types.js';
import { AppId, SCHEMA_VERSION, type ReleaseRecord } from '../core/schemas.js';
import { deriveVersionCode } from '../core/version.js';
import { SignerMismatchError, ValidationError, VerificationError } from '../errors.js';
import type { CliContext } from '../cli/context.js';
import { cacheControl, layout } from '../repo/layout.js';
import type { Repository } from '../repo/repository.js';

export interface UploadOptions {
  file: string;
  app?: string;
  kind?: string;
  versionCode?: number;
  versionName?: string;
  notes: string;
  expectSigners: string[];
  partitionSize?: number;
  /** Only check against this channel's current build (default: every channel of the app). */
  channel?: string;
  allowLowerVersion: boolean;
  allowLowerSecureVersion: boolean;
  trustedKeyDigests: string[];
  /** ESP Secure Boot v2 public key files (PEM). */
  trustedKeys: string[];
}

export interface UploadResult {
  build_id: string;
  app: string;
  created: boolean;
  kind: string;
  sha256: string;
  size: number;
  version_code: number;
  version_name: string;
  signer_fingerprint: string | null;
  chip: string | null;
  secure_version: number | null;
  artifact: string;
  release: string;
  warnings: string[];
}

/**
 * Verify, then store: the artifact (content-addressed, idempotent) and then its signed release
 * record. Nothing is written unless every check passes.
 */
export async function upload(ctx: CliContext, opts: UploadOptions): Promise<UploadResult> {
  const cfg = await ctx.config();
  // Secure Boot key pins of the named app apply already while inspecting.
  const pinnedDigests = opts.app ? (cfg.file.apps[opts.app]?.secure_boot_key_digests ?? []) : [];
  const trustedKeyDigests = [...opts.trustedKeyDigests, ...pinnedDigests];
  const spinner = await ctx.io.spinner(`verifying ${basename(opts.file)}`);
  const { report, facts } = await inspectArtifact(opts.file, { trustedKeyDigests, trustedKeys: opts.trustedKeys }, opts.kind).finally(() => spinner.stop());
  if (!report.verified) {
    const first = report.errors[0];
    throw new VerificationError(
      `${opts.file} does not verify${first ? `: ${first.code}: ${first.message}` : ''}; nothing was uploaded (otactl inspect shows the full report)`,
      'E_ARTIFACT_UNVERIFIED',
      { errors: report.errors },
    );
  }
  const app = opts.app ?? facts.package;
  if (!app) throw new ValidationError('--app is required for this artifact (it does not name its application)', 'E_USAGE');
  const appOk = AppId.safeParse(app);
  if (!appOk.success) throw new ValidationError(`--app "${app}": ${appOk.error.issues[0]!.message}`, 'E_USAGE');
  const appCfg = cfg.file.apps[app];
  const warnings: string[] = [];
  if (facts.package && facts.package !== app) warnings.push(`the APK's package is ${facts.package}, uploading it under app id ${app}`);

  const { versionCode, versionName } = versionOf(report, facts, opts);
  checkSigner(facts, [...opts.expectSigners, ...(appCfg?.expected_signers ?? [])], warnings);
  const partition = opts.partitionSize ?? appCfg?.partition_size;
  if (partition !== undefined && report.size > partition) {
    throw new ValidationError(`${opts.file} is ${report.size} bytes, larger than the ${partition}-byte OTA partition`, 'E_TOO_LARGE');
  }

  const repo = await ctx.repo();
  await checkAgainstChannels(repo, app, versionCode, facts, opts);

  const buildId = `b-${report.sha256.slice(0, 12)}`;
  const artifactKey = layout.artifact(report.sha256);
  await repo.store.putFileIfAbsent(
    artifactKey,
    opts.file,
    report.size,
    { contentType: report.kind === 'apk' ? 'application/vnd.android.package-archive' : 'application/octet-stream', cacheControl: cacheControl.immutable },
    ctx.io.progress(`uploading ${basename(opts.file)}`),
  );
  const record: ReleaseRecord = {
    schema_version: SCHEMA_VERSION,
    app,
    build_id: buildId,
    kind: report.kind,
    sha256: report.sha256,
    size: report.size,
    version_code: versionCode,
    version_name: versionName,
    signer_fingerprint: facts.signer_fingerprint ?? null,
    signer_lineage: facts.signer_lineage ?? [],
    chip: facts.chip ?? null,
    secure_version: facts.secure_version ?? null,
    artifact_key: artifactKey,
    file_name: basename(opts.file),
    notes: opts.notes,
    uploaded_at: ctx.now().toISOString(),
    uploaded_by: ctx.actor(),
    extra: facts.extra ?? {},
  };
  const stored = await repo.putRelease(record);
  if (!stored.created && (stored.record.version_code !== versionCode || stored.record.version_name !== versionName)) {
    warnings.push(`these bytes were uploaded before as ${buildId} (version ${stored.record.version_name}, code ${stored.record.version_code}); the existing record is kept`);
  }
  const r = stored.record;
  return {
    build_id: r.build_id,
    app,
    created: stored.created,
    kind: r.kind,
    sha256: r.sha256,
    size: r.size,
    version_code: r.version_code,
    version_name: r.version_name,
    signer_fingerprint: r.signer_fingerprint,
    chip: r.chip,
    secure_version: r.secure_version,
    artifact: artifactKey,
    release: layout.release(app, r.build_id),
    warnings,
  };
}

function versionOf(report: InspectReportBase, facts: ReleaseFacts, opts: UploadOptions): { versionCode: number; versionName: string } {
  if (facts.version_code !== undefined) {
    if (opts.versionCode !== undefined && opts.versionCode !== facts.version_code) {
      throw new ValidationError(`--version-code ${opts.versionCode} contradicts the artifact's own ${facts.version_code}`, 'E_VERSION_MISMATCH');
    }
    if (opts.versionName !== undefined && facts.version_name !== undefined && opts.versionName !== facts.version_name) {
      throw new ValidationError(`--version-name ${opts.versionName} contradicts the artifact's own ${facts.version_name}`, 'E_VERSION_MISMATCH');
    }
    return { versionCode: facts.version_code, versionName: facts.version_name ?? String(facts.version_code) };
  }
  const name = opts.versionName ?? facts.version_name;
  const code = opts.versionCode ?? (name !== undefined ? deriveVersionCode(name) : null);
  if (code === null || code === undefined) {
    throw new ValidationError(
      name !== undefined
        ? `cannot derive a version code from "${name}" (expected MAJOR.MINOR.PATCH); pass --version-code N`
        : `a ${report.kind} artifact carries no version: pass --version-code N (and --version-name)`,
      'E_NO_VERSION',
    );
  }
  return { versionCode: code, versionName: name ?? String(code) };
}

/** Signer pinning: the current signer must be pinned, or a pinned cert must be in its rotation lineage. */
function checkSigner(facts: ReleaseFacts, expected: string[], warnings: string[]): void {
  if (expected.length === 0 || facts.signer_fingerprint === undefined) return;
  const pins = new Set(expected.map((e) => e.toLowerCase().replace(/:/g, '')));
  if (pins.has(facts.signer_fingerprint)) return;
  const viaLineage = (facts.signer_lineage ?? []).find((fp) => pins.has(fp));
  if (viaLineage) {
    warnings.push(`signed by rotated key ${facts.signer_fingerprint}; accepted because its lineage contains pinned ${viaLineage}. Pin the new key too.`);
    return;
  }
  throw new SignerMismatchError(
    `signed by ${facts.signer_fingerprint}, which is not a pinned signer (${[...pins].join(', ')}) nor rotated from one; nothing was uploaded`,
    { signer: facts.signer_fingerprint, expected: [...pins] },
  );
}

async function checkAgainstChannels(repo: Repository, app: string, versionCode: number, facts: ReleaseFacts, opts: UploadOptions): Promise<void> {
  const channels = opts.channel ? [opts.channel] : await repo.listChannels(app);
  for (const channel of channels) {
    const head = await repo.readChannel(app, channel);
    if (!head) continue;
    const cur = head.payload.build;
    if (versionCode <= cur.version_code && !opts.allowLowerVersion) {
      throw new ValidationError(
        `version code ${versionCode} is not above ${cur.build_id} (${cur.version_code}), current on ${channel}; pass --allow-lower-version to upload it anyway`,
        'E_VERSION_NOT_HIGHER',
      );
    }
    if (facts.secure_version !== undefined && cur.secure_version !== null && facts.secure_version < cur.secure_version && !opts.allowLowerSecureVersion) {
      throw new ValidationError(
        `secure_version ${facts.secure_version} is below ${cur.secure_version} of ${cur.build_id} on ${channel}: devices with anti-rollback would refuse it; pass --allow-lower-secure-version to upload it anyway`,
        'E_SECURE_VERSION',
      );
    }
  }
}
