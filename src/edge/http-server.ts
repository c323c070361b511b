/**
 * `otactl serve`: serves a file:// store over HTTP the way CloudFront in front of S3 would
 * (strong ETags, 304s, byte ranges, per-path Cache-Control, a CloudFront-format access log), so
 * simulated devices and the telemetry code can be tested against real HTTP with no cloud account.
 *
 * Plain node:http on purpose: the behaviour under test is exactly the headers written here.
 */
import { createHash, randomFillSync, type KeyObject } from 'node:crypto';
import { constants as fsConstants, createWriteStream, type Stats } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { verifySignedUrl } from './url-signature.js';
import { REDACTED, redactQuery } from '../util/redact.js';
import { StorageError, ValidationError } from '../errors.js';
import { readRegularFile } from '../util/regular-file.js';
import { formatAccessLogLine, logTimestamp, ACCESS_LOG_HEADER } from './access-log.js';
import { AccessLogWriter } from './log-writer.js';
import { MAX_BODY_BYTES, ObjectCache, Revalidator, sameFile, settled, stampOf, type ServedObject } from './object-cache.js';
import { parseStoredHeaders, storedHeadersPath } from '../store/file-store.js';
import { ARTIFACT_KEY, cacheControlFor, contentTypeFor, ifRangeHolds, isNotModified, parseRange, resolveStoreKey } from './http-rules.js';

export interface StoreServerOptions {
  /** The store folder (the directory of a `file://` store). */
  root: string;
  /** Receives one CloudFront-format line per request. Never written to otherwise. */
  accessLog?: NodeJS.WritableStream;
  /** Write `#Version`/`#Fields` first (default true); false when appending to a non-empty log. */
  writeHeader?: boolean;
  /** max-age in seconds for channel pointers (`manifest.json`) and other mutable files. Default 30. */
  pointerMaxAge?: number;
  /** Name logged in cs(Host), as CloudFront logs its distribution domain. Default: the Host header's name. */
  host?: string;
  /** Called with unexpected errors (the 500s); library code never prints. */
  onError?: (err: unknown) => void;
  /**
   * Act as a private CloudFront distribution: artifacts are served only on a URL signed by one of
   * these public keys (by key pair id) whose policy covers it and has not ended; 403 otherwise.
   */
  cloudFrontKeys?: ReadonlyMap<string, KeyObject>;
}

const ALLOWED_METHODS = 'GET, HEAD';
// ---------------------------------------------------------------------------------------------
// File access.

interface OpenFile {
  fh: FileHandle;
  stat: Stats;
}

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/**
 * Opens `key` only if its real path (symlinks resolved) is inside the real root. O_NONBLOCK so a
 * FIFO cannot hang the server; O_NOFOLLOW so a symlink swapped in after realpath is refused.
 */
async function openUnderRoot(realRoot: string, key: string): Promise<OpenFile> {
  const real = await realpath(path.join(realRoot, ...key.split('/')));
  if (!real.startsWith(realRoot + path.sep)) throw fsError('ENOENT');
  const flags = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOFOLLOW ?? 0);
  const fh = await open(real, flags);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw fsError('EISDIR');
    return { fh, stat: st };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

async function readAll(fh: FileHandle, size: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  let pos = 0;
  while (pos < size) {
    const { bytesRead } = await fh.read(buf, pos, size - pos, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
  }
  return pos === size ? buf : buf.subarray(0, pos);
}

async function sha256OfHandle(fh: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(Math.min(size, 1 << 20) || 1);
  for (let pos = 0; pos < size; ) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash.digest('hex');
}

function statOrNull(file: string): Promise<Stats | null> {
  return stat(file).catch(() => null);
}

// ---------------------------------------------------------------------------------------------
// Responses. Every response goes through `beginResponse`, so time-to-first-byte is measured in one place.

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** The request target's path and query, split once. */
  target: { path: string; query: string };
  requestId: string;
  startNs: bigint;
  firstByteNs?: bigint;
  socketBytesAtStart: number;
  range?: { start: number; end: number };
  /** Kept for the log: writeHead(status, headers) does not make them readable via getHeader. */
  sent?: http.OutgoingHttpHeaders;
}

function beginResponse(ex: Exchange, status: number, headers: http.OutgoingHttpHeaders): void {
  ex.firstByteNs = process.hrtime.bigint();
  ex.sent = headers;
  ex.res.writeHead(status, {
    ...headers,
    'X-Amz-Cf-Id': ex.requestId,
    'X-Cache': X_CACHE[status] ?? `${edgeResultType(status, true)} from otactl`,
  });
}

