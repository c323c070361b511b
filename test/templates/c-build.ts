import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { REPO, missingTool } from './toolchain.js';

/** Building the templates' C with the host gcc (test/templates/esp-idf.test.ts, arduino-esp8266.test.ts). */
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

/** C11, -Wall -Wextra -Werror -Wshadow, ASan/UBSan and the include directories (a crypto port's private one too). */
function gccFlags(work: string, build: { sources: string[]; includeDirs: string[]; flags?: string[] }): string[] {
  const flags = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-Wshadow', '-O1', '-g', ...(build.flags ?? []), ...sanitizerFlags(work)];
  // A crypto port includes "ota_crypto.h" by name from src/, its private include directory (PRIV_INCLUDE_DIRS in ESP-IDF).
  const portPrivate = build.sources.some((f) => f.startsWith(join(ESP, 'port'))) ? [join(ESP, 'src')] : [];
  return [...flags, ...[...build.includeDirs, ...portPrivate, '/usr/include/cjson'].map((dir) => `-I${dir}`)];
}

/** compileC's flags, linked with cJSON and lib (if any): the build must be silent and succeed. Sources may be objects of compileObjects(). */
export function compileC(work: string, build: { sources: string[]; includeDirs: string[]; lib?: string; exe: string; flags?: string[] }): void {
  const cc = spawnSync('gcc', [...gccFlags(work, build), ...build.sources, ...(build.lib ? [build.lib] : []), '-lcjson', '-o', build.exe], { encoding: 'utf8' });
  expect(cc.stderr + cc.stdout, 'gcc output').toBe('');
  expect(cc.status).toBe(0);
}

const objectSets = new Map<string, string[]>();

/**
 * The objects of `sources` compiled with compileC's flags, once per work folder and set of flags:
 * the harnesses that link the same core (and port) share one compile of it.
 */
export function compileObjects(work: string, build: { sources: string[]; includeDirs: string[]; flags?: string[] }): string[] {
  const key = JSON.stringify([work, build]);
  const known = objectSets.get(key);
  if (known) return known;
  const dir = join(work, `objects-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
  mkdirSync(dir, { recursive: true });
  const cc = spawnSync('gcc', [...gccFlags(work, build), '-c', ...build.sources], { encoding: 'utf8', cwd: dir });
  expect(cc.stderr + cc.stdout, 'gcc output').toBe('');
  expect(cc.status).toBe(0);
  const objects = build.sources.map((f) => join(dir, `${basename(f, '.c')}.o`));
  objectSets.set(key, objects);
  return objects;
}
