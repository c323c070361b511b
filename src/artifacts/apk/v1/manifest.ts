/**
 * JAR manifest / signature-file text parser (MANIFEST.MF and *.SF share the format, docs/formats.md A.12).
 * Keeps every section's byte span, because the .SF signs sections by digesting their exact bytes.
 * Lines end in CRLF, CR or LF (Android accepts all three); a line starting with one space continues
 * the previous one. Continuations are joined as bytes before UTF-8 decoding, since the 72-byte line
 * limit may split a multi-byte character.
 */

export interface ManifestSection {
  /** Offset of the section's first non-empty line. */
  readonly start: number;
  /** Bytes from `start` through the empty line that ends the section (or to EOF). */
  readonly size: number;
  /** Value of the `Name` attribute; null when absent (an error for individual sections). */
  readonly name: string | null;
  /** Attribute value by case-insensitive name; the first occurrence wins. */
  get(attribute: string): string | undefined;
}

export interface ParsedManifest {
  /** Null only for a file with no non-empty line at all. */
  main: ManifestSection | null;
  individual: ManifestSection[];
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const utf8 = new TextDecoder('utf-8');

export function parseManifest(bytes: Buffer): ParsedManifest {
  const reader = new LineReader(bytes);
  const main = readSection(reader);
  const individual: ManifestSection[] = [];
  for (let section = readSection(reader); section; section = readSection(reader)) individual.push(section);
  return { main, individual };
}

function readSection(reader: LineReader): ManifestSection | null {
  let start: number;
  let line: Buffer | null;
  do {
    start = reader.offset;
    line = reader.readAttributeLine();
    if (line === null) return null;
  } while (line.length === 0);

  const attributes = new Map<string, string>();
  for (; line !== null && line.length > 0; line = reader.readAttributeLine()) {
    const text = utf8.decode(line);
    const colon = text.indexOf(': ');
    const [key, value] = colon < 0 ? [text, ''] : [text.slice(0, colon), text.slice(colon + 2)];
    const lower = key.toLowerCase();
    if (!attributes.has(lower)) attributes.set(lower, value);
  }
  return {
    start,
    size: reader.offset - start,
    name: attributes.get('name') ?? null,
    get: (attribute) => attributes.get(attribute.toLowerCase()),
  };
}

class LineReader {
  offset = 0;
  constructor(private readonly bytes: Buffer) {}

  /** One logical line (continuations joined), without its terminator; null at EOF. */
  readAttributeLine(): Buffer | null {
    const first = this.readLine();
    if (first === null || first.length === 0) return first;
    let parts: Buffer[] | null = null;
    while (this.offset < this.bytes.length && this.bytes[this.offset] === SPACE) {
      const next = this.readLine()!;
      (parts ??= [first]).push(next.subarray(1));
    }
    return parts ? Buffer.concat(parts) : first;
  }

  private readLine(): Buffer | null {
    const { bytes } = this;
    if (this.offset >= bytes.length) return null;
    const begin = this.offset;
    let end = begin;
    while (end < bytes.length && bytes[end] !== CR && bytes[end] !== LF) end++;
    let next = end;
    if (next < bytes.length) next += bytes[next] === CR && bytes[next + 1] === LF ? 2 : 1;
    this.offset = next;
    return bytes.subarray(begin, end);
  }
}

/** MANIFEST.MF with its individual sections indexed by entry name. */
export interface JarManifest {
  bytes: Buffer;
  main: ManifestSection | null;
  byName: ReadonlyMap<string, ManifestSection>;
}
