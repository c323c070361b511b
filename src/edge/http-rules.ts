/**
 * The HTTP rules of `otactl serve`, pure and separate from the server: which store key a request
 * path names, its Cache-Control and Content-Type, byte ranges and conditional requests (RFC 9110).
 */
import type http from 'node:http';
import path from 'node:path';
import { DEFAULT_POINTER_MAX_AGE, cacheControl, pointerCacheControl } from '../store/cache-control.js';
import { isInternalName } from '../store/store.js';

export const ARTIFACT_KEY = /^artifacts\/sha256\/([0-9a-f]{64})$/;
const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.apk': 'application/vnd.android.package-archive',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a raw request path to a store key (`apps/x/channels/y/manifest.json`), or the status to
 * refuse it with. WHY so strict: the key is joined under the root, so anything that could change
 * the directory (`..`, encoded separators, NUL, backslash) is refused before touching the disk.
 */
export function resolveStoreKey(rawPath: string): { key: string } | { status: 400 | 404 } {
  if (!rawPath.startsWith('/') || /%(2f|5c)/i.test(rawPath)) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.slice(1).split('/');
  if (segments.includes('..')) return { status: 400 };
  // Empty segments are directories or `//`; the rest are the store's internal files.
  if (segments.some((s) => s === '' || isInternalName(s))) return { status: 404 };
  return { key: segments.join('/') };
}

/** Content-addressed and append-only records never change; everything else may. */
export function cacheControlFor(key: string, pointerMaxAge = DEFAULT_POINTER_MAX_AGE): string {
  const s = key.split('/');
  const immutable =
    s[0] === 'artifacts' ||
    (s[0] === 'apps' && (s[2] === 'builds' || s[2] === 'beacons' || (s[2] === 'channels' && s[4] === 'history')));
  return immutable ? cacheControl.immutable : pointerCacheControl(pointerMaxAge);
}

export function contentTypeFor(key: string): string {
  return CONTENT_TYPES[path.posix.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * One `bytes=` range per RFC 9110 §14. Invalid syntax is ignored (full body), and so are multiple
 * ranges: the RFC lets a server send the whole representation instead of multipart/byteranges.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  const full: RangeResult = { kind: 'full' };
  const spec = header === undefined ? undefined : /^\s*bytes\s*=\s*(.*?)\s*$/i.exec(header)?.[1];
  if (spec === undefined || spec.includes(',')) return full;
  const m = /^(\d*)-(\d*)$/.exec(spec);
  if (!m || (m[1] === '' && m[2] === '')) return full;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return full;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(last, size - 1) };
}

/** If-None-Match: `*` or a list, compared weakly (RFC 9110 §13.1.2). */
export function etagListMatches(header: string, etag: string): boolean {
  if (header === etag) return true; // what a client that stored the ETag sends back
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => opaque(t) === opaque(etag));
}

/** HTTP dates have whole seconds; compare on the same grain. */
function httpSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export function isNotModified(req: http.IncomingMessage, etag: string, mtimeMs: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return etagListMatches(inm, etag);
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && httpSeconds(mtimeMs) <= httpSeconds(since);
}

/** If-Range needs a strong match (an ETag, or the exact Last-Modified date); else send it all. */
export function ifRangeHolds(header: string | undefined, etag: string, mtimeMs: number): boolean {
  if (header === undefined) return true;
  const v = header.trim();
  if (v.startsWith('"')) return v === etag;
  if (v.startsWith('W/')) return false;
  const date = Date.parse(v);
  return !Number.isNaN(date) && httpSeconds(date) === httpSeconds(mtimeMs);
}
