import { closeSync, fstatSync, readSync } from 'node:fs';
import { openRegularFileSync } from './regular-file.js';

/**
 * Random-access bytes (apksig's DataSource). Verifiers read through this, never through a path,
 * so tests can feed buffers and the file is never loaded whole.
 */
export interface ByteSource {
  readonly size: number;
  /** Reads exactly `length` bytes at `offset`; throws RangeError past the end. */
  read(offset: number, length: number): Promise<Buffer>;
  /** Reads `length` bytes at `offset` into scratch[0, length) and returns that view (lets a pass reuse one buffer). */
  readInto(scratch: Buffer, offset: number, length: number): Promise<Buffer>;
}

export class BufferSource implements ByteSource {
  constructor(private readonly buf: Buffer) {}
  get size(): number {
    return this.buf.length;
  }
  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length, this.buf.length);
    return this.buf.subarray(offset, offset + length);
  }
  async readInto(scratch: Buffer, offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length, this.buf.length);
    checkScratch(scratch, length);
    this.buf.copy(scratch, 0, offset, offset + length);
    return scratch.subarray(0, length);
  }
}

/**
 * A file read with synchronous calls behind the async interface: otactl is a CLI that reads one
 * local file at a time, and a thread-pool round trip per read (plus open/stat/close) costs more
 * than the page-cache copy itself at start-up.
 */
export class FileSource implements ByteSource {
  private fd: number | null;

  private constructor(
    fd: number,
    readonly size: number,
    readonly path: string,
  ) {
    this.fd = fd;
  }

  static async open(path: string): Promise<FileSource> {
    const fd = openRegularFileSync(path);
    try {
      return new FileSource(fd, fstatSync(fd).size, path);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length, this.size);
    return this.readInto(Buffer.allocUnsafe(length), offset, length);
  }

  async readInto(buf: Buffer, offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length, this.size);
    checkScratch(buf, length);
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, buf, done, length - done, offset + done);
      if (n === 0) throw new RangeError(`file shrank while reading ${this.path}`);
      done += n;
    }
    return buf.subarray(0, length);
  }

  async close(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function checkRange(offset: number, length: number, size: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new RangeError(`read of ${length} bytes at ${offset} is outside 0..${size}`);
  }
}

function checkScratch(scratch: Buffer, length: number): void {
  if (length > scratch.length) throw new RangeError(`read of ${length} bytes into a ${scratch.length}-byte buffer`);
}
