/**
 * Test-only ZIP writer: rebuilds a fixture with some entries changed, so tampering tests can edit
 * compressed entries (MANIFEST.MF, .SF, .RSA) as plain bytes. Entries are written stored unless
 * `deflate` is set.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import type { ZipArchive } from '../../../../src/artifacts/apk/types.js';
import { readFixture, zipOf } from './helpers.js';

export interface ZipItem {
  name: string | Buffer;
  data: Buffer;
  deflate?: boolean;
}

export function writeZip(items: readonly ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const name = typeof item.name === 'string' ? Buffer.from(item.name, 'utf8') : item.name;
    const body = item.deflate ? deflateRawSync(item.data) : item.data;
    const fields = { method: item.deflate ? 8 : 0, crc: crc32(item.data), csize: body.length, usize: item.data.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.csize, 18);
    local.writeUInt32LE(fields.usize, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(fields.method, 10);
    cd.writeUInt32LE(fields.crc, 16);
    cd.writeUInt32LE(fields.csize, 20);
    cd.writeUInt32LE(fields.usize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(items.length, 8);
  eocd.writeUInt16LE(items.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, eocd]);
}

/** All entries of a fixture, uncompressed, in central-directory order. */
export async function fixtureItems(fixture: string): Promise<ZipItem[]> {
  const zip = await zipOf(readFixture(fixture));
  const items: ZipItem[] = [];
  for (const entry of zip.entries) items.push({ name: entry.name, data: await zip.readEntry(entry) });
  return items;
}

/** The fixture rebuilt after `edit`, opened through a BufferSource. */
export async function tampered(fixture: string, edit: (items: ZipItem[]) => ZipItem[] | void): Promise<ZipArchive> {
  const items = await fixtureItems(fixture);
  return zipOf(writeZip(edit(items) ?? items));
}

export function replaceData(items: ZipItem[], name: string, change: (data: Buffer) => Buffer): ZipItem[] {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`no entry ${name}`);
  item.data = change(Buffer.from(item.data));
  return items;
}

/** Replaces the first occurrence of `from` in a text entry. */
export function editText(items: ZipItem[], name: string, from: string, to: string): ZipItem[] {
  return replaceData(items, name, (data) => {
    const text = data.toString('latin1');
    if (!text.includes(from)) throw new Error(`${name} has no ${JSON.stringify(from)}`);
    return Buffer.from(text.replace(from, to), 'latin1');
  });
}
