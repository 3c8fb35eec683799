// Regenerating a reply: a new answer to the same question, instead of the visitor sending the
// question again (which showed it twice). The reply it replaces stays in the history with its note
// (failed, timed out, stopped) and is marked `supersededBy` the new one, so the model never reads
// a half answer to the question it answers again (replies.ts `recentHistory` skips it).
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { aiMayAnswer } from "./aiGate";
import { chatError, invalidArgument } from "./errors";
import { checkTokenBudget, limitMessage, replyTokenAllowance } from "./limits";
import { authorOf } from "./messageAuthor";
import { ownConversation } from "./ownership";
import { createPendingReply } from "./replyLifecycle";
import { requireVisitorOfSite } from "./visitorSite";

/** How far back from the newest message the reply is looked for (system lines may follow it). */
const NEWEST_SCAN = 20;

/** Reply statuses that ended early, and so may be generated again. */
const ENDED_EARLY = new Set<Doc<"messages">["status"]>(["error", "timeout", "stopped"]);

/**
 * Creates a new pending reply to the question `messageId` answered, in the caller's conversation
 * `conversationId`. Allowed for the conversation's newest AI reply that failed, timed out or was
 * stopped, while the AI answers there (lib/aiGate.ts), within the visitor's message pace and the
 * daily budget. Unknown or foreign ids, and a message that is not an AI reply of that
 * conversation, are NOT_FOUND. Asked again for a reply already regenerated, answers the same new
 * reply and writes nothing (a double click makes one reply).
 */
export async function regenerateReply(
  ctx: MutationCtx,
  userId: Id<"users">,
  args: { conversationId: string; messageId: string },
): Promise<{ messageId: Id<"messages">; streamId: string }> {
  const conversation = await ownConversation(ctx, userId, args.conversationId);
  const id = ctx.db.normalizeId("messages", args.messageId);
  const reply = id === null ? null : await ctx.db.get(id);
  if (reply === null || reply.conversationId !== conversation._id || reply.role !== "assistant" || authorOf(reply) !== "ai") {
    throw chatError("NOT_FOUND", "No such reply.");
  }
  if (reply.supersededBy !== undefined) {
    const again = await ctx.db.get(reply.supersededBy);
    if (again?.streamId !== undefined) return { messageId: again._id, streamId: again.streamId };
  }
  const site = await ctx.db.get(conversation.siteId);
  if (site === null) throw chatError("NOT_FOUND", "No such conversation.");
  if (!site.enabled) throw chatError("SITE_DISABLED", "This chat has been turned off by the site's operator.");
  await requireVisitorOfSite(ctx, userId, site);
  if (!ENDED_EARLY.has(reply.status) || !(await isNewestReply(ctx, reply))) {
    throw invalidArgument("messageId", "Only the newest reply, once it failed or was stopped, can be generated again.");
  }
  if (!aiMayAnswer(conversation)) throw invalidArgument("messageId", "A person answers this conversation now.");
  await checkTokenBudget(ctx, replyTokenAllowance(site), site);
  // A regeneration costs a reply like a message does: the same pace limit keeps it from being spammed.
  await limitMessage(ctx, site, userId);
  const created = await createPendingReply(ctx, { conversationId: conversation._id, userId });
  await ctx.db.patch(reply._id, { supersededBy: created.messageId });
  await ctx.db.patch(conversation._id, { updatedAt: Date.now() });
  return created;
}

/** Whether `reply` is the conversation's newest message but for system lines. */
async function isNewestReply(ctx: MutationCtx, reply: Doc<"messages">): Promise<boolean> {
  const newestFirst = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", reply.conversationId))
    .order("desc")
    .take(NEWEST_SCAN);
  return newestFirst.find((m) => authorOf(m) !== "system")?._id === reply._id;
}
