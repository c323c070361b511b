/**
 * Writes access log lines in batches: the lines of one event-loop turn go out as one write, and
 * while a write is in flight the next lines wait for it and go out together (one write per turn at
 * most, far fewer under load). A line is on its way at the end of the turn its response closed in,
 * so a reader polling the file sees it about as soon as before.
 *
 * `flush()` writes what is pending at once; after `stop()` (the server has closed) every line is
 * written as it comes and none after the stream ended. Nothing is buffered anywhere else, so a
 * server closed through `close()` (as `otactl serve` does on SIGINT and SIGTERM) loses no line.
 */
export class AccessLogWriter {
  private pending = '';
  private writing = false;
  private scheduled = false;
  private stopped = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  line(text: string): void {
    if (this.ended()) return;
    this.pending += `${text}\n`;
    if (this.stopped) return this.flush();
    if (!this.writing && !this.scheduled) {
      this.scheduled = true;
      setImmediate(this.writeBatch);
    }
  }

  /** Writes every pending line now (even with a write in flight: the stream keeps the order). */
  flush(): void {
    if (this.pending === '' || this.ended()) return;
    const chunk = this.pending;
    this.pending = '';
    this.stream.write(chunk);
  }

  /** The server has closed: flush, and from now on write each line as it comes. */
  stop(): void {
    this.stopped = true;
    this.flush();
  }

  private readonly writeBatch = (): void => {
    this.scheduled = false;
    if (this.pending === '' || this.writing || this.ended()) return;
    const chunk = this.pending;
    this.pending = '';
    this.writing = true;
    this.stream.write(chunk, () => {
      this.writing = false;
      if (this.pending !== '' && !this.scheduled) {
        this.scheduled = true;
        setImmediate(this.writeBatch);
      }
    });
  };

  /** A request still closing while the server shuts down must not write after the log ended. */
  private ended(): boolean {
    return (this.stream as NodeJS.WritableStream & { writableEnded?: boolean }).writableEnded === true;
  }
}
