import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { ArtifactInspector, InspectOptions, InspectResult } from './types.js';
import { ValidationError } from '../errors.js';
import { checkRegularFile } from '../util/byte-source.js';

/**
 * Artifact kinds, most specific first. Sniffing is cheap and done here; the inspector module is
 * imported only when chosen, so `otactl --version` never loads the APK or ESP code.
 */
interface KindEntry {
  family: string;
  sniff(head: Buffer, name: string): boolean;
  load(): Promise<ArtifactInspector>;
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_EMPTY = 0x06054b50;

const registry: KindEntry[] = [
  {
    family: 'apk',
    sniff: (head, name) =>
      head.length >= 4 &&
      (head.readUInt32LE(0) === ZIP_LOCAL || head.readUInt32LE(0) === ZIP_EMPTY) &&
      /\.apk$/i.test(name),
    load: async () => (await import('./apk/index.js')).apkInspector,
  },
  {
    family: 'esp',
    // 0xE9: ESP32-family and ESP8266 v1 images; 0xEA: ESP8266 v2; CF B6 88 07: esp_encrypted_img.
    sniff: (head) =>
      head.length >= 1 &&
      (head[0] === 0xe9 || head[0] === 0xea || (head.length >= 4 && head.readUInt32LE(0) === 0x0788b6cf)),
    load: async () => (await import('./esp/index.js')).espInspector,
  },
  {
    family: 'file',
    sniff: () => true,
    load: async () => (await import('./file/inspector.js')).fileInspector,
  },
];

export const ARTIFACT_FAMILIES = registry.map((k) => k.family);

/** Picks the inspector for a file: `--kind` if given, else by its first bytes and name. */
export async function chooseInspector(path: string, forcedKind?: string): Promise<ArtifactInspector> {
  if (forcedKind !== undefined) {
    const entry = registry.find((k) => k.family === forcedKind);
    if (!entry) {
      throw new ValidationError(`unknown artifact kind "${forcedKind}" (known: ${ARTIFACT_FAMILIES.join(', ')})`, 'E_KIND');
    }
    return entry.load();
  }
  const head = readHead(path, 64);
  const entry = registry.find((k) => k.sniff(head, basename(path)))!;
  return entry.load();
}

/** Inspects a file; a missing or unreadable file is bad input (ValidationError), not a crash. */
export async function inspectArtifact(path: string, options: InspectOptions = {}, forcedKind?: string): Promise<InspectResult> {
  try {
    checkRegularFile(path);
    const inspector = await chooseInspector(path, forcedKind);
    return await inspector.inspect(path, options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ValidationError(`${path}: no such file`, 'E_NO_FILE');
    if (code === 'EISDIR') throw new ValidationError(`${path} is a directory`, 'E_NO_FILE');
    if (code === 'EACCES') throw new ValidationError(`${path}: permission denied`, 'E_NO_FILE');
    throw err;
  }
}

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}
