/**
 * No secret in any output (issue 17 item 4). A distinct secret is planted in every input that can
 * carry one: the MQTT URL's password, the webhook URL's userinfo, query token and path token, the
 * FCM service account's private key, the nudge HMAC key (file and environment), AWS_SECRET_ACCESS_KEY
 * and AWS_SESSION_TOKEN, the CloudFront private key and OTACTL_SIGNING_KEY (good ones and broken
 * ones). Then succeeding and failing commands run (in process, through main()'s seams; whatever
 * reaches the process's own streams is searched too), each with --json and without, all with
 * --debug, against real local endpoints (a webhook receiver, Mosquitto, the FCM stand-in, an S3
 * endpoint that echoes the request's credentials back in its error, a refused port), and every
 * byte they wrote is searched for every secret: stdout, stderr, the store (records, history), any
 * other file otactl left in the workspace, and the access log of a private distribution served
 * with signed URLs (whose Signature is a credential too).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../helpers/net.js';
import { makeServiceAccount, startFcmFake, type FcmFake } from '../helpers/fcm-fake.mjs';
import { mosquittoPath, startMosquitto, type Broker } from '../helpers/mosquitto.js';
import { type RunResult } from '../helpers/cli.js';
import { sdkProcessEnv, seededCliSuite } from '../helpers/run-cli.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { rsa2048 } from '../helpers/keys.js';

const tag = (name: string) => `${name}${randomBytes(12).toString('hex')}`;
/** PEM text's searchable parts: each base64 line of its body (a fragment of a key is a leak too). */
const pemParts = (pem: string) => pem.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
const garbagePem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

const S = {
  mqttPassword: tag('mqttpw'),
  mqttConfigPassword: tag('cfgpw'),
  webhookUserinfo: tag('whuser'),
  webhookQuery: tag('whquery'),
  webhookPath: tag('whpathtoken'),
  hmacKey: randomBytes(32).toString('hex'),
  hmacEnv: randomBytes(32).toString('hex'), // a hex key is exactly 64 digits
  shortHmac: tag('shorthmac').slice(0, 24),
  awsSecret: tag('awssecret'),
  awsSession: tag('awssession'),
  badCloudFront: `MIIBadCloudFront${randomBytes(24).toString('base64')}`,
  badSigning: `MIIBadSigningKey${randomBytes(24).toString('base64')}`,
  badHmacEnv: tag('nothex'),
};
const cloudFront = rsa2048();
const cloudFrontPem = cloudFront.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_PAIR_ID = 'KSECRETSTEST1';
const BASE = 'https://cdn.example.com/ota';

const ws = seededCliSuite();
const receiver = new WebhookReceiver();
let failingHook: Server;
let echoS3: Server;
let broker: Broker | undefined;
let fake: FcmFake;
let signingPem: string;
let fcmPem: string;
let wrongFcmPem: string;
let served: RunningStoreServer | undefined;
const outputs: { what: string; text: string }[] = [];
const processWrites: string[] = [];

/** Every secret with the forms it could be printed in. */
function planted(): Map<string, string[]> {
  const m = new Map<string, string[]>(Object.entries(S).map(([k, v]) => [k, [v]]));
  m.get('hmacKey')!.push(Buffer.from(S.hmacKey, 'hex').toString('base64'));
  m.set('cloudFrontPem', pemParts(cloudFrontPem));
  m.set('signingPem', pemParts(signingPem));
  m.set('fcmPem', pemParts(fcmPem));
  m.set('wrongFcmPem', pemParts(wrongFcmPem));
  return m;
}

const baseEnv = () => ({
  AWS_ACCESS_KEY_ID: 'AKIDSECRETSTEST',
  AWS_SECRET_ACCESS_KEY: S.awsSecret,
  AWS_SESSION_TOKEN: S.awsSession,
  AWS_REGION: 'us-east-1',
  OTACTL_SIGNING_KEY: signingPem,
});

/**
 * Runs a command with --debug, once with --json and once without, and keeps all it wrote; at once
 * unless the command changes a channel (`inTurn`: the second run would lose the compare-and-swap).
 */
async function run(what: string, args: string[], env: NodeJS.ProcessEnv = {}, inTurn = false): Promise<RunResult[]> {
  const once = async (json: boolean) => {
    const r = await ws.run([...args, '--debug', ...(json ? ['--json'] : [])], { env: { ...baseEnv(), ...env } });
    outputs.push({ what: `${what}${json ? ' --json' : ''} (exit ${r.code})`, text: `${r.stdout}\n${r.stderr}` });
    return r;
  };
  return inTurn ? [await once(true), await once(false)] : Promise.all([once(true), once(false)]);
}

