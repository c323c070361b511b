import { createHash } from 'node:crypto';
import { openRegularFile, readRegularFile } from '../util/regular-file.js';
import { sha256File } from '../util/hash.js';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ConflictError, StorageError } from '../errors.js';
import { sha256Hex } from '../util/hash.js';
import { redactResolvedCredentials } from '../util/aws-credentials.js';
import { redactKnown } from '../util/redact.js';
import { BackendFailure, isInternalName, Store, type ObjectInfo, type PutOptions, type PutResult, type StoredObject, type TemporaryObject, type UploadProgress } from './store.js';

/** Everything an S3Store needs; credentials come from the SDK's default provider chain (env, profile, SSO, IMDS). */
export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, without a trailing '/' ('' for the bucket's root). */
  prefix: string;
  region?: string;
  /** A non-AWS server or a proxy, e.g. http://127.0.0.1:7480. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** A named profile of ~/.aws/config for the default provider chain. */
  profile?: string;
  /** Send If-Match with the ETag unquoted: Ceph RGW matches only that form (docs/testing.md). */
  ifMatchUnquoted?: boolean;
  /** Files above this many bytes go up as a multipart upload (bounded memory, parallel parts). */
  multipartThreshold?: number;
  partSize?: number;
  /** Tries per request (the first included), with exponential backoff and full jitter between. */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Per-request time limit. */
  timeoutMs?: number;
  /**
   * The whole store's waiting, for one command: the time of failed requests (no answer, an
   * error) and the pauses between tries, summed. Past it the store gives up ("timed out after N s
   * at ENDPOINT"). Successful requests do not count, however long an upload takes.
   */
  waitLimitMs?: number;
  /** Called about once a second while a request is outstanding (null when none is): progress for a terminal. */
  onWait?: (wait: StoreWait | null) => void;
  /** Keys per ListObjectsV2 page (the server's maximum, 1000, by default). */
  listPageSize?: number;
  /** For library callers and tests only: the CLI never takes credentials other than through the chain. */
  clientConfig?: Partial<S3ClientConfig>;
}

/** What a waiting command can show: where, how long this request has waited, and the command's limit. */
export interface StoreWait {
  endpoint: string;
  waitingMs: number;
  limitMs: number;
}

/** `otactl --timeout`'s default (docs/s3-cloudfront.md): a silent endpoint fails in a minute, not five. */
export const DEFAULT_WAIT_LIMIT_MS = 60_000;

const DEFAULTS = { multipartThreshold: 16 * 1024 * 1024, partSize: 5 * 1024 * 1024, maxAttempts: 5, retryBaseMs: 200, timeoutMs: 60_000, waitLimitMs: DEFAULT_WAIT_LIMIT_MS };
const MAX_BACKOFF_MS = 10_000;
const THROTTLING = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'RequestTimeTooSkewed', 'TooManyRequestsException', 'InternalError', 'ServiceUnavailable']);
/** Errors of the client itself (config, credentials): no retry would change them. */
const CLIENT_SIDE = new Set(['CredentialsProviderError', 'TypeError', 'RangeError']);

/** How one failed request looks to the retry loop. */
interface Failure {
  status?: number;
  name: string;
  message: string;
  retryable: boolean;
  /** The request was cut off by our time limit: nothing came back. */
  silent?: boolean;
  /** What the server was asked (for messages). */
  op?: string;
}

