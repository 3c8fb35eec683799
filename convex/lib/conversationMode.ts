// The one writer of a conversation's mode (who answers: ai | waiting | human), its assignee and its
// status (open | resolved). Every trigger - the visitor or the AI asking for a person, an operator
// taking over, replying, handing back, resolving, reopening, a visitor's message on a resolved
// conversation - is one function here, called inside the trigger's mutation, so the mode, the
// system lines ("Alex joined", "Alex left", "Resolved", "Reopened"), the stop of the AI's reply and
// the scheduled notifications change together or not at all.
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { ConversationMode } from "../validators";
import { clearTyping } from "./conversationSignals";
import { replyInProgress, requestStop } from "./replyLifecycle";
import type { StopRequester } from "./replyStatus";

/** How long a waiting conversation may stay unread before its site's operators are emailed. */
export const OPERATOR_EMAIL_DELAY_MS = 3 * 60_000;
/** How long an operator's reply may stay unseen before the visitor is emailed (when they left an address). */
export const VISITOR_EMAIL_DELAY_MS = 20 * 60_000;
/** Newest messages searched for an AI reply still being written (one per visitor message at most). */
const ACTIVE_REPLY_LOOKBACK = 20;

/** The operator acting: their user id and the name visitors see. */
export type ActingOperator = { userId: Id<"users">; displayName: string };

/** Who answers; conversations from before modes existed are the AI's. */
export function modeOf(conversation: Pick<Doc<"conversations">, "mode">): ConversationMode {
  return conversation.mode ?? "ai";
}

/**
 * ai → waiting: a person was asked for, by the visitor (`chat:requestHuman`) or by the AI (its
 * `request_handoff` tool, or the offline responder's "talk to a human"). A visitor's request also
 * stops an AI reply being written (they want a person, not more of the bot); the AI's own request
 * comes from inside the reply that announces it, which must finish. Reopens a resolved
 * conversation. Schedules the operators' email for when it is still unread after
 * {@link OPERATOR_EMAIL_DELAY_MS}. Nothing changes when a person was already asked for or answers.
 */
export async function requestHuman(ctx: MutationCtx, conversation: Doc<"conversations">, { by }: { by: "visitor" | "ai" }): Promise<void> {
  if (modeOf(conversation) !== "ai") return;
  const now = Date.now();
  await reopen(ctx, conversation);
  await ctx.db.patch(conversation._id, { mode: "waiting", waitingSince: now });
  if (by === "visitor") await stopAiReplies(ctx, conversation, "visitor");
  await ctx.scheduler.runAfter(OPERATOR_EMAIL_DELAY_MS, internal.handoffEmails.emailOperatorsIfUnread, {
    conversationId: conversation._id,
    waitingSince: now,
  });
}

/**
 * → human, assigned to `operator`, with the line "<name> joined". An AI reply being written is
 * stopped through the reply stop path (its text so far kept, status `stopped`). Taking over a
 * conversation another operator holds reassigns it. Nothing changes when it is already theirs.
 */
export async function takeOver(ctx: MutationCtx, conversation: Doc<"conversations">, operator: ActingOperator): Promise<void> {
  if (modeOf(conversation) === "human" && conversation.assigneeId === operator.userId) return;
  await ctx.db.patch(conversation._id, { mode: "human", assigneeId: operator.userId, waitingSince: undefined });
  await systemLine(ctx, conversation, `${operator.displayName} joined`);
  await stopAiReplies(ctx, conversation, "operator");
}

/**
 * An operator's message: taken over first when nobody has ({@link takeOver}); the operator's
 * typing mark is cleared; the visitor is emailed if they have not seen it after
 * {@link VISITOR_EMAIL_DELAY_MS} and left an address. Marks the conversation read for operators
 * (whoever answers has read it).
 */
export async function operatorReply(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  operator: ActingOperator,
  text: string,
): Promise<Id<"messages">> {
  if (modeOf(conversation) !== "human" || conversation.assigneeId === undefined) await takeOver(ctx, conversation, operator);
  const now = Date.now();
  const messageId = await ctx.db.insert("messages", {
    conversationId: conversation._id,
    userId: conversation.userId,
    role: "assistant",
    content: text,
    status: "done",
    author: "operator",
    authorName: operator.displayName,
    authorId: operator.userId,
  });
  await ctx.db.patch(conversation._id, { updatedAt: now, lastOperatorMessageAt: now, operatorsReadAt: now });
  await clearTyping(ctx, conversation._id, "operator");
  await ctx.scheduler.runAfter(VISITOR_EMAIL_DELAY_MS, internal.handoffEmails.emailVisitorIfUnseen, {
    conversationId: conversation._id,
    messageId,
  });
  return messageId;
}

/**
 * → ai, unassigned: the AI answers the visitor's next message, with what the person said in its
 * history (`replies:recentHistory`). From `human` it writes "<name> left"; from `waiting` (an
 * operator declines) no line. Nothing changes in mode `ai`.
 */
export async function handBack(ctx: MutationCtx, conversation: Doc<"conversations">, operator: ActingOperator): Promise<void> {
  const mode = modeOf(conversation);
  if (mode === "ai") return;
  await ctx.db.patch(conversation._id, { mode: "ai", assigneeId: undefined, waitingSince: undefined });
  await clearTyping(ctx, conversation._id, "operator");
  if (mode === "human") await systemLine(ctx, conversation, `${operator.displayName} left`);
}

/**
 * open → resolved, with the line "Resolved". A conversation still waiting for a person stops
 * waiting (back to `ai`: nobody is expected to answer a resolved conversation); one a person
 * answers stays theirs, so the visitor's next message reaches them again.
 */
export async function resolve(ctx: MutationCtx, conversation: Doc<"conversations">): Promise<void> {
  if ((conversation.status ?? "open") === "resolved") return;
  const waiting = modeOf(conversation) === "waiting";
  await ctx.db.patch(conversation._id, { status: "resolved", ...(waiting ? { mode: "ai" as const, waitingSince: undefined } : {}) });
  await systemLine(ctx, conversation, "Resolved");
}

/** resolved → open, with the line "Reopened" (an operator, or the visitor writing again). */
export async function reopen(ctx: MutationCtx, conversation: Doc<"conversations">): Promise<void> {
  if ((conversation.status ?? "open") !== "resolved") return;
  await ctx.db.patch(conversation._id, { status: "open" });
  await systemLine(ctx, conversation, "Reopened");
}

/** A line both sides see, written by nobody (author `system`); never part of the AI's history. */
async function systemLine(ctx: MutationCtx, conversation: Doc<"conversations">, content: string): Promise<void> {
  await ctx.db.insert("messages", {
    conversationId: conversation._id,
    userId: conversation.userId,
    role: "assistant",
    content,
    status: "done",
    author: "system",
  });
}

/** Stops every AI reply of the conversation still pending or streaming, through the reply stop path. */
async function stopAiReplies(ctx: MutationCtx, conversation: Doc<"conversations">, by: StopRequester): Promise<void> {
  const recent = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .order("desc")
    .take(ACTIVE_REPLY_LOOKBACK);
  for (const message of recent) {
    if (message.status === "pending" || message.status === "streaming") await requestStop(ctx, message, { by });
  }
  // Visitor messages sent while it is written may have pushed the reply out of that window.
  const inProgress = await replyInProgress(ctx, conversation);
  if (inProgress !== null) await requestStop(ctx, inProgress, { by });
}
