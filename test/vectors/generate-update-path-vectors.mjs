#!/usr/bin/env node
// Vectors for the two rules that keep a device updatable (issue 16 item 10), shared by the
// TypeScript SDK (src/device/boot-validation.ts, src/device/resume.ts), the C core
// (templates/esp-idf/src/ota_boot.c, ota_resume.c) and Kotlin (templates/android/core/.../UpdatePath.kt):
//   boot.json   a new build is valid only after it has itself fetched and verified the manifest;
//   resume.json what a download may do with a response to a (Range) request.
// Every expectation is written by hand below; nothing is imported from src/ (docs/vectors.md).
//
//   node test/vectors/generate-update-path-vectors.mjs          # rewrite boot.json and resume.json
//   node test/vectors/generate-update-path-vectors.mjs --check  # exit 1 when a file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTOR_PATHS = {
  boot: fileURLToPath(new URL('./boot.json', import.meta.url)),
  resume: fileURLToPath(new URL('./resume.json', import.meta.url)),
};

// ---- boot.json ---------------------------------------------------------------------------------
const LIMITS = { max_boots: 3, max_failures: 3, max_pending_ms: 3_600_000 };
const T = 1_750_000_000_000; // a wall-clock instant, ms
const CONFIRMED = { status: 'confirmed', boots: 0, failures: 0, first_boot_ms: null };
const pending = (boots, failures, first_boot_ms) => ({ status: 'pending', boots, failures, first_boot_ms });
const rolledBack = (boots, failures, first_boot_ms) => ({ status: 'rolled_back', boots, failures, first_boot_ms });

const installed = (now_ms = T) => ({ type: 'installed', now_ms });
const boot = (now_ms = T, running_installed = true) => ({ type: 'boot', running_installed, now_ms });
const checkOk = (now_ms = T) => ({ type: 'check_ok', now_ms });
const checkFailed = (now_ms = T) => ({ type: 'check_failed', now_ms });
const tick = (now_ms) => ({ type: 'tick', now_ms });
/** One step: the event and the state and action that must follow it. */
const step = (event, state, action = 'none', reason = null) => ({ event, expect: { ...state, action, reason } });

const bootCase = (note, start, steps, limits = LIMITS) => ({ note, limits, start, steps });

