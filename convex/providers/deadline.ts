/**
 * Aborts a provider request after `totalMs` in all, or after `idleMs` without a byte from the
 * provider (waiting for the response headers counts as idle too). One AbortController with two
 * timers rather than `AbortSignal.any(...)`, which not every JavaScript runtime Convex runs has.
 */
export class RequestDeadline {
  /** True once either limit was hit: a failure after that is a timeout, not a lost connection. */
  expired = false;
  private readonly controller = new AbortController();
  private readonly totalTimer: ReturnType<typeof setTimeout>;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    totalMs: number,
    private readonly idleMs: number,
  ) {
    this.totalTimer = setTimeout(() => this.expire(), totalMs);
    this.progress();
  }

  /** The signal to pass to `fetch`; aborting it also fails reads of the response body. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts the request when `signal` does (the reply was stopped); not a timeout. */
  follow(signal: AbortSignal | undefined): void {
    if (!signal) return;
    const abort = () => this.controller.abort(signal.reason);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  }

  /** Bytes arrived: restart the idle timer. */
  progress(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.expire(), this.idleMs);
  }

  /** The body, restarting the idle timer on every chunk read from it. */
  watch(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => {
          this.progress();
          controller.enqueue(chunk);
        },
      }),
    );
  }

  /** Stops both timers (the request ended either way). */
  clear(): void {
    clearTimeout(this.totalTimer);
    clearTimeout(this.idleTimer);
  }

  private expire(): void {
    this.expired = true;
    this.clear();
    this.controller.abort(new Error("The AI provider request timed out."));
  }
}
