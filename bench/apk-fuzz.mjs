#!/usr/bin/env node
// Seeded mutation fuzzing of otactl's APK verifier (verifyApk on a BufferSource).
//
//   node bench/apk-fuzz.mjs [--cases 10000] [--seed N] [--workers 2] [--json]
//   node bench/apk-fuzz.mjs --seed N --case I [--dump out.apk]     # replay one case
//   import { run } from './apk-fuzz.mjs'; await run({ cases: 300 })
//
// Bases: the apksig fixtures vendored in test/fixtures/apksig and the fresh APKs of
// test/artifacts/apk/fresh/make-apks.sh (bench-sized ones left out). Each case i derives its own PRNG from
// (seed, i), picks base i mod N and one mutation: byte flips, truncation, length-field inflation
// (EOCD, central directory, local headers, APK Signing Block and the length prefixes inside it),
// duplicated / oversized central directory, splices from another APK, inserted, zeroed and
// appended bytes. Every case must:
//   - not throw (verifyApk reports malformed input as issues),
//   - finish in < 1 s (and not hang: a worker silent for 10 s is killed and the case counted),
//   - not be `verified` when the mutation changed a byte a signature covers (see coverage()).
// Prints one summary line (with the seed) and exits 1 on any violation.
//
// Coverage model (what is signed), from the base's apksigner verdict:
//   * verified by apksigner with v2, v3 or v3.1: the content digests cover every byte outside the
//     APK Signing Block: the entries [0, block), the central directory, and the EOCD through the end
//     of the file, comment included (apksig digests the EOCD section to EOF). The one exception is
//     the EOCD's 4-byte central-directory offset, which the digest replaces with the block's offset;
//     it is left out. Inside the block, only the signers' signed data is signed, and which signer
//     blocks a verifier must check depends on the SDK range (v2 is skipped at minSdk >= 28 when v3
//     is there; unselected signature records are never checked), so no byte inside the block is
//     counted. Appended bytes count as covered (they extend the digested EOCD section).
//   * verified by apksigner with v1 only: the JAR signature covers entry *contents*, not the ZIP
//     framing (times, extra fields, the EOCD comment, deflate padding bits). Counted: the data bytes
//     of STORED (method 0) non-META-INF entries.
//   * not verified by apksigner: nothing is counted (still checked for throws and time).
// Insertions and truncations count by the original offset where the file first differs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = path.resolve(repoRoot, 'test/fixtures/apksig');
const freshDir = process.env.OTACTL_APKS_OUT ?? path.join(repoRoot, 'test/.generated/apks');
const MAX_CASE_MS = 1000;
const HANG_MS = 10_000;
const DEFAULT_CASES = 10_000;

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32, one stream per case from (seed, case index).
function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function caseRng(seed, i) {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  const r = mulberry32((h ^ (h >>> 16)) >>> 0);
  const R = {
    f: r,
    int: (n) => Math.floor(r() * n), // [0, n)
    range: (a, b) => a + Math.floor(r() * (b - a)), // [a, b)
    pick: (xs) => xs[Math.floor(r() * xs.length)],
    chance: (p) => r() < p,
  };
  return R;
}

