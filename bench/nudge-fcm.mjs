// 10,000 per-device FCM sends against the in-process fake (test/helpers/fcm-fake.mjs): sends per
// second at the configured concurrency, the most requests the fake saw in flight against the limit,
// and every retry accounted for (1% of tokens answer 429 then 200, 1% answer 500 then 200).
//
//   node bench/nudge-fcm.mjs [--devices 10000] [--concurrency 64]
import { randomBytes } from 'node:crypto';
import { FcmTransport, parseServiceAccount } from '../dist/nudge/fcm.js';
import { nudge } from '../dist/nudge/workflow.js';
import { realRetryDeps } from '../dist/nudge/retry.js';
import { INTERNAL, QUOTA, makeServiceAccount, startFcmFake } from '../test/helpers/fcm-fake.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function run({ devices = arg('devices', 10_000), concurrency = arg('concurrency', 64) } = {}) {
  const sa = await makeServiceAccount('bench', 'http://placeholder/token');
  // 5 ms per send stands in for FCM's latency, so the concurrency shows.
  const fake = await startFcmFake({ publicKey: sa.publicKey, clientEmail: sa.account.client_email, projectId: 'bench', sendDelayMs: 5 });
  try {
    const list = Array.from({ length: devices }, (_, i) => ({ deviceId: `dev-${i}`, token: `tok-${i}` }));
    let scriptedRetries = 0;
    for (let i = 0; i < devices; i += 100) {
      fake.script.set(list[i].token, [QUOTA(0)]);
      fake.script.set(list[i + 50]?.token ?? 'none', [INTERNAL()]);
      scriptedRetries += i + 50 < devices ? 2 : 1;
    }
    const transport = new FcmTransport({
      account: parseServiceAccount(JSON.stringify({ ...sa.account, token_uri: fake.tokenUri }), 'bench'),
      baseUrl: fake.url,
      validateOnly: false,
      retry: { attempts: 5, baseDelayMs: 10, maxDelayMs: 1000 },
      deps: { ...realRetryDeps, fetch, nowMs: Date.now },
    });
    const t0 = performance.now();
    const s = await nudge(
      { transport, key: randomBytes(32), now: () => new Date(), random: randomBytes },
      { app: 'com.example.agent', channel: 'stable', selection: { kind: 'devices', devices: list }, eligibleOnly: false, allowUnpublished: true, dryRun: false, concurrency },
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      devices,
      concurrency,
      seconds: Number(seconds.toFixed(2)),
      sends_per_second: Math.round(devices / seconds),
      max_in_flight: fake.state.maxInFlight,
      within_limit: fake.state.maxInFlight <= concurrency,
      sent: s.sent,
      failed: s.failed,
      retried: s.retried,
      scripted_retries: scriptedRetries,
      requests_seen_by_fake: fake.state.sends,
      retries_accounted: s.retried === scriptedRetries && fake.state.sends === devices + s.retried,
      token_requests: fake.state.tokenRequests,
    };
  } finally {
    await fake.close();
  }
}

export function summaryLine(r) {
  return `${r.devices} FCM sends in ${r.seconds} s: ${r.sends_per_second}/s at concurrency ${r.concurrency}; max in flight ${r.max_in_flight} (${r.within_limit ? 'within' : 'OVER'} the limit); ${r.sent} sent, ${r.failed} failed, ${r.retried} retried of ${r.scripted_retries} scripted; fake saw ${r.requests_seen_by_fake} requests (${r.retries_accounted ? 'every retry accounted for' : 'MISMATCH'}); ${r.token_requests} token request(s)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run();
  console.log(summaryLine(r));
  if (!r.within_limit || !r.retries_accounted || r.failed > 0) process.exit(1);
}