function bootCases() {
  return [
    bootCase('a new build is marked valid once it has verified the manifest itself', CONFIRMED, [
      step(installed(), pending(0, 0, null)),
      step(boot(T + 1000), pending(1, 0, T + 1000)),
      step(checkOk(T + 2000), CONFIRMED, 'mark_valid'),
    ]),
    bootCase('a check by the old build between install and restart does not validate the new one', CONFIRMED, [
      step(installed(), pending(0, 0, null)),
      step(checkOk(T + 500), pending(0, 0, null)),
      step(checkFailed(T + 600), pending(0, 0, null)),
      step(boot(T + 1000), pending(1, 0, T + 1000)),
      step(checkOk(T + 2000), CONFIRMED, 'mark_valid'),
    ]),
    bootCase('failed checks count; at max_failures the build is rolled back', pending(1, 0, T), [
      step(checkFailed(T + 10), pending(1, 1, T)),
      step(checkFailed(T + 20), pending(1, 2, T)),
      step(checkFailed(T + 30), rolledBack(1, 3, T), 'rollback', 'failures'),
    ]),
    bootCase('a verified manifest after failed checks still validates', pending(1, 2, T), [
      step(checkOk(T + 10), CONFIRMED, 'mark_valid'),
    ]),
    bootCase('a build that restarts before it validates is rolled back after max_boots boots', CONFIRMED, [
      step(installed(), pending(0, 0, null)),
      step(boot(T + 1), pending(1, 0, T + 1)),
      step(boot(T + 2), pending(2, 0, T + 1)),
      step(boot(T + 3), pending(3, 0, T + 1)),
      step(boot(T + 4), rolledBack(4, 0, T + 1), 'rollback', 'boots'),
    ]),
    bootCase('the time limit counts from the first boot of the new build; reached, it rolls back', pending(1, 0, T), [
      step(tick(T + 3_599_999), pending(1, 0, T)),
      step(tick(T + 3_600_000), rolledBack(1, 0, T), 'rollback', 'deadline'),
    ]),
    bootCase('a verified manifest after the time limit is too late (the limit is checked first)', pending(1, 0, T), [
      step(checkOk(T + 3_600_000), rolledBack(1, 0, T), 'rollback', 'deadline'),
    ]),
    bootCase('a failed check after the time limit rolls back for the deadline, not the count', pending(1, 0, T), [
      step(checkFailed(T + 4_000_000), rolledBack(1, 0, T), 'rollback', 'deadline'),
    ]),
    bootCase('without a clock the time limit waits: the first boot with a clock starts it', CONFIRMED, [
      step(installed(null), pending(0, 0, null)),
      step(boot(null), pending(1, 0, null)),
      step(tick(T + 99_000_000), pending(1, 0, null)),
      step(checkFailed(null), pending(1, 1, null)),
      step(boot(T), pending(2, 1, T)),
      step(tick(T + 3_600_000), rolledBack(2, 1, T), 'rollback', 'deadline'),
    ]),
    bootCase('an event without a clock never triggers the time limit', pending(1, 0, T), [
      step(tick(null), pending(1, 0, T)),
      step(checkOk(null), CONFIRMED, 'mark_valid'),
    ]),
    bootCase('max_pending_ms 0: no time limit', pending(1, 0, T), [
      step(tick(T + 1e12), pending(1, 0, T)),
      step(checkOk(T + 1e12), CONFIRMED, 'mark_valid'),
    ], { ...LIMITS, max_pending_ms: 0 }),
    bootCase('the installed build is not the one running (the install did not take, or the bootloader went back): reverted', CONFIRMED, [
      step(installed(), pending(0, 0, null)),
      step(boot(T + 1, false), CONFIRMED, 'reverted'),
    ]),
    bootCase('after a rollback the previous build boots: reverted, and it is confirmed', rolledBack(2, 3, T), [
      step(boot(T + 10, false), CONFIRMED, 'reverted'),
    ]),
    bootCase('a rolled-back build that still runs at the next boot asks for the rollback again', rolledBack(2, 3, T), [
      step(boot(T + 10, true), rolledBack(2, 3, T), 'rollback', 'not_reverted'),
    ]),
    bootCase('a rolled-back build cannot validate itself any more', rolledBack(1, 3, T), [
      step(checkOk(T + 10), rolledBack(1, 3, T)),
      step(checkFailed(T + 20), rolledBack(1, 3, T)),
      step(tick(T + 1e10), rolledBack(1, 3, T)),
    ]),
    bootCase('a confirmed build ignores failed checks, boots and time', CONFIRMED, [
      step(checkFailed(T), CONFIRMED),
      step(boot(T + 1), CONFIRMED),
      step(boot(T + 2, false), CONFIRMED),
      step(tick(T + 1e12), CONFIRMED),
      step(checkOk(T + 1e12), CONFIRMED),
    ]),
    bootCase('a new install while one is pending starts the count again', pending(2, 2, T), [
      step(installed(T + 5), pending(0, 0, null)),
      step(boot(T + 6), pending(1, 0, T + 6)),
    ]),
    bootCase('max_boots 1 (a bootloader that rolls back on the first restart): the second boot rolls back', pending(1, 0, T), [
      step(boot(T + 1), rolledBack(2, 0, T), 'rollback', 'boots'),
    ], { ...LIMITS, max_boots: 1 }),
  ];
}

// ---- resume.json -------------------------------------------------------------------------------
const SIZE = 1000;
const BIG = 5_000_000_000; // above 2^32: 64-bit offsets everywhere

/**
 * have: bytes of this build already on disk; response: what the server answered the request the
 * device derived from `have`; body_bytes: how many body bytes then arrived before the stream ended.
 */
