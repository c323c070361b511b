import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import type * as z from '../protocol/zod.js';
import type { ArtifactUrlSigner } from '../cdn/signed-url.js';
import { hasSignature } from '../cdn/signature-params.js';
import { sealChange, toBuildRef, type PlannedChange } from '../core/channel.js';
import {
  APP_PAYLOAD_TYPE,
  AppRecord,
  AppRecordToSign,
  ChangeRecord,
  ChangeRecordToSign,
  MANIFEST_PAYLOAD_TYPE,
  ManifestPayload,
  RELEASE_PAYLOAD_TYPE,
  ReleaseRecord,
  ReleaseRecordToSign,
  type BuildDelta,
  type BuildRef,
  type ManifestBody,
} from '../protocol/schemas.js';
import { ConflictError, StorageError, ValidationError, VerificationError } from '../errors.js';
import { signEnvelope, type SigningKey } from '../protocol/dsse.js';
import type { Store } from '../store/store.js';
import { artifactUrl, cacheControl, layout } from './layout.js';
import { pointerCacheControl } from '../store/cache-control.js';
import { openSignedRecord } from '../protocol/signed-record.js';
import { DEVICE_JSON_MAX_DEPTH, parseStrictJsonBytes } from '../protocol/strict-json.js';
import { deviceUnreadableText } from '../protocol/device-text.js';
import { checkManifestSize } from './manifest-size.js';

/**
 * Releases, channels and their history on top of a Store. Every read is verified against the
 * trusted keys (a tampered store file is an error, never data); every write follows the crash-safe
 * order: artifact, release record, history record, then the channel pointer (compare-and-swap).
 */
export interface RepoKeys {
  trusted: Map<string, KeyObject>;
  /** Loaded only by commands that write. */
  signing: () => Promise<SigningKey[]>;
  /** Private CDN: signs the artifact URLs of each manifest sealed (undefined: URLs are written unsigned). */
  artifactUrls?: () => Promise<ArtifactUrlSigner | undefined>;
}

/** How manifests are published: the base URL artifacts are named under, and how long caches may keep a manifest. */
export interface PublishOptions {
  /** Base URL the store is served from (a CDN); manifests then carry absolute artifact URLs. */
  publicUrl?: string | undefined;
  /** Cache-Control max-age of channel manifests, seconds (default 30). */
  manifestMaxAge?: number | undefined;
}

export interface ChannelHead {
  payload: ManifestPayload;
  etag: string;
  key: string;
}

export class Repository {
  constructor(
    readonly store: Store,
    private readonly keys: RepoKeys,
    private readonly publish: PublishOptions = {},
  ) {}

  /** The base URL artifact URLs are written under (undefined: relative to the manifest); a CDN step's base URL. */
  get publicUrl(): string | undefined {
    return this.publish.publicUrl;
  }

  /** A copy of the public keys every read is verified with, by key id: what devices trust, so what an edge check verifies with. */
  get trustedKeys(): Map<string, KeyObject> {
    return new Map(this.keys.trusted);
  }

  // ---- app records ---------------------------------------------------------------------------

  /**
   * The app's signed record (kind, accepted signers), its version tag and the SHA-256 of its signed
   * payload (what manifests and release records made under it name); null when there is none.
   */
  async readAppRecord(app: string): Promise<{ record: AppRecord; etag: string; sha256: string } | null> {
    const key = layout.app(app);
    const obj = await this.store.get(key);
    if (!obj) return null;
    const { value, body } = openSignedRecord(obj.bytes, key, APP_PAYLOAD_TYPE, AppRecord, this.keys.trusted);
    if (value.app !== app) throw new VerificationError(`${key} describes ${value.app}: the store was tampered with`, 'E_TAMPERED');
    return { record: value, etag: obj.etag, sha256: sha256(body) };
  }

  /**
   * Writes the app record only if it is still at `etag` (null: only if absent); ConflictError
   * otherwise. Returns the SHA-256 of the signed payload.
   */
  async putAppRecord(record: AppRecord, etag: string | null): Promise<string> {
    const body = json(toSign(AppRecordToSign, record, layout.app(record.app)));
    const env = signEnvelope(APP_PAYLOAD_TYPE, body, await this.keys.signing());
    await this.store.compareAndSwap(layout.app(record.app), json(env), etag, { contentType: 'application/json', cacheControl: cacheControl.pointer });
    return sha256(body);
  }

  // ---- releases -------------------------------------------------------------------------------

