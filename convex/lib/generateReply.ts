import type { GenericActionCtx, GenericDataModel } from "convex/server";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { ProviderError, providerFromEnv, systemPromptFromEnv } from "../providers";
import { asStreamId, streaming } from "./streaming";

/** A reply this request has claimed (see `replies:claimReply`). */
export type ClaimedReply = {
  streamId: string;
  messageId: Id<"messages">;
  conversationId: Id<"conversations">;
  createdAt: number;
};

/**
 * Generates a claimed reply through the component's `stream()`: every piece goes to the HTTP body
 * at once and is persisted by the component; at the end the message gets its final text and
 * status. Returns the component's streaming response, or null if the component refused to start.
 */
export async function generateReply(
  ctx: ActionCtx,
  request: Request,
  reply: ClaimedReply,
): Promise<Response | null> {
  const history = await ctx.runQuery(internal.replies.recentHistory, {
    conversationId: reply.conversationId,
    before: reply.createdAt,
  });
  const provider = providerFromEnv();
  const system = systemPromptFromEnv();
  // stream() is typed for a GenericDataModel ctx, which this app's typed ctx does not satisfy;
  // the writer below uses the typed outer `ctx`.
  const genericCtx = ctx as unknown as GenericActionCtx<GenericDataModel>;
  const response = await streaming.stream(genericCtx, request, asStreamId(reply.streamId), (_c, _r, _s, append) =>
    writeReply(ctx, reply, provider.generate({ system, history }), provider.name, append),
  );
  if (response.status === 205) {
    // The component's stream is no longer pending (its cron timed it out): nothing will generate.
    await ctx.runMutation(internal.replies.finishReply, {
      messageId: reply.messageId,
      content: "",
      status: "timeout",
      error: "The reply was not started in time.",
    });
    return null;
  }
  return response;
}

/**
 * Appends every piece to the component's stream, then stores the final text and status. Failures
 * are caught here rather than by the component, which would drop the text after the last sentence
 * end: the stream then ends normally and the message carries the error with the partial text.
 */
async function writeReply(
  ctx: ActionCtx,
  reply: ClaimedReply,
  pieces: AsyncIterable<string>,
  providerName: string,
  append: (text: string) => Promise<void>,
): Promise<void> {
  let text = "";
  let outcome: { status: "done" } | { status: "error"; error: string };
  try {
    for await (const piece of pieces) {
      text += piece;
      await append(piece);
    }
    outcome = { status: "done" };
  } catch (error) {
    // Provider failures are expected events: log the reason; anything else is a bug, log it all.
    console.error(`Reply ${reply.messageId} failed (${providerName}):`, error instanceof ProviderError ? error.message : error);
    outcome = { status: "error", error: failureReason(error) };
  }
  await ctx.runMutation(internal.replies.finishReply, { messageId: reply.messageId, content: text, ...outcome });
}

function failureReason(error: unknown): string {
  if (error instanceof ProviderError) return error.message;
  return "The reply could not be completed because of a server error.";
}
