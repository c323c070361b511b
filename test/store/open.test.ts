import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { openStore, parseStoreUrl } from '../../src/store/open.js';
import { S3Store } from '../../src/store/s3-store.js';

describe('store factory: s3:// locations', () => {
  it('takes bucket and prefix from the URL; no endpoint means virtual-hosted AWS addressing', () => {
    expect(parseStoreUrl('s3://my-bucket/ota/prod/', '/x')).toEqual({
      kind: 's3',
      url: 's3://my-bucket/ota/prod',
      bucket: 'my-bucket',
      prefix: 'ota/prod',
      forcePathStyle: false,
      ifMatchUnquoted: false,
    });
    expect(parseStoreUrl('s3://my-bucket', '/x')).toMatchObject({ bucket: 'my-bucket', prefix: '', url: 's3://my-bucket' });
  });

  it('flags beat AWS_* env vars, which beat the config; a custom endpoint implies path-style and a default region', () => {
    const config = { region: 'eu-west-1', endpoint: 'http://config:1', profile: 'cfg', if_match_unquoted: true };
    expect(parseStoreUrl('s3://b-1/p', '/x', { config })).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'http://config:1',
      profile: 'cfg',
      forcePathStyle: true,
      ifMatchUnquoted: true,
    });
    const env = { AWS_REGION: 'us-west-2', AWS_ENDPOINT_URL: 'http://generic:2', AWS_ENDPOINT_URL_S3: 'http://s3env:3', AWS_PROFILE: 'envp', OTACTL_S3_IF_MATCH_UNQUOTED: '0' };
    expect(parseStoreUrl('s3://b-1/p', '/x', { env, config })).toMatchObject({
      region: 'us-west-2',
      endpoint: 'http://s3env:3',
      profile: 'envp',
      ifMatchUnquoted: false,
    });
    expect(parseStoreUrl('s3://b-1/p', '/x', { env: { AWS_ENDPOINT_URL: 'http://generic:2' } })).toMatchObject({
      endpoint: 'http://generic:2',
      region: 'us-east-1',
      forcePathStyle: true,
    });
    const flags = { endpoint: 'http://flag:4', region: 'ap-south-1', profile: 'flagp' };
    expect(parseStoreUrl('s3://b-1/p', '/x', { flags, env, config })).toMatchObject({ endpoint: 'http://flag:4', region: 'ap-south-1', profile: 'flagp' });
  });

  it('keeps virtual-hosted addressing with a custom endpoint when the config says so', () => {
    expect(parseStoreUrl('s3://b-1', '/x', { config: { endpoint: 'https://s3.example.com', force_path_style: false } }).kind === 's3' &&
      parseStoreUrl('s3://b-1', '/x', { config: { endpoint: 'https://s3.example.com', force_path_style: false } })).toMatchObject({ forcePathStyle: false });
  });

  it.each([
    ['s3://B/p', /bucket "B" is not an S3 bucket name/],
    ['s3://ab/p', /bucket "ab" is not an S3 bucket name/],
    ['s3://bucket/a/../b', /prefix "a\/..\/b"/],
    ['s3://bucket/a b', /prefix "a b"/],
  ])('refuses %s with E_STORE_URL', (url, message) => {
    const err = (() => {
      try {
        parseStoreUrl(url, '/x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).code).toBe('E_STORE_URL');
    expect((err as ValidationError).message).toMatch(message);
  });

  // A credential pasted into the store URL (issue 17 item 4) is refused without being echoed:
  // before, the bucket or prefix was quoted raw next to the redacted URL.
  it.each([
    ['s3://bucket/ota?token=', 'StoreQuerySecret0123'],
    ['s3://bucket/ota/?X-Amz-Security-Token=', 'StoreTokenSecret0123'],
    ['s3://bucket/ota#', 'StoreFragmentSecret0123'],
    ['s3://fleet:', 'StoreUserinfoSecret0123@bucket/ota'],
  ])('refuses %s… (a credential in the URL) without echoing it', (head, secret) => {
    let err: unknown;
    try {
      parseStoreUrl(`${head}${secret}`, '/x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).code).toBe('E_STORE_URL');
    expect((err as ValidationError).message).not.toContain(secret.replace(/@.*/, ''));
    expect((err as ValidationError).message).toMatch(/no user, query or fragment/);
  });

  // init writes the endpoint into otactl.config.json, which is meant to be committed: a password
  // there (S3 signs with the AWS credentials, never the URL's) would end up in the repository.
  it.each([
    ['--endpoint', { flags: { endpoint: 'http://minio:EndpointPassword0123@127.0.0.1:9000' } }, 'EndpointPassword0123'],
    ['AWS_ENDPOINT_URL', { env: { AWS_ENDPOINT_URL: 'https://proxy.example.com/?token=EndpointQueryToken0123' } }, 'EndpointQueryToken0123'],
    ['config s3.endpoint', { config: { endpoint: 'https://user:ConfigEndpointPw0123@s3.example.com' } }, 'ConfigEndpointPw0123'],
  ])('refuses credentials, a query or a fragment in the endpoint (%s) without echoing them', (_from, sources, secret) => {
    let err: unknown;
    try {
      parseStoreUrl('s3://bucket/ota', '/x', sources);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).code).toBe('E_STORE_URL');
    expect((err as ValidationError).message).not.toContain(secret);
    expect((err as ValidationError).message).toMatch(/endpoint "[^"]*\*\*\*[^"]*" carries credentials, a query or a fragment/);
  });

  it('refuses an endpoint that is not a URL', () => {
    expect(() => parseStoreUrl('s3://bucket', '/x', { flags: { endpoint: 'not a url' } })).toThrow(/endpoint "not a url"/);
  });

  it('openStore builds an S3Store for an s3:// location, named by its URL', async () => {
    const store = await openStore(parseStoreUrl('s3://bucket/ota', '/x', { flags: { endpoint: 'http://127.0.0.1:9' } }));
    expect(store).toBeInstanceOf(S3Store);
    expect(store.url).toBe('s3://bucket/ota');
    (store as S3Store).client.destroy();
  });
});
