/**
 * The one redaction (src/util/redact.ts) by itself: what it masks by shape, by registered value,
 * and what it leaves alone (beacon parameters in the access log, a command result's data). The
 * process-level search over every output is test/cli/secrets.test.ts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorObject, TransportError, ValidationError } from '../../src/errors.js';
import { REDACTED, redactDeep, redactQuery, redactResultText, redactText, redactUrl, registerEnvSecrets, registerSecret, registerUrlSecrets } from '../../src/util/redact.js';
import { p256 } from '../helpers/keys.js';

describe('redactUrl', () => {
  it.each([
    ['mqtt://fleet:hunter2secret@broker.example.com:8883', 'mqtt://***@broker.example.com:8883'],
    ['https://token-only@hooks.example.com/x', 'https://***@hooks.example.com/x'],
    ['https://h/hook?token=abc&team=ops', 'https://h/hook?token=***&team=***'],
    ['https://h/hook?bare-token', 'https://h/hook?***'],
    ['https://h/p#access_token=abc', 'https://h/p#***'],
    ['https://h/artifacts/sha256/ab?Policy=p&Signature=s&Key-Pair-Id=K', 'https://h/artifacts/sha256/ab?Policy=***&Signature=***&Key-Pair-Id=***'],
    ['s3://bucket/ota/apps/demo/app.json', 's3://bucket/ota/apps/demo/app.json'],
    ['mqtt://fleet:pw@[bad', 'mqtt://***@[bad'],
    ['fleet:pw@broker:1883', '***@broker:1883'],
    // A password with an unencoded '/' (URL parsers end the authority there): still userinfo.
    ['mqtt://fleet:Slash/Pass@broker:1883', 'mqtt://***@broker:1883'],
    ['http://hook:a/b/c@127.0.0.1:9/h?x=1', 'http://***@127.0.0.1:9/h?x=***'],
    ['mqtt://fleet:pa/ss@wo@rd@broker:1883', 'mqtt://***@broker:1883'],
    ['mqtt://fleet:pa#ss@broker:1883', 'mqtt://***@broker:1883'],
    ['mqtt://fleet:pa?ss@broker:1883', 'mqtt://***@broker:1883'],
    ['https://h.example.com/p?email=a@b.example.com', 'https://h.example.com/p?email=***'],
    // ... but an '@' in the path after a host (and port) is not.
    ['https://cdn.example.com/npm/pkg@1.2.3/x.js', 'https://cdn.example.com/npm/pkg@1.2.3/x.js'],
    ['https://host:8443/users/@me', 'https://host:8443/users/@me'],
  ])('%s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('a URL password with an unencoded "/" is registered, so it is masked wherever it appears', () => {
    const password = `Slashed/${randomBytes(8).toString('hex')}`;
    registerUrlSecrets(`mqtt://fleet:${password}@broker:1883`);
    expect(redactText(`broker said: bad password ${password}`)).toBe(`broker said: bad password ${REDACTED}`);
    expect(redactResultText(`{"url": "mqtt://fleet:${password}@broker:1883"}`)).not.toContain(password);
  });
});

describe('redactText', () => {
  it('masks URLs inside a message, PEM private keys, auth headers and secret JSON members', () => {
    const pem = p256().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const text = `cannot connect to mqtt://u:p4ssw0rd-x@h:1883: ECONNREFUSED; key ${pem}; authorization: Bearer ya29.tok; x-otactl-nudge-signature: v1=abcdef; {"private_key": "-----BEGIN...\\nabc", "client_email": "a@b"}`;
    const out = redactText(text);
    expect(out).toContain('mqtt://***@h:1883:');
    expect(out).not.toContain('p4ssw0rd-x');
    expect(out).toContain(`-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`);
    expect(out).not.toMatch(/MIG/);
    expect(out).toContain(`authorization: ${REDACTED}`);
    expect(out).not.toContain('ya29');
    expect(out).toContain(`x-otactl-nudge-signature: ${REDACTED}`);
    expect(out).toContain(`"private_key": "${REDACTED}"`);
    expect(out).toContain('"client_email": "a@b"'); // an identifier, not a secret
    expect(redactText('sent as HTTP Basic authentication')).toBe('sent as HTTP Basic authentication');
    expect(redactText('Basic aG9vazpzZWNyZXQtMTIz and Bearer ya29.a0AfH6SMBx')).toBe('Basic *** and Bearer ***');
  });

  it('masks a registered secret wherever it appears, also as JSON escapes it and by its PEM lines', () => {
    const secret = `reg-${randomBytes(8).toString('hex')}`;
    registerSecret(secret);
    expect(redactText(`the value ${secret}!`)).toBe(`the value ${REDACTED}!`);
    const key = randomBytes(32);
    registerSecret(key);
    expect(redactText(`hex ${key.toString('hex')} b64 ${key.toString('base64')}`)).toBe(`hex ${REDACTED} b64 ${REDACTED}`);
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    registerSecret(pem);
    const line = pem.split('\n')[3]!;
    expect(redactResultText(`fragment ${line}`)).toBe(`fragment ${REDACTED}`);
    expect(redactResultText(JSON.stringify({ k: pem }))).not.toContain(line);
    // Short values are not registered: they would mask ordinary words.
    registerSecret('short');
    expect(redactText('a short word')).toBe('a short word');
  });

  it('registers URL passwords, query values and (webhooks) long path segments, and secret-looking env vars only', () => {
    const pw = `pw-${randomBytes(6).toString('hex')}`;
    const path = `T${randomBytes(12).toString('hex')}`;
    registerUrlSecrets(`https://u:${pw}@h/services/${path}?x=qv-${pw}`, true);
    expect(redactResultText(`${pw} ${path} qv-${pw}`)).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    const aws = `aws-${randomBytes(8).toString('hex')}`;
    registerEnvSecrets({
      AWS_SECRET_ACCESS_KEY: aws,
      OTACTL_KEY_DIR: '/home/someone/keys-dir',
      GOOGLE_APPLICATION_CREDENTIALS: '/etc/sa-file.json',
      OTACTL_FCM_TOKEN_URI: 'https://oauth2.example.com/token',
    });
    expect(redactText(`${aws} /home/someone/keys-dir /etc/sa-file.json https://oauth2.example.com/token`)).toBe(`${REDACTED} /home/someone/keys-dir /etc/sa-file.json https://oauth2.example.com/token`);
  });
});

describe('redactQuery and results', () => {
  it('the access log keeps beacon parameters and masks credential ones', () => {
    expect(redactQuery('d=dev-1&c=stable&r=ok&Signature=abc&Policy=p&token=t&X-Amz-Signature=s', 'named')).toBe('d=dev-1&c=stable&r=ok&Signature=***&Policy=p&token=***&X-Amz-Signature=***');
    expect(redactQuery('', 'named')).toBe('');
  });

  it('a result keeps its query strings (cookies, signed URLs are its data) but not URL userinfo', () => {
    expect(redactResultText('{"url": "https://h/a?Signature=s", "hook": "https://u:p@h/x"}')).toBe('{"url": "https://h/a?Signature=s", "hook": "https://***@h/x"}');
  });
});

describe('errors are redacted when made', () => {
  it('message and details of any OtaError, whoever throws it; secret-named fields masked whole', () => {
    const err = new TransportError('cannot connect to the MQTT broker mqtt://a:b-secret-1@h:1', 'E_NUDGE_UNREACHABLE', {
      url: 'mqtt://a:b-secret-1@h:1',
      nested: { webhook: 'https://h/x?token=tok-1', private_key: 'anything', Authorization: 'Bearer x' },
      list: ['https://h/?k=v'],
    });
    expect(err.message).toBe('cannot connect to the MQTT broker mqtt://***@h:1');
    expect(err.details).toEqual({ url: 'mqtt://***@h:1', nested: { webhook: 'https://h/x?token=***', private_key: REDACTED, Authorization: REDACTED }, list: ['https://h/?k=***'] });
    expect(err.stack).not.toContain('b-secret-1');
    expect(JSON.stringify(errorObject(new ValidationError('webhook URL "https://h/?token=zzz" is not http(s)', 'E_WEBHOOK_URL')))).not.toContain('zzz');
    expect(redactDeep({ key: 'apps/demo/app.json', signature: 'SHA256withRSA' })).toEqual({ key: 'apps/demo/app.json', signature: 'SHA256withRSA' });
  });
});
