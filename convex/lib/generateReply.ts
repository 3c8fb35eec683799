import { components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { ProviderError, providerFromEnv, systemPromptFromEnv } from "../providers";
import { groundedSystemPrompt } from "../providers/knowledge";
import { sourcesOf } from "./knowledgeBase";
import { retrieveKnowledge } from "./knowledgeRetrieval";
import { persistenceFromEnv, type Persistence, type PersistWrite } from "./persistPolicy";
import { ReplyBody } from "./replyBody";
import type { ReplyEnding } from "./replyLifecycle";
import { activityRecorder } from "./replyProgress";
import { NOT_STARTED_REASON } from "./replyTimeouts";
import { allowanceChars } from "./limits";
import { StopRequestWatcher } from "./stopRequestWatcher";
import type { Source } from "../validators";

/** A reply this request has claimed (see `replies:claimReply`). */
export type ClaimedReply = {
  streamId: string;
  messageId: Id<"messages">;
  conversationId: Id<"conversations">;
  createdAt: number;
  /** The most tokens the reply may have (what its claim reserved); the text is cut there. */
  allowanceTokens: number;
};

/** One database append of reply text at `offset` (see `replies:appendChunk`). */
export type AppendChunk = (chunk: { offset: number; text: string; final: boolean }) => Promise<{ stopRequested: boolean }>;

export type GenerateOptions = {
  /**
   * Wraps the database append of each piece of text. The seam through which tests make writes
   * fail (before or after they reach the database); production passes nothing.
   */
  wrapAppend?: (append: AppendChunk) => AppendChunk;
};

const SERVER_FAILURE = "The reply could not be completed because of a server error.";

/** A chunk write failed because the component's stream has ended (e.g. its cron timed it out). */
class StreamEndedError extends Error {}

/**
 * Starts generating a claimed reply and returns its text as a byte stream (the route's response
 * body), or null when the component's stream can no longer start (its cron timed it out; the reply
 * is ended as `timeout`).
 *
 * Written with the component's own mutations rather than its `stream()` helper, which leaves the
 * HTTP body open and rejects unobserved when its final write fails, and drops the text after the
 * last sentence end on error. Here every path after the claim ends the reply (`done`; `stopped` or
 * `error` with the text so far, the latter with a reason) through `replies:finishReply`, which ends
 * the message and the component stream alike (lib/replyLifecycle.ts), and closes the body. If this
 * process dies instead, the reply watchdog ends the reply, or the stop fallback once a stop was
 * asked for (both in lib/replyLifecycle.ts, scheduled from replyWatchdog.ts).
 */
export async function generateReply(
  ctx: ActionCtx,
  reply: ClaimedReply,
  options: GenerateOptions = {},
): Promise<ReadableStream<Uint8Array> | null> {
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
  void writeReply(ctx, reply, body, options).finally(() => body.close());
  return body.readable;
}

/**
 * Generates, streams and persists the reply. Never rejects: failures end the reply as `error`.
 * When the text is written is the persistence policy's business (persistPolicy.ts); by default
 * generation never waits for a write. A stop (lib/stopRequestWatcher.ts) is learnt from the
 * writes' and progress marks' answers and from timed checks while the provider is open (also when
 * it stalls); it aborts the provider, and the reply ends as `stopped` with exactly the text the driver was sent.
 */
async function writeReply(ctx: ActionCtx, reply: ClaimedReply, body: ReplyBody, options: GenerateOptions): Promise<void> {
  let text = "";
  let cut = false; // generation ended early because of a stop
  let handoff = false; // the AI asked for a person (providers/handoff.ts)
  let sources: Source[]; // where the passages the reply was grounded on came from
  // The server's own bound: a provider may ignore max_tokens, so the text stops at the allowance
  // the claim reserved (in characters, as the budget counts them) whatever the provider sends.
  const maxChars = allowanceChars(reply.allowanceTokens);
  let cutAtLimit = false;
  const stop = new StopRequestWatcher(() => ctx.runQuery(internal.replies.stopRequested, { messageId: reply.messageId }));
  const write = chunkWriter(ctx, reply, stop, options);
  let persistence: Persistence | undefined;
  try {
    persistence = persistenceFromEnv(write, (error) => error instanceof StreamEndedError);
    const [history, site] = await Promise.all([
      ctx.runQuery(internal.replies.recentHistory, { conversationId: reply.conversationId, before: reply.createdAt }),
      ctx.runQuery(internal.siteAccess.replySettings, { conversationId: reply.conversationId }),
    ]);
    // The site's own knowledge for this question (none: the site has no knowledge base).
    const knowledge = site.siteId === undefined ? undefined : await retrieveKnowledge(ctx, site.siteId, history);
    const system = site.systemPrompt ?? systemPromptFromEnv();
    sources = knowledge ? sourcesOf(knowledge.passages) : [];
    const progress = activityRecorder(ctx, reply.messageId, stop);
    stop.start();
    try {
      const pieces = providerFromEnv().generate({
        system: knowledge ? groundedSystemPrompt(system, knowledge) : system,
        model: site.model,
        history,
        signal: stop.signal,
        onHandoff: () => void (handoff = true),
        knowledge,
        onLengthLimit: () => void (cutAtLimit = true),
      });
      for await (const piece of pieces) {
        if (stop.requested) {
          cut = true;
          break;
        }
        const kept = withinAllowance(piece, maxChars - text.length);
        if (kept) {
          text += kept;
          body.write(kept);
          await persistence.append(kept); // the timed policy returns at once
          progress.record();
        }
        if (kept.length < piece.length) {
          // Leaving the loop ends the provider's generator, which aborts its request.
          cutAtLimit = true;
          break;
        }
      }
    } catch (error) {
      if (!stop.requested) throw error;
      cut = true; // the provider's request was aborted by the stop
    } finally {
      stop.end(); // no checks once the provider is done
    }
    await progress.settled();
    await stop.settled();
    await persistence.finish();
    // Before the reply ends, so a visitor who sees it finished also sees the conversation waiting.
    if (handoff && !cut) await ctx.runMutation(internal.replies.aiRequestedHuman, { messageId: reply.messageId });
    await finishReply(
      ctx,
      reply,
      cut
        ? { content: text, status: "stopped" }
        : { content: text, status: "done", sources: handoff ? [] : sources, ...(cutAtLimit ? { cutAtLimit } : {}) },
    );
  } catch (error) {
    await stop.settled();
    await persistence?.stop();
    const unsaved = persistence?.unsaved ?? "";
    if (cut) await endAsStopped(ctx, reply, text, write, unsaved, error);
    else await endAsFailed(ctx, reply, text, error, write, unsaved);
  }
}

/** The first `room` UTF-16 units of `piece`, one fewer rather than half a surrogate pair. */
function withinAllowance(piece: string, room: number): string {
  if (piece.length <= room) return piece;
  if (room <= 0) return "";
  const last = piece.charCodeAt(room - 1);
  return piece.slice(0, last >= 0xd800 && last <= 0xdbff ? room - 1 : room);
}

/**
 * The write the persistence policy calls: appends through `replies:appendChunk`, which stores each
 * character once even when a write is retried after its answer was lost, and tells of a stop.
 */
function chunkWriter(ctx: ActionCtx, reply: ClaimedReply, stop: StopRequestWatcher, options: GenerateOptions): PersistWrite {
  const plain: AppendChunk = ({ offset, text, final }) => appendChunk(ctx, reply, offset, text, final);
  const append = options.wrapAppend?.(plain) ?? plain;
  let persisted = 0; // characters confirmed written
  return async (text, final) => {
    const { stopRequested } = await append({ offset: persisted, text, final });
    persisted += text.length;
    stop.learn(stopRequested);
  };
}

/**
 * A stopped reply whose final write failed: still ends it as `stopped` with all the text the
 * driver was sent (best effort; the stop's scheduled fallback is the backstop).
 */
async function endAsStopped(
  ctx: ActionCtx,
  reply: ClaimedReply,
  text: string,
  write: PersistWrite,
  unsaved: string,
  error: unknown,
): Promise<void> {
  if (!(error instanceof StreamEndedError)) console.error(`Ending stopped reply ${reply.messageId}:`, error);
  if (unsaved) await bestEffort(() => write(unsaved, false));
  await bestEffort(() => finishReply(ctx, reply, { content: text, status: "stopped" }));
}

/**
 * Logs the failure in full (the only place a provider's own words go), then ends the reply as
 * `error` (best effort). `unsaved`, the text after the last persisted chunk, is persisted first so
 * the component's text matches the message's partial text.
 */
async function endAsFailed(
  ctx: ActionCtx,
  reply: ClaimedReply,
  text: string,
  error: unknown,
  write?: PersistWrite,
  unsaved = "",
): Promise<void> {
  if (error instanceof ProviderError) {
    console.error(`Reply ${reply.messageId} failed: ${error.message} (${error.detail ?? "no detail"})`);
  } else {
    console.error(`Reply ${reply.messageId} failed:`, error);
  }
  const reason = error instanceof ProviderError ? error.message : SERVER_FAILURE;
  if (unsaved && write) await bestEffort(() => write(unsaved, false));
  await bestEffort(() => finishReply(ctx, reply, { content: text, status: "error", error: reason }));
}

/** Appends text at `offset`; a failure on a stream that is no longer streaming is a `StreamEndedError`. */
async function appendChunk(ctx: ActionCtx, reply: ClaimedReply, offset: number, text: string, final: boolean) {
  try {
    return await ctx.runMutation(internal.replies.appendChunk, { messageId: reply.messageId, offset, text, final });
  } catch (error) {
    const status = await ctx
      .runQuery(components.persistentTextStreaming.lib.getStreamStatus, { streamId: reply.streamId })
      .catch(() => undefined);
    if (status !== undefined && status !== "streaming" && status !== "pending") throw new StreamEndedError(String(error));
    throw error;
  }
}

async function finishReply(ctx: ActionCtx, reply: ClaimedReply, ending: ReplyEnding): Promise<void> {
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