/** Runs independent commands two at a time (four runs at once): most of their time is spent waiting on endpoints and retries. */
async function runEach(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all([0, 1].map(async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

beforeAll(async () => {
  // The secrets' own files live in inputs/; otactl's key store (.keys) holds the signing key by design.
  const keyFile = filesUnder(join(ws.dir, '.keys')).find((f) => f.endsWith('.key.pem'))!;
  signingPem = readFileSync(keyFile, 'utf8');
  // The SDK's credential chain reads the process environment; the runs get the same (baseEnv).
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = baseEnv();
  sdkProcessEnv({ AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN });
  // Whatever a run writes past its own streams (a library's console, a warning) is output too.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
      processWrites.push(String(chunk));
      return write(chunk as string, ...rest);
    }) as typeof stream.write);
  }
  mkdirSync(join(ws.dir, 'inputs'));
  await receiver.start();
  failingHook = createServer((req, res) => req.resume().on('end', () => res.writeHead(500).end()));
  await new Promise<void>((r) => failingHook.listen(0, '127.0.0.1', r));
  // An S3 endpoint that refuses everything and, worst case, echoes the credentials it was sent.
  echoS3 = createServer((req, res) =>
    req.resume().on('end', () => {
      const echo = `${req.headers.authorization ?? ''} ${req.headers['x-amz-security-token'] ?? ''}`;
      res.writeHead(403, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>echo ${echo}</Message><CanonicalRequest>${echo}</CanonicalRequest></Error>`,
      );
    }),
  );
  await new Promise<void>((r) => echoS3.listen(0, '127.0.0.1', r));
  if (mosquittoPath) broker = await startMosquitto();
  const sa = await makeServiceAccount('secrets-test', 'http://placeholder/token');
  fcmPem = sa.account.private_key.toString();
  fake = await startFcmFake({ publicKey: sa.publicKey, clientEmail: sa.account.client_email, projectId: 'secrets-test' });
  ws.file('inputs/sa.json', JSON.stringify({ ...sa.account, token_uri: fake.tokenUri }));
  const wrong = await makeServiceAccount('secrets-test', fake.tokenUri);
  wrongFcmPem = wrong.account.private_key.toString();
  ws.file('inputs/wrong-sa.json', JSON.stringify({ ...wrong.account, client_email: sa.account.client_email }));
  ws.file('inputs/nudge.key', `${S.hmacKey}\n`);
  ws.file('inputs/short.key', S.shortHmac);
  ws.file('inputs/devices.csv', 'dev-1,tok-dev-1-0123456789\ndev-2,tok-dev-2-0123456789\n');
  // A config whose JSON breaks right after an MQTT URL with a password (V8 quotes text near the mistake).
  ws.file('inputs/broken.config.json', `{"mqtt": {"url": "mqtt://fleet:${S.mqttConfigPassword}@broker:1883", "connect_timeout_ms": tru}}`);
  ws.file('inputs/cloudfront-public.pem', cloudFront.publicKey.export({ type: 'spki', format: 'pem' }).toString());
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await receiver.close();
  await new Promise((r) => failingHook?.close(r));
  await new Promise((r) => echoS3?.close(r));
  await broker?.stop();
  await fake?.close();
  await served?.close();
});

const nudge = (via: string, ...rest: string[]) => ['nudge', '--app', 'demo', '--channel', 'stable', '--via', via, ...rest];
const hook = (base: string) => {
  const u = new URL(base);
  return `http://hook:${S.webhookUserinfo}@${u.host}/hooks/${S.webhookPath}?token=${S.webhookQuery}&team=ops`;
};
const mqttUrl = (hostPort: string) => `mqtt://fleet:${S.mqttPassword}@${hostPort}`;
const signedEnv = { OTACTL_PUBLIC_URL: BASE, OTACTL_CLOUDFRONT_KEY_PAIR_ID: KEY_PAIR_ID, OTACTL_CLOUDFRONT_PRIVATE_KEY: cloudFrontPem };

describe('no secret in any output', () => {
  it('succeeding commands: a signed publish, status, history, cookies, nudges over webhook, MQTT and FCM', async () => {
    const [promote] = await run('promote (signed URLs)', ['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '50', '--yes'], signedEnv, true);
    expect.soft(promote!.code, promote!.stderr).toBe(0);
    const [rollout] = await run('rollout', ['rollout', '100', '--app', 'demo', '--channel', 'stable', '--yes'], signedEnv, true);
    expect.soft(rollout!.code, rollout!.stderr).toBe(0);
    const ok = (rs: RunResult[]) => rs.forEach((r) => expect.soft(r.code, `${r.stdout}\n${r.stderr}`).toBe(0));
    await runEach([
      async () => ok(await run('status', ['status'], signedEnv)),
      async () => ok(await run('history', ['history', '--app', 'demo', '--channel', 'stable'], signedEnv)),
      async () => ok(await run('cdn-cookies', ['cdn-cookies', '--app', 'demo', '--build', ws.b1], signedEnv)),
      async () => {
        ok(await run('nudge webhook', nudge('webhook', '--device', 'dev-1', '--webhook-url', hook(receiver.url), '--hmac-key-file', 'inputs/nudge.key')));
        // The userinfo went as HTTP Basic authentication, the path and query as given.
        expect.soft(receiver.received.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from(`hook:${S.webhookUserinfo}`).toString('base64')}`);
      },
      async () => ok(await run('nudge webhook (key from env)', nudge('webhook', '--device', 'dev-1'), { OTACTL_NUDGE_HMAC_KEY: S.hmacEnv, OTACTL_NUDGE_WEBHOOK_URL: hook(receiver.url) })),
      async () =>
        ok(await run('nudge fcm', nudge('fcm', '--devices-file', 'inputs/devices.csv', '--fcm-credentials', 'inputs/sa.json', '--hmac-key-file', 'inputs/nudge.key'), { OTACTL_FCM_BASE_URL: fake.url })),
      async () => {
        if (broker) ok(await run('nudge mqtt', nudge('mqtt', '--device', 'dev-1', '--mqtt-url', mqttUrl(`127.0.0.1:${broker.port}`), '--hmac-key-file', 'inputs/nudge.key')));
      },
    ]);
  }, 120_000);

  it('failing commands: unreachable and refusing endpoints, bad keys, bad URLs', async () => {
    const closed = await freePort();
    const expectExit = (rs: RunResult[], code: number) => rs.forEach((r) => expect.soft(r.code, `${r.stdout}\n${r.stderr}`).toBe(code));
    const key = ['--hmac-key-file', 'inputs/nudge.key'];
    const s3 = `http://127.0.0.1:${(echoS3.address() as { port: number }).port}`;
    const failing = `http://127.0.0.1:${(failingHook.address() as { port: number }).port}`;
    await runEach([
      async () =>
        expectExit(await run('mqtt refused', nudge('mqtt', '--device', 'dev-1', '--mqtt-url', mqttUrl(`127.0.0.1:${closed}`), ...key)), 7),
      async () =>
        expectExit(await run('mqtt not mqtt://', nudge('mqtt', '--device', 'dev-1', '--mqtt-url', `http://fleet:${S.mqttPassword}@127.0.0.1:${closed}`, ...key)), 2),
      async () =>
        expectExit(await run('mqtt not a URL', nudge('mqtt', '--device', 'dev-1', '--mqtt-url', `mqtt://fleet:${S.mqttPassword}@[bad`, ...key)), 2),
      async () =>
        expectExit(await run('webhook refused', nudge('webhook', '--device', 'dev-1', '--webhook-url', hook(`http://127.0.0.1:${closed}`), ...key)), 7),
      async () =>
        expectExit(await run('webhook 500', nudge('webhook', '--device', 'dev-1', '--webhook-url', hook(failing), ...key)), 4),
      async () =>
        expectExit(await run('webhook not http', nudge('webhook', '--device', 'dev-1', '--webhook-url', `ftp://hook:${S.webhookUserinfo}@h/x?token=${S.webhookQuery}`, ...key)), 2),
      async () =>
        expectExit(await run('hmac key too short', nudge('webhook', '--device', 'dev-1', '--webhook-url', hook(receiver.url), '--hmac-key-file', 'inputs/short.key')), 2),
      async () =>
        expectExit(await run('hmac env not hex', nudge('webhook', '--device', 'dev-1', '--webhook-url', hook(receiver.url)), { OTACTL_NUDGE_HMAC_KEY: S.badHmacEnv }), 2),
      async () =>
        expectExit(
        await run('fcm refused service account', nudge('fcm', '--devices-file', 'inputs/devices.csv', '--fcm-credentials', 'inputs/wrong-sa.json', ...key), { OTACTL_FCM_BASE_URL: fake.url }),
        2,
      ),
      async () =>
        expectExit(
        await run('fcm token endpoint refused', nudge('fcm', '--devices-file', 'inputs/devices.csv', '--fcm-credentials', 'inputs/sa.json', ...key), {
          OTACTL_FCM_BASE_URL: fake.url,
          OTACTL_FCM_TOKEN_URI: `http://127.0.0.1:${closed}/token`,
        }),
        7,
      ),
      async () =>
        expectExit(await run('bad signing key', ['promote', ws.b2, '--app', 'demo', '--channel', 'beta', '--rollout', '10', '--yes'], { OTACTL_SIGNING_KEY: garbagePem('PRIVATE KEY', S.badSigning) }), 2),
      async () =>
        expectExit(
        await run('bad CloudFront key', ['promote', ws.b2, '--app', 'demo', '--channel', 'beta', '--rollout', '10', '--yes'], {
          ...signedEnv,
          OTACTL_CLOUDFRONT_PRIVATE_KEY: garbagePem('RSA PRIVATE KEY', S.badCloudFront),
        }),
        2,
      ),
      async () => expectExit(await run('config JSON broken next to a password', nudge('mqtt', '--device', 'dev-1', ...key, '--config', 'inputs/broken.config.json')), 2),
      async () =>
        expectExit(await run('S3 refuses and echoes credentials', ['status', '--store', 's3://bucket/ota', '--endpoint', s3]), 7),
    ]);
  }, 180_000);

  it('the access log of a private distribution keeps no signature; telemetry parameters stay', async () => {
    served = await serveStore({ root: join(ws.dir, 'ota-store'), port: 0, cloudFrontKeys: new Map([[KEY_PAIR_ID, cloudFront.publicKey]]), accessLogPath: join(ws.dir, 'access.log') });
    const env = JSON.parse(readFileSync(join(ws.dir, 'ota-store/apps/demo/channels/stable/manifest.json'), 'utf8'));
    const signed = new URL(JSON.parse(Buffer.from(env.payload, 'base64').toString()).build.url);
    // Re-sign for the server's address: the manifest's URLs name the CDN host.
    const { ArtifactUrlSigner, cloudFrontKeyFromPem } = await import('../../src/cdn/signed-url.js');
    const local = new ArtifactUrlSigner(served.url, cloudFrontKeyFromPem(KEY_PAIR_ID, 'id', cloudFrontPem, 'key')).sign(`${served.url}${signed.pathname.replace(/^\/ota/, '')}`, new Date());
    expect((await fetch(local)).status).toBe(200);
    expect((await fetch(`${served.url}/beacon?d=dev-1&c=stable&token=${S.webhookQuery}`)).status).toBe(404);
    await served.close();
    served = undefined;
    const log = readFileSync(join(ws.dir, 'access.log'), 'utf8');
    expect(log).toContain('Signature=***');
    expect(log).toContain('d=dev-1&c=stable&token=***');
    expect(log).not.toContain(new URL(local).searchParams.get('Signature')!);
  });

  it('no planted secret in stdout, stderr, the store, history, access log or any file otactl wrote', () => {
    expect(outputs.length).toBeGreaterThan(30);
    const files = filesUnder(ws.dir).filter((f) => !relative(ws.dir, f).startsWith('inputs/') && !relative(ws.dir, f).startsWith('.keys/'));
    expect(files.some((f) => f.includes('/history/'))).toBe(true);
    expect(files.some((f) => f.endsWith('access.log'))).toBe(true);
    const texts = [...outputs, { what: 'the test process\'s own stdout and stderr', text: processWrites.join('') }, ...files.filter((f) => statSync(f).size < 10_000_000).map((f) => ({ what: relative(ws.dir, f), text: readFileSync(f).toString('latin1') }))];
    const leaks: string[] = [];
    for (const [name, forms] of planted()) {
      for (const { what, text } of texts) if (forms.some((form) => text.includes(form))) leaks.push(`${name} in ${what}`);
    }
    expect(leaks).toEqual([]);
    // The outputs still say what failed, with the secret masked.
    const all = outputs.map((o) => o.text).join('\n');
    expect(all).toMatch(/cannot connect to the MQTT broker mqtt:\/\/\*\*\*@127\.0\.0\.1:\d+/);
    expect(all).toMatch(/POST http:\/\/\*\*\*@127\.0\.0\.1:\d+\/hooks\/\*\*\*\?token=\*\*\*&team=\*\*\*/);
    // Not over-masked: an endpoint is named, a refused account by its client_email, a config by where it breaks.
    expect(all).toMatch(/cannot reach the token endpoint http:\/\/127\.0\.0\.1:\d+\/token/);
    expect(all).toMatch(/refused the service account otactl@secrets-test\.iam\.gserviceaccount\.com/);
    expect(all).toMatch(/broken\.config\.json is not valid JSON: unexpected "}"/);
  });
});
