/**
 * Downloads a build's artifact to a file and hands it over only once it verifies. Bytes stream to
 * `<dest>.part` beside the destination while SHA-256 is computed; an interrupted download resumes
 * with Range + If-Range from what is there (re-hashed first). Size, SHA-256 and signer must match
 * the signed manifest before the file is renamed to `dest`; otherwise the partial file is removed.
 * What a response may do to the partial file is the shared Range rule of ./resume.ts (a 200 is
 * written from 0, never appended; a 206 only where its Content-Range says and with the manifest's
 * total; test/vectors/resume.json).
 *
 * A download folder may be shared by several updaters (processes or instances): `<dest>.lock`,
 * created exclusively, makes one of them the owner of `<dest>.part` for the download; another that
 * wants the same file meanwhile fails at once with a typed `ota.download.fail` (reason `busy`) and
 * resumes at its next check. A lock left by a process that died is taken over (same host, pid gone).
 * `handOverTo` gives the verified file a name of the caller's own, so one updater's clean-up after
 * install never removes the file another is installing.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { BuildRef } from '../protocol/schemas.js';
import { dirname } from 'node:path';
import { OtaError, VerificationError } from '../errors.js';
import { DeviceFetchError, openCapped } from './fetcher.js';
import { planResume, rangeFrom, resumeOutcome, type ResumePlan } from './resume.js';

export interface DownloadRequest {
  url: string;
  build: BuildRef;
  /** Where the verified artifact ends up; `<dest>.part` and `<dest>.part.json` hold a partial one. */
  dest: string;
  /** The signer the installed app carries (APK: SHA-256 of its certificate); a build signed otherwise is refused. */
  expectedSigner?: string;
  /** Where the verified file is renamed to instead of `dest` (a name only this caller uses); `dest` still names the partial files and the lock. */
  handOverTo?: string;
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface DownloadResult {
  file: string;
  /** Bytes reused from a partial download (0: fetched from the start). */
  resumedFrom: number;
}

/** What is remembered about a partial download, to resume only the same bytes. */
interface PartialMeta {
  sha256: string;
  size: number;
  etag: string;
}

export async function downloadVerified(req: DownloadRequest): Promise<DownloadResult> {
  checkSigner(req.build, req.expectedSigner);
  const release = await lockDownload(req.dest, req.url);
  try {
    return await downloadLocked(req);
  } catch (err) {
    // The folder's own failures (removed, full, read-only) are typed like the network's (README: DeviceFetchError).
    const e = err as NodeJS.ErrnoException;
    if (err instanceof OtaError || typeof e.code !== 'string') throw err;
    throw new DeviceFetchError('ota.download.fail', `cannot keep the download of ${req.build.build_id} in ${dirname(req.dest)}: ${e.code}${e.syscall ? ` (${[e.syscall, e.path].filter(Boolean).join(' ')})` : ''}`, {
      url: req.url,
      file: req.dest,
      reason: 'filesystem',
    });
  } finally {
    await release();
  }
}

async function downloadLocked(req: DownloadRequest): Promise<DownloadResult> {
  const { build, dest } = req;
  const part = `${dest}.part`;
  const metaFile = `${dest}.part.json`;
  const hash = createHash('sha256');
  const from = rangeFrom(await resumableLength(part, metaFile, build), build.size);
  const meta = from !== null ? await readMeta(metaFile) : null;
  if (from !== null) await hashFile(part, hash);

  const headers: Record<string, string> = {};
  if (from !== null && meta) Object.assign(headers, { range: `bytes=${from}-`, 'if-range': meta.etag });
  let res: Awaited<ReturnType<typeof openCapped>>;
  try {
    res = await openCapped({ url: req.url, purpose: 'download', maxBytes: build.size, headers, idleTimeoutMs: req.idleTimeoutMs, fetch: req.fetch });
  } catch (err) {
    // A status openCapped refuses: a 416 drops the partial file (else every retry asks the same range), others keep it.
    const status = err instanceof DeviceFetchError ? err.details.status : undefined;
    if (typeof status === 'number' && planResume(from, build.size, { status, contentRange: null, contentLength: null }).action === 'discard') await discardPartial(part, metaFile);
    throw err;
  }
  const plan = planResume(from, build.size, { status: res.status, contentRange: res.headers.get('content-range'), contentLength: lengthOf(res.headers) });
  const etag = res.headers.get('etag');
  // If-Range asked for this very object; a 206 under another validator does not continue it either.
  if (plan.action === 'append' && etag !== null && etag !== meta!.etag) Object.assign(plan, { action: 'discard', reason: 'range_mismatch', offset: null, length: null });
  if (plan.action === 'keep' || plan.action === 'discard') {
    await res.discard();
    if (plan.action === 'discard') await discardPartial(part, metaFile);
    const why = plan.action === 'keep' ? `answered ${res.status}` : `answered ${res.status} that does not continue the partial download (${plan.reason}); starting over next time`;
    throw new DeviceFetchError('ota.download.fail', `${req.url} ${why}`, { url: req.url, status: res.status, reason: plan.reason });
  }
  // restart: the whole file from 0 (no Range sent, the server ignored it, or If-Range failed); never appended.
  return finish(req, part, metaFile, res, plan.action === 'append' ? hash : createHash('sha256'), plan, from);
}

/** Content-Length as a number (NaN when garbled, so it matches no size), or null when absent. */
function lengthOf(headers: Headers): number | null {
  const v = headers.get('content-length');
  return v === null ? null : /^\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
}

