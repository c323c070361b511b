// The ESP-IDF template's C core (templates/esp-idf) as a batch decider: compiled with the host gcc
// against mbedTLS and cJSON, it verifies the manifest envelope itself and decides for many devices
// in one process (templates/esp-idf/test/decide_batch.c).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ESP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/esp-idf');
const HEADERS = ['/usr/include/mbedtls/pk.h', '/usr/include/cjson/cJSON.h'];

/** Why the C core cannot be built here (callers say so loudly), or null. */
export function cCoreMissing() {
  const gcc = spawnSync('gcc', ['--version']);
  if (gcc.error || gcc.status !== 0) return 'gcc is not installed (run scripts/install-test-deps.sh)';
  const absent = HEADERS.filter((h) => !existsSync(h));
  return absent.length ? `${absent.join(', ')} missing (run scripts/install-test-deps.sh)` : null;
}

/** Compiles decide_batch into dir; returns the executable's path. Throws with gcc's output on failure. */
export function compileDecideBatch(dir) {
  const exe = path.join(dir, 'decide_batch');
  const sources = [
    ...readdirSync(path.join(ESP, 'src')).filter((f) => f.endsWith('.c')).map((f) => path.join(ESP, 'src', f)),
    path.join(ESP, 'port', 'ota_crypto_mbedtls.c'),
    path.join(ESP, 'test', 'decide_batch.c'),
  ];
  const flags = ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Wall', '-Wextra', '-Werror', '-O2'];
  // src/ is the core's private include directory (the port includes "ota_crypto.h" by name), as in ESP-IDF's PRIV_INCLUDE_DIRS.
  const includes = ['include', 'src'].map((dir) => `-I${path.join(ESP, dir)}`);
  const cc = spawnSync('gcc', [...flags, ...includes, '-I/usr/include/cjson', ...sources, '-lmbedcrypto', '-lcjson', '-o', exe], { encoding: 'utf8' });
  if (cc.status !== 0 || cc.stderr) throw new Error(`gcc failed:\n${cc.stderr}${cc.stdout}`);
  return exe;
}

const tri = (v) => (v === undefined ? -1 : v ? 1 : 0);

/** One input line per device: id, version code, then the conditions (-1 = unknown). */
function deviceLine({ device, conditions: c }) {
  return [device.device_id, device.current_version_code, tri(c.wifi), c.battery ?? -1, tri(c.charging), tri(c.in_call), c.free_disk_bytes ?? -1].join('\t');
}

/**
 * Runs the C core over rows [{device, conditions}] against a signed manifest envelope.
 * Returns {rejected: reason} when the C side refuses the envelope, else {decisions: Map(id -> decision)}
 * with decision = {action, reason, build_id, bucket, in_cohort, canary}.
 */
export function decideInC(exe, work, envelope, spkiDer, nowMs, rows) {
  const envFile = path.join(work, 'envelope.json');
  const keyFile = path.join(work, 'key.spki.der');
  writeFileSync(envFile, envelope);
  writeFileSync(keyFile, spkiDer);
  const r = spawnSync(exe, [envFile, keyFile, String(nowMs)], { input: rows.map(deviceLine).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status === 3) return { rejected: r.stdout.trim().replace(/^REJECT /, '') };
  if (r.status !== 0) throw new Error(`decide_batch exited ${r.status}: ${r.stderr}`);
  const decisions = new Map();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [id, action, reason, build, bucket, inCohort, canary] = line.split('\t');
    decisions.set(id, { action, reason, build_id: build === '-' ? null : build, bucket: Number(bucket), in_cohort: inCohort === '1', canary: canary === '1' });
  }
  return { decisions };
}

/** Decisions per second of the C core over rows, each decided `rounds` times in one process. */
export function benchC(exe, work, envelope, spkiDer, nowMs, rows, rounds) {
  const envFile = path.join(work, 'envelope.json');
  const keyFile = path.join(work, 'key.spki.der');
  writeFileSync(envFile, envelope);
  writeFileSync(keyFile, spkiDer);
  const r = spawnSync(exe, [envFile, keyFile, String(nowMs), '--bench', String(rounds)], { input: rows.map(deviceLine).join('\n') + '\n', encoding: 'utf8' });
  const m = /^decisions (\d+) seconds ([\d.]+)/.exec(r.stdout);
  if (!m) throw new Error(`decide_batch --bench: ${r.stdout}${r.stderr}`);
  return { decisions: Number(m[1]), seconds: Number(m[2]) };
}