  async putRelease(record: ReleaseRecord): Promise<{ record: ReleaseRecord; created: boolean }> {
    const body = json(toSign(ReleaseRecordToSign, record, layout.release(record.app, record.build_id)));
    const env = signEnvelope(RELEASE_PAYLOAD_TYPE, body, await this.keys.signing());
    const key = layout.release(record.app, record.build_id);
    const result = await this.store.putIfAbsent(key, json(env), { contentType: 'application/json', cacheControl: cacheControl.immutable });
    if (result === 'created') return { record, created: true };
    const existing = await this.getRelease(record.app, record.build_id);
    if (!existing) throw new VerificationError(`${key} vanished while uploading`, 'E_TAMPERED');
    return { record: existing, created: false };
  }

  async getRelease(app: string, buildId: string): Promise<ReleaseRecord | null> {
    const key = layout.release(app, buildId);
    const obj = await this.store.get(key);
    if (!obj) return null;
    const { value } = openSignedRecord(obj.bytes, key, RELEASE_PAYLOAD_TYPE, ReleaseRecord, this.keys.trusted);
    if (value.app !== app || value.build_id !== buildId) {
      throw new VerificationError(`${key} describes ${value.app}/${value.build_id}: the store was tampered with`, 'E_TAMPERED');
    }
    return value;
  }

  async listReleases(app: string): Promise<ReleaseRecord[]> {
    const { builds, damaged } = await this.surveyReleases(app);
    if (damaged.length > 0) throw damaged[0]!.error;
    return builds;
  }

