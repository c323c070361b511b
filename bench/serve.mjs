#!/usr/bin/env node
// Serve bench (issue 20 goal 2): `otactl serve` against nginx on the same store folder, same box,
// in one run, with ApacheBench (ab, Debian's apache2-utils).
//
//   node bench/serve.mjs [--seconds 3] [--rounds 3] [--concurrency 20] [--baseline DIR]
//   npm run bench -- --only serve
//
// A temp workspace gets a real store (init, upload, promote: a signed channel manifest with its
// .headers sidecar). Then, as separate processes: `otactl serve --access-log` and nginx (nginx-light)
// with a minimal config written here (prefix, pid, logs and temp paths in the workspace, a free
// high port, no root (run as root, its worker runs as the same user as serve, not nobody); one worker, nginx's default; its access log on, as serve's is). Each subject
// gets `ab -k -c 20` on the manifest path for a fixed time: 304s (If-None-Match with the ETag that
// server sends) and 200s. Rounds are interleaved (serve, nginx, serve, ...) after a warm-up, and the
// median req/s of each is reported with the ratio serve/nginx (target >= 0.25). Every ab run must
// answer every request with the expected status, or the bench fails. --baseline DIR (a built copy
// of another commit: DIR/bin/otactl.js) adds that serve to the same rounds, for before/after. Without ab or nginx it says
// which is missing (scripts/install-test-deps.sh installs both) and measures what it can.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { loadavg, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin/otactl.js');
const MANIFEST = '/apps/bench.app/channels/stable/manifest.json';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

