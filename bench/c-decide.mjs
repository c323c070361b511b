// Decisions per second of the ESP-IDF template's C core (templates/esp-idf, compiled with gcc -O2)
// against TypeScript decide(), over the same 10,000 devices and the same signed manifest, and
// whether the two agree on every device. Skipped with a note when gcc/mbedTLS/cJSON are missing.
//
//   node bench/c-decide.mjs [--devices 10000] [--rounds 50]
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decide } from '../dist/protocol/decision.js';
import { ManifestPayload, MANIFEST_PAYLOAD_TYPE } from '../dist/protocol/schemas.js';
import { keyIdOf, signEnvelope } from '../dist/protocol/dsse.js';
import { benchC, cCoreMissing, compileDecideBatch, decideInC } from '../examples/fleet-demo/c-core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export async function run({ devices = arg('devices', 10_000), rounds = arg('rounds', 50) } = {}) {
  const missing = cCoreMissing();
  if (missing) return { skipped: missing };
  const work = mkdtempSync(path.join(tmpdir(), 'otactl-c-decide-'));
  try {
    const exe = compileDecideBatch(work);
    // The first decision vector's manifest (a build at 10%, Wi-Fi only, battery >= 30), signed here.
    const vector = JSON.parse(readFileSync(path.join(root, 'test/vectors/decisions.json'), 'utf8')).cases[0].manifest;
    const manifest = ManifestPayload.parse(vector);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const envelope = Buffer.from(JSON.stringify(signEnvelope(MANIFEST_PAYLOAD_TYPE, Buffer.from(JSON.stringify(vector)), [{ keyid: keyIdOf(publicKey), privateKey }])));
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const now = Date.parse(manifest.issued_at) + 1000;
    const rows = Array.from({ length: devices }, (_, i) => ({
      device: { device_id: `dev-${i}`, current_version_code: 100 + (i % 3) * 50 },
      conditions: { wifi: i % 7 !== 0, battery: (i * 37) % 100, charging: i % 5 === 0, in_call: i % 11 === 0 },
    }));

    const c = decideInC(exe, work, envelope, spki, now, rows);
    if (c.rejected) throw new Error(`the C core rejected the manifest: ${c.rejected}`);
    let differ = 0;
    for (const { device, conditions } of rows) {
      const ts = decide(manifest, device, conditions);
      const cd = c.decisions.get(device.device_id);
      if (!cd || cd.action !== ts.action || cd.reason !== ts.reason || cd.bucket !== ts.bucket || cd.build_id !== (ts.build?.build_id ?? null)) differ++;
    }

    const cRun = benchC(exe, work, envelope, spki, now, rows, rounds);
    let sink = 0;
    const t0 = performance.now();
    for (let k = 0; k < rounds; k++) for (const { device, conditions } of rows) sink += decide(manifest, device, conditions).bucket;
    const tsSeconds = (performance.now() - t0) / 1000;
    const cPerSecond = cRun.decisions / cRun.seconds;
    const tsPerSecond = (devices * rounds) / tsSeconds;
    return {
      devices,
      rounds,
      c_decisions_per_second: Math.round(cPerSecond),
      ts_decisions_per_second: Math.round(tsPerSecond),
      c_over_ts: Number((cPerSecond / tsPerSecond).toFixed(2)),
      agree: devices - differ,
      differ,
      sink: sink > 0,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function summaryLine(r) {
  if (r.skipped) return `c-decide: skipped: ${r.skipped}`;
  return `decide() over ${r.devices} devices x ${r.rounds}: C core ${r.c_decisions_per_second}/s, TypeScript ${r.ts_decisions_per_second}/s (C/TS ${r.c_over_ts}); ${r.agree} agree, ${r.differ} differ`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run();
  console.log(summaryLine(r));
  if (r.differ > 0) process.exit(1);
}
