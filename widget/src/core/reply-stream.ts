// A framework-free port of @convex-dev/persistent-text-streaming's React `useStream`.
// The tab that sent a message drives its reply: it POSTs `{ streamId }` to the stream route and
// reads the body as it arrives. Everyone else reads the persisted body through `chat:getStreamBody`.
// Unlike the hook, the fetch lives exactly as long as this object (one per stream id, not per
// render), every failure or abort falls back to the persisted body, and when the HTTP body ends the
// text is reconciled with the persisted final text without shrinking or duplicating what is shown.
import type { ConvexClient } from "convex/browser";
import { chatApi, isFinal, type StreamBody } from "./api.js";
import { Store } from "./store.js";

export interface ReplyStreamOptions {
  client: ConvexClient;
  streamId: string;
  /** True only in the tab that created the stream (it sent the message). */
  driven: boolean;
  /** The stream route, e.g. `https://NAME.convex.site/chat-stream`. */
  streamUrl: string;
  /** A current JWT for the route's `Authorization` header. */
  token: () => Promise<string>;
  /** The fetch to drive with (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * The text and status of one reply, following it until it is final.
 *
 * @example
 * const reply = new ReplyStream({ client, streamId, driven: true, streamUrl, token });
 * reply.body.subscribe(({ text, status }) => render(text, status));
 * // later: reply.dispose();
 */
export class ReplyStream {
  /** Current `{ text, status }`; status is derived as in `useStream`. */
  readonly body = new Store<StreamBody>({ text: "", status: "pending" });
  private readonly abort = new AbortController();
  private streamedText = "";
  private driverFinished = false;
  private unsubscribe: (() => void) | undefined;
  private disposed = false;

  constructor(private readonly options: ReplyStreamOptions) {
    if (options.driven) void this.drive();
    else this.followPersisted();
  }

  /** Whether this object is reading the HTTP response (rather than the database). */
  get driving(): boolean {
    return this.options.driven && this.unsubscribe === undefined && !this.disposed;
  }

  /** Stops the fetch and the subscription. The server keeps generating and persisting. */
  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    this.unsubscribe?.();
  }

  private async drive(): Promise<void> {
    const { streamId, streamUrl } = this.options;
    const fetchStream = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      const token = await this.options.token();
      const response = await fetchStream(streamUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ streamId }),
        signal: this.abort.signal,
      });
      // 205 and 409 mean someone else drives or drove it; any non-OK status: read the database.
      if (response.status === 205 || !response.ok || !response.body) {
        void response.body?.cancel().catch(() => undefined);
        return this.followPersisted();
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        const text = decoder.decode(value, { stream: !done });
        if (text) {
          this.streamedText += text;
          this.body.set({ text: this.streamedText, status: "streaming" });
        }
        if (done) break;
      }
      this.driverFinished = true;
      this.body.set({ text: this.streamedText, status: "done" });
      // The persisted text is the record; adopt it once final (normally identical).
      this.followPersisted();
    } catch {
      if (!this.disposed) this.followPersisted();
    }
  }

  private followPersisted(): void {
    if (this.disposed || this.unsubscribe) return;
    this.unsubscribe = this.options.client.onUpdate(
      chatApi.getStreamBody,
      { streamId: this.options.streamId },
      (persisted) => this.adoptPersisted(persisted),
      // A query error (e.g. the stream is not the visitor's) ends the reply as an error.
      () => this.body.set({ text: this.body.value.text, status: "error" }),
    );
  }

  private adoptPersisted(persisted: StreamBody): void {
    // The database lags the HTTP body (it is written at sentence ends): never show less text than
    // the driver already showed, nor step back from "done", until the persisted reply is final.
    const behind = this.driverFinished || persisted.text.length < this.streamedText.length;
    if (isFinal(persisted.status) || !behind) {
      const current = this.body.value;
      if (current.text !== persisted.text || current.status !== persisted.status) this.body.set(persisted);
    }
    if (isFinal(persisted.status)) {
      this.unsubscribe?.();
      this.unsubscribe = () => undefined;
    }
  }
}