// ---------------------------------------------------------------------------------------------
// Layout of a (base) APK, parsed here on its own so the oracle does not lean on the code under test.
export function parseLayout(buf) {
  const L = { size: buf.length, eocd: -1, cdOffset: -1, cdSize: 0, block: null, entries: [], lengthFields: [], regions: [] };
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50 && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      L.eocd = i;
      break;
    }
  }
  if (L.eocd < 0) return L;
  const e = L.eocd;
  L.cdSize = buf.readUInt32LE(e + 12);
  L.cdOffset = buf.readUInt32LE(e + 16);
  L.lengthFields.push({ off: e + 8, w: 2 }, { off: e + 10, w: 2 }, { off: e + 12, w: 4 }, { off: e + 16, w: 4 }, { off: e + 20, w: 2 });
  L.regions.push([e, buf.length]);
  const cdEnd = L.cdOffset + L.cdSize;
  if (L.cdOffset > e || cdEnd > e) return L;
  L.regions.push([L.cdOffset, cdEnd]);
  for (let p = L.cdOffset; p + 46 <= cdEnd && buf.readUInt32LE(p) === 0x02014b50; ) {
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, Math.min(cdEnd, p + 46 + nameLen));
    L.lengthFields.push({ off: p + 20, w: 4 }, { off: p + 24, w: 4 }, { off: p + 28, w: 2 }, { off: p + 30, w: 2 }, { off: p + 32, w: 2 }, { off: p + 42, w: 4 });
    let dataOff = -1;
    if (lho + 30 <= buf.length && buf.readUInt32LE(lho) === 0x04034b50) {
      dataOff = lho + 30 + buf.readUInt16LE(lho + 26) + buf.readUInt16LE(lho + 28);
      L.lengthFields.push({ off: lho + 18, w: 4 }, { off: lho + 22, w: 4 }, { off: lho + 26, w: 2 }, { off: lho + 28, w: 2 });
      L.regions.push([lho, Math.min(dataOff, buf.length)]);
      if (compSize > 0 && dataOff + compSize <= buf.length) L.regions.push([dataOff, dataOff + compSize]);
    }
    L.entries.push({ name, method, compSize, lho, dataOff });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // APK Signing Block: [uint64 size][pairs...][uint64 size]["APK Sig Block 42"] right before the CD.
  if (L.cdOffset >= 32 && buf.toString('latin1', L.cdOffset - 16, L.cdOffset) === 'APK Sig Block 42') {
    const size = Number(buf.readBigUInt64LE(L.cdOffset - 24));
    const start = L.cdOffset - size - 8;
    if (size >= 24 && start >= 0 && Number(buf.readBigUInt64LE(start)) === size) {
      L.block = { start, end: L.cdOffset, pairs: [] };
      L.regions.push([start, L.cdOffset]);
      L.lengthFields.push({ off: start, w: 8 }, { off: L.cdOffset - 24, w: 8 });
      for (let p = start + 8; p + 12 <= L.cdOffset - 24; ) {
        const len = Number(buf.readBigUInt64LE(p));
        if (len < 4 || p + 8 + len > L.cdOffset - 24) break;
        const id = buf.readUInt32LE(p + 8);
        L.block.pairs.push({ off: p, len, id });
        L.lengthFields.push({ off: p, w: 8 });
        // Length prefixes inside the scheme blocks (v2 0x7109871a, v3 0xf05368c0, v3.1 0x1b93ad61):
        // walk the uint32-length-prefixed nesting where it parses.
        if (id === 0x7109871a || id === 0xf05368c0 || id === 0x1b93ad61) walkLp(buf, p + 12, p + 8 + len, L.lengthFields, 0);
        p += 8 + len;
      }
    }
  }
  return L;
}

/** Records uint32 length prefixes of a region that is a sequence of length-prefixed items, and recurses. */
function walkLp(buf, s, e, out, depth) {
  if (depth > 6 || e - s < 4) return;
  const items = [];
  let p = s;
  while (p + 4 <= e) {
    const n = buf.readUInt32LE(p);
    if (n > e - p - 4) return; // not a clean sequence here
    items.push([p, p + 4, p + 4 + n]);
    p += 4 + n;
  }
  if (p !== e || items.length === 0) return;
  for (const [lenOff, a, b] of items) {
    out.push({ off: lenOff, w: 4 });
    walkLp(buf, a, b, out, depth + 1);
    // Items that start with fixed fields (algorithm id, min/max SDK) before their sequences.
    if (b - a > 8) walkLp(buf, a + 4, b, out, depth + 1);
    if (b - a > 12) walkLp(buf, a + 8, b, out, depth + 1);
  }
}

/**
 * Covered predicate over original offsets, from the base's apksigner verdict (see header).
 * Returns { model, covers(off), coversAppend }.
 */
function coverage(layout, verdict) {
  const none = { model: 'none', covers: () => false, coversAppend: false };
  if (!verdict || !verdict.verifies || layout.eocd < 0) return none;
  const s = verdict.schemes ?? {};
  if ((s.v2 || s.v3 || s.v31) && layout.block) {
    const { start } = layout.block;
    const { cdOffset, eocd } = layout;
    return {
      model: 'v2v3',
      covers: (o) => o < start || (o >= cdOffset && o < layout.size && !(o >= eocd + 16 && o < eocd + 20)),
      coversAppend: true,
    };
  }
  if (s.v1) {
    const ranges = layout.entries
      .filter((en) => en.method === 0 && en.compSize > 0 && en.dataOff >= 0 && !en.name.startsWith('META-INF/') && !en.name.endsWith('/'))
      .map((en) => [en.dataOff, en.dataOff + en.compSize]);
    return { model: 'v1', covers: (o) => ranges.some(([a, b]) => o >= a && o < b), coversAppend: false };
  }
  return none;
}

