// A visitor's conversation read in ranges of creation time, so that a tab re-receives only what
// changes: the history (up to an anchor, page by page as the visitor scrolls up) holds settled
// messages and is re-sent only if one of them changes; the live tail (after the anchor) is small.
// Convex re-sends a query's whole result at each change, so `chat:listMessages` (the newest 200)
// costs a tab the whole conversation at every step of every exchange.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { authedQuery } from "./lib/authed";
import { invalidArgument } from "./lib/errors";
import { ownConversation } from "./lib/ownership";
import { toPublicMessage } from "./lib/publicMessage";
import { clientConversationIdValidator, MESSAGE_LIST_LIMIT, MESSAGE_PAGE_LIMIT, publicMessageValidator } from "./validators";

/**
 * The caller's messages in one conversation, NEWEST FIRST, paginated: those created at or before
 * `upTo` (a `_creationTime`), or all when it is omitted. The widget's history: page 0 from
 * `cursor: null`, older pages from each page's `continueCursor` as the visitor scrolls up. A page
 * bounded by `upTo` receives no new messages, so a subscription to it is re-sent only when one of
 * its messages changes.
 *
 * Errors: `UNAUTHENTICATED`, `NOT_FOUND` (unknown or foreign conversation), `INVALID_ARGUMENT`
 * (`paginationOpts.numItems` not an integer from 1 to {@link MESSAGE_PAGE_LIMIT}; `upTo` not finite).
 */
export const listPage = authedQuery({
  args: { conversationId: clientConversationIdValidator, upTo: v.optional(v.number()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(publicMessageValidator),
  handler: async (ctx, { conversationId, upTo, paginationOpts }) => {
    const { numItems } = paginationOpts;
    if (!Number.isInteger(numItems) || numItems < 1 || numItems > MESSAGE_PAGE_LIMIT) {
      throw invalidArgument("paginationOpts.numItems", `paginationOpts.numItems must be an integer from 1 to ${MESSAGE_PAGE_LIMIT}.`);
    }
    checkTime("upTo", upTo);
    const conversation = await ownConversation(ctx, ctx.userId, conversationId);
    const result = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => {
        const inConversation = q.eq("conversationId", conversation._id);
        return upTo === undefined ? inConversation : inConversation.lte("_creationTime", upTo);
      })
      .order("desc")
      .paginate(paginationOpts);
    return { ...result, page: result.page.map(toPublicMessage) };
  },
});

/**
 * The caller's messages in one conversation created after `after` (a `_creationTime`) and, when
 * given, at or before `upTo`, OLDEST FIRST: at most {@link MESSAGE_LIST_LIMIT} (the oldest of
 * them: a full answer may have more after it). Without `upTo` it is the widget's live tail (the
 * messages after its anchor, a few); with both, a settled range the tail became when the widget
 * moved its anchor.
 *
 * Errors: `UNAUTHENTICATED`, `NOT_FOUND` (unknown or foreign conversation), `INVALID_ARGUMENT`
 * (`after` or `upTo` not finite).
 */
export const listAfter = authedQuery({
  args: { conversationId: clientConversationIdValidator, after: v.number(), upTo: v.optional(v.number()) },
  returns: v.array(publicMessageValidator),
  handler: async (ctx, { conversationId, after, upTo }) => {
    checkTime("after", after);
    checkTime("upTo", upTo);
    const conversation = await ownConversation(ctx, ctx.userId, conversationId);
    const messages = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => {
        const later = q.eq("conversationId", conversation._id).gt("_creationTime", after);
        return upTo === undefined ? later : later.lte("_creationTime", upTo);
      })
      .take(MESSAGE_LIST_LIMIT);
    return messages.map(toPublicMessage);
  },
});

function checkTime(field: string, time: number | undefined): void {
  if (time !== undefined && !Number.isFinite(time)) throw invalidArgument(field, `${field} must be a finite number (a _creationTime).`);
}
