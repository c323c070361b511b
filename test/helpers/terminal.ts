import { Writable } from 'node:stream';

/**
 * A stream IO and ora write to as they would to a terminal (`isTTY`) or to a pipe: it collects the
 * text, and a cleared line as the escape code that clears it, so a test sees what a spinner drew.
 */
export class Terminal extends Writable {
  text = '';
  constructor(readonly isTTY = true) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    this.text += '\u001b[2K';
    return true;
  }
  get columns(): number {
    return 80;
  }
}