/** Streams the body into the partial file where the plan says, then verifies and renames it into place. */
async function finish(
  req: DownloadRequest,
  part: string,
  metaFile: string,
  res: Awaited<ReturnType<typeof openCapped>>,
  hash: Hash,
  plan: ResumePlan,
  from: number | null,
): Promise<DownloadResult> {
  const { build, dest } = req;
  const offset = plan.offset!;
  const etag = res.headers.get('etag');
  // Without a validator a partial file cannot be resumed safely; it is then simply not kept.
  if (etag !== null) await writeFile(metaFile, JSON.stringify({ sha256: build.sha256, size: build.size, etag } satisfies PartialMeta));
  else await removeFile(metaFile);
  let received = 0;
  const fh = await open(part, plan.action === 'append' ? 'a' : 'w');
  try {
    for await (const chunk of res.body()) {
      received += chunk.length;
      if (resumeOutcome(plan, from, build.size, received).outcome === 'overlong') {
        throw new DeviceFetchError('ota.download.too_large', `${req.url} sent more than the ${plan.length} bytes it announced (the manifest declares ${build.size})`, { url: req.url, limit: build.size });
      }
      hash.update(chunk);
      await fh.write(chunk).catch((err: NodeJS.ErrnoException) => {
        throw new DeviceFetchError('ota.download.fail', `cannot write ${part}: ${err.code ?? err.message}`, { file: part });
      });
    }
  } catch (err) {
    await fh.close();
    // Too many bytes: the server is not serving this build; keep nothing of it.
    if (err instanceof DeviceFetchError && err.code === 'ota.download.too_large') await discardPartial(part, metaFile);
    throw err;
  }
  await fh.close();
  const { outcome, onDisk } = resumeOutcome(plan, from, build.size, received);
  if (outcome !== 'complete') {
    throw new DeviceFetchError('ota.download.fail', `${req.url} ended after ${onDisk} of ${build.size} bytes; the next attempt resumes`, { url: req.url, received: onDisk });
  }
  const sha = hash.digest('hex');
  if (sha !== build.sha256) {
    await discardPartial(part, metaFile);
    throw new VerificationError(`${build.build_id}: the artifact's SHA-256 is ${sha}, the manifest says ${build.sha256}`, 'ota.verify.fail', { build_id: build.build_id, reason: 'sha256' });
  }
  const file = req.handOverTo ?? dest;
  await rename(part, file);
  await removeFile(metaFile);
  return { file, resumedFrom: offset };
}

/**
 * The manifest is signed and names the build's signer (otactl checked the APK's signature against
 * it at upload); the sha256 above binds these bytes to that build. So a device that pins its signer
 * compares it here, before spending a byte of download.
 */
export function checkSigner(build: BuildRef, expected: string | undefined): void {
  if (expected === undefined || build.signer_fingerprint === expected) return;
  throw new VerificationError(
    `${build.build_id} is signed by ${build.signer_fingerprint ?? '(no signer)'}, the device expects ${expected}`,
    'ota.verify.fail',
    { build_id: build.build_id, reason: 'signer' },
  );
}

/** Bytes of a partial download of this very build that can be resumed; 0 when there is none. */
async function resumableLength(part: string, metaFile: string, build: BuildRef): Promise<number> {
  const meta = await readMeta(metaFile);
  const size = await stat(part).then((s) => s.size, () => 0);
  if (meta && meta.sha256 === build.sha256 && meta.size === build.size && size > 0 && size < build.size) return size;
  if (size > 0 || meta) await discardPartial(part, metaFile);
  return 0;
}

async function readMeta(metaFile: string): Promise<PartialMeta | null> {
  try {
    const m = JSON.parse(await readFile(metaFile, 'utf8')) as Partial<PartialMeta>;
    return typeof m.sha256 === 'string' && typeof m.size === 'number' && typeof m.etag === 'string' ? (m as PartialMeta) : null;
  } catch {
    return null;
  }
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/**
 * Removes one file of ours; already gone is fine. unlink, not rm({force}): rm looks the path up
 * first (lstat), a syscall per file on every download (issue 20, the fleet run).
 */
export async function removeFile(file: string): Promise<void> {
  await unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

async function discardPartial(part: string, metaFile: string): Promise<void> {
  await removeFile(part);
  await removeFile(metaFile);
}

interface LockOwner {
  pid: number;
  host: string;
}

/** Takes `<dest>.lock` (exclusive create) or fails typed (reason busy); returns its release. */
async function lockDownload(dest: string, url: string): Promise<() => Promise<void>> {
  const lock = `${dest}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      try {
        await fh.writeFile(JSON.stringify(me));
      } finally {
        await fh.close();
      }
      return () => removeFile(lock);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new DeviceFetchError('ota.download.fail', `cannot create ${lock}: ${code ?? (err as Error).message}`, { url, file: lock });
      const owner = await readOwner(lock);
      // A lock whose process is gone (same host) is stale: taken over once. An unreadable one may be
      // being written right now, so it counts as held.
      if (attempt === 0 && owner && owner.host === me.host && !alive(owner.pid)) {
        await removeFile(lock);
        continue;
      }
      const who = owner ? `pid ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`}` : 'another updater';
      throw new DeviceFetchError('ota.download.fail', `${dest} is being downloaded by ${who} sharing this folder (${lock}); this check gives up, the next one resumes`, {
        url,
        file: dest,
        reason: 'busy',
      });
    }
  }
}

async function readOwner(lock: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await readFile(lock, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && Number.isInteger(o.pid) && o.pid > 0 && typeof o.host === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
