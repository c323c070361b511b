import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_PAYLOAD_TYPE } from '../../src/protocol/schemas.js';
import { VerificationError } from '../../src/errors.js';
import { keyIdOf, pae, signEnvelope, verifyEnvelope, type SigningKey } from '../../src/protocol/dsse.js';
import { p256 } from '../helpers/keys.js';

function newKey(): SigningKey & { publicKey: KeyObject } {
  const { privateKey, publicKey } = p256();
  return { keyid: keyIdOf(privateKey), privateKey, publicKey };
}

const K1 = newKey();
const K2 = newKey();
const ROGUE = newKey();
const BODY = Buffer.from(JSON.stringify({ schema_version: 1, app: 'com.example.agent', channel: 'stable', sequence: 3 }), 'utf8');
const trusted = (...keys: Array<SigningKey & { publicKey: KeyObject }>) => new Map(keys.map((k) => [k.keyid, k.publicKey]));

function verificationCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VerificationError);
    return (err as VerificationError).code;
  }
  throw new Error('expected a VerificationError');
}

describe('PAE', () => {
  it('matches the DSSE spec test vector, byte for byte', () => {
    // DSSE protocol.md: type "http://example.com/HelloWorld" (29 bytes), body "hello world" (11 bytes).
    const expected = Buffer.from('DSSEv1 29 http://example.com/HelloWorld 11 hello world', 'ascii');
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world'))).toEqual(expected);
    expect(expected.subarray(0, 10).toString('hex')).toBe('44535345763120323920'); // "DSSEv1 29 "
  });

  it('uses byte lengths (UTF-8 type, binary and empty bodies)', () => {
    // "application/é": 12 ASCII bytes + 2 bytes for é = 14.
    expect(pae('application/é', Buffer.from([0x00, 0xff, 0x20]))).toEqual(
      Buffer.concat([Buffer.from('DSSEv1 14 application/\xc3\xa9 3 ', 'latin1'), Buffer.from([0x00, 0xff, 0x20])]),
    );
    expect(pae('t', Buffer.alloc(0)).toString('latin1')).toBe('DSSEv1 1 t 0 ');
    const big = Buffer.alloc(12345, 0x61);
    const head = `DSSEv1 36 ${MANIFEST_PAYLOAD_TYPE} 12345 `; // the manifest type is 36 ASCII bytes
    const p = pae(MANIFEST_PAYLOAD_TYPE, big);
    expect(p.length).toBe(head.length + 12345);
    expect(p.subarray(0, head.length).toString()).toBe(head);
    expect(p.subarray(head.length)).toEqual(big);
  });
});