// ---------------------------------------------------------------------------------------------
// Mutations. Each returns { buf, desc, touched: [[a,b),...] original offsets whose byte changed
// or was removed, insertAt: [original offsets where bytes were inserted], append: bool }.
function diffRanges(a, b, at, len) {
  const out = [];
  let s = -1;
  for (let k = 0; k < len; k++) {
    const d = a[at + k] !== b[at + k];
    if (d && s < 0) s = at + k;
    if (!d && s >= 0) {
      out.push([s, at + k]);
      s = -1;
    }
  }
  if (s >= 0) out.push([s, at + len]);
  return out;
}

function pickOffset(R, base) {
  const { buf, layout } = base;
  if (buf.length === 0) return 0;
  if (layout.regions.length === 0 || R.chance(0.3)) return R.int(buf.length);
  const [a, b] = R.pick(layout.regions);
  return b > a ? R.range(a, b) : R.int(buf.length);
}

function interestingCut(R, base) {
  const { buf, layout } = base;
  const marks = [0, buf.length - 1, layout.eocd, layout.eocd + 22, layout.cdOffset, layout.cdOffset + layout.cdSize];
  if (layout.block) marks.push(layout.block.start, layout.block.start + 8, layout.block.end - 24, layout.block.end - 16, ...layout.block.pairs.map((p) => p.off));
  const m = R.pick(marks.filter((x) => x >= 0 && x <= buf.length));
  const c = m === undefined || R.chance(0.3) ? R.int(buf.length + 1) : m + R.range(-8, 9);
  return Math.max(0, Math.min(buf.length, c));
}

