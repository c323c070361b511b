/**
 * The one HTTP fetcher of the device SDK, for the manifest and the artifact alike: a byte cap
 * enforced while the body streams (whether or not Content-Length is sent, and whatever it says),
 * an idle timeout, and typed errors. A network failure, a refused status, an oversized body are
 * DeviceFetchErrors with the event name as code; anything else escaping from here is a bug.
 */
import { OtaError } from '../errors.js';

export type FetchPurpose = 'manifest' | 'download';

export type DeviceFetchCode = 'ota.manifest.fetch_failed' | 'ota.manifest.too_large' | 'ota.download.fail' | 'ota.download.too_large';

const CODES: Record<FetchPurpose, { failed: DeviceFetchCode; tooLarge: DeviceFetchCode }> = {
  manifest: { failed: 'ota.manifest.fetch_failed', tooLarge: 'ota.manifest.too_large' },
  download: { failed: 'ota.download.fail', tooLarge: 'ota.download.too_large' },
};

export class DeviceFetchError extends OtaError {
  declare readonly code: DeviceFetchCode;
  constructor(code: DeviceFetchCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export interface FetchRequest {
  url: string;
  purpose: FetchPurpose;
  /** The most body bytes accepted; one more and the fetch fails with `*.too_large`. */
  maxBytes: number;
  headers?: Record<string, string>;
  /** Aborts when no headers or no body bytes arrive for this long (default 15 s). */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** An answered request whose body is read chunk by chunk under the cap. */
export interface CappedResponse {
  status: number;
  headers: Headers;
  /** Chunks of the body; throws DeviceFetchError past the cap, on a stall or a broken connection. */
  body(): AsyncIterable<Buffer>;
  /** Releases the connection without reading the body. */
  discard(): Promise<void>;
}

/** Statuses a device acts on; any other is `*.fetch_failed` / `ota.download.fail`. */
const ACCEPTED = new Set([200, 206, 304]);

export async function openCapped(req: FetchRequest): Promise<CappedResponse> {
  const codes = CODES[req.purpose];
  const idleMs = req.idleTimeoutMs ?? 15_000;
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), idleMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), idleMs);
  };
  const fail = (what: string, err?: unknown) => {
    clearTimeout(timer);
    const cause = abort.signal.aborted ? `no data for ${idleMs} ms` : causeOf(err);
    return new DeviceFetchError(codes.failed, `${what} ${req.url}: ${cause}`, { url: req.url });
  };

  let res: Response;
  try {
    res = await (req.fetch ?? fetch)(req.url, { headers: req.headers, signal: abort.signal });
  } catch (err) {
    throw fail('cannot fetch', err);
  }
  touch();
  if (!ACCEPTED.has(res.status)) {
    clearTimeout(timer);
    await res.body?.cancel().catch(() => undefined);
    throw new DeviceFetchError(codes.failed, `GET ${req.url} answered ${res.status}`, { url: req.url, status: res.status });
  }
  const declared = res.headers.get('content-length');
  if (declared !== null && Number(declared) > req.maxBytes) {
    clearTimeout(timer);
    await res.body?.cancel().catch(() => undefined);
    throw new DeviceFetchError(codes.tooLarge, `${req.url} declares ${declared} bytes, over the ${req.maxBytes}-byte limit`, { url: req.url, limit: req.maxBytes });
  }

  return {
    status: res.status,
    headers: res.headers,
    async *body() {
      let total = 0;
      const reader = res.body?.getReader();
      if (!reader) return clearTimeout(timer);
      try {
        for (;;) {
          let chunk: { done: true; value?: undefined } | { done: false; value: Uint8Array };
          try {
            chunk = await reader.read();
          } catch (err) {
            throw fail('connection lost reading', err);
          }
          if (chunk.done) break;
          touch();
          total += chunk.value.length;
          if (total > req.maxBytes) {
            throw new DeviceFetchError(codes.tooLarge, `${req.url} sent more than ${req.maxBytes} bytes`, { url: req.url, limit: req.maxBytes });
          }
          yield Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.length);
        }
      } finally {
        clearTimeout(timer);
        await reader.cancel().catch(() => undefined);
      }
    },
    async discard() {
      clearTimeout(timer);
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

/** The whole body of a capped fetch (manifests: small by construction). */
export async function fetchCapped(req: FetchRequest): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await openCapped(req);
  const chunks: Buffer[] = [];
  for await (const chunk of res.body()) chunks.push(chunk);
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks) };
}

function causeOf(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; name?: string; message?: string } | undefined;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? e?.name ?? String(err);
}
