/**
 * Standard zlib CRC-32 (IEEE), incremental: crc32(b, crc32(a)) == crc32(a ‖ b). Table-driven
 * JS on purpose: the inputs are a 1196-byte signature block or an ESP8266 image of at most a
 * few MiB, and importing node:zlib would cost every `otactl inspect` more than this does.
 */
let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

export function crc32(data: Uint8Array, previous = 0): number {
  const t = (table ??= makeTable());
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