const MUTATORS = [
  ['flip', 30, (R, base) => {
    const out = Buffer.from(base.buf);
    const n = R.range(1, 5);
    const touched = [];
    for (let k = 0; k < n && out.length > 0; k++) {
      const o = pickOffset(R, base);
      out[o] ^= R.chance(0.5) ? 1 << R.int(8) : R.range(1, 256);
      touched.push([o, o + 1]);
    }
    // Two flips of one byte may cancel out: keep only offsets that really differ.
    return { buf: out, desc: `flip x${n}`, touched: touched.filter(([o]) => out[o] !== base.buf[o]) };
  }],
  ['truncate', 10, (R, base) => {
    const cut = Math.min(interestingCut(R, base), Math.max(0, base.buf.length - 1));
    return { buf: Buffer.from(base.buf.subarray(0, cut)), desc: `truncate to ${cut}`, touched: [[cut, base.buf.length]] };
  }],
  ['inflate-length', 20, (R, base) => {
    const { buf, layout } = base;
    const fields = layout.lengthFields.filter((f) => f.off >= 0 && f.off + f.w <= buf.length);
    if (fields.length === 0) return MUTATORS[0][2](R, base);
    const f = R.pick(fields);
    const out = Buffer.from(buf);
    const orig = f.w === 2 ? buf.readUInt16LE(f.off) : f.w === 4 ? buf.readUInt32LE(f.off) : Number(buf.readBigUInt64LE(f.off));
    const max = f.w === 2 ? 0xffff : f.w === 4 ? 0xffffffff : Number.MAX_SAFE_INTEGER;
    const choices = [max, Math.floor(max / 2), Math.floor(max / 2) + 1, buf.length, buf.length + 1, orig + 1, orig * 2 + 1, orig + 4096, orig + 0x10000];
    let v = Math.min(max, R.pick(choices));
    if (f.w === 8 && R.chance(0.3)) v = R.pick([2 ** 53, 2 ** 63, 2 ** 64 - 1]);
    if (f.w === 2) out.writeUInt16LE(v, f.off);
    else if (f.w === 4) out.writeUInt32LE(v >>> 0, f.off);
    else out.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), f.off);
    return { buf: out, desc: `length field @${f.off}/${f.w}: ${orig} -> ${v}`, touched: diffRanges(buf, out, f.off, f.w) };
  }],
  ['dup-cd', 8, (R, base) => {
    const { buf, layout } = base;
    if (layout.eocd < 0 || layout.cdOffset < 0 || layout.cdOffset + layout.cdSize > layout.eocd) return MUTATORS[0][2](R, base);
    const e = layout.eocd;
    const cd = buf.subarray(layout.cdOffset, layout.cdOffset + layout.cdSize);
    const mode = R.int(3);
    if (mode === 0) {
      // The central directory twice, EOCD sizes and counts adjusted to match.
      const out = Buffer.concat([buf.subarray(0, e), cd, buf.subarray(e)]);
      const ne = e + cd.length;
      out.writeUInt32LE(layout.cdSize * 2, ne + 12);
      out.writeUInt16LE(Math.min(0xffff, buf.readUInt16LE(e + 8) * 2), ne + 8);
      out.writeUInt16LE(Math.min(0xffff, buf.readUInt16LE(e + 10) * 2), ne + 10);
      return { buf: out, desc: 'duplicated CD', touched: [[e + 8, e + 16]], insertAt: [e] };
    }
    if (mode === 1) {
      // CD size claims more than there is (runs into the EOCD or past the file).
      const out = Buffer.from(buf);
      const v = Math.min(0xffffffff, layout.cdSize + R.pick([1, 4, 22, 1000, 0x10000, 0x7fffffff]));
      out.writeUInt32LE(v, e + 12);
      return { buf: out, desc: `oversized CD size ${v}`, touched: diffRanges(buf, out, e + 12, 4) };
    }
    // Entry count disagrees with the records.
    const out = Buffer.from(buf);
    const v = R.pick([0, 1, 0xffff, buf.readUInt16LE(e + 10) + 1]);
    out.writeUInt16LE(v, e + 8);
    out.writeUInt16LE(v, e + 10);
    return { buf: out, desc: `CD entry count ${v}`, touched: diffRanges(buf, out, e + 8, 4) };
  }],
  ['splice', 15, (R, base, bases) => {
    const other = R.pick(bases);
    const { buf } = base;
    if (R.chance(0.5) && other.buf.length > 0 && buf.length > 0) {
      // Overwrite [at, at+len) with bytes from another APK (often the same structure elsewhere).
      const len = Math.min(R.range(1, 513), buf.length, other.buf.length);
      const at = Math.min(pickOffset(R, base), buf.length - len);
      const from = R.int(other.buf.length - len + 1);
      const out = Buffer.from(buf);
      other.buf.copy(out, at, from, from + len);
      return { buf: out, desc: `overwrite ${len}B @${at} from ${other.name}@${from}`, touched: diffRanges(buf, out, at, len) };
    }
    // Graft: our prefix, the other's suffix.
    const cut = interestingCut(R, base);
    const from = R.int(other.buf.length + 1);
    const out = Buffer.concat([buf.subarray(0, cut), other.buf.subarray(from)]);
    const same = cut === buf.length && from === other.buf.length;
    return { buf: out, desc: `graft ${base.name}[0,${cut}) + ${other.name}[${from},)`, touched: same ? [] : [[cut, buf.length]], append: cut === buf.length && !same };
  }],
  ['insert', 7, (R, base) => {
    const at = interestingCut(R, base);
    const n = R.range(1, 65);
    const ins = Buffer.alloc(n);
    for (let k = 0; k < n; k++) ins[k] = R.int(256);
    const out = Buffer.concat([base.buf.subarray(0, at), ins, base.buf.subarray(at)]);
    return at === base.buf.length
      ? { buf: out, desc: `append ${n}B`, touched: [], append: true }
      : { buf: out, desc: `insert ${n}B @${at}`, touched: [], insertAt: [at] };
  }],
  ['zero', 5, (R, base) => {
    const { buf } = base;
    if (buf.length === 0) return { buf: Buffer.from(buf), desc: 'zero (empty)', touched: [] };
    const at = pickOffset(R, base);
    const len = Math.min(R.range(1, 257), buf.length - at);
    const out = Buffer.from(buf);
    out.fill(0, at, at + len);
    return { buf: out, desc: `zero ${len}B @${at}`, touched: diffRanges(buf, out, at, len) };
  }],
  ['append', 5, (R, base) => {
    const n = R.pick([1, 2, 22, R.range(1, 200)]);
    const ins = Buffer.alloc(n, R.int(256));
    return { buf: Buffer.concat([base.buf, ins]), desc: `append ${n}B`, touched: [], append: true };
  }],
];
const TOTAL_WEIGHT = MUTATORS.reduce((s, m) => s + m[1], 0);

