// One share of the fleet (examples/fleet-demo/scenario.mjs): a worker thread holding its devices'
// `otactl/device` Updaters, so the devices use every core the machine has. Each device keeps its own
// Updater, state and download folder; nothing verified is shared between devices or threads.
//
// Messages in:  {op: 'add', devices: [{id, channel, cDriven, expectedSigner?}]}
//               {op: 'round', checks: [{id, version, conditions}], concurrency, cRound: {sequence, decisions: [[id, decision]]}}
// Message out:  per round {events, outcomes, installed: [[id, build_id, version_code]], c: {decisions, agreed, disagreements}}
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { MemoryStateStore, Updater, decide, keyIdOf } from 'otactl/device';

const { work, app, manifestBase, publicKeyPem } = workerData;
const publicKey = createPublicKey(publicKeyPem);
const trusted = new Map([[keyIdOf(publicKey), publicKey]]);
const devices = new Map();
let tally = { events: new Map(), outcomes: new Map() };
let cRound = { sequence: -1, decisions: new Map() };
let cStats = { decisions: 0, agreed: 0, disagreements: [] };

/** Pool of `limit` workers over items. */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Both cores decide; the C answer is the one acted on, and every difference is recorded. */
function decideThroughC(m, device, cond) {
  const ts = decide(m, device, cond);
  const c = cRound.sequence === m.sequence ? cRound.decisions.get(device.device_id) : undefined;
  if (!c) throw new Error(`no C decision for ${device.device_id} at sequence ${m.sequence}`);
  cStats.decisions++;
  const same = c.action === ts.action && c.reason === ts.reason && c.build_id === (ts.build?.build_id ?? null) && c.bucket === ts.bucket && c.in_cohort === ts.in_cohort && c.canary === ts.canary;
  if (same) cStats.agreed++;
  else cStats.disagreements.push({ device: device.device_id, c, ts: { action: ts.action, reason: ts.reason, build_id: ts.build?.build_id ?? null, bucket: ts.bucket } });
  const build = [m.build, m.last_safe, m.gating.intermediate].find((b) => b && b.build_id === c.build_id) ?? null;
  return { action: c.action, reason: c.reason, build, bucket: c.bucket, in_cohort: c.in_cohort, canary: c.canary, detail: 'decided by the C core' };
}

function add({ id, channel, cDriven, expectedSigner }) {
  const d = { id, installed: null };
  d.updater = new Updater({
    manifestUrl: `${manifestBase}/apps/${app}/channels/${channel}/manifest.json`,
    trusted,
    app,
    channel,
    state: new MemoryStateStore(),
    downloadDir: path.join(work, 'downloads', id),
    install: async (_file, build) => {
      d.installed = [build.build_id, build.version_code];
    },
    onEvent: (e) => tally.events.set(e.name, (tally.events.get(e.name) ?? 0) + 1),
    decide: cDriven ? decideThroughC : undefined,
    // The update path alone: each round counts serve's requests, and beacons are sent in the
    // background (telemetry has its own runs: test/telemetry/fleet-adoption, fleet-plan).
    beacons: false,
    ...(expectedSigner ? { expectedSigner } : {}),
  });
  devices.set(id, d);
}

async function round({ checks, concurrency, cRound: c }) {
  tally = { events: new Map(), outcomes: new Map() };
  cStats = { decisions: 0, agreed: 0, disagreements: [] };
  cRound = { sequence: c.sequence, decisions: new Map(c.decisions) };
  const installed = [];
  await pool(checks, concurrency, async ({ id, version, conditions }) => {
    const d = devices.get(id);
    d.installed = null;
    const out = await d.updater.check({ device_id: id, current_version_code: version }, conditions);
    const key = out.error ?? out.decision.reason;
    tally.outcomes.set(key, (tally.outcomes.get(key) ?? 0) + 1);
    if (d.installed) installed.push([id, ...d.installed]);
  });
  return { events: [...tally.events], outcomes: [...tally.outcomes], installed, c: cStats };
}

parentPort.on('message', (msg) => {
  if (msg.op === 'add') for (const d of msg.devices) add(d);
  else if (msg.op === 'round') round(msg).then((r) => parentPort.postMessage(r), (err) => parentPort.postMessage({ error: err.stack ?? String(err) }));
});
