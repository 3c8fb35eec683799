/** Time between two stop checks of a generating reply (from the end of one to the start of the next). */
export const STOP_CHECK_INTERVAL_MS = 250;
/**
 * Watches for a stop request of a generating reply (lib/replyLifecycle.ts `requestStop`): learns,
 * cheaply, that the reply must stop, and aborts `signal` then (which ends the provider's request).
 * Sources: the answers of the reply's own persist and progress mutations ({@link learn}), and a
 * check on a timer every {@link STOP_CHECK_INTERVAL_MS} while generation runs ({@link start} to
 * {@link end}) - a timer, not provider chunks, so a provider that stalls and sends nothing is still
 * stopped promptly. Never awaited by generation; checks never overlap (the
 * next is timed from the end of the last); a fresh answer from a mutation postpones the next check.
 */
export class StopRequestWatcher {
  readonly #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;
  #ended = false;

  constructor(
    private readonly check: () => Promise<boolean>,
    private readonly intervalMs = STOP_CHECK_INTERVAL_MS,
  ) {}

  /** Aborted once a stop is known. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get requested(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Starts the timed checks (call once generation starts waiting on the provider). */
  start(): void {
    this.#schedule();
  }

  /** Takes a mutation's answer to "must this reply stop?"; a "no" counts as a check just made. */
  learn(stopRequested: boolean): void {
    if (this.requested) return;
    if (stopRequested) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#controller.abort(new Error("The reply was stopped."));
    } else if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#schedule();
    }
  }

  /** No more checks (generation is over); a check in flight still finishes. */
  end(): void {
    this.#ended = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ends the checks and waits for the one in flight, so none outlives the reply. */
  async settled(): Promise<void> {
    this.end();
    await this.#inFlight;
  }

  #schedule(): void {
    if (this.#ended || this.requested) return;
    this.#timer = setTimeout(() => this.#run(), this.intervalMs);
  }

  #run(): void {
    this.#timer = undefined;
    this.#inFlight = this.check()
      .then((stop) => this.learn(stop))
      // A failed check is only logged: the next one, or a write's answer, tells.
      .catch((error) => console.error("Stop check failed:", error))
      .finally(() => {
        this.#inFlight = undefined;
        this.#schedule();
      });
  }
}
