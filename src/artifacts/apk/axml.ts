/**
 * Binary AndroidManifest.xml (docs/formats.md B): just enough to read the manifest facts a release needs.
 * Android attributes are matched by resource ID through the resource map (obfuscators blank names),
 * falling back to names. Every offset is bounds-checked; hostile input yields an Issue.
 */
import type { Issue } from '../types.js';
import { apkIssue } from './issues.js';

export interface ManifestInfo {
  package: string | null;
  versionCode: number | null;
  versionCodeMajor: number;
  /** (major << 32) | versionCode, as a JS number when it fits (always below 2^53 for real apps). */
  longVersionCode: number | null;
  versionName: string | null;
  /** Effective minSdkVersion (max over <uses-sdk>; 1 when absent). */
  minSdk: number;
  /** targetSdkVersion, defaulting to minSdk. */
  targetSdk: number;
  targetSandboxVersion: number;
}

const RES = {
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  versionCodeMajor: 0x01010576,
  minSdkVersion: 0x0101020c,
  targetSdkVersion: 0x01010270,
  targetSandboxVersion: 0x0101054c,
} as const;

const CHUNK = { STRING_POOL: 0x0001, XML: 0x0003, RESOURCE_MAP: 0x0180, START_ELEMENT: 0x0102, END_ELEMENT: 0x0103 } as const;
const TYPE = { REFERENCE: 0x01, STRING: 0x03, FLOAT: 0x04, INT_DEC: 0x10, INT_HEX: 0x11, INT_BOOLEAN: 0x12 } as const;
const NO_INDEX = 0xffffffff;
/** Bounds the work on hostile pools (real manifests have a few thousand strings at most). */
const MAX_STRINGS = 1 << 20;

class AxmlError extends Error {}

interface Attr {
  name: string;
  resId: number;
  type: number;
  data: number;
  raw: string | null;
}

interface Element {
  depth: number;
  ns: string;
  name: string;
  attrs: Attr[];
}

class StringPool {
  private readonly cache = new Map<number, string>();
  constructor(
    private readonly buf: Buffer,
    private readonly offsets: number[],
    private readonly dataStart: number,
    private readonly dataEnd: number,
    private readonly utf8: boolean,
  ) {}

  get(index: number): string {
    if (index === NO_INDEX) return '';
    if (index >= this.offsets.length) throw new AxmlError(`string index ${index} out of range`);
    let s = this.cache.get(index);
    if (s === undefined) {
      s = this.decode(this.dataStart + this.offsets[index]!);
      this.cache.set(index, s);
    }
    return s;
  }

  private decode(pos: number): string {
    const need = (n: number): void => {
      if (pos < this.dataStart || pos + n > this.dataEnd) throw new AxmlError('string runs past the pool');
    };
    if (this.utf8) {
      const len8 = (): number => {
        need(1);
        let n = this.buf[pos++]!;
        if (n & 0x80) {
          need(1);
          n = ((n & 0x7f) << 8) | this.buf[pos++]!;
        }
        return n;
      };
      len8(); // UTF-16 length, unused
      const bytes = len8();
      need(bytes + 1);
      if (this.buf[pos + bytes] !== 0) throw new AxmlError('UTF-8 string not NUL-terminated');
      return this.buf.toString('utf8', pos, pos + bytes);
    }
    need(2);
    let units = this.buf.readUInt16LE(pos);
    pos += 2;
    if (units & 0x8000) {
      need(2);
      units = ((units & 0x7fff) << 16) | this.buf.readUInt16LE(pos);
      pos += 2;
    }
    need(units * 2 + 2);
    if (this.buf.readUInt16LE(pos + units * 2) !== 0) throw new AxmlError('UTF-16 string not NUL-terminated');
    return this.buf.toString('utf16le', pos, pos + units * 2);
  }
}

function chunkHeader(buf: Buffer, pos: number, end: number): { type: number; headerSize: number; size: number } | null {
  if (pos + 8 > end) return null;
  const type = buf.readUInt16LE(pos);
  const headerSize = buf.readUInt16LE(pos + 2);
  const size = buf.readUInt32LE(pos + 4);
  // A chunk running past the end is treated as end of input, like Android and apksig do.
  if (size > end - pos) return null;
  if (headerSize < 8 || headerSize > size) throw new AxmlError(`chunk at ${pos}: header size ${headerSize}, size ${size}`);
  return { type, headerSize, size };
}

