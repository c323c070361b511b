/**
 * `otactl serve` as a private CloudFront distribution (serveStore's cloudFrontKeys): the device SDK
 * downloads a build through the signed URL otactl wrote into the manifest, over real HTTP, and a
 * resumed (Range) download keeps the signature; unsigned, tampered and expired requests get 403,
 * and so does one artifact URL's signature on another object (issue 17 item 3: manifests are
 * public, so a signature that opened every artifact opened every build of every app); `stats` still counts the download from the access log, the query notwithstanding.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutSignature } from '../../src/cdn/signature-params.js';
import { Updater } from '../../src/device/updater.js';
import { aggregate, openRepository, promote, releaseDeps, upload, type Repository } from '../../src/index.js';
import { keyIdOf } from '../../src/protocol/dsse.js';
import { serveStore, type RunningStoreServer } from '../../src/edge/http-server.js';
import { readLogs } from '../../src/telemetry/readers.js';
import { p256, rsa2048 } from '../helpers/keys.js';

const KEY_ID = 'KTESTPRIVATE1';
const manifestKey = p256();
const cdnKey = rsa2048();
const work = mkdtempSync(join(tmpdir(), 'otactl-private-cdn-'));
const root = join(work, 'store');
const logFile = join(work, 'access.log');
const artifact = randomBytes(300 * 1024);
let server: RunningStoreServer;
let repo: Repository;
let buildId: string;
/** Another app's build in the same store, with its own manifest. */
let otherBuildId: string;

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  server = await serveStore({ root, port: 0, cloudFrontKeys: new Map([[KEY_ID, cdnKey.publicKey]]), accessLogPath: logFile });
  repo = await openRepository({
    store: `file://${root}`,
    trustedKeys: [manifestKey.publicKey],
    signingKeys: [manifestKey.privateKey],
    publicUrl: server.url,
    cloudFront: { keyPairId: KEY_ID, privateKey: cdnKey.privateKey },
  });
  const deps = releaseDeps(repo, 'ci-bot', { previewFleet: 10 });
  const file = join(work, 'build.bin');
  writeFileSync(file, artifact);
  buildId = (await upload(deps, { file, app: 'demo', kind: 'file', versionCode: 2 })).build_id;
  await promote(deps, { app: 'demo', channel: 'stable', build: buildId, percent: 100 });
  const otherFile = join(work, 'other.bin');
  writeFileSync(otherFile, randomBytes(4096));
  otherBuildId = (await upload(deps, { file: otherFile, app: 'other', kind: 'file', versionCode: 7 })).build_id;
  await promote(deps, { app: 'other', channel: 'beta', build: otherBuildId, percent: 100 });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const signedUrl = async () => (await repo.readChannel('demo', 'stable'))!.payload.build.url;

