import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { setComponentStatus } from "./streaming";

/** Least time between two stop checks of a generating reply (they run on provider chunks). */
export const STOP_CHECK_INTERVAL_MS = 200;
/**
 * How long after a stop request of a `streaming` reply the fallback ends it, in case no driver
 * notices (the driver died). A live driver notices within one chunk and ends it itself first.
 */
export const STOP_FALLBACK_MS = 3_000;

/** A reply must stop generating once the visitor asked, or once something else ended it. */
export function mustStop(message: Doc<"messages">): boolean {
  return message.stopRequestedAt !== undefined || message.status !== "streaming";
}

/**
 * A visitor's stop of their reply (`chat:stopReply`). A final reply is left alone. A `pending` one
 * (nobody claimed it) ends at once as `stopped` with no text; its component stream is closed as
 * `done`, so a driver arriving later is refused and readers see an empty finished body. A
 * `streaming` one is marked; its driver sees the mark (persist writes and polls return it) and
 * ends it as `stopped` with all text produced so far. The scheduled fallback ends it with the
 * persisted text if no driver did.
 */
export async function requestStop(ctx: MutationCtx, message: Doc<"messages">): Promise<void> {
  if (message.streamId === undefined) return;
  const now = Date.now();
  if (message.status === "pending") {
    await ctx.db.patch(message._id, { status: "stopped", content: "", stopRequestedAt: now });
    await setComponentStatus(ctx, message.streamId, "done");
  } else if (message.status === "streaming" && message.stopRequestedAt === undefined) {
    await ctx.db.patch(message._id, { stopRequestedAt: now });
    await ctx.scheduler.runAfter(STOP_FALLBACK_MS, internal.replyWatchdog.endStoppedReply, { messageId: message._id });
  }
}

/**
 * Learns, cheaply, that a generating reply must stop, and aborts `signal` then (which ends the
 * provider's request). Sources: the answers of the reply's own persist and progress mutations
 * ({@link learn}), and a check started on a provider chunk ({@link poll}) at most every
 * {@link STOP_CHECK_INTERVAL_MS}, never awaited by generation and at most one in flight.
 */
export class StopWatch {
  readonly #controller = new AbortController();
  #lastCheckAt = -Infinity;
  #inFlight: Promise<void> | undefined;

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

  /** Takes a mutation's answer to "must this reply stop?". */
  learn(stopRequested: boolean): void {
    if (stopRequested && !this.requested) this.#controller.abort(new Error("The reply was stopped."));
  }

  /** Called on every provider chunk: starts a check when one is due. */
  poll(): void {
    if (this.requested || this.#inFlight || Date.now() - this.#lastCheckAt < this.intervalMs) return;
    this.#lastCheckAt = Date.now();
    this.#inFlight = this.check()
      .then((stop) => this.learn(stop))
      // A failed check is only logged: the next chunk's check, or a write's answer, tells.
      .catch((error) => console.error("Stop check failed:", error))
      .finally(() => (this.#inFlight = undefined));
  }

  /** Waits for the check in flight, so none outlives the reply. */
  async settled(): Promise<void> {
    await this.#inFlight;
  }
}