describe('sign / verify', () => {
  it('round trip: the body comes back and names the verifying key', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [K1]);
    expect(env.payloadType).toBe(MANIFEST_PAYLOAD_TYPE);
    expect(Buffer.from(env.payload, 'base64')).toEqual(BODY);
    expect(env.signatures).toHaveLength(1);
    const v = verifyEnvelope(JSON.parse(JSON.stringify(env)), MANIFEST_PAYLOAD_TYPE, trusted(K1));
    expect(v.body).toEqual(BODY);
    expect(v.keyids).toEqual([K1.keyid]);
  });

  it('keyid = hex sha256 of the SubjectPublicKeyInfo DER (computed here and by openssl)', () => {
    const der = K1.publicKey.export({ type: 'spki', format: 'der' });
    expect(keyIdOf(K1.privateKey)).toBe(createHash('sha256').update(der).digest('hex'));
    expect(keyIdOf(K1.publicKey)).toBe(K1.keyid);
    const viaOpenssl = execFileSync('openssl', ['pkey', '-pubin', '-inform', 'PEM', '-outform', 'DER'], {
      input: K1.publicKey.export({ type: 'spki', format: 'pem' }),
    });
    expect(createHash('sha256').update(viaOpenssl).digest('hex')).toBe(K1.keyid);
    expect(K1.keyid).not.toBe(K2.keyid);
  });

  it('several signatures (key rotation): one untrusted signer is ignored, the trusted one accepts', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [ROGUE, K1]);
    expect(env.signatures.map((s) => s.keyid)).toEqual([ROGUE.keyid, K1.keyid]);
    expect(verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, trusted(K1)).keyids).toEqual([K1.keyid]);
    const both = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [K1, K2]);
    expect(verifyEnvelope(both, MANIFEST_PAYLOAD_TYPE, trusted(K1, K2)).keyids).toEqual([K1.keyid, K2.keyid]);
    // Rotation: a device provisioned with only the new key accepts the dual-signed manifest.
    expect(verifyEnvelope(both, MANIFEST_PAYLOAD_TYPE, trusted(K2)).keyids).toEqual([K2.keyid]);
  });

  it('a tampered payload -> E_BAD_SIGNATURE', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [K1]);
    const tampered = { ...env, payload: Buffer.from(BODY.toString().replace('"sequence":3', '"sequence":4')).toString('base64') };
    expect(tampered.payload).not.toBe(env.payload);
    expect(verificationCode(() => verifyEnvelope(tampered, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_BAD_SIGNATURE');
    // One flipped bit of the signature.
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig[sig.length - 1]! ^= 1;
    const badSig = { ...env, signatures: [{ keyid: K1.keyid, sig: sig.toString('base64') }] };
    expect(verificationCode(() => verifyEnvelope(badSig, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_BAD_SIGNATURE');
  });

  it('a signature by another key under a trusted keyid -> E_BAD_SIGNATURE', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [{ keyid: K1.keyid, privateKey: ROGUE.privateKey }]);
    expect(verificationCode(() => verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_BAD_SIGNATURE');
  });

  it('signed only by untrusted keys -> E_UNTRUSTED_KEY', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [ROGUE, K2]);
    expect(verificationCode(() => verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_UNTRUSTED_KEY');
    expect(verificationCode(() => verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, new Map()))).toBe('E_UNTRUSTED_KEY');
  });

  it('wrong payloadType -> refused; the type is bound by the signature', () => {
    const other = 'application/vnd.otactl.release+json';
    const env = signEnvelope(other, BODY, [K1]);
    expect(verificationCode(() => verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_ENVELOPE');
    // Relabelled envelope: the type now matches but the PAE differs, so the signature fails.
    const relabelled = { ...env, payloadType: MANIFEST_PAYLOAD_TYPE };
    expect(verificationCode(() => verifyEnvelope(relabelled, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe('E_BAD_SIGNATURE');
  });

  it('signing with no key is refused as a usage error (exit 2), not as a verification failure', () => {
    expect(() => signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [])).toThrow(expect.objectContaining({ code: 'E_NO_SIGNING_KEY', exitCode: 2 }));
  });

  describe('malformed envelopes -> VerificationError, never a crash', () => {
    const good = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [K1]);
    const cases: Array<[string, unknown, string]> = [
      ['null', null, 'E_ENVELOPE'],
      ['a number', 42, 'E_ENVELOPE'],
      ['a string (unparsed JSON text)', JSON.stringify(good), 'E_ENVELOPE'],
      ['an array', [good], 'E_ENVELOPE'],
      ['an empty object', {}, 'E_ENVELOPE'],
      ['missing signatures', { payloadType: good.payloadType, payload: good.payload }, 'E_ENVELOPE'],
      ['empty signatures', { ...good, signatures: [] }, 'E_ENVELOPE'],
      ['signatures not an array', { ...good, signatures: good.signatures[0] }, 'E_ENVELOPE'],
      ['missing payload', { payloadType: good.payloadType, signatures: good.signatures }, 'E_ENVELOPE'],
      ['payload not base64', { ...good, payload: 'not base64!' }, 'E_ENVELOPE'],
      ['payload a number', { ...good, payload: 12 }, 'E_ENVELOPE'],
      ['keyid a number', { ...good, signatures: [{ keyid: 1, sig: good.signatures[0]!.sig }] }, 'E_ENVELOPE'],
      ['empty sig', { ...good, signatures: [{ keyid: K1.keyid, sig: '' }] }, 'E_ENVELOPE'],
      // Contract 5: a sig that is not canonical base64 is malformed, as in the C and Kotlin clients.
      ['sig not base64', { ...good, signatures: [{ keyid: K1.keyid, sig: '%%%not-base64%%%' }] }, 'E_ENVELOPE'],
      ['sig not DER', { ...good, signatures: [{ keyid: K1.keyid, sig: Buffer.from('garbage').toString('base64') }] }, 'E_BAD_SIGNATURE'],
      ['signature entry null', { ...good, signatures: [null] }, 'E_ENVELOPE'],
    ];
    for (const [name, raw, code] of cases) {
      it(`${name} -> ${code}`, () => {
        expect(verificationCode(() => verifyEnvelope(raw, MANIFEST_PAYLOAD_TYPE, trusted(K1)))).toBe(code);
      });
    }
  });
});

describe('interoperability with openssl (a non-Node implementation)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otactl-dsse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl verifies an otactl signature over the PAE', () => {
    const env = signEnvelope(MANIFEST_PAYLOAD_TYPE, BODY, [K1]);
    // PAE assembled here from the envelope's fields, not with pae().
    const body = Buffer.from(env.payload, 'base64');
    const paeBytes = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(env.payloadType)} ${env.payloadType} ${body.length} `), body]);
    writeFileSync(join(dir, 'pub.pem'), K1.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'pae.bin'), paeBytes);
    writeFileSync(join(dir, 'sig.der'), Buffer.from(env.signatures[0]!.sig, 'base64'));
    const ok = spawnSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'pae.bin')], { encoding: 'utf8' });
    expect(ok.stdout.trim()).toBe('Verified OK');
    expect(ok.status).toBe(0);

    // The same check fails on a changed PAE: openssl is really checking.
    writeFileSync(join(dir, 'pae-bad.bin'), Buffer.concat([paeBytes, Buffer.from(' ')]));
    const bad = spawnSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'pae-bad.bin')], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/Verification failure/i);
  });

  it('otactl verifies an envelope signed by openssl with an openssl-generated P-256 key', () => {
    const key = join(dir, 'ossl.key.pem');
    const pub = join(dir, 'ossl.pub.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-out', pub]);
    const body = Buffer.from('{"hello":"from openssl"}');
    const paeBytes = Buffer.from(`DSSEv1 ${MANIFEST_PAYLOAD_TYPE.length} ${MANIFEST_PAYLOAD_TYPE} ${body.length} ${body.toString()}`);
    writeFileSync(join(dir, 'ossl-pae.bin'), paeBytes);
    const sig = execFileSync('openssl', ['dgst', '-sha256', '-sign', key, join(dir, 'ossl-pae.bin')]);
    const pubKey = createPublicKey(readFileSync(pub));
    const keyid = createHash('sha256').update(execFileSync('openssl', ['pkey', '-pubin', '-in', pub, '-outform', 'DER'])).digest('hex');
    const env = { payloadType: MANIFEST_PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ keyid, sig: sig.toString('base64') }] };
    const v = verifyEnvelope(env, MANIFEST_PAYLOAD_TYPE, new Map([[keyid, pubKey]]));
    expect(v.body.toString()).toBe('{"hello":"from openssl"}');
    expect(v.keyids).toEqual([keyid]);
    expect(keyIdOf(pubKey)).toBe(keyid);
  });
});