function readStringPool(buf: Buffer, pos: number, headerSize: number, size: number): StringPool {
  if (headerSize < 28) throw new AxmlError('string pool header too short');
  const count = buf.readUInt32LE(pos + 8);
  const styleCount = buf.readUInt32LE(pos + 12);
  const flags = buf.readUInt32LE(pos + 16);
  const stringsStart = buf.readUInt32LE(pos + 20);
  const stylesStart = buf.readUInt32LE(pos + 24);
  if (count > MAX_STRINGS || pos + headerSize + count * 4 > pos + size) throw new AxmlError(`string pool of ${count} strings`);
  const dataStart = pos + stringsStart;
  const dataEnd = styleCount > 0 && stylesStart > stringsStart ? pos + stylesStart : pos + size;
  if (stringsStart > size || dataEnd > pos + size || dataEnd < dataStart) throw new AxmlError('string pool bounds');
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(buf.readUInt32LE(pos + headerSize + i * 4));
  return new StringPool(buf, offsets, dataStart, dataEnd, (flags & 0x100) !== 0);
}

/** Start elements, in document order, with their depth (1 = root). */
function* elements(buf: Buffer): Generator<Element> {
  let pos = 0;
  let xml: { start: number; end: number } | null = null;
  while (!xml) {
    const h = chunkHeader(buf, pos, buf.length);
    if (!h) throw new AxmlError('no XML chunk');
    if (h.type === CHUNK.XML) xml = { start: pos + h.headerSize, end: pos + h.size };
    else pos += h.size;
    if (h.size === 0) throw new AxmlError('zero-size chunk');
  }
  let pool: StringPool | null = null;
  let resMap: number[] | null = null;
  let depth = 0;
  for (pos = xml.start; ; ) {
    const h = chunkHeader(buf, pos, xml.end);
    if (!h) return;
    const body = pos + h.headerSize;
    switch (h.type) {
      case CHUNK.STRING_POOL:
        if (pool) throw new AxmlError('more than one string pool');
        pool = readStringPool(buf, pos, h.headerSize, h.size);
        break;
      case CHUNK.RESOURCE_MAP: {
        if (resMap) throw new AxmlError('more than one resource map');
        resMap = [];
        for (let p = body; p + 4 <= pos + h.size; p += 4) resMap.push(buf.readUInt32LE(p));
        break;
      }
      case CHUNK.START_ELEMENT:
        if (!pool) throw new AxmlError('element before the string pool');
        depth++;
        yield readElement(buf, body, pos + h.size, depth, pool, resMap ?? []);
        break;
      case CHUNK.END_ELEMENT:
        depth--;
        break;
    }
    pos += h.size;
  }
}

function readElement(buf: Buffer, body: number, end: number, depth: number, pool: StringPool, resMap: number[]): Element {
  if (body + 20 > end) throw new AxmlError('start element too short');
  const nsIndex = buf.readUInt32LE(body);
  const name = pool.get(buf.readUInt32LE(body + 4));
  const attrStart = buf.readUInt16LE(body + 8);
  const attrSize = buf.readUInt16LE(body + 10);
  const attrCount = buf.readUInt16LE(body + 12);
  if (attrCount > 0 && (attrSize < 20 || body + attrStart + attrCount * attrSize > end)) {
    throw new AxmlError(`element <${name}>: attributes out of bounds`);
  }
  const attrs: Attr[] = [];
  for (let i = 0; i < attrCount; i++) {
    const a = body + attrStart + i * attrSize;
    const nameIndex = buf.readUInt32LE(a + 4);
    const rawIndex = buf.readUInt32LE(a + 8);
    attrs.push({
      name: pool.get(nameIndex),
      resId: nameIndex < resMap.length ? resMap[nameIndex]! : 0,
      raw: rawIndex === NO_INDEX ? null : pool.get(rawIndex),
      type: buf[a + 15]!,
      data: buf.readUInt32LE(a + 16),
    });
  }
  return { depth, ns: pool.get(nsIndex), name, attrs };
}

function androidAttr(el: Element, resId: number, name: string): Attr | undefined {
  return el.attrs.find((a) => a.resId === resId) ?? el.attrs.find((a) => a.resId === 0 && a.name === name);
}

const isInt = (a: Attr): boolean => a.type === TYPE.INT_DEC || a.type === TYPE.INT_HEX;

