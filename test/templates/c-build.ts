import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO, missingTool } from './toolchain.js';

/** Building the templates' C with the host gcc (test/templates/c-core.test.ts, arduino-esp8266.test.ts). */
export const ESP = join(REPO, 'templates', 'esp-idf');
const CJSON_HEADER = '/usr/include/cjson/cJSON.h';

/** A backend of src/ota_crypto.h: its source under templates/esp-idf, the Debian header that says it is installed, its library. */
export interface CryptoPort {
  name: string;
  source: string;
  header: string;
  lib: string;
}

export const MBEDTLS: CryptoPort = { name: 'mbedTLS', source: 'port/ota_crypto_mbedtls.c', header: '/usr/include/mbedtls/pk.h', lib: '-lmbedcrypto' };
export const BEARSSL: CryptoPort = { name: 'BearSSL', source: 'port/ota_crypto_bearssl.c', header: '/usr/include/bearssl/bearssl.h', lib: '-lbearssl' };
/** The PSA Crypto API port (ESP-IDF 6: Mbed TLS 4 / TF-PSA-Crypto 1.0) runs here on the PSA implementation in Debian's mbedTLS 2.28. */
export const PSA: CryptoPort = { name: 'PSA', source: 'port/ota_crypto_psa.c', header: '/usr/include/psa/crypto.h', lib: '-lmbedcrypto' };
export const CRYPTO_PORTS: CryptoPort[] = [MBEDTLS, BEARSSL, PSA];

/** Why the core cannot be built on this port here (gcc, the port's or cJSON's headers missing), or null. */
export function missingPort(port: CryptoPort): string | null {
  return missingTool('gcc', ['--version'], [port.header, CJSON_HEADER]);
}

/** Paths under templates/esp-idf. */
export function coreFiles(...relative: string[]): string[] {
  return relative.map((f) => join(ESP, f));
}

const sanitizers = new Map<string, string[]>();

/** -fsanitize=address,undefined when this gcc can link it (probed once per work folder). */
function sanitizerFlags(work: string): string[] {
  const known = sanitizers.get(work);
  if (known) return known;
  const probe = join(work, 'probe.c');
  writeFileSync(probe, 'int main(void) { return 0; }\n');
  const r = spawnSync('gcc', ['-fsanitize=address,undefined', probe, '-o', join(work, 'probe')]);
  const flags = r.status === 0 ? ['-fsanitize=address,undefined', '-fno-omit-frame-pointer'] : [];
  if (flags.length === 0) console.warn('the C template runs without sanitizers: gcc cannot link -fsanitize=address,undefined here');
  sanitizers.set(work, flags);
  return flags;
}

/** C11, -Wall -Wextra -Werror -Wshadow, ASan/UBSan, linked with cJSON and lib (if any): the build must be silent and succeed. */
export function compileC(work: string, build: { sources: string[]; includeDirs: string[]; lib?: string; exe: string; flags?: string[] }): void {
  const flags = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-Wshadow', '-O1', '-g', ...(build.flags ?? []), ...sanitizerFlags(work)];
  // A crypto port includes "ota_crypto.h" by name from src/, its private include directory (PRIV_INCLUDE_DIRS in ESP-IDF).
  const portPrivate = build.sources.some((f) => f.startsWith(join(ESP, 'port'))) ? [join(ESP, 'src')] : [];
  const includes = [...build.includeDirs, ...portPrivate, '/usr/include/cjson'].map((dir) => `-I${dir}`);
  const cc = spawnSync('gcc', [...flags, ...includes, ...build.sources, ...(build.lib ? [build.lib] : []), '-lcjson', '-o', build.exe], { encoding: 'utf8' });
  expect(cc.stderr + cc.stdout, 'gcc output').toBe('');
  expect(cc.status).toBe(0);
}