const res = (status, content_range = null, content_length = null) => ({ status, content_range, content_length });
const resumeCase = (note, have, response, body_bytes, expect, size = SIZE) => ({ note, size, have, response, body_bytes, expect });
const append = (range_from, offset, length, outcome, on_disk) => ({ range_from, action: 'append', reason: 'resume', offset, length, outcome, on_disk });
const restart = (range_from, reason, outcome, on_disk, size = SIZE) => ({ range_from, action: 'restart', reason, offset: 0, length: size, outcome, on_disk });
const keep = (range_from, on_disk) => ({ range_from, action: 'keep', reason: 'status', offset: null, length: null, outcome: 'none', on_disk });
const discard = (range_from, reason) => ({ range_from, action: 'discard', reason, offset: null, length: null, outcome: 'none', on_disk: 0 });

function resumeCases() {
  return [
    resumeCase('nothing on disk: no Range, a 200 of the declared size is written from 0', 0, res(200, null, 1000), 1000, restart(null, 'full', 'complete', 1000)),
    resumeCase('a partial file: Range from its end, a 206 continuing it is appended', 400, res(206, 'bytes 400-999/1000', 600), 600, append(400, 400, 600, 'complete', 1000)),
    resumeCase('a 206 without Content-Length is appended by its Content-Range', 400, res(206, 'bytes 400-999/1000'), 600, append(400, 400, 600, 'complete', 1000)),
    resumeCase('the server ignored Range (200): what is there is discarded and the body written from 0, never appended', 400, res(200, null, 1000), 1000, restart(400, 'range_ignored', 'complete', 1000)),
    resumeCase('a 200 carrying a Content-Range is still the whole file from 0', 400, res(200, 'bytes 400-999/1000', 1000), 1000, restart(400, 'range_ignored', 'complete', 1000)),
    resumeCase('a 200 cut short leaves the bytes from 0 it got, to resume next time', 400, res(200, null, 1000), 300, restart(400, 'range_ignored', 'partial', 300)),
    resumeCase('a 206 cut short leaves the partial file longer, to resume next time', 400, res(206, 'bytes 400-999/1000', 600), 100, append(400, 400, 600, 'partial', 500)),
    resumeCase('a 206 for a shorter range is appended as stated; the rest comes next time', 400, res(206, 'bytes 400-699/1000', 300), 300, append(400, 400, 300, 'partial', 700)),
    resumeCase('a 206 from 0 when 400 was asked: refused, the partial file dropped', 400, res(206, 'bytes 0-999/1000', 1000), 1000, discard(400, 'range_mismatch')),
    resumeCase('a 206 starting one byte late: refused', 400, res(206, 'bytes 401-999/1000', 599), 599, discard(400, 'range_mismatch')),
    resumeCase('a 206 whose total differs from the manifest size: refused', 400, res(206, 'bytes 400-1999/2000', 1600), 1600, discard(400, 'total_mismatch')),
    resumeCase('a 206 with an unknown total (*): refused', 400, res(206, 'bytes 400-999/*', 600), 600, discard(400, 'total_mismatch')),
    resumeCase('a 206 ending past the total: refused', 400, res(206, 'bytes 400-1000/1000', 601), 601, discard(400, 'range_mismatch')),
    resumeCase('a 206 ending before it starts: refused', 400, res(206, 'bytes 400-399/1000', 0), 0, discard(400, 'range_mismatch')),
    resumeCase('a 206 whose Content-Length differs from its Content-Range: refused', 400, res(206, 'bytes 400-999/1000', 700), 700, discard(400, 'length_mismatch')),
    resumeCase('a 206 without Content-Range: refused', 400, res(206, null, 600), 600, discard(400, 'range_mismatch')),
    resumeCase('a Content-Range in another syntax (bytes=): refused', 400, res(206, 'bytes=400-999/1000', 600), 600, discard(400, 'range_mismatch')),
    resumeCase('a Content-Range with a sign: refused', 400, res(206, 'bytes +400-999/1000', 600), 600, discard(400, 'range_mismatch')),
    resumeCase('a Content-Range with trailing text: refused', 400, res(206, 'bytes 400-999/1000 ', 600), 600, discard(400, 'range_mismatch')),
    resumeCase('an unsatisfied-range form in a 206: refused', 400, res(206, 'bytes */1000', 0), 0, discard(400, 'range_mismatch')),
    resumeCase('a 206 to a request without Range: refused', 0, res(206, 'bytes 0-999/1000', 1000), 1000, discard(null, 'unrequested_range')),
    resumeCase('a 200 whose Content-Length differs from the manifest size: refused before a byte is written', 0, res(200, null, 999), 999, discard(null, 'total_mismatch')),
    resumeCase('a 200 after a Range request with the wrong Content-Length: refused, the partial file dropped', 400, res(200, null, 1001), 1001, discard(400, 'total_mismatch')),
    resumeCase('a 200 without Content-Length sending more than the manifest size: overlong, nothing kept', 0, res(200), 1001, restart(null, 'full', 'overlong', 0)),
    resumeCase('a 206 without Content-Length sending more than its range: overlong, nothing kept', 400, res(206, 'bytes 400-999/1000'), 601, append(400, 400, 600, 'overlong', 0)),
    resumeCase('416 Range Not Satisfiable: the partial file is dropped, the next request starts from 0', 400, res(416, 'bytes */1000'), 0, discard(400, 'not_satisfiable')),
    resumeCase('a server error keeps the partial file for the next attempt', 400, res(503), 0, keep(400, 400)),
    resumeCase('a 404 with nothing on disk writes nothing', 0, res(404, null, 9), 9, keep(null, 0)),
    resumeCase('a partial file as long as the build is not resumed: no Range, it is dropped', 1000, res(200, null, 1000), 1000, restart(null, 'full', 'complete', 1000)),
    resumeCase('a partial file longer than the build is not resumed: no Range, it is dropped', 1200, res(200, null, 1000), 1000, restart(null, 'full', 'complete', 1000)),
    resumeCase('64-bit offsets: a 5 GB build resumed past 4 GiB', 4_294_967_306, res(206, 'bytes 4294967306-4999999999/5000000000', 705_032_694), 705_032_694,
      append(4_294_967_306, 4_294_967_306, 705_032_694, 'complete', BIG), BIG),
    resumeCase('64-bit offsets: a total that differs only above 2^32 is refused', 400, res(206, 'bytes 400-999/4294968296', 600), 600, discard(400, 'total_mismatch')),
  ];
}

