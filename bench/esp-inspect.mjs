#!/usr/bin/env node
// ESP inspect bench: `otactl inspect` on a 4 MiB ESP32-S3 app image against the cost of starting
// node at all (`node -e 0`). Target: ratio ≤ 1.5 (starting node dominates; hashing 4 MiB takes
// milliseconds, so nothing else may).
//
//   node bench/esp-inspect.mjs [--runs 15] [--json]
//   import { run } from './esp-inspect.mjs'; const { name, ratio, details } = await run({ runs: 15 });
//
// The image is generated here from the documented format (docs/formats.md §C): header, extended
// header, DROM segment starting with esp_app_desc_t, a RAM segment, a large IROM segment,
// checksum, appended SHA-256; a second copy carries a Secure Boot v2 RSA-3072 signature sector.
// Timed: median wall time of N alternating runs, after one warm-up each (page cache warm).
// Also timed, for where the time goes: `otactl --version` (CLI start-up alone), a node one-liner
// that only imports dist's ESP modules, and one over dist's inspectEsp (the library without the CLI).
import { spawnSync } from 'node:child_process';
import { constants, createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(repoRoot, 'bench/.work');
const MiB = 1 << 20;

// ---- image generation ----------------------------------------------------------------------------

function filler(len, seed) {
  // Cheap deterministic bytes: a SHA-256 counter stream would be slower than needed.
  const b = Buffer.alloc(len);
  let x = seed >>> 0 || 1;
  for (let i = 0; i + 4 <= len; i += 4) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b.writeUInt32LE(x, i);
  }
  return b;
}

function appDesc() {
  const d = Buffer.alloc(256);
  d.writeUInt32LE(0xabcd5432, 0);
  d.writeUInt32LE(1, 4);
  d.write('bench-1.0.0', 0x10);
  d.write('bench', 0x30);
  d.write('12:00:00', 0x50);
  d.write('Jan  1 2026', 0x60);
  d.write('v5.3', 0x70);
  createHash('sha256').update('bench-elf').digest().copy(d, 0x90);
  return d;
}

/** ESP32-S3 app (chip id 9) of about `total` bytes, appended SHA-256 on. */
function buildImage(total) {
  const drom = Buffer.concat([appDesc(), filler(512 * 1024 - 256, 1)]);
  const ram = filler(64 * 1024, 2);
  const textOffset = 24 + 8 + drom.length + 8 + ram.length + 8;
  const textLen = total - textOffset - 48;
  const text = filler(textLen - (textLen % 4), 3);
  const segs = [
    [0x3c000020, drom],
    [0x3fc90000, ram],
    [0x42000000 + 0x10000 + (textOffset % 0x10000), text],
  ];
  const header = Buffer.alloc(24);
  header[0] = 0xe9;
  header[1] = segs.length;
  header[2] = 2;
  header[3] = 0x2f;
  header.writeUInt32LE(0x40375000, 4);
  header[8] = 0xee;
  header.writeUInt16LE(9, 12);
  header.writeUInt16LE(0xffff, 17);
  header[23] = 1;
  let checksum = 0xef;
  const parts = [header];
  for (const [addr, data] of segs) {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(addr, 0);
    h.writeUInt32LE(data.length, 4);
    parts.push(h, data);
    for (const byte of data) checksum ^= byte;
  }
  const len = parts.reduce((n, p) => n + p.length, 0);
  const tail = Buffer.alloc(15 - (len % 16) + 1);
  tail[tail.length - 1] = checksum;
  const image = Buffer.concat([...parts, tail]);
  return Buffer.concat([image, createHash('sha256').update(image).digest()]);
}

/** Appends a Secure Boot v2 sector with one RSA-3072 block (docs/formats.md §C.7). */
function signRsa(image) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const signedLen = Math.ceil(image.length / 4096) * 4096;
  const region = Buffer.alloc(signedLen, 0xff);
  image.copy(region);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const nBE = Buffer.from(jwk.n, 'base64url');
  const n = BigInt('0x' + nBE.toString('hex'));
  const le = (be, size) => {
    const out = Buffer.alloc(size);
    Buffer.from(be).reverse().copy(out);
    return out;
  };
  const rinv = (1n << 6144n) % n;
  let inv = n & 0xffffffffn;
  for (let i = 0; i < 5; i++) inv = (inv * (2n - (n & 0xffffffffn) * inv)) & 0xffffffffn;
  const block = Buffer.alloc(1216);
  block[0] = 0xe7;
  block[1] = 2;
  createHash('sha256').update(region).digest().copy(block, 4);
  le(nBE, 384).copy(block, 36);
  block.writeUInt32LE(Number(BigInt('0x' + Buffer.from(jwk.e, 'base64url').toString('hex'))), 420);
  le(Buffer.from(rinv.toString(16).padStart(768, '0'), 'hex'), 384).copy(block, 424);
  block.writeUInt32LE(Number((0x100000000n - inv) & 0xffffffffn), 808);
  le(sign('sha256', region, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }), 384).copy(block, 812);
  block.writeUInt32LE(zlib.crc32(block.subarray(0, 1196)), 1196);
  const sector = Buffer.alloc(4096, 0xff);
  block.copy(sector);
  return Buffer.concat([region, sector]);
}

