// A framework-free port of @convex-dev/persistent-text-streaming's React `useStream`.
// The tab that sent a message drives its reply: it POSTs `{ streamId }` to the stream route and
// reads the body as it arrives. Everyone else follows the newest persisted piece (`chat:streamTail`)
// and reads what they missed by cursor (`chat:streamChunksAfter`; core/cursor-reader.ts).
// Unlike the hook, the fetch lives exactly as long as this object (one per stream id, not per
// render); a driver that is refused for a passing reason (no token yet, network, 401, 5xx) tries
// again before it reads; a body that breaks off or goes quiet falls back to the persisted body; a
// reply nobody started (its tab closed before the POST) is driven by whichever reader notices; and
// when the HTTP body ends the text is reconciled with the persisted final text without shrinking or
// duplicating what is shown. A final status comes only from the server's record: the end of the
// HTTP body says nothing of how the reply ended (done, error or stopped look alike there).
import type { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import { chatApi, isFinal, type StreamBody } from "./api.js";
import { readByCursor, type CursorQueries } from "./cursor-reader.js";
import { callStreamRoute } from "./stream-route-request.js";
import { Store } from "./store.js";

export interface ReplyStreamOptions {
  client: ConvexClient;
  streamId: string;
  /** True in the tab that created the stream (it sent the message): it drives at once. */
  driven: boolean;
  /** The stream route, e.g. `https://NAME.convex.site/chat-stream`. */
  streamUrl: string;
  /** A current JWT for the route's `Authorization` header; a fresh one when `forceRefresh`. */
  token: (forceRefresh?: boolean) => Promise<string>;
  /** The fetch to drive with (default: the global one). */
  fetch?: typeof fetch;
  /** A reply still `pending` (nobody started it) this long is driven by this reader (default 5 s). */
  takeoverAfterMs?: number;
  /** A driver whose response sends nothing for this long reads the database instead (default 20 s). */
  idleTimeoutMs?: number;
  /** The stream route refused the reply for good (the body then shows it as an error). */
  onRefused?: (refusal: StreamRefusal) => void;
  /**
   * Watch only, through this query instead of `chat:getStreamBody` (an operator's console reads
   * `inbox:getStreamBody`): never drives nor takes over a reply, which is the visitor's to start.
   */
  watchWith?: WatchQuery;
}

/** A query answering a reply's `{ text, status }`, with its arguments. */
export interface WatchQuery {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query: FunctionReference<"query", "public", any, StreamBody>;
  args: Record<string, unknown>;
  /** The same reply followed piece by piece (core/cursor-reader.ts); used instead of `query` when given. */
  cursor?: CursorQueries;
}

/** Why the stream route refused a reply: the server's code and message when it gave them. */
export interface StreamRefusal {
  /** The HTTP status; undefined when no answer could be read (network, CORS). */
  status?: number;
  code?: string;
  message?: string;
}

/** Pauses between attempts of one drive; their count bounds the attempts. */
export const RETRY_DELAYS_MS = [250, 1_000, 2_500];
/** A 429 whose `Retry-After` is longer than this is shown at once rather than waited for. */
export const MAX_RETRY_AFTER_MS = 30_000;
// Readers stop trying to start a reply after this many takeovers (each with its own retries).
const MAX_TAKEOVERS = 3;

/**
 * The text and status of one reply, following it until it is final.
 *
 * @example
 * const reply = new ReplyStream({ client, streamId, driven: true, streamUrl, token });
 * reply.body.subscribe(({ text, status }) => render(text, status));
 * // later: reply.dispose();
 */
export class ReplyStream {
  /**
   * Current `{ text, status }`. The status turns final only when `chat:getStreamBody` reports the
   * stored end (which calls a stopped reply `done`: the message's own status tells them apart).
   */
  readonly body = new Store<StreamBody>({ text: "", status: "pending" });
  private readonly abort = new AbortController();
  private mode: "driving" | "reading" = "reading";
  private streamedText = "";
  private driverFinished = false;
  private unsubscribe: (() => void) | undefined;
  private takeoverTimer: ReturnType<typeof setTimeout> | undefined;
  private takeoversLeft = MAX_TAKEOVERS;
  private final = false;
  /** The route refused this reply for good: shown as an error until the stored reply moves on. */
  private refused = false;

  constructor(private readonly options: ReplyStreamOptions) {
    if (options.driven && !options.watchWith) void this.drive();
    else this.read();
  }

  /** Whether this object is requesting or reading the HTTP response (rather than the database). */
  get driving(): boolean {
    return this.mode === "driving" && !this.abort.signal.aborted;
  }

  /** Stops the fetch and the subscription. The server keeps generating and persisting. */
  dispose(): void {
    this.abort.abort();
    this.stopReading();
  }

  private async drive(): Promise<void> {
    this.mode = "driving";
    let forceRefresh = false;
    for (let attempt = 0; ; attempt++) {
      const outcome = await callStreamRoute({
        streamUrl: this.options.streamUrl,
        streamId: this.options.streamId,
        token: this.options.token,
        forceRefresh,
        fetch: this.options.fetch ?? globalThis.fetch.bind(globalThis),
        signal: this.abort.signal,
        idleTimeoutMs: this.options.idleTimeoutMs ?? 20_000,
        onText: (text) => {
          this.streamedText = text;
          this.body.set({ text, status: "streaming" });
        },
      });
      if (outcome.kind === "aborted") return;
      if (outcome.kind === "failed" && outcome.retryable && attempt < RETRY_DELAYS_MS.length) {
        // 429 (today's budget is spent): when the server says, unless that is too long to wait.
        const wait = outcome.status === 429 ? (outcome.retryAfterMs ?? RETRY_DELAYS_MS[attempt]) : RETRY_DELAYS_MS[attempt];
        if (wait <= MAX_RETRY_AFTER_MS) {
          forceRefresh = outcome.status === 401;
          if (!(await this.pause(wait))) return;
          continue;
        }
      }
      // Show it failed, or it would wait for ever: when refused for good (403 site disabled, 404,
      // 410, 429 still), or when the last drive this reply gets here failed too (the route
      // unreachable, or its CORS preflight refused: a page the site does not allow, whose 403 the
      // browser hides). Other failures read the database: the reply may run, or a reader start it.
      if (outcome.kind === "failed") {
        const { status, code, message, retryable } = outcome;
        const forGood = status !== undefined && (!retryable || status === 429);
        if (forGood || this.takeoversLeft === 0) return this.refuse({ status, code, message });
      }
      // Still "streaming" with all the text: the stored status says how it ended (read() below).
      if (outcome.kind === "finished") this.driverFinished = true;
      // Someone generates it: never try to start it again.
      if (outcome.kind !== "failed") this.takeoversLeft = 0;
      // The persisted text is the record (and the rest of an interrupted reply): adopt it.
      return this.read();
    }
  }

  private read(): void {
    this.mode = "reading";
    if (this.abort.signal.aborted || this.unsubscribe || this.final) return;
    const watch = this.options.watchWith;
    const adopt = (persisted: StreamBody) => this.adoptPersisted(persisted);
    // A query error (e.g. the stream is not the visitor's) ends the reply as an error.
    const fail = () => this.body.set({ text: this.body.value.text, status: "error" });
    // Piece by piece (only the new text crosses the network) unless the watcher has only a whole-body query.
    const cursor = watch
      ? watch.cursor
      : { tail: chatApi.streamTail, after: chatApi.streamChunksAfter, args: { streamId: this.options.streamId } };
    this.unsubscribe = cursor
      ? readByCursor(this.options.client, cursor, adopt, fail)
      : this.options.client.onUpdate(watch!.query, watch!.args, adopt, fail);
  }

  private stopReading(): void {
    clearTimeout(this.takeoverTimer);
    this.takeoverTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private adoptPersisted(persisted: StreamBody): void {
    // Keep showing the refusal while the stored reply has not moved (no one else started or ended it).
    if (this.refused && !isFinal(persisted.status) && !persisted.text) return;
    // The database lags the HTTP body (it is written on a timed policy): never show less text than
    // the driver already showed until the persisted reply is final.
    const behind = this.driverFinished || persisted.text.length < this.streamedText.length;
    if (isFinal(persisted.status) || !behind) {
      const current = this.body.value;
      if (current.text !== persisted.text || current.status !== persisted.status) this.body.set(persisted);
    }
    if (isFinal(persisted.status)) {
      this.final = true;
      this.stopReading();
    } else if (persisted.status === "pending" && !persisted.text) {
      this.scheduleTakeover();
    } else {
      clearTimeout(this.takeoverTimer);
      this.takeoverTimer = undefined;
    }
  }

  // A reply left pending (its tab closed before driving, or its driver gave up) would wait for
  // ever: start it. The server's claim lets exactly one request generate; the others get 409.
  private scheduleTakeover(): void {
    if (this.takeoverTimer !== undefined || this.takeoversLeft === 0 || this.options.watchWith) return;
    this.takeoverTimer = setTimeout(() => {
      this.takeoversLeft -= 1;
      this.stopReading();
      void this.drive();
    }, this.options.takeoverAfterMs ?? 5_000);
  }

  private refuse(refusal: StreamRefusal): void {
    this.refused = true;
    this.takeoversLeft = 0;
    this.body.set({ text: this.body.value.text, status: "error", error: refusal.message, code: refusal.code });
    this.options.onRefused?.(refusal);
    this.read();
  }

  /** Waits `ms`; false if the stream was disposed meanwhile. */
  private pause(ms: number): Promise<boolean> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(!signal.aborted), ms);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve(false)), { once: true });
    });
  }
}