function failureOf(err: unknown): Failure {
  const e = err as { name?: string; message?: string; code?: string; otactlOp?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const name = e.code && !e.name?.match(/Error$/) ? e.code : (e.name ?? 'Error');
  const message = e.message ?? String(err);
  let retryable: boolean;
  if (status !== undefined) retryable = status >= 500 || status === 429 || status === 409 || THROTTLING.has(name);
  else retryable = !CLIENT_SIDE.has(name) && !/credential/i.test(message);
  const silent = status === undefined && (name === 'TimeoutError' || name === 'AbortError' || /aborted|timed? ?out/i.test(message));
  return { ...(status !== undefined ? { status } : {}), name: e.code ?? name, message, retryable, ...(silent ? { silent } : {}), ...(e.otactlOp ? { op: e.otactlOp } : {}) };
}

/**
 * Failures that no retry changes, with what to do instead of "re-run": wrong or missing
 * credentials, a missing bucket. Each keeps the server's own words in the message.
 */
function fixedCause(f: Failure, bucket: string): { code: 'E_S3_CREDENTIALS' | 'E_S3_NO_BUCKET'; why: string } | null {
  if (f.name === 'SignatureDoesNotMatch') return { code: 'E_S3_CREDENTIALS', why: 'the secret key does not match the access key id (AWS_SECRET_ACCESS_KEY or the profile\'s)' };
  if (f.name === 'InvalidAccessKeyId') return { code: 'E_S3_CREDENTIALS', why: 'the server knows no such access key id (AWS_ACCESS_KEY_ID or the profile\'s)' };
  if (f.name === 'NoSuchBucket') return { code: 'E_S3_NO_BUCKET', why: `the bucket ${bucket} does not exist there` };
  if (f.name === 'AccessDenied' || f.name === 'AllAccessDisabled' || f.status === 403) return { code: 'E_S3_CREDENTIALS', why: 'the credentials may not do this on the bucket (IAM or bucket policy)' };
  if (f.status === undefined && (f.name === 'CredentialsProviderError' || /credential/i.test(f.message))) {
    return { code: 'E_S3_CREDENTIALS', why: 'no AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / `profile`' };
  }
  return null;
}

function describe(f: Failure): string {
  return f.status !== undefined ? `HTTP ${f.status} ${f.name}` : `${f.name}: ${f.message}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A store in an S3 bucket (AWS or any server with conditional writes).
 * - Immutable objects: PutObject with `If-None-Match: *` (412 means it exists), Content-MD5 and
 *   `x-amz-checksum-sha256` so the server checks the bytes, the SHA-256 in the metadata. Files
 *   above the threshold go through lib-storage's multipart Upload with the condition on the
 *   completion, after a HEAD: a key that exists is not uploaded again.
 * - Pointers: PutObject with `If-Match: <etag>` (absent: `If-None-Match: *`); 412/409 is a lost race.
 * - Every request: a time limit and our own retries (the SDK's are off, so a conditional write's
 *   ambiguous failure is judged here): a 5xx or a reset on a conditional PUT re-reads the object
 *   to learn whether the write landed.
 */
export class S3Store extends Store {
  readonly url: string;
  readonly client: S3Client;
  private readonly o: Required<Pick<S3StoreOptions, keyof typeof DEFAULTS>> & S3StoreOptions;
  /** Requests sent, retries included: for tests and the bench. */
  requests = 0;

  constructor(opts: S3StoreOptions) {
    super();
    this.o = { ...DEFAULTS, ...opts };
    this.url = `s3://${opts.bucket}${opts.prefix ? `/${opts.prefix}` : ''}`;
    this.client = new S3Client({
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.profile ? { profile: opts.profile } : {}),
      forcePathStyle: opts.forcePathStyle ?? false,
      maxAttempts: 1,
      // A socket silent this long fails the request, also inside a multipart Upload (which takes
      // no abort signal per part); the retry loop then decides.
      // throwOnRequestTimeout: without it this SDK only logs a warning and keeps waiting.
      requestHandler: { requestTimeout: opts.timeoutMs ?? DEFAULTS.timeoutMs, connectionTimeout: 10_000, throwOnRequestTimeout: true },
      // The SDK's default streams bodies aws-chunked with a CRC32 trailer, which S3-compatible
      // servers (Ceph 16) refuse; we send the checksums ourselves where they matter.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...opts.clientConfig,
    });
    redactResolvedCredentials(this.client);
    this.client.middlewareStack.addRelativeTo(answersAsS3(() => this.endpointName) as never, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'otactlAnswersAsS3' });
  }

  private full(key: string): string {
    return this.o.prefix ? `${this.o.prefix}/${key}` : key;
  }

  private where(key: string): string {
    return `s3://${this.o.bucket}/${this.full(key)}`;
  }

  /** Sends one request with a time limit: the per-request one, or what is left of the command's waiting. */
  private async send<T>(command: object): Promise<T> {
    this.requests++;
    const send = this.client.send.bind(this.client) as (c: object, o: { abortSignal: AbortSignal }) => Promise<unknown>;
    const limit = Math.max(1, Math.ceil(Math.min(this.o.timeoutMs, this.waitLeftMs()))); // AbortSignal.timeout takes whole ms
    const done = this.waiting();
    try {
      return (await send(command, { abortSignal: AbortSignal.timeout(limit) })) as T;
    } catch (err) {
      if (err && typeof err === 'object') (err as { otactlOp?: string }).otactlOp = command.constructor.name.replace(/Command$/, '');
      throw err;
    } finally {
      done();
    }
  }

  /** The endpoint as people configured it (AWS's regional one when none was given). */
  get endpointName(): string {
    return this.o.endpoint ?? `https://s3.${this.o.region ?? 'us-east-1'}.amazonaws.com`;
  }

  private waitedMs = 0;
  private readonly outstanding = new Set<number>();
  private ticker: NodeJS.Timeout | undefined;

  private waitLeftMs(): number {
    return this.o.waitLimitMs - this.waitedMs;
  }

  /** Marks a request outstanding for onWait; returns its end. */
  private waiting(): () => void {
    const onWait = this.o.onWait;
    if (!onWait) return () => undefined;
    const started = Date.now();
    this.outstanding.add(started);
    this.ticker ??= setInterval(() => {
      const oldest = Math.min(...this.outstanding);
      onWait({ endpoint: this.endpointName, waitingMs: Date.now() - oldest, limitMs: this.o.waitLimitMs });
    }, 1000).unref();
    return () => {
      this.outstanding.delete(started);
      if (this.outstanding.size > 0) return;
      clearInterval(this.ticker);
      this.ticker = undefined;
      onWait(null);
    };
  }

  /** The store's waiting is used up: which endpoint, how long, and what it last said (or that it said nothing). */
  private gaveUp(key: string, last: Failure | undefined, what: string): BackendFailure {
    const secs = Math.round(this.o.waitLimitMs / 1000);
    if (!last || last.silent) {
      return new BackendFailure(`timed out after ${secs} s at ${this.endpointName}: no answer to ${last?.op ?? 'a request'} for ${this.where(key)}; ${what}`, 'E_S3_TIMEOUT', { endpoint: this.endpointName });
    }
    return new BackendFailure(`gave up after ${secs} s of retries at ${this.endpointName}: ${describe(last)} on ${this.where(key)}; ${what}`, 'E_STORE', { endpoint: this.endpointName });
  }

  /**
   * Runs `attempt` until it answers, a failure is not retryable, or the tries are used up. `judge`
   * turns a failure into an answer (412 on a create is "exists") or a rethrow; it returns undefined to go on.
   */
  private async retrying<T>(key: string, what: string, attempt: () => Promise<T>, judge?: (f: Failure) => Promise<T | undefined>): Promise<T> {
    let last: Failure | undefined;
    for (let i = 0; i < this.o.maxAttempts; i++) {
      if (i > 0) {
        const pause = Math.min(this.waitLeftMs(), Math.random() * Math.min(MAX_BACKOFF_MS, this.o.retryBaseMs * 2 ** i));
        await sleep(pause);
        this.waitedMs += pause;
      }
      if (this.waitLeftMs() <= 0) throw this.gaveUp(key, last, what);
      const started = Date.now();
      try {
        return await attempt();
      } catch (err) {
        if (err instanceof ConflictError || err instanceof StorageError || err instanceof BackendFailure) throw err;
        this.waitedMs += Date.now() - started;
        const f = failureOf(err);
        const answer = judge ? await judge(f) : undefined;
        if (answer !== undefined) return answer;
        last = f;
        const fixed = fixedCause(f, this.o.bucket);
        // Refused up front: nothing was written, and the same request fails the same way again.
        if (fixed) throw new BackendFailure(`${describe(f)} on ${this.where(key)} at ${this.endpointName}: ${fixed.why}; nothing was changed`, fixed.code, { endpoint: this.endpointName });
        if (f.silent && this.waitLeftMs() <= 0) throw this.gaveUp(key, f, what);
        if (!f.retryable) break;
      }
    }
    const tries = this.o.maxAttempts > 1 && last!.retryable ? ` after ${this.o.maxAttempts} tries` : '';
    throw new Error(`${describe(last!)} on ${this.where(key)}${tries}; ${what}`);
  }

  protected async _get(key: string): Promise<StoredObject | null> {
    return this.retrying(
      key,
      'nothing was changed; re-run the command when the store answers',
      async () => {
        const res = await this.send<{ Body?: { transformToByteArray(): Promise<Uint8Array> }; ETag?: string }>(
          new GetObjectCommand({ Bucket: this.o.bucket, Key: this.full(key) }),
        );
        const bytes = Buffer.from((await res.Body?.transformToByteArray()) ?? new Uint8Array());
        return { bytes, etag: res.ETag ?? '' } as StoredObject | null;
      },
      // A missing bucket is a wrong --store, not an empty store.
      async (f) => (f.status === 404 && f.name !== 'NoSuchBucket' ? null : undefined),
    );
  }

  /** HEAD: size, time, ETag and our sha256 metadata; null when absent. */
  private async head(key: string): Promise<{ size: number; modified: Date; etag: string; sha256?: string } | null> {
    return this.retrying(
      key,
      'nothing was changed; re-run the command when the store answers',
      async () => {
        const res = await this.send<{ ContentLength?: number; LastModified?: Date; ETag?: string; Metadata?: Record<string, string> }>(
          new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.full(key) }),
        );
        const sha256 = res.Metadata?.sha256;
        return { size: res.ContentLength ?? 0, modified: res.LastModified ?? new Date(0), etag: res.ETag ?? '', ...(sha256 ? { sha256 } : {}) } as {
          size: number;
          modified: Date;
          etag: string;
          sha256?: string;
        } | null;
      },
      async (f) => (f.status === 404 ? null : undefined),
    );
  }

  private putInput(key: string, bytes: Buffer, opts: PutOptions): PutObjectCommandInput {
    return {
      Bucket: this.o.bucket,
      Key: this.full(key),
      Body: bytes,
      ContentLength: bytes.length,
      ContentMD5: createHash('md5').update(bytes).digest('base64'),
      ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
      Metadata: { sha256: sha256Hex(bytes) },
      ...httpHeaders(opts),
    };
  }

  protected async _putIfAbsent(key: string, bytes: Buffer, opts: PutOptions): Promise<PutResult> {
    const mine = sha256Hex(bytes);
    return this.retrying(
      key,
      'the object may or may not have been written; re-run the command (it is idempotent)',
      async () => {
        await this.send(new PutObjectCommand({ ...this.putInput(key, bytes, opts), IfNoneMatch: '*' }));
        return 'created' as PutResult;
      },
      (f) => this.judgeCreate(key, mine, f),
    );
  }

  protected async _putFileIfAbsent(key: string, path: string, size: number, opts: PutOptions, progress?: UploadProgress): Promise<PutResult> {
    if (size <= this.o.multipartThreshold) {
      const bytes = await readRegularFile(path);
      const result = await this._putIfAbsent(key, bytes, opts);
      if (result === 'created') progress?.(bytes.length, size);
      return result;
    }
    // Ceph ignores If-None-Match on a multipart completion, so look first: an artifact's key is
    // its SHA-256, so an object already there holds these bytes. Two uploads of the same new
    // artifact racing past this HEAD both complete; with the same bytes either result is right.
    if (await this.head(key)) return 'exists';
    const sha256 = /(?:^|\/)sha256\/([0-9a-f]{64})$/.exec(key)?.[1] ?? (await sha256File(path)).sha256;
    return this.retrying(
      key,
      'the upload did not complete; re-run the command (an existing object is not uploaded again)',
      async () => {
        const upload = new Upload({
          client: this.client,
          partSize: this.o.partSize,
          queueSize: 4,
          leavePartsOnError: false,
          params: {
            Bucket: this.o.bucket,
            Key: this.full(key),
            Body: (await openRegularFile(path)).createReadStream({ highWaterMark: 1 << 20 }),
            ContentLength: size,
            IfNoneMatch: '*',
            Metadata: { sha256 },
            ...httpHeaders(opts),
          },
        });
        if (progress) upload.on('httpUploadProgress', (p) => p.loaded !== undefined && progress(p.loaded, size));
        this.requests++;
        await upload.done();
        return 'created' as PutResult;
      },
      (f) => this.judgeCreate(key, sha256, f),
    );
  }

  /** A failed create: 412 is "exists"; after an ambiguous failure, the object there says whether our write landed. */
  private async judgeCreate(key: string, sha256: string, f: Failure): Promise<PutResult | undefined> {
    if (f.status === 412) return 'exists';
    if (!f.retryable) return undefined;
    const now = await this.head(key);
    if (now) return now.sha256 === sha256 ? 'created' : 'exists';
    return undefined;
  }

  protected async _compareAndSwap(key: string, bytes: Buffer, expectedEtag: string | null, opts: PutOptions): Promise<string> {
    const mine = sha256Hex(bytes);
    const condition = expectedEtag === null ? { IfNoneMatch: '*' } : { IfMatch: this.o.ifMatchUnquoted ? expectedEtag.replace(/^"|"$/g, '') : expectedEtag };
    const lost = (now: { etag: string } | null): ConflictError => {
      if (expectedEtag !== null && now === null) {
        return new ConflictError(`${key} was deleted while otactl was changing it (another writer or a manual delete); re-run: otactl status shows the channel`, {
          key,
        });
      }
      return new ConflictError(`${key} was changed by another writer; re-read it and try again`, { key });
    };
    return this.retrying(
      key,
      'the change may or may not have been published: otactl status shows the channel; re-run the command',
      async () => {
        const res = await this.send<{ ETag?: string }>(new PutObjectCommand({ ...this.putInput(key, bytes, opts), ...condition }));
        return res.ETag ?? (await this.head(key))?.etag ?? '';
      },
      async (f) => {
        const decisive = f.status === 412 || f.status === 409 || f.status === 404;
        if (!decisive && !f.retryable) return undefined;
        // Re-read: our bytes there means we won (the answer was lost); a moved ETag means we lost.
        const now = await this.head(key);
        if (now && now.sha256 === mine) return now.etag;
        const unchanged = now === null ? expectedEtag === null : sameEtag(now.etag, expectedEtag);
        if (!unchanged) throw lost(now);
        if (f.status === 412 && expectedEtag !== null) {
          throw new StorageError(
            `${this.where(key)} refused If-Match with its current ETag ${now!.etag}: the server matches only unquoted ETags (Ceph); set s3.if_match_unquoted: true in otactl.config.json or OTACTL_S3_IF_MATCH_UNQUOTED=1`,
            'E_S3_IF_MATCH',
          );
        }
        return undefined; // it did not land and nobody else wrote (409: a request in flight on the key): try again
      },
    );
  }

  protected async _list(prefix: string, nameStart: string): Promise<string[]> {
    const out: string[] = [];
    const strip = this.o.prefix ? this.o.prefix.length + 1 : 0;
    let token: string | undefined;
    do {
      const page = await this.retrying(prefix, 'nothing was changed; re-run the command when the store answers', () =>
        this.send<{ Contents?: { Key?: string }[]; IsTruncated?: boolean; NextContinuationToken?: string }>(
          new ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: this.full(prefix + nameStart), ...(this.o.listPageSize ? { MaxKeys: this.o.listPageSize } : {}), ...(token ? { ContinuationToken: token } : {}) }),
        ),
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(strip);
        if (key && !key.split('/').some(isInternalName)) out.push(key);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  protected async _info(key: string): Promise<ObjectInfo | null> {
    const h = await this.head(key);
    return h ? { size: h.size, modified: h.modified } : null;
  }

  protected async _delete(key: string): Promise<void> {
    await this.retrying(key, 're-run the command; deleting is idempotent', () => this.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.full(key) })));
  }

  /** Multipart uploads a killed `upload` left open (their parts cost storage until aborted). */
  protected override async _temporaries(): Promise<TemporaryObject[]> {
    const out: TemporaryObject[] = [];
    const strip = this.o.prefix ? this.o.prefix.length + 1 : 0;
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    do {
      const page = await this.retrying('', 'nothing was changed; re-run the command', () =>
        this.send<{ Uploads?: { Key?: string; UploadId?: string; Initiated?: Date }[]; IsTruncated?: boolean; NextKeyMarker?: string; NextUploadIdMarker?: string }>(
          new ListMultipartUploadsCommand({
            Bucket: this.o.bucket,
            ...(this.o.prefix ? { Prefix: `${this.o.prefix}/` } : {}),
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(idMarker ? { UploadIdMarker: idMarker } : {}),
          }),
        ),
      );
      for (const u of page.Uploads ?? []) {
        if (u.Key && u.UploadId) out.push({ path: `${u.Key.slice(strip)}${UPLOAD_MARK}${u.UploadId}`, size: 0, modified: u.Initiated ?? new Date(0) });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  protected override async _deleteTemporary(path: string): Promise<void> {
    const at = path.lastIndexOf(UPLOAD_MARK);
    if (at <= 0) throw new Error(`not an open multipart upload of this store: ${path}`);
    const key = path.slice(0, at);
    await this.retrying(key, 're-run otactl gc', () =>
      this.send(new AbortMultipartUploadCommand({ Bucket: this.o.bucket, Key: this.full(key), UploadId: path.slice(at + UPLOAD_MARK.length) })),
    );
  }
}

/** How a temporary's path names an open multipart upload: `<key>?uploadId=<id>`. */
const UPLOAD_MARK = '?uploadId=';

function httpHeaders(opts: PutOptions): { ContentType?: string; CacheControl?: string } {
  return { ...(opts.contentType ? { ContentType: opts.contentType } : {}), ...(opts.cacheControl ? { CacheControl: opts.cacheControl } : {}) };
}

function sameEtag(a: string, b: string | null): boolean {
  return b !== null && a.replace(/^"|"$/g, '') === b.replace(/^"|"$/g, '');
}

/**
 * Refuses an answer no S3 server gives, before the SDK reads it: an HTML page (a web server, a
 * proxy or login page answering 200 to everything would otherwise read as an empty store, or as
 * a manifest that does not verify), a listing that is not a ListBucketResult, a PUT answered
 * without an ETag. otactl never stores HTML, so no object of a store is served as text/html.
 * Runs between the deserializer and the HTTP handler: it sees the raw response.
 */
function answersAsS3(endpoint: () => string) {
  return (next: (args: unknown) => Promise<{ response: unknown }>, context: { commandName?: string }) =>
    async (args: unknown): Promise<{ response: unknown }> => {
      const out = await next(args);
      const res = out.response as { statusCode?: number; headers?: Record<string, string | undefined>; body?: unknown };
      const op = (context.commandName ?? 'request').replace(/Command$/, '');
      const status = res.statusCode ?? 0;
      const type = res.headers?.['content-type'] ?? '';
      const notS3 = async (what: string) => {
        // Known secrets masked before the cut: a cut one would leave its start unmasked (an echoing proxy).
        const body = res.body instanceof Readable ? redactKnown(await head(res.body, 4096)) : '';
        const shown = body.replace(/\s+/g, ' ').trim().slice(0, 120);
        return new BackendFailure(`${endpoint()} does not answer as an S3 server: ${op} got HTTP ${status}${type ? ` ${type}` : ''}, ${what}${shown ? `: "${shown}"` : ''}`, 'E_NOT_S3', { endpoint: endpoint(), status, content_type: type });
      };
      if (/^text\/html/i.test(type)) throw await notS3('an HTML page');
      if (status >= 200 && status < 300 && LISTINGS[op] && res.body instanceof Readable) {
        const bytes = await collect(res.body);
        if (!bytes.includes(LISTINGS[op])) {
          res.body = Readable.from([bytes]);
          throw await notS3(`not a ${LISTINGS[op].slice(1)}`);
        }
        res.body = Readable.from([bytes]);
      }
      if (status >= 200 && status < 300 && op === 'PutObject' && !res.headers?.etag) throw await notS3('a write answered without an ETag');
      return out;
    };
}

/** The root element each listing answer must have. */
const LISTINGS: Record<string, string> = { ListObjectsV2: '<ListBucketResult', ListMultipartUploads: '<ListMultipartUploadsResult' };

async function collect(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The first `n` characters of a body, for a message (the rest is dropped). */
async function head(body: Readable, n: number): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.length >= n) break;
  }
  body.destroy();
  return text.slice(0, n);
}
