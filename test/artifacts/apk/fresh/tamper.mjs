#!/usr/bin/env node
// Tampering helper for make-apks.sh: changes a signed APK after signing, in one precise way.
//   node tamper.mjs MODE IN OUT [ARG]
// Modes:
//   flip-entry NAME        flip one byte in the middle of entry NAME's data (as stored in the file)
//   comment N              append N bytes to the EOCD comment (and fix the comment length)
//   eocd-cd-offset DELTA   add DELTA to the central-directory offset recorded in the EOCD
//   gap-cd-eocd N          insert N zero bytes between the central directory and the EOCD
//   strip-sig-block        remove the APK Signing Block (v2/v3) and fix the EOCD's CD offset
// Prints one JSON line describing what was changed (offset, length) for index.json.
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, inPath, outPath, arg] = process.argv.slice(2);
if (!mode || !inPath || !outPath) {
  process.stderr.write('usage: tamper.mjs MODE IN OUT [ARG]\n');
  process.exit(2);
}
const buf = readFileSync(inPath);

function findEocd(b) {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50 && i + 22 + b.readUInt16LE(i + 20) === b.length) return i;
  }
  throw new Error('no EOCD');
}

const eocd = findEocd(buf);
const cdSize = buf.readUInt32LE(eocd + 12);
const cdOffset = buf.readUInt32LE(eocd + 16);

function entries() {
  const out = [];
  let p = cdOffset;
  while (p < cdOffset + cdSize) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad CD record at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    out.push({ name, method, compSize, lho });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function dataOffset(e) {
  if (buf.readUInt32LE(e.lho) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  return e.lho + 30 + buf.readUInt16LE(e.lho + 26) + buf.readUInt16LE(e.lho + 28);
}

let out;
let info;
switch (mode) {
  case 'flip-entry': {
    const e = entries().find((x) => x.name === arg);
    if (!e) throw new Error(`no entry ${arg}`);
    if (e.compSize === 0) throw new Error(`entry ${arg} is empty`);
    const at = dataOffset(e) + Math.floor(e.compSize / 2);
    out = Buffer.from(buf);
    out[at] ^= 0x01;
    info = { mode, entry: arg, method: e.method, offset: at };
    break;
  }
  case 'comment': {
    const n = Number(arg ?? 16);
    const oldLen = buf.readUInt16LE(eocd + 20);
    const extra = Buffer.alloc(n, 0x41);
    out = Buffer.concat([buf, extra]);
    out.writeUInt16LE(oldLen + n, eocd + 20);
    info = { mode, appended: n, eocd_offset: eocd };
    break;
  }
  case 'eocd-cd-offset': {
    const d = Number(arg ?? 1);
    out = Buffer.from(buf);
    out.writeUInt32LE(cdOffset + d, eocd + 16);
    info = { mode, delta: d, eocd_offset: eocd };
    break;
  }
  case 'gap-cd-eocd': {
    const n = Number(arg ?? 4);
    out = Buffer.concat([buf.subarray(0, eocd), Buffer.alloc(n), buf.subarray(eocd)]);
    info = { mode, inserted: n, offset: eocd };
    break;
  }
  case 'strip-sig-block': {
    // The APK Signing Block ends with the 16-byte magic right before the central directory:
    // ... uint64 size, "APK Sig Block 42"; it starts with the same uint64 size (size excludes
    // that first field).
    const magic = buf.subarray(cdOffset - 16, cdOffset).toString('latin1');
    if (magic !== 'APK Sig Block 42') throw new Error('no APK Signing Block');
    const size = Number(buf.readBigUInt64LE(cdOffset - 24));
    const start = cdOffset - size - 8;
    out = Buffer.concat([buf.subarray(0, start), buf.subarray(cdOffset)]);
    const newEocd = eocd - (cdOffset - start);
    out.writeUInt32LE(start, newEocd + 16);
    info = { mode, removed: cdOffset - start, block_offset: start };
    break;
  }
  default:
    throw new Error(`unknown mode ${mode}`);
}
writeFileSync(outPath, out);
process.stdout.write(JSON.stringify(info) + '\n');
