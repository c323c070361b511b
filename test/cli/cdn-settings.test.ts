/**
 * Where the CDN settings come from, in process: the base URL written into manifests (flag >
 * OTACTL_CDN_BASE_URL > OTACTL_PUBLIC_URL > config public_url, each checked as an http(s) URL) and
 * the CDN step a change gets from flags, environment and the config's cloudfront block.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliContext, type GlobalOptions } from '../../src/cli/context.js';
import type { IO } from '../../src/cli/io.js';
import { cliText } from '../../src/cli/flag-names.js';

const dir = mkdtempSync(join(tmpdir(), 'otactl-cdn-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const globals: GlobalOptions = { json: true, yes: true, debug: false, color: false, quiet: true };

function context(config: object | null, env: NodeJS.ProcessEnv = {}, flags: Partial<GlobalOptions> = {}): CliContext {
  const cwd = mkdtempSync(join(dir, 'ws-'));
  if (config) writeFileSync(join(cwd, 'otactl.config.json'), JSON.stringify(config));
  return new CliContext({} as IO, { ...globals, ...flags }, env, cwd);
}

describe('the CDN base URL', () => {
  it('flag > OTACTL_CDN_BASE_URL > OTACTL_PUBLIC_URL > config public_url', async () => {
    const config = { public_url: 'https://config.example.com/ota' };
    const env = { OTACTL_CDN_BASE_URL: 'https://cdn-env.example.com', OTACTL_PUBLIC_URL: 'https://public-env.example.com' };
    expect(await context(config, env, { cdnBaseUrl: 'https://flag.example.com/x' }).cdnBaseUrl()).toBe('https://flag.example.com/x');
    expect(await context(config, env).cdnBaseUrl()).toBe('https://cdn-env.example.com');
    expect(await context(config, { OTACTL_PUBLIC_URL: env.OTACTL_PUBLIC_URL }).cdnBaseUrl()).toBe('https://public-env.example.com');
    expect(await context(config).cdnBaseUrl()).toBe('https://config.example.com/ota');
    expect(await context(null).cdnBaseUrl()).toBeUndefined();
  });

  it('refuses what is not an http(s) URL, naming where it came from (exit 2)', async () => {
    await expect(context(null, {}, { cdnBaseUrl: 'cdn.example.com' }).cdnBaseUrl()).rejects.toMatchObject({ code: 'E_CDN_URL', exitCode: 2, message: expect.stringMatching(/^--cdn-base-url/) });
    await expect(context(null, { OTACTL_CDN_BASE_URL: 's3://bucket/x' }).cdnBaseUrl()).rejects.toMatchObject({ code: 'E_CDN_URL', message: expect.stringMatching(/^OTACTL_CDN_BASE_URL "s3:\/\/bucket\/x" is not an http\(s\) URL/) });
    await expect(context(null, {}, { cdnBaseUrl: 'https://cdn.example.com/?token=1' }).cdnBaseUrl()).rejects.toMatchObject({ code: 'E_CDN_URL' });
    await expect(context({ public_url: 'ftp://cdn.example.com' }).cdnBaseUrl()).rejects.toMatchObject({ code: 'E_CONFIG', exitCode: 2, message: expect.stringMatching(/public_url/) });
  });
});

describe('the CDN step of a change', () => {
  it('nothing configured: no CDN step', async () => {
    expect(await context(null).cdn({})).toBeUndefined();
  });

  it('the config\'s cloudfront block turns it on; the env id wins over it and the flag over both', async () => {
    const config = { public_url: 'https://cdn.example.com/ota', cloudfront: { distribution_id: 'ECONFIG', wait: true } };
    const fromConfig = await context(config).cdn({});
    expect(cliText(fromConfig!.rerunCommand('a', 'b'))).toBe('otactl invalidate --app a --channel b --wait');
    const rerun = (await context(config, { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'EENV' }).cdn({ verifyEdge: true }))!.rerunCommand('a', 'b');
    expect(cliText(rerun)).toBe('otactl invalidate --app a --channel b --wait --verify-edge');
    await expect(context(config, { OTACTL_CLOUDFRONT_DISTRIBUTION_ID: 'bad id' }).cdn({})).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/OTACTL_CLOUDFRONT_DISTRIBUTION_ID/) });
  });

  it('--verify-edge without a base URL and --wait without a distribution are usage errors', async () => {
    await expect(context(null).cdn({ verifyEdge: true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/--cdn-base-url/) });
    await expect(context({ cloudfront: { verify_edge: true } }).cdn({})).rejects.toMatchObject({ exitCode: 2 });
    await expect(context(null).cdn({ wait: true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/no distribution is configured/) });
  });

  it('AWS_ENDPOINT_URL_CLOUDFRONT that is not an http(s) URL is refused before anything is published (exit 2), not a failed invalidation (exit 4)', async () => {
    const config = { cloudfront: { distribution_id: 'E2QWRUHAPOMQZL' } };
    for (const endpoint of ['not a url', 'cloudfront.example.com', 'ftp://cf.example.com']) {
      await expect(context(config, { AWS_ENDPOINT_URL_CLOUDFRONT: endpoint }).cdn({})).rejects.toMatchObject({
        code: 'E_INVALID',
        exitCode: 2,
        message: expect.stringMatching(/^AWS_ENDPOINT_URL_CLOUDFRONT ".*" is not an http\(s\) URL$/),
      });
    }
    expect(await context(config, { AWS_ENDPOINT_URL_CLOUDFRONT: 'http://127.0.0.1:4566' }).cdn({})).toBeDefined();
  });
});
