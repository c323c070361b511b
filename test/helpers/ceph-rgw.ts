// Starts and stops a throwaway Ceph S3 gateway (scripts/ceph-rgw.sh) for the S3 tests.
// One job: the server's lifetime. Every daemon is stopped by pid on stop(), at process exit as a
// last resort, and by the script's watchdog if this process dies without either.
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('../../scripts/ceph-rgw.sh', import.meta.url));
const TOOLS = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'monmaptool'];

/** Where and how to reach the gateway; plain data so vitest's provide() can hand it to test files. */
export interface S3Server {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface CephRgw extends S3Server {
  stop(): Promise<void>;
}

/** Why the gateway cannot start here (a Ceph tool is missing), or undefined when it can. */
export function cephRgwMissing(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const missing = TOOLS.filter((tool) => !dirs.some((dir) => isExecutable(join(dir, tool))));
  if (missing.length === 0) return undefined;
  return `Ceph S3 gateway not installed (missing ${missing.join(', ')}); run scripts/install-test-deps.sh`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Starts a cluster in a fresh temp dir (about 15 s); rejects with the daemons' log tails on failure. */
export async function startCephRgw(): Promise<CephRgw> {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-ceph-rgw-'));
  const stopSync = (): void => {
    spawnSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopSync);
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('bash', [SCRIPT, 'start', dir], {
      env: { ...process.env, CEPH_RGW_OWNER_PID: String(process.pid) },
      timeout: 180_000,
    }));
  } catch (err) {
    stopSync();
    process.off('exit', stopSync);
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`scripts/ceph-rgw.sh start failed:\n${stderr || String(err)}`);
  }
  const vars = new Map(
    stdout.split('\n').flatMap((line) => {
      const eq = line.indexOf('=');
      return eq > 0 ? [[line.slice(0, eq), line.slice(eq + 1)] as const] : [];
    }),
  );
  return {
    endpoint: required(vars, 'CEPH_RGW_ENDPOINT'),
    region: 'us-east-1',
    accessKeyId: required(vars, 'CEPH_RGW_ACCESS_KEY_ID'),
    secretAccessKey: required(vars, 'CEPH_RGW_SECRET_ACCESS_KEY'),
    async stop() {
      process.off('exit', stopSync);
      await promisify(execFile)('bash', [SCRIPT, 'stop', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function required(vars: Map<string, string>, name: string): string {
  const value = vars.get(name);
  if (!value) throw new Error(`scripts/ceph-rgw.sh start printed no ${name}`);
  return value;
}
