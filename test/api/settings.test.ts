/**
 * openRelease, the one composition root: each rule about how the settings fit together is refused
 * with the setting it is about (`details.field`, exit 2) in the library's words, keys are read
 * when they are needed, and no other module builds a Repository.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRelease, type ReleaseSettings } from '../../src/api/settings.js';
import { MemoryStore, upload } from '../../src/index.js';
import { p256, rsa2048 } from '../helpers/keys.js';

const key = p256();
const rsaPem = rsa2048().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const dir = mkdtempSync(join(tmpdir(), 'otactl-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = (more: Partial<ReleaseSettings> = {}): ReleaseSettings => ({ store: new MemoryStore(), trustedKeys: [key.publicKey], ...more });
const release = (more: Partial<ReleaseSettings> = {}) => settings({ actor: 'ci-bot', ...more });

describe('openRelease refuses settings that cannot work, naming the field', () => {
  const refused: [name: string, settings: ReleaseSettings, field: string, code: string][] = [
    ['no trusted key', settings({ trustedKeys: [] }), 'trustedKeys', 'E_NO_TRUSTED_KEY'],
    ['a CDN base URL that is not http(s)', settings({ cdnBaseUrl: 'cdn.example.com/ota' }), 'cdnBaseUrl', 'E_CDN_URL'],
    ['a CDN base URL with a query', settings({ cdnBaseUrl: 'https://cdn.example.com/?token=x' }), 'cdnBaseUrl', 'E_CDN_URL'],
    ['a manifest max-age over 3600 s', settings({ manifestMaxAge: 3601 }), 'manifestMaxAge', 'E_INVALID'],
    ['a manifest max-age under 0', settings({ manifestMaxAge: -1 }), 'manifestMaxAge', 'E_INVALID'],
    ['a manifest lifetime under 1h', release({ manifestTtl: '30m' }), 'manifestTtl', 'E_USAGE'],
    ['a manifest lifetime over 366d', release({ manifestTtl: 367 * 86_400 }), 'manifestTtl', 'E_USAGE'],
    ['a manifest lifetime that is no duration', release({ manifestTtl: 'forever' }), 'manifestTtl', 'E_USAGE'],
    ['waiting without a distribution', release({ wait: true }), 'wait', 'E_USAGE'],
    ['an edge check without a CDN base URL', release({ verifyEdge: true }), 'verifyEdge', 'E_USAGE'],
    ['a distribution id that is not one', release({ distributionId: 'not an id' }), 'distributionId', 'E_USAGE'],
    ['a CloudFront endpoint that is not http(s)', release({ distributionId: 'E2QWRUHAPOMQZL', cloudFrontEndpoint: 'ftp://cf.example.com' }), 'cloudFrontEndpoint', 'E_INVALID'],
    ['an actor with a control character', release({ actor: 'bob\nforged' }), 'actor', 'E_ACTOR'],
    ['an actor with a bidi override', release({ actor: 'bob\u202e' }), 'actor', 'E_ACTOR'],
    ['a setting of the wrong type', { ...settings(), manifestMaxAge: true } as unknown as ReleaseSettings, 'manifestMaxAge', 'E_USAGE'],
  ];
  it.each(refused)('%s', async (_name, s, field, code) => {
    const err = await openRelease(s).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code, exitCode: 2, details: { field } });
    const message = (err as Error).message;
    expect(message).toContain(`\`${field}\``);
    expect(message).not.toMatch(/--[a-z]/); // the library speaks of fields, never of flags
  });

  it('a caller names its settings its own way (the CLI: where each came from)', async () => {
    await expect(openRelease(settings({ cdnBaseUrl: 's3://bucket/x' }), { cdnBaseUrl: 'OTACTL_CDN_BASE_URL' })).rejects.toMatchObject({
      code: 'E_CDN_URL',
      message: 'OTACTL_CDN_BASE_URL "s3://bucket/x" is not an http(s) URL',
      details: { field: 'cdnBaseUrl' },
    });
    await expect(openRelease(release({ wait: true }), { wait: '--wait', distributionId: 'a distribution id' })).rejects.toMatchObject({
      message: '--wait waits for a CloudFront invalidation, but no distribution is configured: a distribution id',
    });
  });

  it('the release part is checked only when the release dependencies are asked for (an actor): reading needs no valid lifetime', async () => {
    const opened = await openRelease(settings({ manifestTtl: '1s', wait: true }));
    expect(opened.deps).toBeUndefined();
    expect(await opened.repo.readChannel('demo', 'stable')).toBeNull();
  });

  it('builds the release dependencies from the settings', async () => {
    const now = () => new Date('2026-01-02T03:04:05Z');
    const { deps, repo } = await openRelease(release({ manifestTtl: '2d', previewFleet: 500, now, cdnBaseUrl: 'https://cdn.example.com/ota', verifyEdge: true }));
    expect(deps).toMatchObject({ repo, actor: 'ci-bot', manifestTtlSeconds: 2 * 86_400, previewFleet: 500, now });
    expect(deps!.cdn).toBeDefined();
    expect(repo.publicUrl).toBe('https://cdn.example.com/ota');
    expect((await openRelease(release())).deps).toMatchObject({ manifestTtlSeconds: 14 * 86_400, previewFleet: 10_000 });
  });

  it('an empty AWS profile means none for CloudFront, as for an S3 store', async () => {
    const { deps } = await openRelease(release({ distributionId: 'E2QWRUHAPOMQZL', awsProfile: '' }));
    // The invalidator's client options are private: read them to see what the SDK would be given.
    const invalidator = (deps!.cdn as unknown as { opts: { invalidator: { opts: Record<string, unknown> } } }).opts.invalidator;
    expect(invalidator.opts).not.toHaveProperty('profile');
  });
});

describe('keys are read when they are needed', () => {
  const artifact = join(dir, 'a.bin');
  writeFileSync(artifact, Buffer.alloc(2048, 7));

  it('no signing key: reading works; the first signature is refused (E_NO_SIGNING_KEY, field signingKeys), no release recorded', async () => {
    const store = new MemoryStore();
    const { repo, deps } = await openRelease(release({ store }));
    expect(await repo.readChannel('demo', 'stable')).toBeNull();
    await expect(upload(deps!, { file: artifact, app: 'demo', kind: 'file', versionCode: 1 })).rejects.toMatchObject({ code: 'E_NO_SIGNING_KEY', details: { field: 'signingKeys' } });
    expect(await store.list('apps/')).toEqual([]);
  });

  it('a signing key file that is not there fails the first signature, not the opening', async () => {
    const { deps } = await openRelease(release({ signingKeys: [join(dir, 'missing.pem')] }));
    await expect(upload(deps!, { file: artifact, app: 'demo', kind: 'file', versionCode: 1 })).rejects.toMatchObject({ code: 'E_MISSING_KEY' });
  });

  it('signing keys as PEM text, a KeyObject or { pem } all sign', async () => {
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const signingKeys of [[pem], [key.privateKey], [{ pem }]]) {
      const { deps } = await openRelease(release({ signingKeys }));
      expect((await upload(deps!, { file: artifact, app: 'demo', kind: 'file', versionCode: 1 })).build_id).toMatch(/^b-/);
    }
  });

  it('the CloudFront key is read when the signer is first asked for; both halves and an absolute base URL are needed', async () => {
    const opened = await openRelease(settings({ cloudFrontKeyPairId: 'K2JCJMDEHXQW5F', cloudFrontPrivateKey: join(dir, 'missing-cf.pem'), cdnBaseUrl: 'https://cdn.example.com' }));
    await expect(opened.artifactUrlSigner()).rejects.toMatchObject({ code: 'E_CLOUDFRONT_KEY' });
    const refusals: [Partial<ReleaseSettings>, string, string][] = [
      [{ cloudFrontKeyPairId: 'K2JCJMDEHXQW5F', cdnBaseUrl: 'https://cdn.example.com' }, 'cloudFrontPrivateKey', 'E_CLOUDFRONT_KEY'],
      [{ cloudFrontPrivateKey: { pem: rsaPem }, cdnBaseUrl: 'https://cdn.example.com' }, 'cloudFrontKeyPairId', 'E_CLOUDFRONT_KEY'],
      [{ cloudFrontKeyPairId: 'K2JCJMDEHXQW5F', cloudFrontPrivateKey: { pem: rsaPem } }, 'cdnBaseUrl', 'E_CLOUDFRONT_BASE_URL'],
    ];
    for (const [more, field, code] of refusals) {
      await expect((await openRelease(settings(more))).artifactUrlSigner()).rejects.toMatchObject({ code, exitCode: 2, details: { field } });
    }
    const signer = await (await openRelease(settings({ cloudFrontKeyPairId: 'K2JCJMDEHXQW5F', cloudFrontPrivateKey: { pem: rsaPem }, cdnBaseUrl: 'https://cdn.example.com' }))).artifactUrlSigner();
    expect(signer?.keyPairId).toBe('K2JCJMDEHXQW5F');
    expect(await (await openRelease(settings())).artifactUrlSigner()).toBeUndefined();
  });
});

describe('one composition root', () => {
  const SRC = join(import.meta.dirname, '..', '..', 'src');
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
  /** The files of src/ that construct a Repository, but repo/ itself. */
  const constructing = () =>
    files(SRC)
      .filter((f) => /\bnew Repository\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f))
      .filter((f) => !f.startsWith('repo/'));

  it('outside src/repo, only src/api/settings.ts constructs a Repository', () => {
    expect(constructing()).toEqual(['api/settings.ts']);
  });
});
