// The one writer of a reply's status. Its creation and every way it moves - the claim, progress,
// a stop, the driver's ending, the idle watchdog, the expiry of a reply nobody started - go through
// these functions, inside the caller's mutation, so the message, the component's stream and the daily
// token budget change together or not at all. The edges are in replyStatus.ts; a move along any
// other edge (a final reply above all) is refused and changes nothing.
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { aiMayAnswer } from "./aiGate";
import { replyTokenAllowance, reserveReplyTokens, settleGeneratedText, type BudgetedSite } from "./limits";
import { canTransition, streamStatusOf, type FinalReplyStatus, type StopRequester } from "./replyStatus";
import { IDLE_TIMEOUT_REASON, NOT_STARTED_REASON, PENDING_REPLY_MAX_AGE_MS, replyIdleTimeoutMs } from "./replyTimeouts";
import { endComponentStream, persistedText, streaming } from "./streaming";

/**
 * How long after a stop request of a `streaming` reply the fallback ends it, in case no driver
 * notices (the driver died). A live driver notices within one chunk and ends it itself first.
 */
export const STOP_FALLBACK_MS = 3_000;

/**
 * How a reply ends: its final status, its final text, for `error`/`timeout` a reason fit for
 * visitors, and for `done` whether the text was cut at the reply's token limit (`cutAtLimit`).
 */
export type ReplyEnding = { status: FinalReplyStatus; content: string; error?: string; cutAtLimit?: boolean };

/** What a claim of a pending reply came to (see {@link claimPendingReply}). */
export type ClaimResult =
  | { outcome: "claimed"; allowanceTokens: number }
  | { outcome: "already_started" }
  | { outcome: "expired" }
  | { outcome: "ai_not_answering" }
  | { outcome: "rate_limited"; message: string; retryAfterMs: number };

/**
 * Creates the `pending` reply to a visitor's message in `conversationId`: an empty assistant
 * message bound to a new component stream. A reply nobody starts (no client drives it, or the
 * stream route refuses it for good) still ends: its expiry is scheduled now.
 */
export async function createPendingReply(
  ctx: MutationCtx,
  owner: { conversationId: Id<"conversations">; userId: Id<"users"> },
): Promise<{ messageId: Id<"messages">; streamId: string }> {
  const streamId: string = await streaming.createStream(ctx);
  const messageId = await ctx.db.insert("messages", { ...owner, role: "assistant", author: "ai", content: "", streamId, status: "pending" });
  await ctx.scheduler.runAfter(PENDING_REPLY_MAX_AGE_MS, internal.replyWatchdog.expirePendingReply, { messageId });
  return { messageId, streamId };
}

/**
 * pending → streaming: claims `message` for the one driver whose transaction this is. Mutations
 * are serializable, so of concurrent claims exactly one succeeds; the others get `already_started`.
 * A reply pending for longer than {@link PENDING_REPLY_MAX_AGE_MS} ends as `timeout` instead
 * (`expired`). When the AI may not answer in the conversation ({@link aiMayAnswer}, asked here and
 * nowhere else) the reply is stopped with no text instead (`ai_not_answering`). The claim reserves
 * the reply's allowance (lib/limits.ts `replyTokenAllowance`: the most tokens the driver may
 * generate, returned as `allowanceTokens`) from the site's and the deployment's daily budgets
 * (settled when the reply ends, {@link endReply}); without enough budget the reply stays pending
 * (`rate_limited`). Starts the idle watchdog, so a claimed reply always ends even if its driver dies.
 */
export async function claimPendingReply(
  ctx: MutationCtx,
  message: Doc<"messages">,
  conversation: Doc<"conversations">,
  site: BudgetedSite,
): Promise<ClaimResult> {
  if (!canTransition(message.status, "streaming")) return { outcome: "already_started" };
  const now = Date.now();
  if (now - message._creationTime > PENDING_REPLY_MAX_AGE_MS) {
    await expireUnstartedReply(ctx, message);
    return { outcome: "expired" };
  }
  if (!aiMayAnswer(conversation)) {
    // The AI stays out only because a person answers (or was asked for) here.
    await requestStop(ctx, message, { by: "operator" });
    return { outcome: "ai_not_answering" };
  }
  const allowance = replyTokenAllowance(site);
  const reservation = await reserveReplyTokens(ctx, allowance, site);
  if (!("reserved" in reservation)) return { outcome: "rate_limited", ...reservation };
  await ctx.db.patch(message._id, { status: "streaming", lastActivityAt: now, reservedTokens: reservation.reserved });
  await ctx.scheduler.runAfter(replyIdleTimeoutMs(), internal.replyWatchdog.watchReply, { messageId: message._id });
  return { outcome: "claimed", allowanceTokens: allowance };
}

/**
 * Ends a reply: pending or streaming → `ending.status`, with its text. The component's stream is
 * ended alike (a stopped reply as `done`) unless it already ended itself (the driver's final
 * write, the component's cron). A streaming reply's token reservation is settled against its text
 * here and only here; the guard makes that happen once, whichever path ends the reply first.
 * Returns false, changing nothing, when the reply may not move there (above all: it has ended).
 */
