// S3 store bench (issue 10): a 200 MiB artifact uploaded by the S3 store against a plain SDK
// Upload of the same bytes to the same server in the same run (goal >= 0.9x), each in its own
// process for its peak RSS (goal < 150 MiB); and the S3 requests promote, rollout, rollback,
// status --app --channel and check each make on a store with a few builds against one holding
// many (BENCH_S3_BUILDS, default 1000), counted by the S3 store's own request counter.
//
// The server: the one named by CEPH_RGW_ENDPOINT / _ACCESS_KEY_ID / _SECRET_ACCESS_KEY, else a
// throwaway Ceph gateway started here (scripts/ceph-rgw.sh, docs/testing.md) and stopped after;
// without either (Ceph not installed) the bench is skipped with a line saying why.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;

const CEPH_TOOLS = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'monmaptool'];

function external() {
  const e = process.env;
  return e.CEPH_RGW_ENDPOINT && e.CEPH_RGW_ACCESS_KEY_ID && e.CEPH_RGW_SECRET_ACCESS_KEY
    ? { endpoint: e.CEPH_RGW_ENDPOINT, accessKeyId: e.CEPH_RGW_ACCESS_KEY_ID, secretAccessKey: e.CEPH_RGW_SECRET_ACCESS_KEY, stop: () => {} }
    : undefined;
}

