// S3 store bench (issue 10): a 200 MiB artifact uploaded by the S3 store against a plain SDK
// Upload of the same bytes to the same server in the same run (goal >= 0.9x), each in its own
// process for its peak RSS (goal < 150 MiB); and the store requests one promote makes on a store
// holding many builds (BENCH_S3_BUILDS, default 1000).
//
// The server: the one named by CEPH_RGW_ENDPOINT / _ACCESS_KEY_ID / _SECRET_ACCESS_KEY, else a
// throwaway Ceph gateway started here (scripts/ceph-rgw.sh, docs/testing.md) and stopped after.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;

function server(work) {
  const e = process.env;
  if (e.CEPH_RGW_ENDPOINT && e.CEPH_RGW_ACCESS_KEY_ID && e.CEPH_RGW_SECRET_ACCESS_KEY) {
    return { endpoint: e.CEPH_RGW_ENDPOINT, accessKeyId: e.CEPH_RGW_ACCESS_KEY_ID, secretAccessKey: e.CEPH_RGW_SECRET_ACCESS_KEY, stop: () => {} };
  }
  const dir = path.join(work, 'rgw');
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts/ceph-rgw.sh'), 'start', dir], { encoding: 'utf8', env: { ...process.env, CEPH_RGW_OWNER_PID: String(process.pid) } });
  const vars = Object.fromEntries(out.trim().split('\n').map((l) => l.split('=')).map(([k, ...v]) => [k, v.join('=')]));
  return {
    endpoint: vars.CEPH_RGW_ENDPOINT,
    accessKeyId: vars.CEPH_RGW_ACCESS_KEY_ID,
    secretAccessKey: vars.CEPH_RGW_SECRET_ACCESS_KEY,
    stop: () => execFileSync('bash', [path.join(repoRoot, 'scripts/ceph-rgw.sh'), 'stop', dir]),
  };
}

/** Runs `body` (an ES module text) in a fresh node; it prints one JSON line; peak RSS added. */
function child(body, env) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${body}\nconsole.log(JSON.stringify({ ...globalThis.result, max_rss_mib: process.resourceUsage().maxRSS / 1024 }));`], {
    cwd: repoRoot,
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const clientCode = (s) => `
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
const client = new S3Client({ endpoint: ${JSON.stringify(s.endpoint)}, region: 'us-east-1', forcePathStyle: true,
  credentials: { accessKeyId: ${JSON.stringify(s.accessKeyId)}, secretAccessKey: ${JSON.stringify(s.secretAccessKey)} },
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });`;

const storeCode = (s, bucket) => `
import { S3Store } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/store/s3-store.js')).href)};
const store = new S3Store({ bucket: ${JSON.stringify(bucket)}, prefix: 'ota', endpoint: ${JSON.stringify(s.endpoint)}, region: 'us-east-1', forcePathStyle: true, ifMatchUnquoted: true,
  clientConfig: { credentials: { accessKeyId: ${JSON.stringify(s.accessKeyId)}, secretAccessKey: ${JSON.stringify(s.secretAccessKey)} } } });`;

export async function run({ sizeMiB = 200, builds = Number(process.env.BENCH_S3_BUILDS ?? 1000) } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'otactl-bench-s3-'));
  const s = server(work);
  try {
    const bucket = `bench-${randomBytes(4).toString('hex')}`;
    child(`${clientCode(s)}\nawait client.send(new CreateBucketCommand({ Bucket: ${JSON.stringify(bucket)} })); globalThis.result = {};`);
    const file = path.join(work, 'artifact.bin');
    const fd = openSync(file, 'w');
    for (let i = 0; i < sizeMiB; i++) writeSync(fd, randomBytes(MiB));
    closeSync(fd);
    const size = sizeMiB * MiB;
    const rows = [];
    for (let round = 0; round < 2; round++) {
      const sdk = child(`${clientCode(s)}
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
const t0 = performance.now();
await new Upload({ client, params: { Bucket: ${JSON.stringify(bucket)}, Key: 'plain/${round}', Body: createReadStream(${JSON.stringify(file)}) } }).done();
globalThis.result = { ms: performance.now() - t0 };`);
      const ours = child(`${storeCode(s, bucket)}
const t0 = performance.now();
const r = await store.putFileIfAbsent('artifacts/bench-${round}', ${JSON.stringify(file)}, ${size}, { contentType: 'application/octet-stream' });
globalThis.result = { ms: performance.now() - t0, result: r, requests: store.requests };`);
      // Ceph's test cluster keeps objects in RAM (1 GiB): free them before the next round.
      child(`${clientCode(s)}
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
for (const Key of ['plain/${round}', 'ota/artifacts/bench-${round}']) await client.send(new DeleteObjectCommand({ Bucket: ${JSON.stringify(bucket)}, Key }));
globalThis.result = {};`);
      rows.push({ round, sdk_mib_s: sizeMiB / (sdk.ms / 1000), otactl_mib_s: sizeMiB / (ours.ms / 1000), ratio: sdk.ms / ours.ms, sdk_rss_mib: sdk.max_rss_mib, otactl_rss_mib: ours.max_rss_mib });
    }

    // Requests per promote with many builds: seeded through the library on the same server.
    const promote = child(`${storeCode(s, bucket)}
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openRepository, releaseDeps, upload, promote } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/index.js')).href)};
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const repo = await openRepository({ store, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
const deps = releaseDeps(repo, 'bench', { previewFleet: 100 });
const ids = [];
for (let v = 1; v <= ${builds}; v++) {
  const f = ${JSON.stringify(work)} + '/b' + v;
  writeFileSync(f, 'build ' + v);
  ids.push((await upload(deps, { file: f, app: 'demo', kind: 'file', versionCode: v })).build_id);
}
await promote(deps, { app: 'demo', channel: 'stable', build: ids[0], percent: 100 });
let before = store.requests;
await promote(deps, { app: 'demo', channel: 'stable', build: ids.at(-1), percent: 10 });
const byId = store.requests - before;
before = store.requests;
await promote(deps, { app: 'demo', channel: 'stable', build: ids.at(-2).slice(0, 8), percent: 10, allowLowerVersion: true });
globalThis.result = { builds: ids.length, by_id: byId, by_prefix: store.requests - before };`);
    return { size_mib: sizeMiB, rows, promote };
  } finally {
    s.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export function printTable({ size_mib, rows, promote }) {
  const f = (n) => n.toFixed(1);
  return [
    `upload of ${size_mib} MiB (each in its own process):`,
    ...rows.map((r) => `  round ${r.round}: otactl ${f(r.otactl_mib_s)} MiB/s, plain SDK Upload ${f(r.sdk_mib_s)} MiB/s (x${r.ratio.toFixed(2)}; goal >= 0.9); peak RSS otactl ${f(r.otactl_rss_mib)} MiB, SDK ${f(r.sdk_rss_mib)} MiB (goal < 150)`),
    `requests per promote with ${promote.builds} builds: ${promote.by_id} by build id, ${promote.by_prefix} by an 8-character prefix`,
  ].join('\n');
}
