import { open, type FileHandle } from 'node:fs/promises';

/**
 * Random-access bytes (apksig's DataSource). Verifiers read through this, never through a path,
 * so tests can feed buffers and the file is never loaded whole.
 */
export interface ByteSource {
  readonly size: number;
  /** Reads exactly `length` bytes at `offset`; throws RangeError past the end. */
  read(offset: number, length: number): Promise<Buffer>;
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
}

export class FileSource implements ByteSource {
  private constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const fh = await open(path, 'r');
    const st = await fh.stat();
    return new FileSource(fh, st.size, path);
  }

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length, this.size);
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, offset + done);
      if (bytesRead === 0) throw new RangeError(`file shrank while reading ${this.path}`);
      done += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

function checkRange(offset: number, length: number, size: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new RangeError(`read of ${length} bytes at ${offset} is outside 0..${size}`);
  }
}