/** Why no server can be had here (no CEPH_RGW_* and a Ceph tool missing), or undefined. */
function cephMissing() {
  if (external()) return undefined;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const executable = (p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const missing = CEPH_TOOLS.filter((t) => !dirs.some((d) => executable(path.join(d, t))));
  return missing.length ? `Ceph S3 gateway not installed (missing ${missing.join(', ')}; scripts/install-test-deps.sh installs it) and no CEPH_RGW_ENDPOINT given` : undefined;
}

function server(work) {
  const given = external();
  if (given) return given;
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
  const missing = cephMissing();
  if (missing) return { skipped: missing };
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

    // Requests per command: the same changes on a store with FEW builds and on one with `builds`.
    const requests = child(requestsCode(s, bucket, work, builds));
    return { size_mib: sizeMiB, rows, requests };
  } finally {
    s.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The child of the requests part: seeds two stores (prefixes) of the bucket through the library,
 * FEW builds and `builds` builds, uploads in parallel (bounded) since each costs several HTTP
 * requests, then makes the same channel changes on both, counting S3 requests per command.
 */
const FEW = 2; // the fewest a promote of a new build and a rollback to the last safe one need
const SEED_CONCURRENCY = 16;

const requestsCode = (s, bucket, work, builds) => `
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { S3Store } from ${JSON.stringify(dist('store/s3-store.js'))};
import { openRepository, releaseDeps, upload, promote, rollout, rollback } from ${JSON.stringify(dist('index.js'))};
import { CliContext } from ${JSON.stringify(dist('cli/context.js'))};
import { IO } from ${JSON.stringify(dist('cli/io.js'))};
import { command as status } from ${JSON.stringify(dist('cli/commands/status.js'))};
import { command as check } from ${JSON.stringify(dist('cli/commands/check.js'))};
import { keyIdOf } from ${JSON.stringify(dist('protocol/dsse.js'))};
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const APP = 'demo', CH = 'stable';

async function seed(n) {
  const store = new S3Store({ bucket: ${JSON.stringify(bucket)}, prefix: 'req-' + n, endpoint: ${JSON.stringify(s.endpoint)}, region: 'us-east-1', forcePathStyle: true, ifMatchUnquoted: true,
    clientConfig: { credentials: { accessKeyId: ${JSON.stringify(s.accessKeyId)}, secretAccessKey: ${JSON.stringify(s.secretAccessKey)} } } });
  const repo = await openRepository({ store, trustedKeys: [key.publicKey], signingKeys: [key.privateKey] });
  const deps = releaseDeps(repo, 'bench', { previewFleet: 100 });
  const t0 = performance.now();
  const ids = new Array(n);
  const one = async (v) => {
    const f = ${JSON.stringify(work)} + '/b' + n + '-' + v;
    writeFileSync(f, 'build ' + v + ' of ' + n);
    ids[v - 1] = (await upload(deps, { file: f, app: APP, kind: 'file', versionCode: v })).build_id;
  };
  await one(1); // creates the app record; the others only add builds to it
  let next = 2;
  await Promise.all(Array.from({ length: ${SEED_CONCURRENCY} }, async () => { while (next <= n) await one(next++); }));
  await promote(deps, { app: APP, channel: CH, build: ids[0], percent: 100 });
  return { store, repo, deps, ids, seed_s: (performance.now() - t0) / 1000, seed_requests: store.requests };
}

const sink = () => new Writable({ write: (_c, _e, done) => done() });
async function runCommand(s, def, flags) {
  const io = await new IO({ json: true, quiet: true, stdout: sink(), stderr: sink(), env: {} }).init();
  const ctx = new (class extends CliContext {
    repo = async () => s.repo;
    store = async () => s.store;
    trustedKeys = async () => new Map([[keyIdOf(key.publicKey), key.publicKey]]);
  })(io, { json: true, yes: true, debug: false, color: false, quiet: true }, {}, process.cwd());
  await def.run(ctx, def.parse({ flags, args: [] }));
}

async function costs(s) {
  const n = s.ids.length;
  const out = {};
  const cost = async (what, op) => { const before = s.store.requests; await op(); out[what] = s.store.requests - before; };
  await cost('promote', () => promote(s.deps, { app: APP, channel: CH, build: s.ids[n - 1], percent: 10 }));
  await cost('rollout', () => rollout(s.deps, { app: APP, channel: CH, percent: 50 }));
  await cost('rollback', () => rollback(s.deps, { app: APP, channel: CH }));
  await cost('promote 8-char prefix', () => promote(s.deps, { app: APP, channel: CH, build: s.ids[n - 1].slice(0, 8), percent: 10 }));
  await cost('status --app --channel', () => runCommand(s, status, { app: APP, channel: CH }));
  await cost('check', () => runCommand(s, check, { app: APP, channel: CH, device: 'A1', currentVersionCode: '1' }));
  return out;
}

const few = await seed(${FEW});
const many = await seed(${builds});
globalThis.result = {
  few: { builds: few.ids.length, seed_s: few.seed_s, costs: await costs(few) },
  many: { builds: many.ids.length, seed_s: many.seed_s, seed_requests: many.seed_requests, seed_concurrency: ${SEED_CONCURRENCY}, costs: await costs(many) },
};`;

function dist(rel) {
  return pathToFileURL(path.join(repoRoot, 'dist', rel)).href;
}

export function printTable(res) {
  if (res.skipped) return `s3: SKIPPED: ${res.skipped}`;
  const { size_mib, rows, requests } = res;
  const f = (n) => n.toFixed(1);
  const { few, many } = requests;
  const w = Math.max(...Object.keys(many.costs).map((k) => k.length));
  return [
    `upload of ${size_mib} MiB (each in its own process):`,
    ...rows.map((r) => `  round ${r.round}: otactl ${f(r.otactl_mib_s)} MiB/s, plain SDK Upload ${f(r.sdk_mib_s)} MiB/s (x${r.ratio.toFixed(2)}; goal >= 0.9); peak RSS otactl ${f(r.otactl_rss_mib)} MiB, SDK ${f(r.sdk_rss_mib)} MiB (goal < 150)`),
    `seeding ${many.builds} builds over HTTP: ${f(many.seed_s)} s (${many.seed_requests} requests, ${many.seed_concurrency} uploads in flight)`,
    `S3 requests per command, same channel history, ${few.builds} builds vs ${many.builds} builds:`,
    ...Object.keys(many.costs).map((k) => `  ${k.padEnd(w)}  ${String(few.costs[k]).padStart(3)}  ${String(many.costs[k]).padStart(3)}${few.costs[k] === many.costs[k] ? '' : '  (grows with the builds!)'}`),
  ].join('\n');
}
