import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { isFinal, type StreamBody } from "../core/api.js";
import { Pacer } from "../core/pacer.js";
import { ReplyStream, type StreamRefusal, type WatchQuery } from "../core/reply-stream.js";

/** Where replies stream from. */
export interface ReplySource {
  client: ConvexClient;
  streamUrl: string;
  token: (forceRefresh?: boolean) => Promise<string>;
  /** The stream route refused reply `streamId` for good (it shows as failed). */
  onRefused?: (streamId: string, refusal: StreamRefusal) => void;
  /** Watch only, through this query (see ReplyStreamOptions.watchWith): the operators' console. */
  watch?: (streamId: string) => WatchQuery;
}

const EMPTY: StreamBody = { text: "", status: "pending" };

/**
 * Streamed text is painted at most this often (20 times a second). A driven reply arrives a token
 * at a time, and each paint lays out and rasters the log: painting every token costs the visitor's
 * tab one frame per token for text nobody reads faster. A reply's end is painted at once.
 */
export const STREAM_PAINT_INTERVAL_MS = 50;

/**
 * Keeps one {@link ReplyStream} per reply that is still in progress, for a Lit host.
 * `drive()` starts driving a reply the host just sent; `sync()` follows (reads) every other
 * unfinished reply from the database. Streams outlive renders and survive the host being moved in
 * the DOM; they end when the reply is final or the host leaves the page.
 *
 * @example
 * private replies = new ReplyStreamsController(this, () => ({ client, streamUrl, token }));
 * // after sendMessage: this.replies.drive(result.streamId);
 */
export class ReplyStreamsController implements ReactiveController {
  private readonly streams = new Map<string, { stream: ReplyStream; unsubscribe: () => void }>();
  private client: ConvexClient | undefined;
  private pendingDispose: ReturnType<typeof setTimeout> | undefined;
  private readonly paint = new Pacer(STREAM_PAINT_INTERVAL_MS, () => this.host.requestUpdate());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ReplySource | undefined,
  ) {
    host.addController(this);
  }

  /** Drives the reply to a message this host just sent (replacing a reader if one started first). */
  drive(streamId: string): void {
    const existing = this.streams.get(streamId);
    if (existing?.stream.driving) return;
    this.release(streamId);
    this.start(streamId, true);
    this.host.requestUpdate();
  }

  /** Follows every id in `unfinished` and lets go of replies that are neither listed nor driven. */
  sync(unfinished: ReadonlySet<string>): void {
    const source = this.source();
    if (source?.client !== this.client) this.releaseAll();
    this.client = source?.client;
    for (const id of unfinished) if (!this.streams.has(id)) this.start(id, false);
    for (const [id, { stream }] of this.streams) {
      const keepDriving = stream.driving && !isFinal(stream.body.value.status);
      if (!unfinished.has(id) && !keepDriving) this.release(id);
    }
  }

  /** The current body of a followed reply (empty and pending when it is not followed). */
  body(streamId: string): StreamBody {
    return this.streams.get(streamId)?.stream.body.value ?? EMPTY;
  }

  hostConnected(): void {
    clearTimeout(this.pendingDispose);
  }

  hostDisconnected(): void {
    // Deferred so that moving the host (disconnect + reconnect in one task) keeps its streams.
    this.pendingDispose = setTimeout(() => this.releaseAll(), 0);
  }

  private start(streamId: string, driven: boolean): void {
    const source = this.source();
    if (!source) return;
    this.client = source.client;
    const { client, streamUrl, token, onRefused, watch } = source;
    const stream = new ReplyStream({
      client,
      streamUrl,
      token,
      streamId,
      driven,
      watchWith: watch?.(streamId),
      onRefused: (refusal) => onRefused?.(streamId, refusal),
    });
    const unsubscribe = stream.body.subscribe((body) => (isFinal(body.status) ? this.paint.runNow() : this.paint.request()));
    this.streams.set(streamId, { stream, unsubscribe });
  }

  private release(streamId: string): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    entry.unsubscribe();
    entry.stream.dispose();
    this.streams.delete(streamId);
  }

  private releaseAll(): void {
    this.paint.cancel();
    for (const id of [...this.streams.keys()]) this.release(id);
  }
}