function which(cmd, extra = []) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...extra]) {
    if (dir && existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return null;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A store made the way users make one: init, upload, promote (a signed manifest and its headers sidecar). */
function makeStore(dir) {
  const env = { PATH: process.env.PATH, HOME: dir, OTACTL_KEY_DIR: path.join(dir, '.keys'), OTACTL_ACTOR: 'bench', NO_COLOR: '1' };
  const cli = (args) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--json', '--quiet'], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`otactl ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  cli(['init']);
  writeFileSync(path.join(dir, 'b.bin'), Buffer.from('bench build '.repeat(4096)));
  const { build_id: build } = cli(['upload', 'b.bin', '--app', 'bench.app', '--kind', 'file', '--version-code', '100']);
  cli(['promote', build, '--app', 'bench.app', '--channel', 'stable', '--rollout', '100', '--yes']);
  return { env, root: path.join(dir, 'ota-store') };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

async function waitUp(url, child, what) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode} before answering`);
    try {
      return await get(url);
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error(`${what} did not answer ${url}`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function startServe(dir, env, otactl = bin, logName = 'serve-access.log') {
  const child = spawn(process.execPath, [otactl, 'serve', '--port', '0', '--access-log', path.join(dir, logName), '--json'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  try {
    const url = await urlOf(child, () => err);
    await waitUp(url + MANIFEST, child, 'otactl serve');
    return { child, url };
  } catch (e) {
    await stop(child);
    throw e;
  }
}

/** The URL `otactl serve --json` prints. */
function urlOf(child, stderr) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url":\s*"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`otactl serve exited ${code}: ${stderr()}`)));
  });
}

/** nginx with a config that needs no root: everything it writes stays in `dir`. */
async function startNginx(nginx, dir, root) {
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  const t = (name) => path.join(dir, `nginx-${name}`);
  writeFileSync(
    conf,
    `daemon off;
${process.getuid?.() === 0 ? `user ${userInfo().username};` : ''}
worker_processes 1;
pid ${t('pid')};
error_log ${t('error.log')};
events { worker_connections 1024; }
http {
  access_log ${t('access.log')};
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  types { application/json json; }
  default_type application/octet-stream;
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const child = spawn(nginx, ['-p', dir, '-e', t('error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUp(url + MANIFEST, child, 'nginx');
  } catch (e) {
    await stop(child);
    throw new Error(`${e.message}: ${err}${existsSync(t('error.log')) ? readFileSync(t('error.log'), 'utf8') : ''}`);
  }
  return { child, url };
}

/** One ab run for `seconds`; every response must have `status`. */
function ab(abPath, url, { seconds, concurrency, etag, status }) {
  const args = ['-t', String(seconds), '-n', '10000000', '-k', '-c', String(concurrency), '-q'];
  if (etag) args.push('-H', `If-None-Match: ${etag}`);
  const out = execFileSync(abPath, [...args, url + MANIFEST], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const num = (re) => Number(re.exec(out)?.[1] ?? NaN);
  const complete = num(/Complete requests:\s+(\d+)/);
  const failed = num(/Failed requests:\s+(\d+)/);
  const non2xx = num(/Non-2xx responses:\s+(\d+)/) || 0;
  // ab counts the request in flight when time runs out among the non-2xx, not among the complete.
  const statusOk = status === 200 ? non2xx === 0 : non2xx >= complete && non2xx <= complete + concurrency;
  if (!(complete > 0) || failed !== 0 || !statusOk) {
    throw new Error(`ab against ${url}: ${complete} complete, ${failed} failed, ${non2xx} non-2xx (expected every answer to be ${status})\n${out}`);
  }
  return num(/Requests per second:\s+([\d.]+)/);
}

function baselineArg() {
  const i = process.argv.indexOf('--baseline');
  return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
}

export async function run({ seconds = arg('seconds', 3), rounds = arg('rounds', 3), concurrency = arg('concurrency', 20), baseline = baselineArg() } = {}) {
  const abPath = which('ab');
  const nginxPath = which('nginx', ['/usr/sbin', '/sbin']);
  const missing = [...(abPath ? [] : ['ab (apache2-utils)']), ...(nginxPath ? [] : ['nginx (nginx-light)'])];
  const load_before = loadavg();
  if (!abPath) return { missing, load_before };
  const dir = mkdtempSync(path.join(tmpdir(), 'otactl-bench-serve-'));
  const subjects = [];
  try {
    const { env, root } = makeStore(dir);
    subjects.push({ name: 'otactl serve', ...(await startServe(dir, env)) });
    if (nginxPath) subjects.push({ name: 'nginx', ...(await startNginx(nginxPath, dir, root)) });
    if (baseline) subjects.push({ name: 'baseline serve', ...(await startServe(dir, env, path.join(baseline, 'bin/otactl.js'), 'baseline-access.log')) });
    for (const s of subjects) {
      const first = await get(s.url + MANIFEST);
      if (first.status !== 200 || !first.headers.etag) throw new Error(`${s.name}: GET ${MANIFEST} answered ${first.status} without an ETag`);
      s.etag = first.headers.etag;
      s.rps = { 304: [], 200: [] };
      for (const status of [304, 200]) ab(abPath, s.url, { seconds: 1, concurrency, etag: status === 304 ? s.etag : undefined, status }); // warm-up (JIT, page cache)
    }
    for (let r = 0; r < rounds; r++) {
      for (const status of [304, 200]) {
        for (const s of subjects) s.rps[status].push(ab(abPath, s.url, { seconds, concurrency, etag: status === 304 ? s.etag : undefined, status }));
      }
    }
  } finally {
    await Promise.all(subjects.map((s) => stop(s.child)));
    rmSync(dir, { recursive: true, force: true });
  }
  const serve = subjects.find((s) => s.name === 'otactl serve');
  const nginx = subjects.find((s) => s.name === 'nginx');
  const before = subjects.find((s) => s.name === 'baseline serve');
  const med = (s, status) => (s ? Math.round(median(s.rps[status])) : null);
  const result = {
    seconds,
    rounds,
    concurrency,
    missing,
    load_before,
    load_after: loadavg(),
    serve: { 304: med(serve, 304), 200: med(serve, 200), runs: serve.rps },
    nginx: nginx ? { 304: med(nginx, 304), 200: med(nginx, 200), runs: nginx.rps } : null,
    baseline: before ? { dir: baseline, 304: med(before, 304), 200: med(before, 200), runs: before.rps } : null,
  };
  result.ratio = nginx ? { 304: result.serve[304] / result.nginx[304], 200: result.serve[200] / result.nginx[200] } : null;
  result.baseline_ratio = nginx && before ? { 304: result.baseline[304] / result.nginx[304], 200: result.baseline[200] / result.nginx[200] } : null;
  return result;
}

export function printTable(r) {
  const lines = [];
  if (r.missing.length) lines.push(`missing: ${r.missing.join(', ')} (scripts/install-test-deps.sh installs them)${r.missing.some((m) => m.startsWith('nginx')) ? ': no nginx reference, no ratio' : ''}`);
  if (!r.serve) return lines.join('\n');
  const pad = (s, n) => String(s).padEnd(n);
  const fmt = (x) => (x === null || x === undefined ? '-' : String(x));
  lines.push(`manifest GET, ab -k -c ${r.concurrency}, ${r.seconds} s per run, median of ${r.rounds} interleaved runs; load ${r.load_before.map((x) => x.toFixed(2)).join(' ')}`);
  const w = 26;
  lines.push(`${pad('', w)}${pad('304 req/s', 16)}${pad('200 req/s', 16)}`);
  lines.push(`${pad('otactl serve', w)}${pad(fmt(r.serve[304]), 16)}${pad(fmt(r.serve[200]), 16)}`);
  if (r.nginx) {
    lines.push(`${pad('nginx', w)}${pad(fmt(r.nginx[304]), 16)}${pad(fmt(r.nginx[200]), 16)}`);
    const ok = (x) => `${x.toFixed(2)}${x >= 0.25 ? '' : ' (< 0.25)'}`;
    lines.push(`${pad('ratio serve / nginx', w)}${pad(ok(r.ratio[304]), 16)}${pad(ok(r.ratio[200]), 16)}(target >= 0.25)`);
  }
  if (r.baseline) {
    lines.push(`${pad('baseline serve', w)}${pad(fmt(r.baseline[304]), 16)}${pad(fmt(r.baseline[200]), 16)}(${r.baseline.dir})`);
    if (r.baseline_ratio) lines.push(`${pad('ratio baseline / nginx', w)}${pad(r.baseline_ratio[304].toFixed(2), 16)}${pad(r.baseline_ratio[200].toFixed(2), 16)}`);
  }
  lines.push(`load after: ${r.load_after.map((x) => x.toFixed(2)).join(' ')}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(printTable(await run()));
}