describe('a private distribution served by otactl serve', () => {
  it('the device SDK downloads and installs through the signed URL in the manifest', async () => {
    const installed: Buffer[] = [];
    const updater = new Updater({
      manifestUrl: `${server.url}/apps/demo/channels/stable/manifest.json`,
      trusted: new Map([[keyIdOf(manifestKey.publicKey), manifestKey.publicKey]]),
      downloadDir: join(work, 'downloads'),
      install: async (f) => {
        installed.push((await import('node:fs')).readFileSync(f));
      },
    });
    const out = await updater.check({ device_id: 'd1', current_version_code: 1 }, { wifi: true });
    expect(out.error).toBeUndefined();
    expect(out.installed?.build_id).toBe(buildId);
    expect(installed[0]!.equals(artifact)).toBe(true);
  });

  it('a Range request on the signed URL is served (a resumed download); the manifest itself needs no signature', async () => {
    const url = await signedUrl();
    const res = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(artifact.subarray(1000, 2000))).toBe(true);
    expect((await fetch(`${server.url}/apps/demo/channels/stable/manifest.json`)).status).toBe(200);
  });

  it('unsigned, tampered and foreign-key requests for an artifact get 403', async () => {
    const url = await signedUrl();
    expect((await fetch(withoutSignature(url))).status).toBe(403);
    const u = new URL(url);
    const sig = u.searchParams.get('Signature')!;
    u.searchParams.set('Signature', `${sig.slice(0, 20)}${sig[20] === 'A' ? 'B' : 'A'}${sig.slice(21)}`);
    expect((await fetch(u)).status).toBe(403);
    const other = new URL(url);
    other.searchParams.set('Key-Pair-Id', 'KSOMEONEELSE');
    expect((await fetch(other)).status).toBe(403);
  });

  it('the signature of one public manifest\'s URL does not open another artifact (another app\'s build)', async () => {
    const demoUrl = new URL(await signedUrl());
    const otherUrl = new URL((await repo.readChannel('other', 'beta'))!.payload.build.url);
    expect(otherUrl.pathname).not.toBe(demoUrl.pathname);
    // Both manifests are public: anyone reads demo's query and puts it on other's artifact path.
    const borrowed = `${withoutSignature(otherUrl.toString())}${demoUrl.search}`;
    expect((await fetch(borrowed)).status).toBe(403);
    // The same query on its own object works, and other's own URL opens other's build.
    expect((await fetch(demoUrl, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(otherUrl, { method: 'HEAD' })).status).toBe(200);
    // Nor does it open an artifact that is not in any manifest (a build uploaded, never promoted).
    const hidden = join(work, 'hidden.bin');
    writeFileSync(hidden, randomBytes(1024));
    const deps = releaseDeps(repo, 'ci-bot', { previewFleet: 10 });
    const hiddenRecord = await repo.resolveBuild('other', (await upload(deps, { file: hidden, app: 'other', kind: 'file', versionCode: 8 })).build_id);
    expect((await fetch(`${server.url}/artifacts/sha256/${hiddenRecord.sha256}${demoUrl.search}`)).status).toBe(403);
  });

  it('another spelling of an artifact\'s path that opens the same file is still behind the signature', async () => {
    // A store on a case-insensitive filesystem (macOS APFS, Windows NTFS by default) opens
    // artifacts/sha256/<hex> also as Artifacts/... or .../<HEX>; the links stand in for that here.
    const sha = (await repo.readChannel('demo', 'stable'))!.payload.build.sha256;
    const links = [join(root, 'Artifacts'), join(root, 'artifacts', 'sha256', sha.toUpperCase())];
    symlinkSync('artifacts', links[0]!);
    symlinkSync(sha, links[1]!);
    try {
      for (const path of [`/Artifacts/sha256/${sha}`, `/artifacts/sha256/${sha.toUpperCase()}`, `/%41rtifacts/sha256/${sha}`, `/ARTIFACTS/sha256/${sha}`]) {
        expect((await fetch(`${server.url}${path}`, { method: 'HEAD' })).status, path).toBe(403);
      }
    } finally {
      for (const link of links) unlinkSync(link);
    }
  });

  it('an artifact request past the policy\'s end gets 403', async () => {
    // Sign with an already-expired policy through a second repository on the same store.
    const { ArtifactUrlSigner, cloudFrontKeyFromPem } = await import('../../src/cdn/signed-url.js');
    const signer = new ArtifactUrlSigner(server.url, cloudFrontKeyFromPem(KEY_ID, 'id', cdnKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'k'));
    const expired = signer.sign(withoutSignature(await signedUrl()), new Date(Date.now() - 2 * 86_400_000));
    expect((await fetch(expired)).status).toBe(403);
    const fresh = await fetch(signer.sign(withoutSignature(await signedUrl()), new Date()));
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(artifact)).toBe(true);
  });

  it('stats count the signed download by its path (the signature query is not part of it)', async () => {
    await server.close();
    server = await serveStore({ root, port: 0 }); // afterAll closes this one
    const report = await aggregate(readLogs(logFile), {
      artifacts: new Map([[(await repo.readChannel('demo', 'stable'))!.payload.build.sha256, { app: 'demo', build_id: buildId, channel: 'stable' }]]),
      by: 'day',
    });
    expect(report.lines.malformed).toBe(0);
    const downloads = report.channels.flatMap((c) => c.builds).find((b) => b.build_id === buildId)?.downloads;
    // The SDK's full download and the fresh 200 of the expiry test; 403s and the mid-file range are not downloads.
    expect(downloads).toBe(2);
  });
});
