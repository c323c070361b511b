/**
 * Cursor over the little-endian, length-prefixed structures of the APK Signing Block (docs/formats.md A.4).
 * Every read is bounds-checked against the enclosing element; a violation throws LpError, which the
 * scheme parsers turn into an Issue at their boundary (never past the public API).
 */
export class LpError extends Error {
  override readonly name = 'LpError';
}

export class LpReader {
  private pos = 0;
  constructor(readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  u32(): number {
    this.need(4, 'u32');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A u32 that apksig reads as a signed int and rejects when negative. */
  length(): number {
    const n = this.u32();
    if (n > 0x7fffffff) throw new LpError(`negative length ${n | 0}`);
    return n;
  }

  bytes(n: number): Buffer {
    this.need(n, 'field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** One length-prefixed element, as raw bytes. */
  lpBytes(): Buffer {
    return this.bytes(this.length());
  }

  /** One length-prefixed element, as a reader over its content. */
  lp(): LpReader {
    return new LpReader(this.lpBytes());
  }

  /** A sequence of length-prefixed elements filling the rest of this reader. */
  sequence(): LpReader[] {
    const out: LpReader[] = [];
    while (this.remaining > 0) out.push(this.lp());
    return out;
  }

  rest(): Buffer {
    return this.bytes(this.remaining);
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) throw new LpError(`${what} of ${n} bytes overruns its element (${this.remaining} left)`);
  }
}
