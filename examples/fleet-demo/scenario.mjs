// The fleet acceptance scenario (issue 12): 10,000 simulated devices, each an `otactl/device`
// Updater with its own state, talk real HTTP to one spawned `otactl serve`, while the release side
// promotes, raises, rolls back and attacks the channel through the `otactl` library. A share of the
// devices decide through the compiled C core of the ESP-IDF template instead of TypeScript decide().
// The devices live in worker threads (./device-worker.mjs, one per core by default): this process
// holds what the test reads (versions, installs, tallies) and tells each thread whom to check.
//
// run(options) returns the observed numbers; examples/fleet-demo/run.mjs prints them,
// test/device/fleet-acceptance.test.ts checks them against independently computed expectations,
// and bench/fleet.mjs times them. Needs dist/ (npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openRepository, promote, releaseDeps, rollback, rollout, refresh } from 'otactl';
import { cCoreMissing, compileDecideBatch, decideInC } from './c-core.mjs';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/otactl.js');
export const APP = 'demo';
export const SALT = 'acceptance-salt-1';
/** Devices whose number is a multiple of this decide through the C core (500 of 10,000). */
export const C_EVERY = 20;
/** Devices whose number ends in 9 are offline while the channel is at 100% and check again only after the rollback. */
export const isLate = (i) => i % 10 === 9;
/** Condition groups of the first check at 10%: no Wi-Fi, low battery, in a call. */
export const conditionGroup = (i) => ['none', 'no_wifi', 'low_battery', 'in_call'][i % 50 < 4 ? i % 50 : 0];