// ---- timing --------------------------------------------------------------------------------------

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function timeOnce([cmd, args]) {
  const t0 = process.hrtime.bigint();
  const r = sh(cmd, args);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** node one-liner over dist's inspectEsp: the library without the CLI around it. */
function libCommand(file) {
  const distEsp = path.join(repoRoot, 'dist/artifacts/esp/index.js');
  if (!existsSync(distEsp)) {
    const b = sh('npm', ['run', 'build', '--silent']);
    if (!existsSync(distEsp)) throw new Error(`npm run build made no ${distEsp}\n${b.stdout}${b.stderr}`);
  }
  const script =
    `import(${JSON.stringify(pathToFileURL(distEsp).href)}).then(async (m) => {` +
    ` const { report } = await m.inspectEsp(process.argv[1]);` +
    ` process.stdout.write(JSON.stringify(report)); process.exitCode = report.verified ? 0 : 5; })`;
  return ['node', ['--input-type=module', '-e', script, file]];
}

/** Loading the ESP modules without inspecting: separates module-load cost from the work. */
function importOnlyCommand() {
  const distEsp = path.join(repoRoot, 'dist/artifacts/esp/index.js');
  return ['node', ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(distEsp).href)})`]];
}

/** The CLI when `otactl inspect --json` prints an ESP report, else null. */
function cliCommand(file) {
  const cmd = ['node', [path.join(repoRoot, 'bin/otactl.js'), 'inspect', file, '--json']];
  try {
    const report = JSON.parse(timeOnce(cmd).stdout);
    if (report && report.kind === 'esp-app') return cmd;
  } catch {
    /* CLI not wired yet */
  }
  return null;
}

export async function run({ runs = 15 } = {}) {
  mkdirSync(workDir, { recursive: true });
  const plain = path.join(workDir, 'esp-4m.bin');
  const signed = path.join(workDir, 'esp-4m-signed.bin');
  const image = buildImage(4 * MiB - 8192);
  writeFileSync(plain, image);
  writeFileSync(signed, signRsa(image));

  const baseline = ['node', ['-e', '0']];
  const lib = libCommand(plain); // builds dist/ first when it is missing
  const cli = cliCommand(plain);
  const subjects = {
    'node -e 0': baseline,
    // `otactl --version` is the CLI's own start-up, with no artifact code loaded: the floor for inspect.
    ...(cli
      ? {
          'otactl --version': ['node', [path.join(repoRoot, 'bin/otactl.js'), '--version']],
          'otactl inspect --json': cli,
          'otactl inspect --json (SBv2 RSA)': cliCommand(signed) ?? libCommand(signed),
        }
      : {}),
    'dist import only (node)': importOnlyCommand(),
    'dist inspectEsp (node)': lib,
    'dist inspectEsp (node, SBv2 RSA)': libCommand(signed),
  };
  const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (const [name, cmd] of Object.entries(subjects)) {
    const r = timeOnce(cmd); // warm-up, and check the image verifies
    if (!['node -e 0', 'otactl --version', 'dist import only (node)'].includes(name) && r.status !== 0) throw new Error(`${name} exited ${r.status} on the bench image:\n${r.stdout.slice(0, 2000)}`);
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd] of Object.entries(subjects)) times[name].push(timeOnce(cmd).ms);
  }
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const headline = cli ? 'otactl inspect --json' : 'dist inspectEsp (node)';
  const ratio = med[headline] / med['node -e 0'];
  return {
    name: 'esp-inspect',
    ratio,
    details: {
      subject: headline,
      cli_available: cli !== null,
      image_bytes: image.length,
      runs,
      median_ms: Object.fromEntries(Object.entries(med).map(([k, v]) => [k, Math.round(v * 10) / 10])),
      ratios: Object.fromEntries(Object.entries(med).map(([k, v]) => [k, Math.round((v / med['node -e 0']) * 100) / 100])),
      target_ratio: 1.5,
    },
  };
}

/** For bench/run.mjs: one row per timed command, then the headline ratio against the target. */
export function printTable(res) {
  const d = res.details;
  const rows = Object.keys(d.median_ms).map((k) => `  ${k.padEnd(34)} ${String(d.median_ms[k]).padStart(8)} ms  x${d.ratios[k].toFixed(2)}`);
  const verdict = res.ratio <= d.target_ratio ? 'within' : 'OVER';
  return [
    `ESP inspect, ${(d.image_bytes / MiB).toFixed(2)} MiB image, median of ${d.runs} runs`,
    ...rows,
    `  ${d.subject}: x${res.ratio.toFixed(2)} of node -e 0 (${verdict} target x${d.target_ratio})`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const result = await run(i > 0 ? { runs: Number(process.argv[i + 1]) } : {});
  process.stdout.write(process.argv.includes('--json') ? JSON.stringify(result, null, 2) + '\n' : printTable(result) + '\n');
  if (result.ratio > result.details.target_ratio) process.exitCode = 1;
}
