// Envelope vectors: DSSE verification against a set of provisioned keys (see docs/vectors.md).
// Each expectation is written here by hand; the generator never asks an implementation.
import { MANIFEST_TYPE, RELEASE_TYPE, buildRef, manifest, pae, sha256 } from './fixtures.mjs';

/**
 * A manifest payload with UTF-8 beyond ASCII (PAE counts bytes), whose length is 1 mod 3 (its
 * base64 ends in "==") and whose base64 has a "+" or "/" (for the URL-safe case).
 */
function payloadBytes() {
  const m = manifest({ build: buildRef(200, { version_name: '2.0.0 «café»' }) });
  for (let n = 0; n < 1000; n++) {
    const bytes = Buffer.from(JSON.stringify({ ...m, note: `padding ${n} ?~>` }), 'utf8');
    if (bytes.length % 3 === 1 && /[+/]/.test(bytes.toString('base64'))) return bytes;
  }
  throw new Error('no payload found');
}

export function envelopeCases(keys, signWith) {
  const body = payloadBytes();
  const b64 = body.toString('base64');
  if (!b64.endsWith('==')) throw new Error('the payload must need "==" padding');
  const message = pae(MANIFEST_TYPE, body);
  const sig = (name, msg = message) => ({ keyid: keys[name].keyid, sig: signWith(name, msg) });
  const env = (signatures, over = {}) => JSON.stringify({ payloadType: MANIFEST_TYPE, payload: b64, signatures, ...over });
  const ok = (...names) => ({ result: 'ok', keyids: names.map((n) => keys[n].keyid), payload_sha256: sha256(body).toString('hex') });
  const fail = (result) => ({ result });

  const otherBody = Buffer.from(body.toString('utf8').replace('"sequence":7', '"sequence":8'), 'utf8');
  const tampered = Buffer.from(body);
  tampered[tampered.indexOf('"sequence":7') + 11] = 0x39; // sequence 7 -> 9, after signing
  // Same bytes, non-canonical spellings of the base64.
  const unpadded = b64.replace(/=+$/, '');
  const lastData = b64[b64.length - 3];
  const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const dirtyBits = `${b64.slice(0, -3)}${ALPHA[ALPHA.indexOf(lastData) | 1]}==`; // a trailing bit set
  const urlSafe = b64.replace(/\+/g, '-').replace(/\//g, '_');
  if (urlSafe === b64) throw new Error('the payload base64 must contain + or / for the URL-safe case');
  const wrapped = `${b64.slice(0, 76)}\n${b64.slice(76)}`;
  const garbage = Buffer.alloc(72, 0x30).toString('base64');

  return [
    { note: 'valid: one signature by a provisioned key', trusted: ['a'], envelope: env([sig('a')]), expect: ok('a') },
    { note: 'valid: signed by the rotation key b only, device trusts a and b', trusted: ['a', 'b'], envelope: env([sig('b')]), expect: ok('b') },
    { note: 'valid: signed by a and b, both provisioned: both keyids verify', trusted: ['a', 'b'], envelope: env([sig('a'), sig('b')]), expect: ok('a', 'b') },
    { note: 'two signatures, one valid: an unknown key first, then a provisioned one', trusted: ['a'], envelope: env([sig('rogue'), sig('a')]), expect: ok('a') },
    { note: 'two signatures, one valid: a broken signature by a, then a good one by b', trusted: ['a', 'b'], envelope: env([sig('a', pae(MANIFEST_TYPE, otherBody)), sig('b')]), expect: ok('b') },
    { note: 'bad signature: a provisioned keyid, signature over another payload', trusted: ['a'], envelope: env([sig('a', pae(MANIFEST_TYPE, otherBody))]), expect: fail('bad_signature') },
    { note: 'bad signature: keyid of a, signature made by the rogue key', trusted: ['a'], envelope: env([{ keyid: keys.a.keyid, sig: signWith('rogue', message) }]), expect: fail('bad_signature') },
    { note: 'bad signature: the sig is not DER at all', trusted: ['a'], envelope: env([{ keyid: keys.a.keyid, sig: garbage }]), expect: fail('bad_signature') },
    { note: 'bad signature: signed over the body alone, not over the PAE', trusted: ['a'], envelope: env([sig('a', body)]), expect: fail('bad_signature') },
    { note: 'tampered payload: one byte changed after signing (sequence 7 -> 9)', trusted: ['a'], envelope: env([sig('a')], { payload: tampered.toString('base64') }), expect: fail('bad_signature') },
    { note: 'unknown key: a valid signature by a key the device was not provisioned with', trusted: ['a'], envelope: env([sig('rogue')]), expect: fail('untrusted_key') },
    { note: 'unknown key: no provisioned key at all', trusted: [], envelope: env([sig('a')]), expect: fail('untrusted_key') },
    { note: 'keyids are compared exactly: upper-case hex of a provisioned keyid is unknown', trusted: ['a'], envelope: env([{ keyid: keys.a.keyid.toUpperCase(), sig: signWith('a', message) }]), expect: fail('untrusted_key') },
    { note: 'wrong payloadType, correctly signed over that type', trusted: ['a'], envelope: env([sig('a', pae(RELEASE_TYPE, body))], { payloadType: RELEASE_TYPE }), expect: fail('malformed') },
    { note: 'payloadType changed after signing', trusted: ['a'], envelope: env([sig('a')], { payloadType: RELEASE_TYPE }), expect: fail('malformed') },
    { note: 'non-canonical base64: padding left off', trusted: ['a'], envelope: env([sig('a')], { payload: unpadded }), expect: fail('malformed') },
    { note: 'non-canonical base64: a trailing bit set in the last character', trusted: ['a'], envelope: env([sig('a')], { payload: dirtyBits }), expect: fail('malformed') },
    { note: 'non-canonical base64: URL-safe alphabet', trusted: ['a'], envelope: env([sig('a')], { payload: urlSafe }), expect: fail('malformed') },
    { note: 'non-canonical base64: a line break inside', trusted: ['a'], envelope: env([sig('a')], { payload: wrapped }), expect: fail('malformed') },
    { note: 'no signatures', trusted: ['a'], envelope: env([]), expect: fail('malformed') },
    { note: 'no payload field', trusted: ['a'], envelope: JSON.stringify({ payloadType: MANIFEST_TYPE, signatures: [sig('a')] }), expect: fail('malformed') },
    { note: 'not JSON', trusted: ['a'], envelope: `${env([sig('a')]).slice(0, 40)}`, expect: fail('malformed') },
  ];
}
