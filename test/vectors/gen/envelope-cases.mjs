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
    ...oneReadingCases(keys, signWith, body),
  ];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The same base64 with one trailing (unused) bit set in the character before the padding. */
function setTrailingBit(b64) {
  const pad = b64.length - b64.replace(/=+$/, '').length;
  if (pad === 0) throw new Error('no trailing bits without padding');
  const i = b64.length - pad - 1;
  return `${b64.slice(0, i)}${ALPHABET[ALPHABET.indexOf(b64[i]) | 1]}${b64.slice(i + 1)}`;
}
/** `[[[...]]]` (or `{"a":{"a":...}}`) with `levels` levels, as JSON text. */
const nestArrays = (levels, inner = '0') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const nestObjects = (levels, inner = '0') => `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
/** The envelope text with `extra` (JSON text of members) inserted right after the opening brace. */
const withMembers = (envText, extra) => `{${extra},${envText.slice(1)}`;
const LONG = 12_000; // longer than any buffer a device keeps for a field; the envelope stays under 16 KiB

/**
 * One reading (DESIGN.md contracts 1, 2, 5): duplicate member names in the envelope or the signed
 * payload, nesting beyond 8 levels, non-canonical base64 in sig, escapes JSON does not have, very
 * long strings. Cases named `one reading:` ... (docs/vectors.md lists what each client must do).
 */
function oneReadingCases(keys, signWith, body) {
  const text = body.toString('utf8');
  const b64 = body.toString('base64');
  const signed = (bytes, name = 'a', accept) => ({ keyid: keys[name].keyid, sig: signWith(name, pae(MANIFEST_TYPE, bytes), accept) });
  const envOf = (bytes, signatures, over = {}) => JSON.stringify({ payloadType: MANIFEST_TYPE, payload: bytes.toString('base64'), signatures, ...over });
  const ok = (bytes, ...names) => ({ result: 'ok', keyids: names.map((n) => keys[n].keyid), payload_sha256: sha256(bytes).toString('hex') });
  const fail = (result) => ({ result });
  const current = env1(body);
  function env1(bytes) {
    return envOf(bytes, [signed(bytes)]);
  }

  // The splice of issue 17: an old signed manifest (sequence 6) in front of the current one (7).
  const oldBody = Buffer.from(text.replace('"sequence":7', '"sequence":6'), 'utf8');
  const oldEnv = env1(oldBody);
  const members = (envText) => envText.slice(1, -1);
  const splice = `{${members(oldEnv)},${members(current)}}`;
  const payloadTwice = `{"payloadType":${JSON.stringify(MANIFEST_TYPE)},"payload":"${oldBody.toString('base64')}","payload":"${b64}","signatures":[${JSON.stringify(signed(oldBody))},${JSON.stringify(signed(body))}]}`;
  const escapedTwice = payloadTwice.replace('"payload":"' + b64, '"p\\u0061yload":"' + b64);
  const sigObj = signed(body);
  const sigTwice = `{"payloadType":${JSON.stringify(MANIFEST_TYPE)},"payload":"${b64}","signatures":[{"keyid":"${sigObj.keyid}","sig":"${signed(oldBody).sig}","sig":"${sigObj.sig}"}]}`;
  const keyidTwice = `{"payloadType":${JSON.stringify(MANIFEST_TYPE)},"payload":"${b64}","signatures":[{"keyid":"${keys.rogue.keyid}","keyid":"${sigObj.keyid}","sig":"${sigObj.sig}"}]}`;

  // Duplicate names inside the signed payload, signed as they are.
  const dupSequence = Buffer.from(text.replace('"sequence":7', '"sequence":9,"sequence":7'), 'utf8');
  const dupNested = Buffer.from(text.replace('"wifi_only":true', '"wifi_only":false,"wifi_only":true'), 'utf8');
  const dupEscaped = Buffer.from(text.replace('"sequence":7', '"sequence":9,"\\u0073equence":7'), 'utf8');
  const caseDiffers = Buffer.from(text.replace('"sequence":7', '"Sequence":9,"sequence":7'), 'utf8');
  for (const b of [dupSequence, dupNested, dupEscaped, caseDiffers]) if (b.equals(body)) throw new Error('payload edit did not apply');

  // Nesting: an unknown member (allowed: objects are open) at a depth of exactly 8, then 9.
  const payloadAt = (levels) => Buffer.from(`${text.slice(0, -1)},"deep":${nestArrays(levels - 1)}}`, 'utf8');
  const payload8 = payloadAt(8);
  const payload9 = payloadAt(9);
  const payloadObjects9 = Buffer.from(`${text.slice(0, -1)},"deep":${nestObjects(8)}}`, 'utf8');

  // Base64 of sig: a signature whose base64 has "=" padding and both "+" and "/", to spoil it.
  const padded = signed(body, 'a', (s) => s.endsWith('=') && /\+/.test(s) && /\//.test(s));
  const withSig = (sigText, extra = []) => envOf(body, [{ keyid: keys.a.keyid, sig: sigText }, ...extra]);

  // Strings JSON does not allow: a \u escape whose hex digits carry a sign.
  const plusEscape = Buffer.from(text.replace('"version_name":"2.0.0', '"version_name":"\\u+041 2.0.0'), 'utf8');
  if (plusEscape.equals(body)) throw new Error('version_name edit did not apply');

  const longString = 'x'.repeat(LONG);
  const cases = [
    { note: 'one reading: the splice, an old signed envelope (sequence 6) with the current one (7) after it in one object', trusted: ['a'], envelope: splice, expect: fail('malformed') },
    { note: 'one reading: two "payload" members (old, then current) and both signatures', trusted: ['a'], envelope: payloadTwice, expect: fail('malformed') },
    { note: 'one reading: "payload" and "p\\u0061yload" are the same name after unescaping', trusted: ['a'], envelope: escapedTwice, expect: fail('malformed') },
    { note: 'one reading: two "sig" members in one signature', trusted: ['a'], envelope: sigTwice, expect: fail('malformed') },
    { note: 'one reading: two "keyid" members in one signature (an unknown one first)', trusted: ['a'], envelope: keyidTwice, expect: fail('malformed') },
    { note: 'one reading: "payloadType" twice with the same value', trusted: ['a'], envelope: withMembers(current, `"payloadType":${JSON.stringify(MANIFEST_TYPE)}`), expect: fail('malformed') },
    { note: 'one reading: an unknown member twice', trusted: ['a'], envelope: withMembers(current, '"x":1,"x":2'), expect: fail('malformed') },
    { note: 'one reading: names that differ only in case are two names ("Payload" is an unknown member)', trusted: ['a'], envelope: withMembers(current, `"Payload":"${oldBody.toString('base64')}"`), expect: ok(body, 'a') },
    { note: 'one reading: payload with "sequence" twice (9, then 7), correctly signed', trusted: ['a'], envelope: env1(dupSequence), expect: fail('malformed') },
    { note: 'one reading: payload with "wifi_only" twice inside "build", correctly signed', trusted: ['a'], envelope: env1(dupNested), expect: fail('malformed') },
    { note: 'one reading: payload with "sequence" and "\\u0073equence", correctly signed', trusted: ['a'], envelope: env1(dupEscaped), expect: fail('malformed') },
    { note: 'one reading: payload with "Sequence" and "sequence" (two names), correctly signed', trusted: ['a'], envelope: env1(caseDiffers), expect: ok(caseDiffers, 'a') },
    { note: 'one reading: payload with a duplicate name and a signature over other bytes: the signature is checked first', trusted: ['a'], envelope: envOf(dupSequence, [signed(body)]), expect: fail('bad_signature') },
    { note: 'nesting: envelope at depth 8 exactly (an unknown member [[[[[[[0]]]]]]])', trusted: ['a'], envelope: withMembers(current, `"x":${nestArrays(7)}`), expect: ok(body, 'a') },
    { note: 'nesting: envelope at depth 9 (arrays)', trusted: ['a'], envelope: withMembers(current, `"x":${nestArrays(8)}`), expect: fail('malformed') },
    { note: 'nesting: envelope at depth 9 (objects)', trusted: ['a'], envelope: withMembers(current, `"x":${nestObjects(8)}`), expect: fail('malformed') },
    { note: 'nesting: brackets inside strings do not count (and an escaped quote does not end the string)', trusted: ['a'], envelope: withMembers(current, `"x":"\\"${'['.repeat(40)}${'{'.repeat(40)}"`), expect: ok(body, 'a') },
    { note: 'nesting: 5000 open brackets and nothing else', trusted: ['a'], envelope: '['.repeat(5000), expect: fail('malformed') },
    { note: 'nesting: 2000 levels of {"a": with a valid envelope after them', trusted: ['a'], envelope: `${'{"a":'.repeat(2000)}${current}${'}'.repeat(2000)}`, expect: fail('malformed') },
    { note: 'nesting: payload at depth 8 exactly (an unknown member), correctly signed', trusted: ['a'], envelope: env1(payload8), expect: ok(payload8, 'a') },
    { note: 'nesting: payload at depth 9 (arrays), correctly signed', trusted: ['a'], envelope: env1(payload9), expect: fail('malformed') },
    { note: 'nesting: payload at depth 9 (objects), correctly signed', trusted: ['a'], envelope: env1(payloadObjects9), expect: fail('malformed') },
    { note: 'base64: sig with its padding left off', trusted: ['a'], envelope: withSig(padded.sig.replace(/=+$/, '')), expect: fail('malformed') },
    { note: 'base64: sig with a trailing bit set', trusted: ['a'], envelope: withSig(setTrailingBit(padded.sig)), expect: fail('malformed') },
    { note: 'base64: sig in the URL-safe alphabet', trusted: ['a'], envelope: withSig(padded.sig.replace(/\+/g, '-').replace(/\//g, '_')), expect: fail('malformed') },
    { note: 'base64: sig with a line break inside', trusted: ['a'], envelope: withSig(`${padded.sig.slice(0, 40)}\n${padded.sig.slice(40)}`), expect: fail('malformed') },
    { note: 'base64: sig with a space inside', trusted: ['a'], envelope: withSig(`${padded.sig.slice(0, 40)} ${padded.sig.slice(40)}`), expect: fail('malformed') },
    { note: 'base64: sig with one "=" too many', trusted: ['a'], envelope: withSig(`${padded.sig}=`), expect: fail('malformed') },
    { note: 'base64: sig empty', trusted: ['a'], envelope: withSig(''), expect: fail('malformed') },
    { note: 'base64: the padded sig as it is (the cases above spoil it)', trusted: ['a'], envelope: withSig(padded.sig), expect: ok(body, 'a') },
    { note: 'base64: a valid signature by a, and a non-canonical sig under an unknown key: the shape is checked first', trusted: ['a'], envelope: envOf(body, [{ keyid: keys.rogue.keyid, sig: padded.sig.replace(/=+$/, '') }, sigObj]), expect: fail('malformed') },
    { note: 'base64: payload with one "=" too many', trusted: ['a'], envelope: envOf(body, [sigObj], { payload: `${b64}=` }), expect: fail('malformed') },
    { note: 'base64: payload with a space inside', trusted: ['a'], envelope: envOf(body, [sigObj], { payload: `${b64.slice(0, 40)} ${b64.slice(40)}` }), expect: fail('malformed') },
    { note: 'payload: signed bytes that are not JSON', trusted: ['a'], envelope: env1(Buffer.from('not json', 'utf8')), expect: fail('malformed') },
    { note: 'payload: signed empty bytes', trusted: ['a'], envelope: env1(Buffer.alloc(0)), expect: fail('malformed') },
    { note: 'escapes: "\\u+041" in an unknown member of the envelope', trusted: ['a'], envelope: withMembers(current, '"x":"\\u+041"'), expect: fail('malformed') },
    { note: 'escapes: "\\u-041" in an unknown member of the envelope', trusted: ['a'], envelope: withMembers(current, '"x":"\\u-041"'), expect: fail('malformed') },
    { note: 'escapes: "\\u00E9" and "\\u00e9" (upper and lower-case hex) are fine', trusted: ['a'], envelope: withMembers(current, '"x":"\\u00E9\\u00e9"'), expect: ok(body, 'a') },
    { note: 'escapes: payloadType spelled with \\u escapes is the same type', trusted: ['a'], envelope: current.replace('"application/', '"\\u0061pplication\\/'), expect: ok(body, 'a') },
    { note: 'escapes: "\\u+041" in the signed payload', trusted: ['a'], envelope: env1(plusEscape), expect: fail('malformed') },
    { note: `long strings: an unknown member of ${LONG} characters`, trusted: ['a'], envelope: withMembers(current, `"x":"${longString}"`), expect: ok(body, 'a') },
    { note: `long strings: a keyid of ${LONG} characters beside a valid signature`, trusted: ['a'], envelope: envOf(body, [{ keyid: 'f'.repeat(LONG), sig: sigObj.sig }, sigObj]), expect: ok(body, 'a') },
    { note: `long strings: a keyid of ${LONG} characters alone`, trusted: ['a'], envelope: envOf(body, [{ keyid: 'f'.repeat(LONG), sig: sigObj.sig }]), expect: fail('untrusted_key') },
    { note: `long strings: a sig of ${LONG} base64 characters under a provisioned keyid`, trusted: ['a'], envelope: withSig(Buffer.alloc((LONG / 4) * 3, 0x30).toString('base64')), expect: fail('bad_signature') },
    { note: `long strings: a payloadType of ${LONG} characters`, trusted: ['a'], envelope: envOf(body, [sigObj], { payloadType: `${MANIFEST_TYPE}${longString}` }), expect: fail('malformed') },
    { note: `long strings: a member name of ${LONG} characters`, trusted: ['a'], envelope: withMembers(current, `"${longString}":1`), expect: ok(body, 'a') },
    ...hostileTextCases(keys, signWith, body, current, sigObj),
  ];
  if (!escapedTwice.includes('\\u0061')) throw new Error('escape edit did not apply');
  return cases;
}

/**
 * Hostile text a reviewer wrote (issue 16 review): names hidden by escapes deeper in the envelope,
 * escapes a byte-oriented client cannot hold (U+0000, an unpaired surrogate: cJSON cuts a string at
 * U+0000 and refuses a lone surrogate, so "a\u0000b" and "a" would be one name in C and two in
 * TypeScript; every client refuses both escapes in a device-facing document), depth 8/9 in objects
 * and mixed containers, a string ending in an escaped backslash before deep nesting.
 */
function hostileTextCases(keys, signWith, body, current, sigObj) {
  const text = body.toString('utf8');
  const signed = (bytes) => ({ keyid: keys.a.keyid, sig: signWith('a', pae(MANIFEST_TYPE, bytes)) });
  const env1 = (bytes) => JSON.stringify({ payloadType: MANIFEST_TYPE, payload: bytes.toString('base64'), signatures: [signed(bytes)] });
  const ok = (bytes) => ({ result: 'ok', keyids: [keys.a.keyid], payload_sha256: sha256(bytes).toString('hex') });
  const fail = (result) => ({ result });
  const withMembers = (envText, extra) => `{${extra},${envText.slice(1)}`;
  const payloadWith = (edit) => {
    const b = Buffer.from(edit(text), 'utf8');
    if (b.equals(body)) throw new Error('payload edit did not apply');
    return b;
  };
  const nestObjects = (levels, inner = '0') => `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
  const nestMixed = (levels, inner = '0') => `${Array.from({ length: levels }, (_, i) => (i % 2 ? '{"a":' : '[')).join('')}${inner}${Array.from({ length: levels }, (_, i) => (i % 2 ? '}' : ']')).reverse().join('')}`;
  const sigText = `{"k\\u0065yid":"${keys.rogue.keyid}","keyid":"${sigObj.keyid}","sig":"${sigObj.sig}"}`;
  const envWithSig = (sigJson) => `{"payloadType":${JSON.stringify(MANIFEST_TYPE)},"payload":"${body.toString('base64')}","signatures":[${sigJson}]}`;
  const nulValue = payloadWith((t) => t.replace('"version_name":"2.0.0', '"version_name":"2.0.0\\u0000'));
  const nulName = payloadWith((t) => t.replace('"sequence":7', '"sequence":7,"seq\\u0000x":9'));
  const loneHigh = payloadWith((t) => t.replace('"version_name":"2.0.0', '"version_name":"2.0.0\\ud800'));
  const pairOk = payloadWith((t) => t.replace('"version_name":"2.0.0', '"version_name":"2.0.0\\ud83d\\udcf1'));
  const objects8 = Buffer.from(`${text.slice(0, -1)},"deep":${nestObjects(7)}}`, 'utf8');
  const mixed9 = Buffer.from(`${text.slice(0, -1)},"deep":${nestMixed(8)}}`, 'utf8');
  return [
    { note: 'hostile text: "k\\u0065yid" and "keyid" inside a signature object are one name', trusted: ['a'], envelope: envWithSig(sigText), expect: fail('malformed') },
    { note: 'hostile text: "\\ud83d\\udcf1" and a raw "📱" as member names are one name', trusted: ['a'], envelope: withMembers(current, '"📱":1,"\\ud83d\\udcf1":2'), expect: fail('malformed') },
    { note: 'hostile text: a duplicate name in an object inside an array inside an unknown member', trusted: ['a'], envelope: withMembers(current, '"x":[1,{"b":1,"c":{"d":1,"\\u0064":2}}]'), expect: fail('malformed') },
    { note: 'hostile text: equal names in sibling objects are fine', trusted: ['a'], envelope: withMembers(current, '"x":[{"d":1},{"d":2}],"y":{"d":{"d":3}}'), expect: ok(body) },
    { note: 'hostile text: "\\u0000" in an unknown member of the envelope (U+0000 is refused in device-facing JSON)', trusted: ['a'], envelope: withMembers(current, '"x":"a\\u0000b"'), expect: fail('malformed') },
    { note: 'hostile text: "payload\\u0000" beside "payload" (one name in a client that cuts at U+0000)', trusted: ['a'], envelope: withMembers(current, `"payload\\u0000":"${body.toString('base64')}"`), expect: fail('malformed') },
    { note: 'hostile text: a lone high surrogate escape "\\ud800" in an unknown member', trusted: ['a'], envelope: withMembers(current, '"x":"\\ud800"'), expect: fail('malformed') },
    { note: 'hostile text: a lone low surrogate escape "\\udc00" in an unknown member', trusted: ['a'], envelope: withMembers(current, '"x":"\\udc00x"'), expect: fail('malformed') },
    { note: 'hostile text: a high surrogate escape followed by a non-surrogate escape', trusted: ['a'], envelope: withMembers(current, '"x":"\\ud800\\u0041"'), expect: fail('malformed') },
    { note: 'hostile text: "\\\\u0000" (an escaped backslash, then the letters u0000) is not an escape and is fine', trusted: ['a'], envelope: withMembers(current, '"x":"\\\\u0000\\\\ud800"'), expect: ok(body) },
    { note: 'hostile text: a surrogate pair as escapes is fine', trusted: ['a'], envelope: withMembers(current, '"x":"\\ud83d\\udcf1"'), expect: ok(body) },
    { note: 'hostile text: "\\u0000" in version_name of the signed payload, correctly signed', trusted: ['a'], envelope: env1(nulValue), expect: fail('malformed') },
    { note: 'hostile text: a member name with "\\u0000" in the signed payload, correctly signed', trusted: ['a'], envelope: env1(nulName), expect: fail('malformed') },
    { note: 'hostile text: a lone surrogate escape in the signed payload, correctly signed', trusted: ['a'], envelope: env1(loneHigh), expect: fail('malformed') },
    { note: 'hostile text: a surrogate pair escape in the signed payload, correctly signed', trusted: ['a'], envelope: env1(pairOk), expect: ok(pairOk) },
    { note: 'hostile text: envelope at depth 8 exactly in objects', trusted: ['a'], envelope: withMembers(current, `"x":${nestObjects(7)}`), expect: ok(body) },
    { note: 'hostile text: envelope at depth 9, arrays and objects alternating', trusted: ['a'], envelope: withMembers(current, `"x":${nestMixed(8)}`), expect: fail('malformed') },
    { note: 'hostile text: payload at depth 8 exactly in objects, correctly signed', trusted: ['a'], envelope: env1(objects8), expect: ok(objects8) },
    { note: 'hostile text: payload at depth 9, arrays and objects alternating, correctly signed', trusted: ['a'], envelope: env1(mixed9), expect: fail('malformed') },
    { note: 'hostile text: a string ending in an escaped backslash, then depth 9 outside it', trusted: ['a'], envelope: withMembers(current, `"x":"\\\\","y":${'['.repeat(8)}0${']'.repeat(8)}`), expect: fail('malformed') },
    { note: 'hostile text: a string ending in an escaped backslash, then depth 8 outside it', trusted: ['a'], envelope: withMembers(current, `"x":"\\\\","y":${'['.repeat(7)}0${']'.repeat(7)}`), expect: ok(body) },
    { note: 'hostile text: sig with a tab inside', trusted: ['a'], envelope: envWithSig(`{"keyid":"${sigObj.keyid}","sig":"${sigObj.sig.slice(0, 8)}\\t${sigObj.sig.slice(8)}"}`), expect: fail('malformed') },
    { note: 'hostile text: sig with a trailing newline', trusted: ['a'], envelope: envWithSig(`{"keyid":"${sigObj.keyid}","sig":"${sigObj.sig}\\n"}`), expect: fail('malformed') },
    { note: 'hostile text: payload with a leading space', trusted: ['a'], envelope: `{"payloadType":${JSON.stringify(MANIFEST_TYPE)},"payload":" ${body.toString('base64')}","signatures":[${JSON.stringify(sigObj)}]}`, expect: fail('malformed') },
  ];
}
