/**
 * Range resume, the rule the device templates share (docs/vectors.md, resume.json): what a download
 * may do with the answer to its request, given the bytes of the build already on disk. A 200 is the whole file from 0 (never appended to what is
 * there); a 206 is appended only when its Content-Range starts exactly where the request asked and
 * its total is the manifest's size; anything else writes nothing. The body may not exceed what the
 * response announced; the SHA-256 is verified once `size` bytes are there. Pure (docs/vectors.md,
 * resume.json; the C and Kotlin templates hold the same rule).
 */

export type ResumeAction = 'append' | 'restart' | 'keep' | 'discard';
export type ResumeReason = 'resume' | 'full' | 'range_ignored' | 'status' | 'not_satisfiable' | 'unrequested_range' | 'range_mismatch' | 'total_mismatch' | 'length_mismatch';

export interface ResumePlan {
  /** append: write the body at `offset`; restart: truncate and write from 0; keep: write nothing, keep the
   *  partial file (try later); discard: write nothing and drop the partial file. */
  action: ResumeAction;
  reason: ResumeReason;
  /** Where the body goes (append, restart), or null. */
  offset: number | null;
  /** Bytes the body must bring (append, restart), or null. */
  length: number | null;
}

export interface ResumeResponse {
  status: number;
  contentRange: string | null;
  contentLength: number | null;
}

/** The Range start to ask for (`Range: bytes=<n>-`), or null: no Range, and a partial file is dropped. */
export function rangeFrom(have: number, size: number): number | null {
  return have > 0 && have < size ? have : null;
}

/** Up to 15 digits: every value stays exact in a double, a Kotlin Long and a C int64_t. */
const CONTENT_RANGE = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)$/;

export function planResume(rangeStart: number | null, size: number, r: ResumeResponse): ResumePlan {
  const refuse = (reason: ResumeReason, action: ResumeAction = 'discard'): ResumePlan => ({ action, reason, offset: null, length: null });
  if (r.status === 200) {
    if (r.contentLength !== null && r.contentLength !== size) return refuse('total_mismatch');
    return { action: 'restart', reason: rangeStart === null ? 'full' : 'range_ignored', offset: 0, length: size };
  }
  if (r.status === 416) return refuse('not_satisfiable');
  if (r.status !== 206) return refuse('status', 'keep');
  if (rangeStart === null) return refuse('unrequested_range');
  const m = CONTENT_RANGE.exec(r.contentRange ?? '');
  if (m === null || Number(m[1]) !== rangeStart) return refuse('range_mismatch');
  if (m[3] === '*' || Number(m[3]) !== size) return refuse('total_mismatch');
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start || end >= size) return refuse('range_mismatch');
  if (r.contentLength !== null && r.contentLength !== end - start + 1) return refuse('length_mismatch');
  return { action: 'append', reason: 'resume', offset: start, length: end - start + 1 };
}

export type ResumeOutcome = 'complete' | 'partial' | 'overlong' | 'none';

/**
 * After `received` body bytes of a plan: complete (size bytes on disk: verify the SHA-256 now),
 * partial (resume next time), overlong (more than the response announced: nothing is kept), none
 * (no body was used). `onDisk` is what stays; `rangeStart` is what the request asked.
 */
export function resumeOutcome(plan: ResumePlan, rangeStart: number | null, size: number, received: number): { outcome: ResumeOutcome; onDisk: number } {
  if (plan.action === 'keep') return { outcome: 'none', onDisk: rangeStart ?? 0 };
  if (plan.action === 'discard') return { outcome: 'none', onDisk: 0 };
  if (received > plan.length!) return { outcome: 'overlong', onDisk: 0 };
  const onDisk = plan.offset! + received;
  return { outcome: onDisk === size ? 'complete' : 'partial', onDisk };
}