/** Case i: deterministic in (seed, i, bases). */
export function makeCase(bases, seed, i) {
  const R = caseRng(seed, i);
  // Half the cases on bases whose signature covers (almost) every byte outside the signing block,
  // so most mutations there are ones a verifier must reject; the rest round-robin over all bases.
  const strong = bases.strong ?? (bases.strong = bases.filter((b) => b.coverage.model === 'v2v3'));
  const base = strong.length > 0 && R.chance(0.5) ? R.pick(strong) : bases[i % bases.length];
  let w = R.int(TOTAL_WEIGHT);
  let m = MUTATORS[0];
  for (const x of MUTATORS) {
    if (w < x[1]) {
      m = x;
      break;
    }
    w -= x[1];
  }
  const mut = m[2](R, base, bases);
  const cov = base.coverage;
  const changed = mut.touched.length > 0 || (mut.insertAt?.length ?? 0) > 0 || mut.append === true;
  const covered =
    changed &&
    (mut.touched.some(([a, b]) => {
      for (let o = a; o < b; o++) if (cov.covers(o)) return true;
      return false;
    }) ||
      (mut.insertAt ?? []).some((o) => cov.covers(o)) ||
      (mut.append === true && cov.coversAppend));
  return { i, base: base.name, mutator: m[0], desc: mut.desc, buf: mut.buf, changed, covered, model: cov.model };
}

// ---------------------------------------------------------------------------------------------
export function loadBases() {
  const bases = [];
  if (!existsSync(fixtureDir)) throw new Error(`apksig fixtures not found at ${fixtureDir}`);
  const expected = JSON.parse(readFileSync(path.join(fixtureDir, 'expected-apksigner.json'), 'utf8'));
  for (const name of readdirSync(fixtureDir).filter((n) => n.endsWith('.apk')).sort()) {
    bases.push({ name: `fixtures/${name}`, buf: readFileSync(path.join(fixtureDir, name)), verdict: expected[name] ?? null });
  }
  const index = JSON.parse(readFileSync(path.join(freshDir, 'index.json'), 'utf8'));
  for (const a of index.apks) {
    if (a.kind === 'bench') continue; // MiBs per case: the bench covers those
    bases.push({ name: `fresh/${a.file}`, buf: readFileSync(path.join(freshDir, a.file)), verdict: a.apksigner ?? null });
  }
  for (const b of bases) {
    b.layout = parseLayout(b.buf);
    b.coverage = coverage(b.layout, b.verdict);
  }
  return bases;
}

