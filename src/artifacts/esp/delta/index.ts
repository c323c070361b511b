/**
 * The `esp_delta_ota` patch generator (docs/delta.md): bsdiff blocks, the detools sequential
 * container, heatshrink (window 8, lookahead 7), the 64-byte header naming the base image by its
 * validation hash. Pure and deterministic: the same images give the same patch bytes.
 */
import {
  DETOOLS_SEQUENTIAL_HEATSHRINK,
  espDeltaHeader,
  HEATSHRINK_HEADER,
  packSize,
} from '../../../protocol/esp-delta.js';
import { bsdiff } from './bsdiff.js';
import { heatshrinkEncode } from './heatshrink-encode.js';

/** A detools sequential patch, heatshrink-compressed, without the esp_delta_ota header. */
export function detoolsSequentialPatch(base: Uint8Array, target: Uint8Array): Buffer {
  const head = Buffer.concat([Buffer.of(DETOOLS_SEQUENTIAL_HEATSHRINK), packSize(target.length)]);
  if (target.length === 0) return head;
  const parts: Uint8Array[] = [packSize(0)]; // no data-format patch
  for (const b of bsdiff(base, target)) {
    parts.push(packSize(b.diff.length), b.diff, packSize(b.extra.length), b.extra, packSize(b.adjust));
  }
  return Buffer.concat([head, Buffer.of(HEATSHRINK_HEADER), heatshrinkEncode(Buffer.concat(parts))]);
}

/**
 * The patch a device running `base` (whose appended SHA-256, the "validation hash", is
 * `baseValidationHash`) applies with esp_delta_ota to get `target`.
 */
export function makeEspDelta(base: Uint8Array, target: Uint8Array, baseValidationHash: Uint8Array): Buffer {
  return Buffer.concat([espDeltaHeader(baseValidationHash), detoolsSequentialPatch(base, target)]);
}