export async function endReply(ctx: MutationCtx, message: Doc<"messages">, ending: ReplyEnding): Promise<boolean> {
  if (!canTransition(message.status, ending.status)) return false;
  const cutAtLimit = ending.status === "done" && ending.cutAtLimit === true ? true : undefined;
  await ctx.db.patch(message._id, { content: ending.content, status: ending.status, error: ending.error, cutAtLimit });
  if (message.streamId !== undefined) await endComponentStream(ctx, message.streamId, streamStatusOf(ending.status));
  // Only a claimed reply holds a reservation; a pending one generated nothing.
  if (message.status === "streaming") await settleGeneratedText(ctx, ending.content, message.reservedTokens ?? 0, await siteOf(ctx, message));
  return true;
}

/** The site a reply's budget was reserved from (its conversation's), or null once that is gone. */
async function siteOf(ctx: MutationCtx, message: Doc<"messages">): Promise<Doc<"sites"> | null> {
  const conversation = await ctx.db.get(message.conversationId);
  return conversation === null ? null : await ctx.db.get(conversation.siteId);
}

/** {@link endReply} for a reply known by id (the driver's and the scheduled functions' way in). */
export async function endReplyById(ctx: MutationCtx, messageId: Id<"messages">, ending: ReplyEnding): Promise<boolean> {
  const message = await ctx.db.get(messageId);
  return message !== null && (await endReply(ctx, message, ending));
}

/**
 * A stop of a reply, by its visitor or by an operator taking over. A final reply is left alone.
 * A `pending` one (nobody claimed it) ends at once as `stopped` with no text; its component stream
 * is closed as `done`, so a driver arriving later is refused and readers see an empty finished
 * body. A `streaming` one is marked; its driver sees the mark (persist writes, progress marks and
 * timed checks answer it, {@link mustStop}) and ends it as `stopped` with all text produced so far.
 * The scheduled fallback ({@link endStopFallback}) ends it with the persisted text if no driver did.
 */
export async function requestStop(ctx: MutationCtx, message: Doc<"messages">, { by }: { by: StopRequester }): Promise<void> {
  const mark = { stopRequestedAt: Date.now(), stopRequestedBy: by };
  if (message.status === "pending") {
    if (await endReply(ctx, message, { status: "stopped", content: "" })) await ctx.db.patch(message._id, mark);
  } else if (message.status === "streaming" && message.stopRequestedAt === undefined) {
    await ctx.db.patch(message._id, mark);
    await ctx.scheduler.runAfter(STOP_FALLBACK_MS, internal.replyWatchdog.endStoppedReply, { messageId: message._id });
  }
}

/** A reply must stop generating once a stop was asked for, or once something else ended it. */
export function mustStop(message: Doc<"messages">): boolean {
  return message.stopRequestedAt !== undefined || message.status !== "streaming";
}

/**
 * Records that a `streaming` reply made progress (what the idle watchdog reads). Answers whether
 * generation must stop ({@link mustStop}); a reply that no longer exists must.
 */
export async function recordProgress(ctx: MutationCtx, messageId: Id<"messages">): Promise<boolean> {
  const message = await ctx.db.get(messageId);
  if (message === null) return true;
  if (message.status === "streaming") await ctx.db.patch(messageId, { lastActivityAt: Date.now() });
  return mustStop(message);
}

/**
 * The stop fallback: a reply still `streaming` after a stop (its driver died, or its provider
 * hangs without a chunk) ends as `stopped` with the text the component persisted.
 */
export async function endStopFallback(ctx: MutationCtx, messageId: Id<"messages">): Promise<void> {
  const message = await ctx.db.get(messageId);
  if (message?.status !== "streaming" || message.streamId === undefined) return;
  await endReply(ctx, message, { status: "stopped", content: await persistedText(ctx, message.streamId) });
}

/**
 * The idle watchdog: while a `streaming` reply keeps making progress it looks again at the end of
 * the current idle window; after the idle timeout without progress it ends the reply as `timeout`,
 * keeping the text the component persisted. Timing is from the last progress, not from creation,
 * so long replies are not cut. Does nothing once the reply has ended.
 */
export async function timeOutIdleReply(ctx: MutationCtx, messageId: Id<"messages">): Promise<void> {
  const message = await ctx.db.get(messageId);
  if (message?.status !== "streaming" || message.streamId === undefined) return;
  const idleTimeoutMs = replyIdleTimeoutMs();
  const idleFor = Date.now() - (message.lastActivityAt ?? message._creationTime);
  if (idleFor < idleTimeoutMs) {
    await ctx.scheduler.runAfter(idleTimeoutMs - idleFor, internal.replyWatchdog.watchReply, { messageId });
    return;
  }
  const content = await persistedText(ctx, message.streamId);
  await endReply(ctx, message, { status: "timeout", content, error: IDLE_TIMEOUT_REASON });
}

/**
 * pending → timeout: a reply that was not started in time ends, with no text, for every viewer.
 * Does nothing to a reply that has started or ended.
 */
export async function expireUnstartedReply(ctx: MutationCtx, message: Doc<"messages">): Promise<boolean> {
  return message.status === "pending" && await endReply(ctx, message, { status: "timeout", content: "", error: NOT_STARTED_REASON });
}