function intAttr(el: Element, resId: number, name: string): number | undefined {
  const a = androidAttr(el, resId, name);
  if (!a) return undefined;
  if (isInt(a)) return a.data | 0;
  if (a.type === TYPE.STRING && a.raw !== null && /^-?\d+$/.test(a.raw.trim())) return Number(a.raw.trim());
  throw new AxmlError(`${name}: unsupported value type 0x${a.type.toString(16)}`);
}

/** apksig's mapping of preview codenames ("O", "Q"...) to the SDK level they precede. */
export function codenameToSdk(codename: string): number {
  const c = codename.charCodeAt(0);
  const letter = codename[0] ?? '';
  if (!(c >= 65 && c <= 90)) throw new AxmlError(`unrecognised SDK codename "${codename}"`);
  const known: Record<string, number> = { A: 1, B: 1, C: 2, D: 3, E: 4, F: 7, G: 8, H: 10, I: 13, J: 15, K: 18, L: 20, M: 22, N: 23, O: 25 };
  return known[letter] ?? 25 + (c - 'O'.charCodeAt(0));
}

function sdkAttr(el: Element, resId: number, name: string): number | undefined {
  const a = androidAttr(el, resId, name);
  if (!a) return undefined;
  if (isInt(a)) return a.data | 0;
  if (a.type === TYPE.STRING && a.raw !== null) {
    const raw = a.raw.trim();
    return /^\d+$/.test(raw) ? Number(raw) : codenameToSdk(raw);
  }
  throw new AxmlError(`${name}: unsupported value type 0x${a.type.toString(16)}`);
}

function stringAttr(a: Attr | undefined): string | null {
  if (!a) return null;
  switch (a.type) {
    case TYPE.STRING:
      return a.raw;
    case TYPE.REFERENCE:
      // Needs resources.arsc to resolve; report the reference itself.
      return `@${a.data.toString(16).padStart(8, '0')}`;
    case TYPE.INT_DEC:
      return String(a.data | 0);
    case TYPE.INT_HEX:
      return `0x${a.data.toString(16)}`;
    case TYPE.INT_BOOLEAN:
      return a.data !== 0 ? 'true' : 'false';
    default:
      return a.raw;
  }
}

export function parseManifest(buf: Buffer): ManifestInfo | Issue {
  try {
    const info: ManifestInfo = {
      package: null,
      versionCode: null,
      versionCodeMajor: 0,
      longVersionCode: null,
      versionName: null,
      minSdk: 1,
      targetSdk: 1,
      targetSandboxVersion: 1,
    };
    let sawManifest = false;
    let minSdk: number | undefined;
    let targetSdk: number | undefined;
    for (const el of elements(buf)) {
      if (el.ns !== '') continue;
      if (el.depth === 1 && el.name === 'manifest' && !sawManifest) {
        sawManifest = true;
        const pkg = el.attrs.find((a) => a.name === 'package' && a.resId === 0);
        info.package = pkg?.type === TYPE.STRING ? pkg.raw : null;
        info.versionCode = intAttr(el, RES.versionCode, 'versionCode') ?? null;
        info.versionCodeMajor = intAttr(el, RES.versionCodeMajor, 'versionCodeMajor') ?? 0;
        info.versionName = stringAttr(androidAttr(el, RES.versionName, 'versionName'));
        info.targetSandboxVersion = intAttr(el, RES.targetSandboxVersion, 'targetSandboxVersion') ?? 1;
      } else if (el.depth === 2 && el.name === 'uses-sdk') {
        const min = sdkAttr(el, RES.minSdkVersion, 'minSdkVersion') ?? 1;
        minSdk = Math.max(minSdk ?? 1, min);
        const target = sdkAttr(el, RES.targetSdkVersion, 'targetSdkVersion');
        if (target !== undefined) targetSdk = Math.max(targetSdk ?? 0, target);
      }
    }
    if (!sawManifest) return apkIssue('APK_MANIFEST_MALFORMED', { reason: 'no <manifest> element' });
    info.minSdk = minSdk ?? 1;
    info.targetSdk = targetSdk ?? info.minSdk;
    if (info.versionCode !== null) {
      info.longVersionCode = (info.versionCodeMajor >>> 0) * 2 ** 32 + (info.versionCode >>> 0);
    }
    return info;
  } catch (err) {
    if (err instanceof AxmlError || err instanceof RangeError) {
      return apkIssue('APK_MANIFEST_MALFORMED', { reason: err.message });
    }
    throw err;
  }
}
