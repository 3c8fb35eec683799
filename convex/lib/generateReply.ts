import { components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { ProviderError, providerFromEnv, systemPromptFromEnv } from "../providers";
import { persistenceFromEnv, type Persistence } from "./persistPolicy";
import { ReplyBody } from "./replyBody";
import { activityIntervalMs, NOT_STARTED_REASON } from "./replyTimeouts";
import { setComponentStatus } from "./streaming";

/** A reply this request has claimed (see `replies:claimReply`). */
export type ClaimedReply = {
  streamId: string;
  messageId: Id<"messages">;
  conversationId: Id<"conversations">;
  createdAt: number;
};

type Ending = { content: string; status: "done" | "error" | "timeout"; error?: string };

const SERVER_FAILURE = "The reply could not be completed because of a server error.";

/** A chunk write failed because the component's stream has ended (e.g. its cron timed it out). */
class StreamEndedError extends Error {}

/**
 * Starts generating a claimed reply and returns the streaming body, or null when the component's
 * stream can no longer start (its cron timed it out; the reply is ended as `timeout`).
 *
 * Written with the component's own mutations rather than its `stream()` helper, which leaves the
 * HTTP body open and rejects unobserved when its final write fails, and drops the text after the
 * last sentence end on error. Here every path after the claim ends the message and the component
 * stream alike (`done`, or `error` with the text so far and a reason) and closes the body. If this
 * process dies instead, the reply watchdog (replyWatchdog.ts) ends the reply.
 */
export async function generateReply(ctx: ActionCtx, reply: ClaimedReply): Promise<Response | null> {
  try {
    const status = await ctx.runQuery(components.persistentTextStreaming.lib.getStreamStatus, {
      streamId: reply.streamId,
    });
    if (status !== "pending") {
      await finishReply(ctx, reply, { content: "", status: "timeout", error: NOT_STARTED_REASON });
      return null;
    }
  } catch (error) {
    await endAsFailed(ctx, reply, "", error);
    throw error;
  }
  const body = new ReplyBody();
  void writeReply(ctx, reply, body).finally(() => body.close());
  return new Response(body.readable);
}

/**
 * Generates, streams and persists the reply. Never rejects: failures end the reply as `error`.
 * When the text is written is the persistence policy's business (persistPolicy.ts); by default
 * generation never waits for a write.
 */
async function writeReply(ctx: ActionCtx, reply: ClaimedReply, body: ReplyBody): Promise<void> {
  let text = "";
  let persistence: Persistence | undefined;
  try {
    persistence = persistenceFromEnv(
      (piece, final) => addChunk(ctx, reply.streamId, piece, final),
      (error) => error instanceof StreamEndedError,
    );
    const history = await ctx.runQuery(internal.replies.recentHistory, {
      conversationId: reply.conversationId,
      before: reply.createdAt,
    });
    const progress = activityRecorder(ctx, reply.messageId);
    for await (const piece of providerFromEnv().generate({ system: systemPromptFromEnv(), history })) {
      text += piece;
      body.write(piece);
      await persistence.append(piece); // the timed policy returns at once
      progress.record();
    }
    await progress.settled();
    await persistence.finish();
    await finishReply(ctx, reply, { content: text, status: "done" });
  } catch (error) {
    await persistence?.stop();
    await endAsFailed(ctx, reply, text, error, persistence?.unsaved);
  }
}

/**
 * Logs the failure in full (the only place a provider's own words go), then ends the component
 * stream and the message as `error` (best effort). `unsaved`, the text after the last persisted
 * chunk, is persisted first so the component's text matches the message's partial text.
 */
async function endAsFailed(ctx: ActionCtx, reply: ClaimedReply, text: string, error: unknown, unsaved = ""): Promise<void> {
  if (error instanceof ProviderError) {
    console.error(`Reply ${reply.messageId} failed: ${error.message} (${error.detail ?? "no detail"})`);
  } else {
    console.error(`Reply ${reply.messageId} failed:`, error);
  }
  const reason = error instanceof ProviderError ? error.message : SERVER_FAILURE;
  if (unsaved) await bestEffort(() => addChunk(ctx, reply.streamId, unsaved, false));
  await bestEffort(() => setComponentStatus(ctx, reply.streamId, "error"));
  await bestEffort(() => finishReply(ctx, reply, { content: text, status: "error", error: reason }));
}

/**
 * Records progress for the watchdog, at most once per activity interval and never in the way of
 * generation: the mark is not awaited per token, and at most one is in flight. A failed mark is
 * only logged; the watchdog then sees no progress, which is the truth it needs.
 */
function activityRecorder(ctx: ActionCtx, messageId: Id<"messages">) {
  const intervalMs = activityIntervalMs();
  let last = Date.now();
  let inFlight: Promise<void> | undefined;
  return {
    record(): void {
      if (inFlight || Date.now() - last < intervalMs) return;
      last = Date.now();
      inFlight = ctx
        .runMutation(internal.replyWatchdog.touchReply, { messageId })
        .then(() => undefined)
        .catch((error) => console.error(`Progress mark for ${messageId} failed:`, error))
        .finally(() => (inFlight = undefined));
    },
    /** Waits for the mark in flight, so none outlives the reply it marks. */
    async settled(): Promise<void> {
      await inFlight;
    },
  };
}

/** Appends a chunk row; a failure on a stream that is no longer streaming is a `StreamEndedError`. */
async function addChunk(ctx: ActionCtx, streamId: string, text: string, final: boolean): Promise<void> {
  try {
    await ctx.runMutation(components.persistentTextStreaming.lib.addChunk, { streamId, text, final });
  } catch (error) {
    const status = await ctx.runQuery(components.persistentTextStreaming.lib.getStreamStatus, { streamId }).catch(() => undefined);
    if (status !== undefined && status !== "streaming" && status !== "pending") throw new StreamEndedError(String(error));
    throw error;
  }
}

async function finishReply(ctx: ActionCtx, reply: ClaimedReply, ending: Ending): Promise<void> {
  await ctx.runMutation(internal.replies.finishReply, { messageId: reply.messageId, ...ending });
}

/** Runs a cleanup step whose failure must not hide the original one (the watchdog is the backstop). */
async function bestEffort(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    console.error("Cleanup after a failed reply failed too:", error);
  }
}
