/**
 * otactl as a library: the release workflows the CLI runs, with explicit dependencies and typed
 * results, for Node CI scripts. Nothing here reads flags, config files or the terminal.
 *
 *   const repo = await openRepository({ store: 'file://./ota-store', trustedKeys: ['keys/ota.pub.pem'], signingKeys: [process.env.OTA_KEY!] });
 *   const deps = releaseDeps(repo, 'github:release-bot');
 *   await promote(deps, { app: 'com.example.agent', channel: 'stable', build: 'b-3f2a', percent: 5 });
 */
export { openRepository, type OpenRepositoryOptions, type KeyInput } from './api/open-repository.js';
export { releaseDeps, DEFAULT_MANIFEST_TTL_SECONDS, DEFAULT_PREVIEW_FLEET, type ReleaseDeps } from './release/deps.js';
export {
  promote,
  rollout,
  rollback,
  refresh,
  PROMOTE_DEFAULTS,
  type PromoteRequest,
  type RolloutRequest,
  type RollbackRequest,
  type InstallWindowInput,
} from './release/channel-workflows.js';
export { parseInstallWindow, inInstallWindow, localTimeAt, NO_INSTALL_WINDOW } from './protocol/install-window.js';
export type { ChangeResult, Preview } from './release/change.js';
export { upload, type UploadRequest, type UploadResult, type AppPolicy } from './release/upload.js';
export { repair, type RepairRequest, type RepairResult } from './release/repair.js';
export { rolloutTick, type TickRequest, type TickResult } from './release/rollout-plan.js';
export { invalidateChannel, type InvalidateRequest, type InvalidateResult } from './release/cdn.js';
export { Cdn, callerReference, type CdnOptions, type CdnFields, type PublishedChange } from './cdn/cdn.js';
export { CloudFrontInvalidator, type CloudFrontInvalidatorOptions, type Invalidator, type Invalidation } from './cdn/invalidator.js';
export { verifyEdge, type EdgeCheck, type EdgeCheckOptions } from './cdn/edge.js';
export { ArtifactUrlSigner, cloudFrontKeyFromPem, SIGNED_URL_MARGIN_SECONDS, type CloudFrontSigningKey } from './cdn/signed-url.js';
export { verifySignedUrl, type SignedUrlVerdict } from './edge/url-signature.js';
export { aggregate, StatsAggregator, type StatsReport, type ArtifactOrigin } from './telemetry/aggregate.js';
export { readLogs } from './telemetry/readers.js';
export { artifactOrigins } from './telemetry/artifact-origins.js';
export { toPrometheus } from './telemetry/prometheus.js';
export type { PlanNotice } from './release/deps.js';
export { Repository, type ChannelHead } from './repo/repository.js';
export { Store, type StoredObject, type PutOptions, type PutResult } from './store/store.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export type { S3Settings } from './store/open.js';
export { cohortBucket, inCohort } from './protocol/cohort.js';
export type { ManifestPayload, ReleaseRecord, ChangeRecord, BuildRef, InstallWindow } from './protocol/schemas.js';
export { OtaError, ExitCode, ERRORS, type ErrorCode } from './errors.js';