export function buildUpdatePathVectors() {
  return {
    boot: {
      description: [
        'Boot validation (issue 16 item 10, docs/vectors.md): a freshly installed build is "pending"; it becomes "confirmed" (mark_valid)',
        'only after it has itself fetched and verified the channel manifest (signature, app/channel, expiry, sequence: check_ok).',
        'Failed checks (max_failures), restarts (max_boots) or time since its first boot (max_pending_ms, 0: none) before that roll it back.',
        'Run each case: start from `start`, apply each step\'s event with `limits`, and compare the state and the action after every step.',
      ],
      contract_version: 1,
      cases: bootCases(),
    },
    resume: {
      description: [
        'Range resume (issue 16 item 10, docs/vectors.md): `have` bytes of the build are on disk, `size` is the manifest\'s size.',
        'The request carries Range: bytes=<range_from>- when 0 < have < size (else no Range, and the partial file is dropped).',
        'The response decides: append at offset, restart from 0 (a 200: never append), keep (another status), or discard (a response that does not continue the file).',
        'Then body_bytes arrive: outcome complete (size bytes on disk: verify the SHA-256), partial (resume next time), overlong (more than announced: nothing kept).',
      ],
      contract_version: 1,
      cases: resumeCases(),
    },
  };
}

export function renderUpdatePathVectors() {
  const v = buildUpdatePathVectors();
  return { boot: `${JSON.stringify(v.boot, null, 2)}\n`, resume: `${JSON.stringify(v.resume, null, 2)}\n` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rendered = renderUpdatePathVectors();
  let stale = false;
  for (const name of /** @type {const} */ (['boot', 'resume'])) {
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(VECTOR_PATHS[name], 'utf8');
      } catch {}
      if (current !== rendered[name]) {
        process.stderr.write(`test/vectors/${name}.json is stale: run node test/vectors/generate-update-path-vectors.mjs\n`);
        stale = true;
      }
    } else {
      writeFileSync(VECTOR_PATHS[name], rendered[name]);
    }
  }
  process.exit(stale ? 1 : 0);
}