function ensureFresh() {
  const r = spawnSync('bash', [path.join(repoRoot, 'test/artifacts/apk/fresh/make-apks.sh')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-apks.sh failed (exit ${r.status}); run scripts/install-test-deps.sh\n${r.stderr}`);
}

/** dist's verifyApk and BufferSource, building dist when it is missing or older than src. */
async function loadDist() {
  const apk = path.join(repoRoot, 'dist/artifacts/apk/index.js');
  const bs = path.join(repoRoot, 'dist/util/byte-source.js');
  const newest = (dir) => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  const stale = !existsSync(apk) || !existsSync(bs) || statSync(apk).mtimeMs < newest(path.join(repoRoot, 'src/artifacts/apk'));
  if (stale) {
    const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, encoding: 'utf8' });
    if (!existsSync(apk) || !existsSync(bs)) throw new Error(`npm run build made no dist/ (exit ${b.status}):\n${b.stdout}${b.stderr}`);
  }
  const m = await import(pathToFileURL(apk).href);
  const { BufferSource } = await import(pathToFileURL(bs).href);
  return { verifyApk: m.verifyApk, BufferSource };
}

/** Loads the verifier's lazy modules and JITs it on a few unmutated bases, outside the timing. */
async function warmUp(api, bases) {
  for (const b of bases.slice(0, 8)) await api.verifyApk(new api.BufferSource(b.buf)).catch(() => {});
}

async function runCase(api, bases, seed, i) {
  const c = makeCase(bases, seed, i);
  const t0 = performance.now();
  let verified = false;
  let threw = null;
  try {
    const res = await api.verifyApk(new api.BufferSource(c.buf));
    verified = res?.report?.verified === true;
  } catch (err) {
    threw = String(err?.stack ?? err).split('\n').slice(0, 4).join(' | ');
  }
  const ms = performance.now() - t0;
  return { i, base: c.base, mutator: c.mutator, desc: c.desc, changed: c.changed, covered: c.covered, model: c.model, verified, threw, ms };
}

// Worker: runs case indices start, start+stride, ... < end and posts each result.
if (!isMainThread && workerData?.apkFuzzWorker) {
  const { seed, start, stride, end } = workerData;
  const api = await loadDist();
  const bases = loadBases();
  await warmUp(api, bases);
  // Self-test of the watchdog: OTACTL_FUZZ_SELFTEST_HANG=I makes case I spin forever.
  const spin = Number(process.env.OTACTL_FUZZ_SELFTEST_HANG ?? -1);
  for (let i = start; i < end; i += stride) {
    if (i === spin) for (;;);
    parentPort.postMessage(await runCase(api, bases, seed, i));
  }
  parentPort.postMessage({ done: true });
}

function summarize(seed, cases, results, hangs, elapsedMs) {
  const s = {
    seed,
    cases,
    ran: results.length,
    exceptions: results.filter((r) => r.threw).length,
    hangs: hangs.length,
    max_ms: Math.max(0, ...results.map((r) => r.ms)),
    slow_cases: results.filter((r) => r.ms >= MAX_CASE_MS).length,
    covered: results.filter((r) => r.covered).length,
    covered_verified: results.filter((r) => r.covered && r.verified).length,
    uncovered_verified: results.filter((r) => !r.covered && r.verified).length,
    unchanged: results.filter((r) => !r.changed).length,
    by_mutator: {},
    by_model: {},
    elapsed_s: elapsedMs / 1000,
    violations: [],
  };
  for (const r of results) {
    const m = (s.by_mutator[r.mutator] ??= { cases: 0, covered: 0, verified: 0 });
    m.cases++;
    if (r.covered) m.covered++;
    if (r.verified) m.verified++;
    s.by_model[r.model] = (s.by_model[r.model] ?? 0) + 1;
  }
  s.uncovered_verified_cases = results.filter((r) => !r.covered && r.verified).slice(0, 50).map((r) => ({ case: r.i, base: r.base, desc: r.desc, model: r.model }));
  const slowest = results.reduce((a, r) => (a && a.ms >= r.ms ? a : r), null);
  s.slowest = slowest ? { case: slowest.i, base: slowest.base, desc: slowest.desc, ms: slowest.ms } : null;
  for (const r of results) {
    if (r.threw) s.violations.push({ case: r.i, kind: 'exception', base: r.base, desc: r.desc, error: r.threw });
    if (r.ms >= MAX_CASE_MS) s.violations.push({ case: r.i, kind: 'slow', base: r.base, desc: r.desc, ms: Math.round(r.ms) });
    if (r.covered && r.verified) s.violations.push({ case: r.i, kind: 'verified-after-signed-bytes-changed', base: r.base, desc: r.desc, model: r.model });
  }
  for (const h of hangs) s.violations.push({ case: h.i, kind: h.kind, base: h.base, desc: h.desc, detail: h.detail });
  s.ok = s.violations.length === 0 && s.ran + s.hangs === cases;
  return s;
}

/**
 * Runs `cases` fuzz cases. With `verifyApk`/`BufferSource` given, runs in this thread (tests);
 * otherwise in `workers` worker threads over dist/ with a hang watchdog.
 */
export async function run({ cases = DEFAULT_CASES, seed = (Date.now() ^ (process.pid << 8)) >>> 0, workers = 2, verifyApk, BufferSource, onProgress } = {}) {
  seed >>>= 0;
  ensureFresh();
  const t0 = performance.now();
  const results = [];
  const hangs = [];
  if (verifyApk && BufferSource) {
    const bases = loadBases();
    const api = { verifyApk, BufferSource };
    await warmUp(api, bases);
    for (let i = 0; i < cases; i++) results.push(await runCase(api, bases, seed, i));
  } else {
    await loadDist(); // build once here, not in every worker
    const bases = loadBases(); // for naming hung cases
    const stride = Math.max(1, Math.min(workers, cases));
    await Promise.all(
      Array.from({ length: stride }, (_, w) =>
        new Promise((resolve, reject) => {
          let next = w; // next case this lane expects
          let worker;
          let timer;
          // A case that hangs (no message for HANG_MS) or kills its worker is recorded and skipped.
          const lose = (kind, detail) => {
            clearTimeout(timer);
            const c = makeCase(bases, seed, next);
            hangs.push({ i: next, base: c.base, desc: c.desc, kind, detail });
            worker.removeAllListeners();
            void worker.terminate();
            next += stride;
            start();
          };
          const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => lose('hang', `no answer in ${HANG_MS} ms`), HANG_MS);
          };
          const start = () => {
            if (next >= cases) {
              clearTimeout(timer);
              resolve();
              return;
            }
            worker = new Worker(fileURLToPath(import.meta.url), { workerData: { apkFuzzWorker: true, seed, start: next, stride, end: cases } });
            arm();
            worker.on('message', (msg) => {
              if (msg.done) {
                clearTimeout(timer);
                worker.removeAllListeners();
                void worker.terminate();
                resolve();
                return;
              }
              results.push(msg);
              next = msg.i + stride;
              onProgress?.(results.length + hangs.length, cases);
              arm();
            });
            worker.on('error', (err) => lose('worker-error', String(err?.stack ?? err).split('\n').slice(0, 3).join(' | ')));
            worker.on('exit', (code) => lose('worker-exit', `worker exited with ${code} before finishing`));
          };
          start();
        }),
      ),
    );
  }
  results.sort((a, b) => a.i - b.i);
  return summarize(seed, cases, results, hangs, performance.now() - t0);
}

export function summaryLine(s) {
  return (
    `apk-fuzz seed=${s.seed} cases=${s.ran}/${s.cases} exceptions=${s.exceptions} hangs=${s.hangs} ` +
    `max_ms=${s.max_ms.toFixed(1)} slow(>=${MAX_CASE_MS}ms)=${s.slow_cases} ` +
    `signed-bytes-changed=${s.covered} of which verified=${s.covered_verified} ` +
    `(other verified=${s.uncovered_verified}, unchanged=${s.unchanged}) ${s.elapsed_s.toFixed(1)}s ${s.ok ? 'OK' : 'FAIL'}`
  );
}

async function main() {
  const arg = (name, dflt) => {
    const k = process.argv.indexOf(`--${name}`);
    return k > 0 ? process.argv[k + 1] : dflt;
  };
  const seed = arg('seed') !== undefined ? Number(arg('seed')) >>> 0 : undefined;
  if (arg('case') !== undefined) {
    // Replay one case: prints what it was and what verifyApk said; --dump writes the mutated APK.
    if (seed === undefined) throw new Error('--case needs --seed');
    ensureFresh();
    const api = await loadDist();
    const bases = loadBases();
    const i = Number(arg('case'));
    const c = makeCase(bases, seed, i);
    if (arg('dump')) writeFileSync(arg('dump'), c.buf);
    const res = await api.verifyApk(new api.BufferSource(c.buf));
    process.stdout.write(JSON.stringify({ case: i, base: c.base, mutator: c.mutator, desc: c.desc, covered: c.covered, model: c.model, verified: res.report.verified, errors: res.report.errors.slice(0, 5) }, null, 1) + '\n');
    return;
  }
  const cases = Number(arg('cases', DEFAULT_CASES));
  const workers = Number(arg('workers', 2));
  let last = 0;
  const s = await run({
    cases,
    ...(seed === undefined ? {} : { seed }),
    workers,
    onProgress: (n, total) => {
      if (process.stderr.isTTY && n - last >= 500) {
        last = n;
        process.stderr.write(`  ${n}/${total}\r`);
      }
    },
  });
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(s, null, 1) + '\n');
  else {
    process.stdout.write(`by mutator: ${JSON.stringify(s.by_mutator)}\nby coverage model: ${JSON.stringify(s.by_model)}\nslowest: ${JSON.stringify(s.slowest)}\n`);
    for (const v of s.violations.slice(0, 20)) process.stdout.write(`VIOLATION ${JSON.stringify(v)}\n`);
    if (process.argv.includes('--list-verified')) {
      for (const r of s.uncovered_verified_cases) process.stdout.write(`verified (no signed byte changed): ${JSON.stringify(r)}\n`);
    }
  }
  process.stdout.write(summaryLine(s) + '\n');
  if (!s.ok) process.exitCode = 1;
}

if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`apk-fuzz: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  });
}
