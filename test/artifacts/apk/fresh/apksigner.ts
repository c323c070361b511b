/**
 * Helpers for the fresh-APK tests: run make-apks.sh, read its index.json, run Debian's apksigner
 * and parse what it prints. apksigner is the oracle; nothing here knows the expected answers.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const APK_DIR = process.env.OTACTL_APKS_OUT ?? path.join(REPO_ROOT, 'test/.generated/apks');

export interface FreshApk {
  file: string;
  /** "signed" | "tampered" | "bench" */
  kind: string;
  description: string;
  key_algs: string[];
  schemes_signed: string[];
  /** --min-sdk-version given to apksigner sign. */
  sign_min_sdk: number;
  size: number;
  sha256: string;
  package: string;
  version_code: number;
  version_name: string;
  /** android:minSdkVersion in the manifest we built. */
  min_sdk: number;
  /** tampered only */
  base?: string;
  covered_by_signature?: boolean;
  tamper?: Record<string, unknown>;
  lineage?: string[];
  signers?: number;
  /** apksigner verify at the manifest's minSdk, recorded by make-apks.sh (the fuzzer's baseline). */
  apksigner?: { verifies: boolean; schemes: Record<string, boolean>; signer_cert_sha256: string[]; errors: string[] };
}

export interface FreshIndex {
  generated_by: string;
  tools: string;
  apks: FreshApk[];
}

/** The index of the APKs the run's global setup made (test/setup/fresh-apks.ts). */
export function freshApks(): FreshIndex {
  return JSON.parse(readFileSync(path.join(APK_DIR, 'index.json'), 'utf8')) as FreshIndex;
}

/** Runs make-apks.sh (skips itself when up to date). Throws with an actionable message. */
export function makeFreshApks(): FreshIndex {
  const script = path.join(REPO_ROOT, 'test/artifacts/apk/fresh/make-apks.sh');
  const r = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, OTACTL_APKS_OUT: APK_DIR }, timeout: 600_000 });
  if (r.error) throw new Error(`make-apks.sh could not run: ${r.error.message}`);
  if (r.status === 3) {
    throw new Error(
      `make-apks.sh: a required tool is missing. Install the test dependencies with ` +
        `\`bash scripts/install-test-deps.sh\` (Debian: apksigner aapt zipalign android-framework-res, a JDK, openssl).\n${r.stderr}`,
    );
  }
  if (r.status !== 0) throw new Error(`make-apks.sh failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  return freshApks();
}

export interface ApksignerSigner {
  cert_sha256: string;
  key_algorithm?: string;
  key_size?: number;
}

export interface ApksignerVerdict {
  verified: boolean;
  exitCode: number | null;
  /** Scheme lines apksigner printed ("Verified using vN scheme ...: true|false"); absent when it printed none. */
  schemes: Partial<Record<'v1' | 'v2' | 'v3' | 'v31' | 'v4', boolean>>;
  signers: ApksignerSigner[];
  errors: string[];
  /** The full output, for failure messages. */
  output: string;
}

export function parseApksignerVerify(stdout: string, stderr: string, exitCode: number | null): ApksignerVerdict {
  const output = `${stdout}${stderr ? `\n${stderr}` : ''}`;
  const lines = output.split(/\r?\n/);
  const schemes: ApksignerVerdict['schemes'] = {};
  const signers = new Map<number, ApksignerSigner>();
  const errors: string[] = [];
  let says: 'verifies' | 'does-not' | null = null;
  for (const line of lines) {
    if (line === 'Verifies') says = 'verifies';
    else if (line === 'DOES NOT VERIFY') says = 'does-not';
    let m = /^Verified using v(\d(?:\.\d)?) scheme \([^)]*\): (true|false)$/.exec(line);
    if (m) {
      const key = m[1] === '3.1' ? 'v31' : (`v${m[1]}` as 'v1' | 'v2' | 'v3' | 'v4');
      schemes[key as keyof ApksignerVerdict['schemes']] = m[2] === 'true';
      continue;
    }
    m = /^Signer #(\d+) certificate SHA-256 digest: ([0-9a-f]{64})$/.exec(line);
    if (m) {
      const n = Number(m[1]);
      signers.set(n, { ...(signers.get(n) ?? {}), cert_sha256: m[2]! });
      continue;
    }
    m = /^Signer #(\d+) key algorithm: (\S+)$/.exec(line);
    if (m) {
      const n = Number(m[1]);
      signers.set(n, { cert_sha256: '', ...(signers.get(n) ?? {}), key_algorithm: m[2]! });
      continue;
    }
    m = /^Signer #(\d+) key size \(bits\): (\d+)$/.exec(line);
    if (m) {
      const n = Number(m[1]);
      signers.set(n, { cert_sha256: '', ...(signers.get(n) ?? {}), key_size: Number(m[2]) });
      continue;
    }
    if (line.startsWith('ERROR') || line.startsWith('Exception') || line.startsWith('Caused by')) errors.push(line);
  }
  // "Verifies" alone is not enough: apksigner must also exit 0 (it exits 1 on DOES NOT VERIFY and
  // on exceptions such as a malformed ZIP, which print no verdict line at all).
  const verified = says === 'verifies' && exitCode === 0;
  const ordered = [...signers.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  return { verified, exitCode, schemes, signers: ordered, errors, output };
}

function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 180_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? (err as unknown as { code: number }).code : null) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

export async function apksignerVerify(file: string, minSdk: number): Promise<ApksignerVerdict> {
  const r = await run('apksigner', ['verify', '-v', '--print-certs', '--min-sdk-version', String(minSdk), file]);
  return parseApksignerVerify(r.stdout, r.stderr, r.code);
}

export interface ApksignerLineageNode {
  cert_sha256: string;
  /** Capability flags as the lineage stores them (apksig SigningCertificateLineage.SignerCapabilities). */
  flags: number;
}

/** `apksigner lineage --in APK --print-certs -v`: the proof-of-rotation lineage, oldest first. */
export async function apksignerLineage(file: string): Promise<ApksignerLineageNode[] | null> {
  const r = await run('apksigner', ['lineage', '--in', file, '--print-certs', '-v']);
  if (r.code !== 0 || /does not contain a valid/.test(r.stdout + r.stderr)) return null;
  const nodes: ApksignerLineageNode[] = [];
  // apksig flag bits: INSTALLED_DATA 1, SHARED_USER_ID 2, PERMISSION 4, ROLLBACK 8, AUTH 16.
  const bits: Record<string, number> = { 'installed data': 1, 'shared UID': 2, permission: 4, rollback: 8, auth: 16 };
  for (const line of r.stdout.split(/\r?\n/)) {
    let m = /^Signer #(\d+) in lineage certificate SHA-256 digest: ([0-9a-f]{64})$/.exec(line);
    if (m) {
      nodes.push({ cert_sha256: m[2]!, flags: 0 });
      continue;
    }
    m = /^Has (.+?) capability\s*: (true|false)$/.exec(line);
    if (m && nodes.length > 0 && m[2] === 'true') {
      const bit = bits[m[1]!];
      if (bit === undefined) throw new Error(`unknown lineage capability line: ${line}`);
      nodes[nodes.length - 1]!.flags |= bit;
    }
  }
  return nodes;
}

/** Runs `fn` over `items` with at most `limit` in flight (two cores: JVMs are heavy). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