  /**
   * Every release record of the app that verifies, and those that do not (or cannot be read), each
   * with its error: one damaged record does not hide the others (`otactl builds`).
   */
  async surveyReleases(app: string): Promise<{ builds: ReleaseRecord[]; damaged: { key: string; build_id: string; error: VerificationError | StorageError }[] }> {
    const builds: ReleaseRecord[] = [];
    const damaged: { key: string; build_id: string; error: VerificationError | StorageError }[] = [];
    for (const key of await this.store.list(layout.releasesPrefix(app))) {
      const id = key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '');
      try {
        const rec = await this.getRelease(app, id);
        if (rec) builds.push(rec);
      } catch (err) {
        if (!(err instanceof VerificationError || err instanceof StorageError)) throw err;
        damaged.push({ key, build_id: id, error: err });
      }
    }
    builds.sort((a, b) => a.version_code - b.version_code || a.uploaded_at.localeCompare(b.uploaded_at));
    return { builds, damaged };
  }

  private async releasesStartingWith(app: string, idStart: string): Promise<ReleaseRecord[]> {
    const out: ReleaseRecord[] = [];
    for (const key of await this.store.list(layout.releasesPrefix(app), idStart)) {
      const rec = await this.getRelease(app, key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, ''));
      if (rec) out.push(rec);
    }
    return out;
  }

  /** A build by id, unique id prefix (`b-3f2a`), or unique sha256 prefix. */
  async resolveBuild(app: string, ref: string): Promise<ReleaseRecord> {
    if (/^b-[0-9a-f]{12}$/.test(ref)) {
      const exact = await this.getRelease(app, ref);
      if (exact) return exact;
    }
    // A build id is `b-` + the first 12 hex digits of the SHA-256, so both kinds of prefix name a
    // key prefix: one listing of the few matching records, however many builds the app has.
    const needle = ref.toLowerCase();
    const idStart = needle.startsWith('b-') ? needle : needle.length >= 6 && /^[0-9a-f]+$/.test(needle) ? `b-${needle.slice(0, 12)}` : null;
    const all = idStart !== null && /^b-[0-9a-f]*$/.test(idStart) ? await this.releasesStartingWith(app, idStart) : [];
    const hits = all.filter((r) => r.build_id.startsWith(needle) || (needle.length >= 6 && r.sha256.startsWith(needle)));
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) {
      throw new ValidationError(`"${ref}" matches ${hits.length} builds of ${app}: ${hits.map((h) => h.build_id).join(', ')}`, 'E_AMBIGUOUS_BUILD');
    }
    throw new ValidationError(`no build "${ref}" of ${app} in ${this.store.url} (\`otactl builds app=${app}\` lists them)`, 'E_UNKNOWN_BUILD');
  }

  buildRef(rec: ReleaseRecord): BuildRef {
    return toBuildRef({
      build_id: rec.build_id,
      kind: rec.kind,
      version_code: rec.version_code,
      version_name: rec.version_name,
      url: artifactUrl(rec.sha256, this.publish.publicUrl),
      sha256: rec.sha256,
      size: rec.size,
      signer_fingerprint: rec.signer_fingerprint,
      chip: rec.chip,
      secure_version: rec.secure_version,
    });
  }

  // ---- channels -------------------------------------------------------------------------------

  async readChannel(app: string, channel: string): Promise<ChannelHead | null> {
    const key = layout.manifest(app, channel);
    const obj = await this.store.get(key);
    if (!obj) return null;
    const { value } = openSignedRecord(obj.bytes, key, MANIFEST_PAYLOAD_TYPE, ManifestPayload, this.keys.trusted);
    if (value.app !== app || value.channel !== channel) {
      throw new VerificationError(`${key} is the manifest of ${value.app}/${value.channel}: the store was tampered with`, 'E_TAMPERED', {
        manifest_of: `${value.app}/${value.channel}`,
      });
    }
    return { payload: value, etag: obj.etag, key };
  }

  /** The published manifest as a device fetches it: bytes, not yet verified (the caller verifies them as a device does). */
  async readManifestBytes(app: string, channel: string): Promise<Buffer | null> {
    return (await this.store.get(layout.manifest(app, channel)))?.bytes ?? null;
  }

  async listChannels(app: string): Promise<string[]> {
    const keys = await this.store.list(layout.channelsPrefix(app));
    return keys.filter((k) => k.endsWith('/manifest.json')).map((k) => k.split('/').at(-2)!);
  }

  async listApps(): Promise<string[]> {
    const keys = await this.store.list(layout.appsPrefix());
    return [...new Set(keys.map((k) => k.split('/')[1]!))];
  }

  /**
   * Publishes a planned change: history record first (immutable, named by its digest), then the
   * signed manifest swapped in only if the channel is still at `head` (ConflictError otherwise).
   * A repair chains to a verified record but swaps against the damaged object's etag (`swapFrom`).
   * A signed manifest larger than the app's devices read is refused for ESP firmware
   * (E_MANIFEST_TOO_LARGE), else published and reported to `onWarning` (manifest-size.ts).
   */
  async commit(head: ChannelHead | null, plan: PlannedChange, swapFrom: string | null = head?.etag ?? null, onWarning?: (message: string) => void): Promise<ManifestPayload> {
    // Delta patches are an optimisation: when they make an ESP manifest too large for its devices
    // (long signed URLs, say), the last ones go, before anything is written (docs/delta.md).
    const dropped: string[] = [];
    for (let attempt = plan; ; ) {
      try {
        const payload = await this.commitOnce(head, attempt, swapFrom, onWarning);
        if (dropped.length > 0) {
          onWarning?.(`the delta patches from ${dropped.join(', ')} were left out of the manifest of ${payload.app}/${payload.channel}: with them it would exceed what ESP devices read`);
        }
        return payload;
      } catch (err) {
        const deltas = attempt.payload.build.deltas ?? [];
        if (!(err instanceof ValidationError && err.code === 'E_MANIFEST_TOO_LARGE') || deltas.length === 0) throw err;
        dropped.unshift(deltas.at(-1)!.from_build_id);
        attempt = withDeltas(attempt, deltas.slice(0, -1));
      }
    }
  }

  private async commitOnce(head: ChannelHead | null, plan: PlannedChange, swapFrom: string | null, onWarning?: (message: string) => void): Promise<ManifestPayload> {
    const sealed = await this.withArtifactUrls(plan);
    toSign(ChangeRecordToSign, { ...sealed.record, prev: head?.payload.change ?? null }, `the history record of ${plan.payload.app}/${plan.payload.channel}`);
    const { recordBytes, digest, payload } = sealChange(sealed, head?.payload.change ?? null);
    // Never publish what devices (and otactl itself) would refuse to read.
    const valid = ManifestPayload.safeParse(payload);
    if (!valid.success) {
      const first = valid.error.issues[0]!;
      throw new ValidationError(`refusing to publish an invalid manifest: ${first.path.join('.')}: ${first.message}`, 'E_INVALID_MANIFEST');
    }
    // The text too, as devices read it: a string with U+0000 or a lone surrogate (an APK's
    // versionName, say) is written as an escape every client refuses (docs/vectors.md).
    const body = json(payload);
    try {
      parseStrictJsonBytes(body, { maxDepth: DEVICE_JSON_MAX_DEPTH });
    } catch (err) {
      const where = deviceUnreadableText(payload);
      throw new ValidationError(
        where !== null
          ? `refusing to publish an invalid manifest: ${where}: holds U+0000 or a lone surrogate, which devices cannot read`
          : `refusing to publish a manifest devices cannot read: ${(err as Error).message}`,
        'E_INVALID_MANIFEST',
      );
    }
    const signing = await this.keys.signing();
    const envBytes = json(signEnvelope(MANIFEST_PAYLOAD_TYPE, body, signing));
    // The size as devices fetch it, against the caps of the app's agents: before anything is written.
    // lazy: the artifact families bring the APK and ESP readers, which only a commit needs (not status or check)
    const { familyOfKind } = await import('../artifacts/index.js');
    const sizeWarning = checkManifestSize(familyOfKind(payload.build.kind), envBytes.length, payload);
    const recordKey = layout.history(payload.app, payload.channel, payload.sequence, digest);
    const wrote = await this.store.putIfAbsent(recordKey, recordBytes, { contentType: 'application/json', cacheControl: cacheControl.immutable });
    try {
      await this.store.compareAndSwap(layout.manifest(payload.app, payload.channel), envBytes, swapFrom, {
        contentType: 'application/json',
        cacheControl: this.publish.manifestMaxAge === undefined ? cacheControl.pointer : pointerCacheControl(this.publish.manifestMaxAge),
      });
    } catch (err) {
      // A loser removes the record it wrote, unless a writer of the very same bytes won with it.
      if (err instanceof ConflictError && wrote === 'created' && !(await this.isOnChain(payload.app, payload.channel, digest, payload.sequence))) {
        await this.store.delete(recordKey).catch(() => undefined);
      }
      throw err;
    }
    if (sizeWarning !== null) onWarning?.(sizeWarning);
    return payload;
  }

  /**
   * The artifact URLs of each sealed manifest come from the publish settings, not from the
   * manifest before it (a refresh or a rollout carries the previous manifest's builds): with a
   * public base URL every build, last safe and intermediate URL is written afresh under it (a
   * changed public_url takes effect at the next change), and a private CDN's URLs are also signed
   * afresh for this manifest's expiry. Without a base URL, URLs are kept as they are, except
   * signed ones: their signature would end before this manifest does, so that is refused.
   */
  private async withArtifactUrls(plan: PlannedChange): Promise<PlannedChange> {
    const signer = await this.keys.artifactUrls?.();
    const body = plan.payload;
    let urlOf: (ref: { sha256: string }) => string;
    if (signer) {
      urlOf = (ref) => signer.sign(artifactUrl(ref.sha256, signer.publicUrl), body.expires_at);
    } else {
      const refs = [body.build, body.last_safe, body.gating.intermediate, ...(body.build.deltas ?? []).map((d) => ({ ...d, build_id: `the delta from ${d.from_build_id}` }))];
      const stale = refs.find((ref) => ref && hasSignature(ref.url));
      if (stale) {
        throw new ValidationError(
          `the manifest of ${body.app}/${body.channel} carries a signed URL for ${stale.build_id}, but no CloudFront key is configured to sign it for the new expiry`,
          'E_CLOUDFRONT_KEY',
        );
      }
      const base = this.publish.publicUrl;
      if (!base) return plan;
      urlOf = (ref) => artifactUrl(ref.sha256, base);
    }
    const withUrl = <T extends { sha256: string; url: string }>(ref: T): T => ({ ...ref, url: urlOf(ref) });
    const build = withUrl(body.build);
    if (build.deltas) build.deltas = build.deltas.map(withUrl);
    const payload: ManifestBody = {
      ...body,
      build,
      last_safe: body.last_safe && withUrl(body.last_safe),
      gating: { ...body.gating, intermediate: body.gating.intermediate && withUrl(body.gating.intermediate) },
    };
    return { ...plan, payload, record: { ...plan.record, manifest: payload } };
  }

  /** Whether the channel's current chain holds the record (digest, sequence); unsure counts as yes. */
  private async isOnChain(app: string, channel: string, digest: string, sequence: number): Promise<boolean> {
    try {
      const head = await this.readChannel(app, channel);
      if (!head) return false;
      for await (const link of this.chain(app, channel, head.payload.change, head.payload.sequence)) {
        if (link.record.sequence <= sequence) return link.digest === digest;
      }
      return false;
    } catch {
      return true;
    }
  }

  /**
   * The channel's history, newest first, by walking the digest chain from the manifest. Each record
   * must hash to the digest that names it, so editing any record breaks the chain (the manifest that
   * names the head is signed). Orphans of crashed or losing writers are not on the chain.
   */
  async readHistory(head: ChannelHead): Promise<ChangeRecord[]> {
    const out: ChangeRecord[] = [];
    for await (const link of this.chain(head.payload.app, head.payload.channel, head.payload.change, head.payload.sequence)) out.push(link.record);
    return out;
  }

  /**
   * Verifies the newest `depth` links of the channel's chain (all of it when it is shorter): what a
   * change and `status` check before acting, at a cost that does not grow with the history. WHY not
   * the whole walk: S3 bills and delays per request, and every link was verified by the changes
   * made while it was among the newest; damage deeper down (a record edited or deleted by hand
   * later) is what `history`, `status --verify-history` and `repair` find.
   */
  async verifyRecentHistory(head: ChannelHead, depth = RECENT_HISTORY_DEPTH): Promise<void> {
    let seen = 0;
    for await (const _link of this.chain(head.payload.app, head.payload.channel, head.payload.change, head.payload.sequence)) {
      if (++seen >= depth) return;
    }
  }

  /**
   * Walks the chain down from the record (digest, sequence) to sequence 1, verifying each link;
   * throws E_TAMPERED at the first one that does not verify.
   */
  async *chain(app: string, channel: string, digest: string, sequence: number, names?: Map<string, string>): AsyncGenerator<ChainLink> {
    let next: string | null = digest;
    let expectedSeq = sequence;
    while (next !== null) {
      // Each record's key follows from its sequence and digest: no listing needed.
      const key = names?.get(`${String(expectedSeq).padStart(10, '0')}-${next.slice(0, 16)}.json`) ?? layout.history(app, channel, expectedSeq, next);
      const obj = await this.store.get(key);
      if (!obj) throw new VerificationError(`history of ${app}/${channel} is missing change ${expectedSeq} (${key.slice(key.lastIndexOf('/') + 1)})`, 'E_TAMPERED');
      if (createHash('sha256').update(obj.bytes).digest('hex') !== next) {
        throw new VerificationError(`history record ${key} does not match its digest: the store was tampered with`, 'E_TAMPERED');
      }
      const record = parseRecord(obj.bytes);
      const prevSeq = record?.prev_sequence ?? expectedSeq - 1;
      if (!record || record.sequence !== expectedSeq || record.app !== app || record.channel !== channel || prevSeq >= expectedSeq) {
        throw new VerificationError(`history record ${key} is malformed`, 'E_TAMPERED');
      }
      yield { record, digest: next, key };
      next = record.prev;
      expectedSeq = prevSeq;
    }
    if (expectedSeq !== 0) throw new VerificationError(`history of ${app}/${channel} ends at change ${expectedSeq + 1}, not 1`, 'E_TAMPERED');
  }

  /** History record keys by file name (`<sequence>-<digest prefix>.json`). */
  async historyNames(app: string, channel: string): Promise<Map<string, string>> {
    const keys = await this.store.list(layout.historyPrefix(app, channel));
    return new Map(keys.map((k) => [k.slice(k.lastIndexOf('/') + 1), k]));
  }
}

