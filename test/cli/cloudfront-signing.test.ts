/**
 * The CloudFront signing key through the CLI (in process): config and environment (env wins),
 * signed URLs in the published manifest, signed cookies, and every bad key as one line with exit 2
 * and the store unchanged; `otactl serve` as a private distribution, stopped as SIGTERM stops it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignedUrl } from '../../src/edge/url-signature.js';
import { expectCleanFailure, treeSnapshot } from '../helpers/cli.js';
import { runCli, seededCliSuite } from '../helpers/run-cli.js';
import { p256, rsa2048 } from '../helpers/keys.js';

const KEY_ID = 'K2JCJMDEHXQW5F';
const BASE = 'https://cdn.example.com/ota';
const rsa = rsa2048();
const ec = p256();
const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('CloudFront signing key: config, environment, bad keys', () => {
  const ws = seededCliSuite();
  const store = join(ws.dir, 'ota-store');
  const manifestOf = (channel: string) => {
    const env = JSON.parse(readFileSync(join(store, `apps/demo/channels/${channel}/manifest.json`), 'utf8'));
    return JSON.parse(Buffer.from(env.payload, 'base64').toString());
  };
  const promote = async (build: string, channel: string, env: NodeJS.ProcessEnv = {}) =>
    ws.run(['promote', build, '--app', 'demo', '--channel', channel, '--rollout', '100', '--yes', '--json'], { env });
  const signedEnv = { OTACTL_PUBLIC_URL: BASE, OTACTL_CLOUDFRONT_KEY_PAIR_ID: KEY_ID };

  beforeAll(async () => {
    ws.file('keys/cf.pem', rsaPem);
    ws.file('ec.pem', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    ws.file('public.pem', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  });

  it('a key from the config (path relative to the config) signs the URLs promote writes; cdn-cookies prints cookies that verify', async () => {
    const configPath = join(ws.dir, 'otactl.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    writeFileSync(configPath, JSON.stringify({ ...config, public_url: BASE, cloudfront: { key_pair_id: KEY_ID, private_key: 'keys/cf.pem' } }));
    try {
      expect((await promote(ws.b1, 'stable')).code).toBe(0);
      const m = manifestOf('stable');
      const verdict = verifySignedUrl(m.build.url, new Map([[KEY_ID, rsa.publicKey]]), new Date(Date.parse(m.expires_at) - 1000));
      expect(verdict).toMatchObject({ ok: true, resource: `${BASE}/artifacts/sha256/${m.build.sha256}` });
      const cookies = await ws.run(['cdn-cookies', '--app', 'demo', '--build', ws.b1, '--expires-in', '12h', '--json']);
      expect(cookies.code, cookies.stderr).toBe(0);
      const c = cookies.json();
      expect(c.resource).toBe(`${BASE}/artifacts/sha256/${m.build.sha256}`);
      const query = `?Policy=${c.cookies['CloudFront-Policy']}&Signature=${c.cookies['CloudFront-Signature']}&Key-Pair-Id=${c.cookies['CloudFront-Key-Pair-Id']}`;
      expect(verifySignedUrl(`${BASE}/artifacts/sha256/${m.build.sha256}${query}`, new Map([[KEY_ID, rsa.publicKey]]), new Date()).ok).toBe(true);
      // The cookies open that build's artifact only.
      expect(verifySignedUrl(`${BASE}/artifacts/sha256/${'0'.repeat(64)}${query}`, new Map([[KEY_ID, rsa.publicKey]]), new Date()).ok).toBe(false);
      // A build the app does not have: exit 2, no cookies.
      const unknown = await ws.run(['cdn-cookies', '--app', 'demo', '--build', 'b-000000000000', '--json']);
      expect(unknown.code).toBe(2);
      expect(unknown.json().error.code).toBe('E_UNKNOWN_BUILD');
      // The environment wins over the config: an EC key named by the config is never read.
      writeFileSync(configPath, JSON.stringify({ ...config, public_url: BASE, cloudfront: { key_pair_id: KEY_ID, private_key: 'ec.pem' } }));
      expect((await ws.run(['refresh', '--app', 'demo', '--channel', 'stable', '--json'], { env: { OTACTL_CLOUDFRONT_PRIVATE_KEY: rsaPem } })).code).toBe(0);
    } finally {
      writeFileSync(configPath, JSON.stringify(config));
    }
  });

  it('OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE (relative to the working folder) signs too', async () => {
    const r = await promote(ws.b1, 'env', { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'keys/cf.pem' });
    expect(r.code, r.stderr).toBe(0);
    const m = manifestOf('env');
    expect(verifySignedUrl(m.build.url, new Map([[KEY_ID, rsa.publicKey]]), new Date(Date.parse(m.expires_at) - 1000)).ok).toBe(true);
  });

  const bad: [string, NodeJS.ProcessEnv, string, RegExp][] = [
    ['a missing key file', { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'nope.pem' }, 'E_CLOUDFRONT_KEY', /nope\.pem does not exist/],
    ['an EC key', { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'ec.pem' }, 'E_CLOUDFRONT_KEY', /is an EC key, not RSA; otactl signs CloudFront URLs with an RSA private key/],
    ['a public key', { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'public.pem' }, 'E_CLOUDFRONT_KEY', /holds a public key/],
    ['PEM text that is not a key', { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY: 'not a key' }, 'E_CLOUDFRONT_KEY', /OTACTL_CLOUDFRONT_PRIVATE_KEY does not hold a PEM private key/],
    ['a key pair id without a key', signedEnv, 'E_CLOUDFRONT_KEY', /OTACTL_CLOUDFRONT_KEY_PAIR_ID is set but no private key/],
    ['a base URL that is not http(s)', { ...signedEnv, OTACTL_PUBLIC_URL: 'cdn.example.com/ota', OTACTL_CLOUDFRONT_PRIVATE_KEY: rsaPem }, 'E_CDN_URL', /OTACTL_PUBLIC_URL "cdn\.example\.com\/ota" is not an http\(s\) URL/],
    ['a key without a public URL', { OTACTL_CLOUDFRONT_KEY_PAIR_ID: KEY_ID, OTACTL_CLOUDFRONT_PRIVATE_KEY: rsaPem }, 'E_CLOUDFRONT_BASE_URL', /public_url.*--cdn-base-url/],
  ];
  for (const [name, env, code, message] of bad) {
    it(`${name}: one line, exit 2 (${code}), store unchanged`, async () => {
      const before = treeSnapshot(store);
      const r = await promote(ws.b2, 'beta', env);
      expectCleanFailure(r, 2, code);
      expect(r.json().error.message).toMatch(message);
      expect(treeSnapshot(store)).toBe(before);
    });
  }

  it('a bad key is refused before the change is planned: no preview, no question, one line', async () => {
    const before = treeSnapshot(store);
    const r = await ws.run(['promote', ws.b2, '--app', 'demo', '--channel', 'beta', '--rollout', '100', '--yes'], { env: { ...signedEnv, OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE: 'ec.pem' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^otactl: error: .*ec\.pem \(OTACTL_CLOUDFRONT_PRIVATE_KEY_FILE\) is an EC key, not RSA/)]);
    expect(treeSnapshot(store)).toBe(before);
  });

  it('a channel with signed URLs is not refreshed without the key (exit 2), store unchanged', async () => {
    const before = treeSnapshot(store);
    const r = await ws.run(['refresh', '--app', 'demo', '--channel', 'env', '--json']);
    expectCleanFailure(r, 2, 'E_CLOUDFRONT_KEY');
    expect(treeSnapshot(store)).toBe(before);
  });

  it('otactl serve --cloudfront-public-key refuses one public manifest\'s URL query on another app\'s artifact (issue 17 item 3)', async () => {
    const stop = new AbortController();
    let announced: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => (announced = resolve));
    const serving = runCli({
      argv: ['serve', '--store', store, '--port', '0', '--cloudfront-public-key', 'public.pem', '--cloudfront-key-pair-id', KEY_ID, '--json'],
      env: ws.env,
      cwd: ws.dir,
      signal: stop.signal,
      onStdout: (out) => {
        const m = /"url": "([^"]+)"/.exec(out);
        if (m) announced(m[1]!);
      },
    });
    try {
      // serve ends only when stopped: an early end (a refused key, a taken port) is the failure to report.
      const url = await Promise.race([listening, serving.then((r) => Promise.reject(new Error(`otactl serve exited ${r.code}: ${r.stderr}`)))]);
      // Two apps published with URLs signed under the server's address, as a private distribution's would be.
      const env = { OTACTL_PUBLIC_URL: url, OTACTL_CLOUDFRONT_KEY_PAIR_ID: KEY_ID, OTACTL_CLOUDFRONT_PRIVATE_KEY: rsaPem };
      ws.file('other.bin', Buffer.from('another app '.repeat(500)));
      const other = await ws.run(['upload', 'other.bin', '--app', 'other', '--kind', 'file', '--version-code', '5', '--json']);
      expect(other.code, other.stderr).toBe(0);
      expect((await ws.run(['promote', other.json().build_id, '--app', 'other', '--channel', 'stable', '--rollout', '100', '--yes'], { env })).code).toBe(0);
      expect((await promote(ws.b3, 'served', env)).code).toBe(0);
      const manifest = async (app: string, channel: string) => {
        const envelope = (await (await fetch(`${url}/apps/${app}/channels/${channel}/manifest.json`)).json()) as { payload: string };
        return JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as { build: { url: string } };
      };
      // Both manifests are public (no signature needed to read them).
      const demoUrl = new URL((await manifest('demo', 'served')).build.url);
      const otherUrl = new URL((await manifest('other', 'stable')).build.url);
      expect((await fetch(demoUrl, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(otherUrl, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${otherUrl.origin}${otherUrl.pathname}${demoUrl.search}`, { method: 'HEAD' })).status).toBe(403);
      expect((await fetch(`${url}/artifacts/sha256/${manifestOf('stable').build.sha256}${demoUrl.search}`, { method: 'HEAD' })).status).toBe(403);
    } finally {
      stop.abort();
    }
    // Stopped as SIGTERM stops it: exit 0, nothing on stderr.
    const served = await serving;
    expect(served.code, served.stderr).toBe(0);
    expect(served.stderr).toBe('');
  });
});
