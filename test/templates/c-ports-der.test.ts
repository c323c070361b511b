import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRYPTO_PORTS, compileC, coreFiles, missingPort, type CryptoPort } from './c-build.js';
import { p256 } from '../helpers/keys.js';

// Each crypto port's ota_p256_verify on other encodings of one valid signature (test/der_forms.c):
// only the DER form may verify, as in otactl (node:crypto / OpenSSL accepts DER only). The PSA
// port turns DER into r||s itself (PSA takes no DER), so its strictness is its own code.
const work = mkdtempSync(join(tmpdir(), 'otactl-der-forms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A P-256 key, a message's SHA-256 and its DER signature whose r needs a leading zero byte. */
function signatureWithPaddedR(): { spki: Buffer; hash: Buffer; der: Buffer } {
  const { publicKey, privateKey } = p256();
  for (;;) {
    const message = randomBytes(32);
    const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    if (der[3] === 33 && der[4] === 0 && (der[1] ?? 0x7f) < 0x7f) {
      return { spki: publicKey.export({ type: 'spki', format: 'der' }), hash: createHash('sha256').update(message).digest(), der };
    }
  }
}

const STRICT = {
  der: 1, trailing_byte: 0, long_form_length: 0, r_extra_zero: 0, r_negative: 0, truncated: 0, sequence_length_short: 0,
};
const input = signatureWithPaddedR();

describe.each(CRYPTO_PORTS)('$name port: ota_p256_verify on encodings of one signature', (port: CryptoPort) => {
  const missing = missingPort(port);
  if (missing) console.warn(`SKIPPING the DER forms on ${port.name}: ${missing}`);

  it.skipIf(missing !== null)('verifies the DER form only', () => {
    const exe = join(work, `der_forms-${port.name}`);
    compileC(work, { sources: coreFiles(port.source, 'src/ota_der.c', 'test/der_forms.c'), includeDirs: [], lib: port.lib, exe });
    const run = spawnSync(exe, [input.spki.toString('hex'), input.hash.toString('hex'), input.der.toString('hex')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expect(run.status).toBe(0);
    const answers = Object.fromEntries(run.stdout.trim().split('\n').map((l) => { const [k, v] = l.split(' '); return [k, Number(v)]; }));
    expect(answers).toEqual(STRICT);
  });
});
