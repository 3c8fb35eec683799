// Reads a reply by cursor (`chat:streamChunksAfter`): subscribed with the length it has, it
// receives only the text after it, then moves the subscription to the new length. A watching tab
// thus receives each character about once, where a subscription to the whole body
// (`chat:getStreamBody`) receives the whole text so far at every persisted chunk.
import type { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import type { StreamBody, StreamTail } from "./api.js";

/** A query answering `{ text, from, status }` after `offset`, with its other arguments. */
export interface CursorQuery {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query: FunctionReference<"query", "public", any, StreamTail>;
  args: Record<string, unknown>;
}

const FINAL = new Set(["done", "error", "timeout"]);

/**
 * Follows a reply by cursor, calling `onBody` with the whole text so far at each change; stops
 * by itself once the status is final. Returns the unsubscribe function.
 *
 * @example
 * const stop = readByCursor(client, { query: chatApi.streamChunksAfter, args: { streamId } }, (body) => show(body));
 */
export function readByCursor(
  client: Pick<ConvexClient, "onUpdate">,
  cursor: CursorQuery,
  onBody: (body: StreamBody) => void,
  onError: (error: Error) => void,
): () => void {
  let text = "";
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  const subscribe = (offset: number) => {
    const previous = unsubscribe;
    // The new subscription first, then the old one dropped: no moment without a subscription.
    unsubscribe = client.onUpdate(
      cursor.query,
      { ...cursor.args, offset },
      (tail: StreamTail) => {
        if (stopped) return;
        // An answer for an offset this reader has moved past (the old subscription's last update).
        if (tail.from > text.length) return;
        const next = text.slice(0, tail.from) + tail.text;
        const grew = next !== text;
        text = next;
        onBody({ text, status: tail.status });
        if (FINAL.has(tail.status)) return stop();
        if (grew) subscribe(text.length);
      },
      (error: Error) => {
        if (!stopped) onError(error);
      },
    );
    previous?.();
  };
  const stop = () => {
    stopped = true;
    unsubscribe?.();
    unsubscribe = undefined;
  };
  subscribe(0);
  return stop;
}