/** How many of a channel's newest history records a change and `status` verify (docs/s3.md). */
export const RECENT_HISTORY_DEPTH = 16;

export interface ChainLink {
  record: ChangeRecord;
  digest: string;
  key: string;
}

function parseRecord(bytes: Buffer): ChangeRecord | null {
  try {
    // One reading: a record with a duplicate member name is damaged like an unparseable one.
    const parsed = ChangeRecord.safeParse(parseStrictJsonBytes(bytes));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Fields that name who acted: a value the schema refuses there is E_ACTOR. */
const ACTOR_FIELDS = new Set(['actor', 'uploaded_by', 'created_by', 'by']);

/**
 * The writer's rules, whoever calls: a record is signed only when its to-sign schema accepts it
 * (a library caller cannot sign control characters as the actor, a negative version code...).
 * Returns the value as given (the schema's defaults are not written in).
 */
function toSign<T>(schema: z.ZodType, value: T, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  const first = parsed.error.issues[0]!;
  const field = first.path.at(-1);
  const where = first.path.join('.');
  if (typeof field === 'string' && ACTOR_FIELDS.has(field)) {
    throw new ValidationError(`refusing to sign ${what}: ${where} ${JSON.stringify(valueAt(value, first.path))}: ${first.message}`, 'E_ACTOR');
  }
  throw new ValidationError(`refusing to sign ${what}: ${where}: ${first.message}`, 'E_INVALID_RECORD');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The plan with the build's delta list replaced (absent when empty), in the manifest and its record. */
function withDeltas(plan: PlannedChange, deltas: BuildDelta[]): PlannedChange {
  const build = { ...plan.payload.build };
  if (deltas.length > 0) build.deltas = deltas;
  else delete build.deltas;
  const payload = { ...plan.payload, build };
  return { ...plan, payload, record: { ...plan.record, manifest: payload } };
}