function cli(work, env, args) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`otactl ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A worker thread holding a share of the devices; round() resolves with its answer to one round. */
function deviceThread(data) {
  const worker = new Worker(new URL('./device-worker.mjs', import.meta.url), { workerData: data });
  let waiting = null;
  worker.on('message', (m) => {
    const w = waiting;
    waiting = null;
    if (m.error) w?.reject(new Error(`device thread: ${m.error}`));
    else w?.resolve(m);
  });
  worker.on('error', (err) => waiting?.reject(err));
  const pending = [];
  return {
    add: (device) => pending.push(device),
    round: (msg) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage({ op: 'add', devices: pending.splice(0) });
        worker.postMessage({ op: 'round', ...msg });
      }),
    close: () => worker.terminate(),
  };
}

/** Spawns `otactl serve` on a free port with an access log; resolves once it prints its URL. */
function startServe(work, env, accessLog) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--access-log', accessLog, '--pointer-max-age', '0', '--json'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`otactl serve did not start: ${err}`)), 60_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url":\s*"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          close: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`otactl serve exited ${code}: ${err}`)));
  });
}

/**
 * Counts the access log's request lines (not its '#' headers), reading only what was appended since
 * the last call: reading the whole log twice a round cost seconds once it held 80,000 lines.
 */
function logLineCounter(file) {
  let offset = 0;
  let count = 0;
  let partial = '';
  return () => {
    const fd = openSync(file, 'r');
    try {
      const grown = fstatSync(fd).size - offset;
      if (grown <= 0) return count;
      const buf = Buffer.alloc(grown);
      let got = 0;
      while (got < grown) {
        const n = readSync(fd, buf, got, grown - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      offset += got;
      const lines = (partial + buf.subarray(0, got).toString('utf8')).split('\n');
      partial = lines.pop(); // a line still being written is counted once it ends
      count += lines.filter((l) => l && !l.startsWith('#')).length;
      return count;
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * Runs the whole scenario. Options: devices (10,000), joiners (100 fresh devices after the rollback),
 * attackers (200 devices on the attacked channel), concurrency (64 checks in flight, shared by the threads),
 * threads (device threads: one per core), cCore (true: use it when gcc is there), log (progress lines),
 * keep (keep the temp folder).
 */
export async function run(options = {}) {
  const o = { devices: 10_000, joiners: 100, attackers: 200, integrity: 200, concurrency: 64, threads: availableParallelism(), cCore: true, log: () => {}, ...options };
  const work = mkdtempSync(path.join(tmpdir(), 'otactl-fleet-'));
  const env = { PATH: process.env.PATH, HOME: work, OTACTL_KEY_DIR: path.join(work, '.keys'), OTACTL_ACTOR: 'fleet-demo', NO_COLOR: '1' };
  let server;
  let threads = [];
  try {
    // ---- the release side: a store, a key, builds uploaded with the CLI
    const init = cli(work, env, ['init']);
    const builds = {};
    for (const [name, code] of [['B1', 100], ['B2', 101], ['B3', 102], ['BT', 300]]) {
      writeFileSync(path.join(work, `${name}.bin`), Buffer.from(`${name} firmware `.repeat(300)));
      builds[name] = cli(work, env, ['upload', `${name}.bin`, '--app', APP, '--kind', 'file', '--version-code', String(code), '--version-name', `v${code}`]);
    }
    const pubPem = readFileSync(init.public_key, 'utf8');
    const publicKey = createPublicKey(pubPem);
    const repo = await openRepository({ store: init.store, trustedKeys: [pubPem], signingKeys: [readFileSync(init.private_key, 'utf8')], cwd: work });
    const deps = releaseDeps(repo, 'fleet-demo');
    const chan = (channel) => ({ app: APP, channel });

    server = await startServe(work, env, path.join(work, 'access.log'));
    const manifestUrl = (channel) => `${server.url}/apps/${APP}/channels/${channel}/manifest.json`;
    threads = Array.from({ length: o.threads }, () => deviceThread({ work, app: APP, manifestBase: server.url, publicKeyPem: pubPem }));
    const countLines = logLineCounter(path.join(work, 'access.log'));

    // ---- the C core, for every C_EVERY-th device
    let cExe = null;
    const cCore = { used: false, skipped: null, decisions: 0, agreed: 0, disagreements: [] };
    if (o.cCore) {
      cCore.skipped = cCoreMissing();
      if (cCore.skipped === null) {
        mkdirSync(path.join(work, 'c'));
        cExe = compileDecideBatch(path.join(work, 'c'));
        cCore.used = true;
      }
    }
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    /** C answers for the current round, keyed by device id, for one manifest sequence. */
    let cRound = { sequence: -1, decisions: new Map() };

    // ---- the fleet: each device's Updater lives in its thread; this is what the test reads of it
    let made = 0;
    const makeDevice = (id, i, version, channel, extra = {}) => {
      const d = { id, i, version, build: null, installs: [], cDriven: cExe !== null && i % C_EVERY === 0 && channel === 'stable', conditions: {}, thread: threads[made++ % threads.length] };
      d.thread.add({ id, channel, cDriven: d.cDriven, expectedSigner: extra.expectedSigner });
      return d;
    };
    const fleet = Array.from({ length: o.devices }, (_, i) => makeDevice(`dev-${String(i).padStart(5, '0')}`, i, 100, 'stable'));
    const good = { wifi: true, battery: 80, charging: false, in_call: false };
    const rounds = [];
    let deviceSeconds = 0;
    let deviceRequests = 0;

    /** One check by each device; the C devices' decisions are computed first from the live manifest. */
    async function round(name, devices, conditionsOf = () => good) {
      for (const d of devices) d.conditions = conditionsOf(d);
      const cDevices = devices.filter((d) => d.cDriven);
      if (cDevices.length > 0) {
        const envelope = Buffer.from(await (await fetch(manifestUrl('stable'))).arrayBuffer());
        const payload = JSON.parse(Buffer.from(JSON.parse(envelope.toString()).payload, 'base64').toString());
        const out = decideInC(cExe, path.join(work, 'c'), envelope, spki, Date.now(), cDevices.map((d) => ({ device: { device_id: d.id, current_version_code: d.version }, conditions: d.conditions })));
        if (out.rejected) throw new Error(`the C core rejected the live manifest: ${out.rejected}`);
        cRound = { sequence: payload.sequence, decisions: out.decisions };
      }
      const tally = { events: new Map(), outcomes: new Map() };
      const before = countLines();
      const installsBefore = new Map(devices.map((d) => [d.id, d.installs.length]));
      const byId = new Map(devices.map((d) => [d.id, d]));
      const c = { sequence: cRound.sequence, decisions: [...cRound.decisions] };
      const t0 = performance.now();
      const answers = await Promise.all(
        threads.map((t) => {
          const checks = devices.filter((d) => d.thread === t).map((d) => ({ id: d.id, version: d.version, conditions: d.conditions }));
          return t.round({ checks, concurrency: Math.ceil(o.concurrency / threads.length), cRound: c });
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const add = (m, entries) => entries.forEach(([k, n]) => m.set(k, (m.get(k) ?? 0) + n));
      for (const a of answers) {
        add(tally.events, a.events);
        add(tally.outcomes, a.outcomes);
        for (const [id, build, version] of a.installed) {
          const d = byId.get(id);
          d.version = version;
          d.build = build;
          d.installs.push(build);
        }
        cCore.decisions += a.c.decisions;
        cCore.agreed += a.c.agreed;
        cCore.disagreements.push(...a.c.disagreements);
      }
      await new Promise((r) => setTimeout(r, 50)); // log lines are written as responses close
      const requests = countLines() - before;
      deviceSeconds += seconds;
      deviceRequests += requests;
      const installed = devices.filter((d) => d.installs.length > installsBefore.get(d.id)).map((d) => ({ id: d.id, build: d.installs.at(-1) }));
      const r = { name, devices: devices.length, seconds, requests, events: Object.fromEntries(tally.events), outcomes: Object.fromEntries(tally.outcomes), installed };
      rounds.push(r);
      o.log(`${name}: ${devices.length} devices in ${seconds.toFixed(1)} s, ${requests} requests, ${installed.length} installs`);
      return r;
    }
    const on = (build) => fleet.filter((d) => d.build === build).map((d) => d.id);

    const t0 = performance.now();
    // 1. B1 is everywhere; B2 promoted at 10% with a fixed salt
    await promote(deps, { ...chan('stable'), build: builds.B1.build_id, percent: 100 });
    await promote(deps, { ...chan('stable'), build: builds.B2.build_id, percent: 10, salt: SALT });
    const constrained = (d) => {
      const g = conditionGroup(d.i);
      return g === 'no_wifi' ? { ...good, wifi: false } : g === 'low_battery' ? { ...good, battery: 10 } : g === 'in_call' ? { ...good, in_call: true } : good;
    };
    const p10 = await round('10%: first check (some without Wi-Fi, on low battery, in a call)', fleet, constrained);
    const p10b = await round('10%: re-check (on Wi-Fi, charging, call over)', fleet, (d) => (conditionGroup(d.i) === 'low_battery' ? { ...good, battery: 10, charging: true } : good));
    const at10 = on(builds.B2.build_id);

    // 2. raised to 50%, then 100% (the late tenth of the fleet is offline at 100%)
    await rollout(deps, { ...chan('stable'), percent: 50 });
    const p50 = await round('50%', fleet);
    const at50 = on(builds.B2.build_id);
    await rollout(deps, { ...chan('stable'), percent: 100 });
    const p100 = await round('100% (the late tenth offline)', fleet.filter((d) => !isLate(d.i)));
    const at100 = on(builds.B2.build_id);

    // 3. rolled back to B1: nobody takes B2 any more, devices on B2 keep it, fresh devices get B1
    await rollback(deps, { ...chan('stable') });
    const joiners = Array.from({ length: o.joiners }, (_, k) => makeDevice(`new-${k}`, o.devices + k, 99, 'stable'));
    const rb = await round('rolled back (everyone checks, plus fresh devices)', [...fleet, ...joiners]);
    const afterRollback = on(builds.B2.build_id);
    // force_downgrade needs B2 current again to roll it back with the flag; nobody checks in between
    await promote(deps, { ...chan('stable'), build: builds.B2.build_id, percent: 100, salt: SALT });
    await rollback(deps, { ...chan('stable'), forceDowngrade: true });
    const forced = await round('rolled back with force_downgrade', [...fleet, ...joiners]);
    const mainSeconds = (performance.now() - t0) / 1000;

    // 5. integrity: a tampered artifact, and a build whose signer is not the device's
    const integrity = await integrityRun();
    // 7. attacks on the manifest and the artifact
    const attacks = await attackRun();

    return {
      devices: o.devices,
      joiners: o.joiners,
      salt: SALT,
      builds: Object.fromEntries(Object.entries(builds).map(([k, b]) => [k, b.build_id])),
      ids: fleet.map((d) => d.id),
      phases: { p10, p10b, p50, p100, rb, forced },
      on_b2: { at10, at50, at100, afterRollback, final: on(builds.B2.build_id) },
      installs: Object.fromEntries([...fleet, ...joiners].map((d) => [d.id, d.installs])),
      c_core: { ...cCore, devices: fleet.filter((d) => d.cDriven).length },
      integrity,
      attacks,
      bench: { wall_seconds: mainSeconds, device_seconds: deviceSeconds, requests: deviceRequests, requests_per_second: deviceRequests / deviceSeconds, checks: rounds.reduce((s, r) => s + r.devices, 0) },
    };

    async function integrityRun() {
      const artifactFile = path.join(work, 'ota-store', 'artifacts', 'sha256', builds.BT.sha256);
      const original = readFileSync(artifactFile);
      const ours = 'a1'.repeat(32);
      const fleetI = Array.from({ length: o.integrity }, (_, k) => makeDevice(`int-${k}`, k, 100, 'integrity', { expectedSigner: ours }));
      // A signer-bearing release record (the device compares the manifest's signer_fingerprint with
      // the one its installed app carries): BT as uploaded has none, so two records name its bytes
      // with a signer each, as an APK upload would record it.
      const record = await repo.getRelease(APP, builds.BT.build_id);
      const signed = (suffix, code, signer) => ({ ...record, build_id: `b-${suffix.repeat(12)}`, version_code: code, signer_fingerprint: signer });
      await repo.putRelease(signed('a', 300, ours));
      await repo.putRelease(signed('f', 301, 'f0'.repeat(32)));
      // ...and the app record accepts their signers, as a pinned APK upload would have recorded them
      // (a channel change refuses to publish a signer the app record does not accept).
      const app = await repo.readAppRecord(APP);
      const pinned = (fingerprint, suffix) => ({ fingerprint, reason: 'pinned', from: [], build_id: `b-${suffix.repeat(12)}`, at: new Date().toISOString(), by: 'fleet-demo' });
      const signers = [...app.record.signers, pinned(ours, 'a'), pinned('f0'.repeat(32), 'f')];
      await repo.putAppRecord({ ...app.record, revision: (app.record.revision ?? 1) + 1, signers }, app.etag);
      await promote(deps, { ...chan('integrity'), build: `b-${'a'.repeat(12)}`, percent: 100 });
      const tampered = Buffer.from(original);
      tampered[10] ^= 0xff;
      writeFileSync(artifactFile, tampered);
      const tamperedRound = await round('integrity: tampered artifact', fleetI);
      writeFileSync(artifactFile, original);
      // otactl refuses a signer change on a channel unless asked (exit 6); asked, devices still refuse it.
      await promote(deps, { ...chan('integrity'), build: `b-${'f'.repeat(12)}`, percent: 100, allowSignerChange: true });
      const foreignRound = await round('integrity: foreign signer', fleetI);
      return { tampered: tamperedRound, foreign: foreignRound, installs: fleetI.reduce((s, d) => s + d.installs.length, 0) };
    }

    async function attackRun() {
      const file = path.join(work, 'ota-store', 'apps', APP, 'channels', 'attacks', 'manifest.json');
      const fleetA = Array.from({ length: o.attackers }, (_, k) => makeDevice(`att-${k}`, k, 100, 'attacks'));
      // An old manifest offering B3, then a newer one the devices see (B1, which they run).
      await promote(deps, { ...chan('attacks'), build: builds.B3.build_id, percent: 100 });
      const old = readFileSync(file);
      await promote(deps, { ...chan('attacks'), build: builds.B1.build_id, percent: 100, allowLowerVersion: true });
      const seen = readFileSync(file);
      const baseline = await round('attacks: baseline', fleetA);
      const results = { baseline };

      writeFileSync(file, old);
      results.replay = await round('attack: replayed older manifest', fleetA);

      writeFileSync(file, seen);
      // A genuine manifest (the next sequence) whose lifetime is over: issued two hours ago for one hour.
      const lapsed = releaseDeps(repo, 'fleet-demo', { now: () => new Date(Date.now() - 2 * 3600_000), manifestTtlSeconds: 3600 });
      await promote(lapsed, { ...chan('attacks'), build: builds.B3.build_id, percent: 100 });
      results.expired = await round('attack: expired manifest', fleetA);

      const evil = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const evilRepo = await openRepository({
        store: init.store,
        trustedKeys: [pubPem, evil.publicKey],
        signingKeys: [evil.privateKey],
        cwd: work,
      });
      await refresh(releaseDeps(evilRepo, 'attacker'), chan('attacks'));
      results.unknown_key = await round('attack: manifest signed by an unknown key', fleetA);

      // The genuine manifest the devices hold, its payload changed to offer B3 (signatures kept).
      const evilSigned = readFileSync(file);
      const env = JSON.parse(seen.toString());
      const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString());
      const b3 = builds.B3;
      payload.build = { ...payload.build, build_id: b3.build_id, version_code: b3.version_code, sha256: b3.sha256, size: b3.size, url: payload.build.url.replace(builds.B1.sha256, b3.sha256) };
      writeFileSync(file, JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(payload)).toString('base64') }));
      results.tampered_payload = await round('attack: tampered manifest payload', fleetA);

      // A genuine manifest (signed with the real key again) whose artifact the server serves longer than declared.
      writeFileSync(file, evilSigned);
      const realRepo = await openRepository({ store: init.store, trustedKeys: [pubPem, evil.publicKey], signingKeys: [readFileSync(init.private_key, 'utf8')], cwd: work });
      await refresh(releaseDeps(realRepo, 'fleet-demo'), chan('attacks'));
      const artifactFile = path.join(work, 'ota-store', 'artifacts', 'sha256', builds.B3.sha256);
      const original = readFileSync(artifactFile);
      writeFileSync(artifactFile, Buffer.concat([original, Buffer.alloc(4096, 0x41)]));
      results.oversized = await round('attack: artifact larger than declared', fleetA);
      writeFileSync(artifactFile, original);
      results.installs = fleetA.reduce((s, d) => s + d.installs.length, 0);
      // Afterwards the genuine channel still works for the same devices.
      results.recovered = await round('attacks: genuine manifest again', fleetA);
      return results;
    }
  } finally {
    await Promise.all(threads.map((t) => t.close()));
    await server?.close();
    if (!o.keep) rmSync(work, { recursive: true, force: true });
  }
}
