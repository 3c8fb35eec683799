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
