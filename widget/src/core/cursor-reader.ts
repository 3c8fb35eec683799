// Follows a reply being written with one subscription to its newest persisted piece
// (`chat:streamTail`): each piece crosses the network once, in one sync Transition, and the end costs
// one small one (the final status and length, with the last piece: the last write and the end
// usually arrive as one update). A subscription to the whole body
// (`chat:getStreamBody`) receives the whole text so far at every piece; one re-subscribed at each new
// length (`chat:streamChunksAfter`) costs three Transitions per piece. Updates may skip versions
// (two pieces committed between two Transitions, or a reader opening mid-reply), so the reader
// keeps its length as a cursor and reads what it lacks once by cursor (`streamChunksAfter`).
import type { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import type { NewestChunk, StreamBody, StreamStatus, StreamTail } from "./api.js";

/** The two queries a reader uses, with their shared arguments (the stream, and for operators the conversation). */
export interface CursorQueries {
  /** The newest persisted piece (`chat:streamTail`), subscribed to once. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tail: FunctionReference<"query", "public", any, NewestChunk>;
  /** The text after `offset` (`chat:streamChunksAfter`), read once when the reader missed some. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  after: FunctionReference<"query", "public", any, StreamTail>;
  args: Record<string, unknown>;
}

const FINAL = new Set<StreamStatus>(["done", "error", "timeout"]);

/**
 * Follows a reply, calling `onBody` with the whole text so far at each change; stops by itself once
 * the status is final. Returns the unsubscribe function.
 *
 * @example
 * const stop = readByCursor(client, { tail: chatApi.streamTail, after: chatApi.streamChunksAfter, args: { streamId } }, show, fail);
 */
export function readByCursor(
  client: Pick<ConvexClient, "onUpdate" | "query">,
  queries: CursorQueries,
  onBody: (body: StreamBody) => void,
  onError: (error: Error) => void,
): () => void {
  let text = "";
  let status: StreamStatus | undefined;
  let stopped = false;
  let newest: NewestChunk | undefined; // the latest answer of the subscription
  let filling = false; // a read by cursor in flight: answers wait for it
  let filledFor: NewestChunk | undefined; // the answer that caused the last read by cursor

  const show = (next: string, nextStatus: StreamStatus) => {
    if (next === text && nextStatus === status) return;
    text = next;
    status = nextStatus;
    onBody({ text, status });
    if (FINAL.has(status)) stop();
  };

  const apply = () => {
    const tail = newest;
    if (stopped || filling || tail === undefined) return;
    // A piece overlapping what the reader has (it read past it by cursor): only the part beyond.
    const next = tail.from > text.length ? undefined : text + tail.text.slice(text.length - tail.from);
    // A piece starting past what the reader has (it missed one), or an end at another length.
    const missing = next === undefined || (FINAL.has(tail.status) && tail.length !== next.length);
    // Once per answer: a read by cursor that still disagrees with it is the newer word.
    if (missing && tail !== filledFor) return fill(tail);
    show(next ?? text, tail.status);
  };

  const fill = (tail: NewestChunk) => {
    filling = true;
    filledFor = tail;
    client.query(queries.after, { ...queries.args, offset: text.length }).then(
      (after: StreamTail) => {
        filling = false;
        if (stopped) return;
        // `from` is 0 when the stored text no longer starts with what the reader counted: it replaces.
        show(text.slice(0, after.from) + after.text, after.status);
        apply(); // the subscription may have moved on meanwhile
      },
      (error: Error) => {
        filling = false;
        if (!stopped) onError(error);
      },
    );
  };

  let unsubscribe: (() => void) | undefined = client.onUpdate(
    queries.tail,
    queries.args,
    (tail: NewestChunk) => {
      newest = tail;
      apply();
    },
    (error: Error) => {
      if (!stopped) onError(error);
    },
  );
  if (stopped) unsubscribe();
  function stop() {
    if (stopped) return;
    stopped = true;
    unsubscribe?.();
    unsubscribe = undefined;
  }
  return stop;
}
