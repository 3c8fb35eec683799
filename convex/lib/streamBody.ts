import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { StreamStatus } from "../validators";
import { isFinalStatus, streamStatusOf } from "./replyStatus";
import { asStreamId, streaming } from "./streaming";

/**
 * The text of an assistant message so far and its status, in the shape the component's
 * `useStream` hook expects; one answer for the visitor (`chat:getStreamBody`) and the operators
 * (`inbox:getStreamBody`). Once the reply has ended, the message's stored content and status (so an
 * `error` keeps the partial text); before that, the component's persisted chunks.
 */
export async function readStreamBody(
  ctx: QueryCtx,
  message: Doc<"messages"> & { streamId: string },
): Promise<{ text: string; status: StreamStatus; cutAtLimit?: boolean }> {
  if (isFinalStatus(message.status)) {
    const body = { text: message.content, status: streamStatusOf(message.status) };
    return message.cutAtLimit === true ? { ...body, cutAtLimit: true } : body;
  }
  const body = await streaming.getStreamBody(ctx, asStreamId(message.streamId));
  // The component says "pending" until its first write; once a driver has claimed the reply it
  // is already generating, and readers must not try to drive it themselves.
  if (body.status === "pending" && message.status === "streaming") {
    return { text: body.text, status: "streaming" };
  }
  return body;
}

/**
 * What a reader that already has the first `offset` characters of a reply lacks: the text from
 * `from` on (`from` is `offset`, or 0 when the text no longer starts with what the reader has
 * counted, e.g. an ended reply whose stored content is shorter: the reader then replaces its copy).
 * The query still reads the whole body on the server; only the new text crosses the network.
 */
export async function readStreamBodyAfter(
  ctx: QueryCtx,
  message: Doc<"messages"> & { streamId: string },
  offset: number,
): Promise<{ text: string; from: number; status: StreamStatus }> {
  const body = await readStreamBody(ctx, message);
  const from = offset <= body.text.length ? offset : 0;
  return { text: body.text.slice(from), from, status: body.status };
}
