/**
 * The streaming HTTP body of a reply. Text is queued for the driver at once and never awaited:
 * a slow or vanished driver must not hold up generation and persistence (the reply still completes
 * in the database for every other reader). `close()` always ends the body, whatever happened.
 */
export class ReplyBody {
  private readonly stream = new TransformStream<Uint8Array, Uint8Array>();
  private writer: WritableStreamDefaultWriter<Uint8Array> | null = this.stream.writable.getWriter();
  private readonly encoder = new TextEncoder();

  /** What the route answers with. */
  get readable(): ReadableStream<Uint8Array> {
    return this.stream.readable;
  }

  /** Sends `text` to the driver; after the first failed write (driver gone) sends nothing more. */
  write(text: string): void {
    this.writer?.write(this.encoder.encode(text)).catch(() => {
      this.writer = null;
    });
  }

  /** Ends the body (idempotent; a driver that went away is not an error). */
  async close(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    await writer?.close().catch(() => {});
  }
}