const X_CACHE: Record<number, string> = { 200: 'Miss from otactl', 206: 'Miss from otactl', 304: 'RefreshHit from otactl' };

/** Error bodies are fixed text: never a path, never an error message. */
function sendError(ex: Exchange, status: number, extra: http.OutgoingHttpHeaders = {}): void {
  const body = ex.req.method === 'HEAD' ? '' : `${status} ${http.STATUS_CODES[status] ?? ''}\n`;
  beginResponse(ex, status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  ex.res.end(body);
}

function statusForFsError(err: unknown): number | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP') return 404;
  if (code === 'EACCES' || code === 'EPERM') return 403;
  return undefined;
}

/** The path part of origin-form (`/a?b`) or absolute-form (`http://h/a?b`) request targets. */
function splitTarget(url: string): { path: string; query: string } {
  const pathAndQuery = url.startsWith('/') ? url : (/^https?:\/\/[^/?#]*(.*)$/i.exec(url)?.[1] ?? '');
  const q = pathAndQuery.indexOf('?');
  return q < 0
    ? { path: pathAndQuery, query: '' }
    : { path: pathAndQuery.slice(0, q), query: pathAndQuery.slice(q + 1) };
}

/** A client leaving mid-body is normal (the log says ClientCommError); anything else is reported. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'EPIPE', 'ECONNRESET']);

/** The response headers of an object, computed once per version of it. */
interface Representation {
  obj: ServedObject;
  /** ETag, Last-Modified, Cache-Control: what a 304 carries. */
  validators: http.OutgoingHttpHeaders;
  /** A whole-body 200. */
  full: http.OutgoingHttpHeaders;
}

class StoreHandler {
  private readonly objects = new ObjectCache();
  private readonly revalidator = new Revalidator();
  private readonly representations = new WeakMap<ServedObject, Representation>();
  private readonly keys = new Map<string, ReturnType<typeof resolveStoreKey>>();
  private realRoot: string | undefined;

  constructor(private readonly opts: StoreServerOptions) {}

  async handle(ex: Exchange): Promise<void> {
    const { req } = ex;
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(ex, 405, { Allow: ALLOWED_METHODS });
    const resolved = this.keyOf(ex.target.path);
    if ('status' in resolved) return sendError(ex, resolved.status);
    const { key } = resolved;
    // Everything under artifacts/, in any case: a case-insensitive filesystem (macOS, Windows)
    // opens Artifacts/sha256/<HEX> as the artifact, and the signature names one spelling only.
    const underArtifacts = key.slice(0, key.indexOf('/') + 1).toLowerCase() === 'artifacts/';
    if (this.opts.cloudFrontKeys && underArtifacts && !this.signedRequest(req, this.opts.cloudFrontKeys)) return sendError(ex, 403);
    // A remembered object is served again only while its files are the ones it was read from (object-cache.ts).
    let remembered = this.objects.get(key);
    if (remembered && !(await this.revalidator.stillValid(remembered))) {
      if (this.objects.get(key) === remembered) this.objects.delete(key);
      remembered = undefined;
    }
    if (remembered?.body) {
      this.send(ex, remembered, undefined);
      return;
    }
    let file: OpenFile;
    try {
      file = await openUnderRoot(await this.root(), key);
    } catch (err) {
      const status = statusForFsError(err);
      if (status === undefined) throw err;
      return sendError(ex, status);
    }
    let handedToStream = false;
    try {
      const obj = remembered && sameFile(file.stat, remembered.stamp) ? remembered : await this.describe(key, file);
      handedToStream = this.send(ex, obj, file);
    } finally {
      if (!handedToStream) await file.fh.close();
    }
  }

  /** resolveStoreKey, remembered for the paths asked for most (a fleet asks for a few manifests). */
  private keyOf(rawPath: string): ReturnType<typeof resolveStoreKey> {
    let resolved = this.keys.get(rawPath);
    if (!resolved) {
      resolved = resolveStoreKey(rawPath);
      if (this.keys.size >= 4096) this.keys.clear();
      this.keys.set(rawPath, resolved);
    }
    return resolved;
  }

  /** Whether the URL as the client asked for it (scheme, Host, path and query) carries a valid CloudFront signature. */
  private signedRequest(req: http.IncomingMessage, keys: ReadonlyMap<string, KeyObject>): boolean {
    const target = req.url ?? '';
    const url = /^https?:\/\//i.test(target) ? target : `http://${req.headers.host ?? ''}${target}`;
    return verifySignedUrl(url, keys, new Date()).ok;
  }

  /** Resolved once it exists (the store folder may be created after the server starts). */
  private async root(): Promise<string> {
    this.realRoot ??= await realpath(this.opts.root);
    return this.realRoot;
  }

  /**
   * Reads what a response needs from an open file: the headers it was written with (as S3 would
   * serve them; --pointer-max-age overrides), a strong ETag (artifacts are named by their SHA-256;
   * other files are hashed, from the bytes about to be sent), and the bytes of a small file.
   * Remembered only if nothing changed while it was read and both files have settled.
   */
  private async describe(key: string, file: OpenFile): Promise<ServedObject> {
    const root = await this.root();
    const headersPath = storedHeadersPath(root, key);
    // Stamps are taken before reading: a change after them shows at the next check.
    const headersStat = await statOrNull(headersPath);
    const stored = headersStat?.isFile() ? parseStoredHeaders(await readRegularFile(headersPath, 'utf8').catch(() => '')) : {};
    const { size, mtimeMs } = file.stat;
    const body = size <= MAX_BODY_BYTES ? await readAll(file.fh, size) : undefined;
    const hex = ARTIFACT_KEY.exec(key)?.[1];
    const etag = `"${hex ?? (body ? createHash('sha256').update(body).digest('hex') : await sha256OfHandle(file.fh, size))}"`;
    const obj: ServedObject = {
      key,
      path: path.join(root, ...key.split('/')),
      stamp: stampOf(file.stat),
      headersPath,
      headersStamp: headersStat && stampOf(headersStat),
      etag,
      lastModified: new Date(mtimeMs).toUTCString(),
      mtimeMs,
      size: body?.length ?? size,
      cacheControl: stored.cacheControl !== undefined && this.opts.pointerMaxAge === undefined ? stored.cacheControl : cacheControlFor(key, this.opts.pointerMaxAge),
      contentType: stored.contentType ?? contentTypeFor(key),
      ...(body ? { body } : {}),
    };
    const now = Date.now();
    if (body?.length === size && settled(obj.stamp, now) && settled(obj.headersStamp, now) && sameFile(await file.fh.stat(), obj.stamp)) this.objects.set(obj);
    else if (!body && settled(obj.stamp, now) && settled(obj.headersStamp, now)) this.objects.set(obj);
    return obj;
  }

  private representation(obj: ServedObject): Representation {
    let rep = this.representations.get(obj);
    if (!rep) {
      const validators = { ETag: obj.etag, 'Last-Modified': obj.lastModified, 'Cache-Control': obj.cacheControl };
      const full = { ...validators, 'Content-Type': obj.contentType, 'Content-Length': obj.size, 'Accept-Ranges': 'bytes' };
      rep = { obj, validators, full };
      this.representations.set(obj, rep);
    }
    return rep;
  }

  /** Answers from `obj` (its bytes, or the open file for a big one); true when a stream now owns the file. */
  private send(ex: Exchange, obj: ServedObject, file: OpenFile | undefined): boolean {
    const { req, res } = ex;
    const { etag, mtimeMs, size } = obj;
    const rep = this.representation(obj);
    if (isNotModified(req, etag, mtimeMs)) {
      // A 304 has no body, so its length is known: keep an HTTP/1.0 keep-alive connection open as
      // for HTTP/1.1 (Node closes it when a response has neither Content-Length nor chunking).
      res.useChunkedEncodingByDefault = true;
      beginResponse(ex, 304, rep.validators);
      res.end();
      return false;
    }
    // Range is defined for GET only (RFC 9110 §14.2); HEAD answers for the whole file.
    const range =
      req.method === 'GET' && (req.headers.range !== undefined) && ifRangeHolds(req.headers['if-range']?.toString(), etag, mtimeMs)
        ? parseRange(req.headers.range, size)
        : ({ kind: 'full' } as const);
    if (range.kind === 'unsatisfiable') {
      sendError(ex, 416, { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes' });
      return false;
    }
    const [first, last] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    let headers = rep.full;
    if (range.kind === 'partial') {
      headers = { ...rep.full, 'Content-Length': last - first + 1, 'Content-Range': `bytes ${first}-${last}/${size}` };
      ex.range = { start: first, end: last };
    }
    beginResponse(ex, range.kind === 'partial' ? 206 : 200, headers);
    if (req.method === 'HEAD' || last < first) {
      res.end();
      return false;
    }
    if (obj.body) {
      res.end(range.kind === 'partial' ? obj.body.subarray(first, last + 1) : obj.body);
      return false;
    }
    // The stream owns (and closes) the handle; pipeline destroys it if the client goes away.
    pipeline(file!.fh.createReadStream({ start: first, end: last }), res, (err) => {
      if (err && !CLIENT_GONE.has((err as NodeJS.ErrnoException).code ?? '')) this.opts.onError?.(err);
    });
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Access log.

/** 200/206 are origin fetches, 304 a revalidated hit, errors and aborted transfers `Error`. */
function edgeResultType(status: number, completed: boolean): string {
  if (!completed || status === 0 || status >= 400) return 'Error';
  return status === 304 ? 'RefreshHit' : 'Miss';
}

function seconds(fromNs: bigint, toNs: bigint): string {
  return (Number(toNs - fromNs) / 1e9).toFixed(3);
}

/** Request line plus headers as sent, the way CloudFront counts cs-bytes (we never read bodies). */
function requestBytes(req: http.IncomingMessage): number {
  // `METHOD URL HTTP/x.y\r\n`, each `name: value\r\n`, then `\r\n`.
  let n = Buffer.byteLength(req.method ?? '') + Buffer.byteLength(req.url ?? '') + req.httpVersion.length + 11;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) n += Buffer.byteLength(raw[i]!) + Buffer.byteLength(raw[i + 1]!) + 4;
  return n + (Number(req.headers['content-length']) || 0);
}

function clientIp(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

function hostName(hostHeader: string | undefined): string | undefined {
  return hostHeader?.replace(/:\d+$/, '');
}

function logLine(ex: Exchange, opts: StoreServerOptions): string {
  const { req, res } = ex;
  const endNs = process.hrtime.bigint();
  const completed = res.writableFinished;
  const status = res.headersSent ? res.statusCode : 0;
  const { target } = ex;
  const { date, time } = logTimestampNow();
  // No spread in this literal: V8 builds a spread-first object of these keys ~100x slower.
  return formatAccessLogLine({
    date,
    time,
    'x-edge-location': 'LOCAL',
    'sc-bytes': req.socket.bytesWritten - ex.socketBytesAtStart,
    'c-ip': clientIp(req.socket.remoteAddress),
    'cs-method': req.method,
    'cs(Host)': opts.host ?? hostName(req.headers.host),
    'cs-uri-stem': target.path,
    'sc-status': String(status).padStart(3, '0'),
    'cs(Referer)': refererForLog(req.headers.referer),
    'cs(User-Agent)': req.headers['user-agent'],
    // Credentials in the query (a signed URL's Signature, a token) are not logged; beacon parameters are.
    'cs-uri-query': target.query === '' ? '' : redactQuery(target.query, 'named'),
    'x-edge-result-type': edgeResultType(status, completed),
    'x-edge-request-id': ex.requestId,
    'x-host-header': req.headers.host,
    'cs-protocol': 'http',
    'cs-bytes': requestBytes(req),
    'time-taken': seconds(ex.startNs, endNs),
    'x-edge-response-result-type': edgeResultType(status, completed),
    'cs-protocol-version': `HTTP/${req.httpVersion}`,
    'c-port': req.socket.remotePort,
    'time-to-first-byte': ex.firstByteNs === undefined ? undefined : seconds(ex.startNs, ex.firstByteNs),
    'x-edge-detailed-result-type': completed ? edgeResultType(status, true) : 'ClientCommError',
    'sc-content-type': ex.sent?.['Content-Type']?.toString(),
    'sc-content-len': ex.sent?.['Content-Length']?.toString(),
    'sc-range-start': ex.range?.start,
    'sc-range-end': ex.range?.end,
  });
}

/**
 * The Referer as logged: a page's URL may carry a credential too. Its userinfo and fragment are
 * masked, and its query as the request's own (credential-named values).
 */
function refererForLog(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  const hash = referer.indexOf('#');
  let out = (hash < 0 ? referer : referer.slice(0, hash)).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${REDACTED}@`);
  const q = out.indexOf('?');
  if (q >= 0) out = `${out.slice(0, q + 1)}${redactQuery(out.slice(q + 1), 'named')}`;
  return hash < 0 ? out : `${out}#${REDACTED}`;
}

/** The log's date and time fields for now, computed once per second. */
let stampSecond = -1;
let stampFields = { date: '', time: '' };
function logTimestampNow(): { date: string; time: string } {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampFields = logTimestamp(new Date(now));
  }
  return stampFields;
}

/** Request ids (x-edge-request-id, X-Amz-Cf-Id): 39 random bytes each, drawn from a pool filled 128 at a time. */
const REQUEST_ID_BYTES = 39;
const idPool = Buffer.alloc(REQUEST_ID_BYTES * 128);
let idOffset = idPool.length;

function requestId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const id = idPool.toString('base64url', idOffset, idOffset + REQUEST_ID_BYTES);
  idOffset += REQUEST_ID_BYTES;
  return id;
}

// ---------------------------------------------------------------------------------------------
// Public entry points.

export function createStoreServer(opts: StoreServerOptions): http.Server {
  const handler = new StoreHandler(opts);
  const log = opts.accessLog && new AccessLogWriter(opts.accessLog);
  if (opts.accessLog && opts.writeHeader !== false) opts.accessLog.write(ACCESS_LOG_HEADER);

  const server = http.createServer((req, res) => {
    const ex: Exchange = {
      req,
      res,
      target: splitTarget(req.url ?? ''),
      requestId: requestId(),
      startNs: process.hrtime.bigint(),
      socketBytesAtStart: req.socket.bytesWritten,
    };
    // 'close' fires once, after a completed response or an aborted one: one log line either way.
    if (log) res.once('close', () => log.line(logLine(ex, opts)));
    handler.handle(ex).catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) sendError(ex, 500);
      else res.destroy();
    });
  });
  // Lines are written in batches (log-writer.ts); all of them are out when the server has closed.
  if (log) server.on('close', () => log.stop());
  return server;
}

export interface ServeStoreOptions extends Omit<StoreServerOptions, 'host'> {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Name logged in cs(Host) (StoreServerOptions.host). */
  logHost?: string;
  /** Append the access log to this file; the header lines are written only if it is new or empty. */
  accessLogPath?: string;
}

export interface RunningStoreServer {
  server: http.Server;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

export async function serveStore(opts: ServeStoreOptions): Promise<RunningStoreServer> {
  const { port, host = '127.0.0.1', logHost, accessLogPath, ...serverOpts } = opts;
  const logFile = accessLogPath === undefined ? undefined : await openAppendLog(accessLogPath, opts.onError);
  const server = createStoreServer({
    ...serverOpts,
    host: logHost,
    accessLog: logFile?.stream ?? serverOpts.accessLog,
    writeHeader: logFile ? logFile.isEmpty : serverOpts.writeHeader,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    logFile?.stream.end();
    throw listenError(err, host, port);
  }
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  return { server, url, close: () => closeServer(server, logFile?.stream) };
}

/** Why listen() failed, in the user's terms: a busy port or a foreign address is bad input, not a bug. */
const LISTEN_FAILURES: Record<string, string> = {
  EADDRINUSE: 'the port is in use (another server? pick another `port`, or 0 for a free one)',
  EADDRNOTAVAIL: 'the address is not one of this host\'s (check `host`)',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  ENOTFOUND: 'the host name does not resolve (check `host`)',
  EAI_AGAIN: 'the host name does not resolve (check `host`)',
};

function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === undefined ? undefined : LISTEN_FAILURES[code];
  if (!why) return err;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new ValidationError(`cannot listen on ${where}: ${why}`, 'E_LISTEN', { cause: code, field: code === 'EADDRINUSE' || code === 'EACCES' ? 'port' : 'host' });
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder (give a file path, e.g. DIR/access.log)',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

async function openAppendLog(
  file: string,
  onError: StoreServerOptions['onError'],
): Promise<{ stream: NodeJS.WritableStream; isEmpty: boolean }> {
  const st = await stat(file).catch(() => null);
  // The path and the reason, in words: a folder, a pipe or a device is not a log file to append to.
  const refuse = (why: string, cause?: string) => new StorageError(`Cannot open the access log ${file} for appending: ${why}`, 'E_ACCESS_LOG', { path: file, ...(cause ? { cause } : {}) });
  if (st && st.isDirectory()) throw refuse('it is a folder (give a file path, e.g. DIR/access.log)');
  if (st && !st.isFile()) throw refuse('it is not a regular file');
  const size = st?.size ?? 0;
  const stream = createWriteStream(file, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err: NodeJS.ErrnoException) => reject(refuse(ERRNO_WORDS[err.code ?? ''] ?? err.code ?? err.message, err.code)));
  });
  // Later write errors (disk full) are reported, never thrown: serving matters more than logging.
  stream.on('error', (err) => onError?.(err));
  return { stream, isEmpty: size === 0 };
}

async function closeServer(server: http.Server, log: NodeJS.WritableStream | undefined): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  if (log) await new Promise<void>((resolve) => log.end(() => resolve()));
}
