// The operators' inbox: the conversations of the sites the caller operates, live. Every function
// derives the operator from auth (lib/operators.ts); visitors, anonymous callers and operators of
// other sites get NOT_FOUND (or UNAUTHENTICATED), never data.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { query, mutation } from "./_generated/server";
import { requireUserId } from "./lib/authed";
import { chatError, invalidArgument } from "./lib/errors";
import { inboxRow, inboxRowValidator, isUnread, operatorMessageValidator, statusOf, toOperatorMessage, visitorIdentity } from "./lib/inboxRows";
import { requireOperator, requireOperatorOfConversation } from "./lib/operators";
import { messageForStream } from "./lib/ownership";
import { readStreamBody } from "./lib/streamBody";
import { clientConversationIdValidator, clientStreamIdValidator, conversationStatusValidator, operatorRoleValidator, streamBodyValidator } from "./validators";

/** Most sites `mySites` lists, rows a page may hold, search hits, and messages `getConversation` returns. */
const MY_SITES_LIMIT = 100;
const PAGE_SIZE_LIMIT = 100;
const SEARCH_LIMIT = 20;
const CONVERSATION_MESSAGES = 100;
const MAX_QUERY_LENGTH = 200;

/** The sites the caller operates, with their role: `[]` for a signed-in user with none. */
export const mySites = query({
  args: {},
  returns: v.array(v.object({ siteKey: v.string(), name: v.string(), role: operatorRoleValidator })),
  handler: async (ctx) => {
    const userId = await requireUserId(ctx);
    const memberships = await ctx.db.query("operators").withIndex("by_userId", (q) => q.eq("userId", userId)).take(MY_SITES_LIMIT);
    const sites = [];
    for (const membership of memberships) {
      const site = await ctx.db.get(membership.siteId);
      if (site !== null) sites.push({ siteKey: site.key, name: site.name, role: membership.role });
    }
    return sites;
  },
});

/**
 * A site's conversations, most recently active first (Convex pagination, at most 100 a page).
 * `filter`: `all`, `open` or `resolved`. Errors: `UNAUTHENTICATED`, `NOT_FOUND` (a site the caller
 * does not operate), `INVALID_ARGUMENT` (`paginationOpts.numItems`).
 */
export const listConversations = query({
  args: {
    siteKey: v.string(),
    filter: v.union(v.literal("all"), v.literal("open"), v.literal("resolved")),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(inboxRowValidator),
  handler: async (ctx, { siteKey, filter, paginationOpts }) => {
    const { site } = await requireOperator(ctx, { siteKey });
    const pageOpts = boundedPage(paginationOpts);
    const conversations =
      filter === "all"
        ? ctx.db.query("conversations").withIndex("by_siteId_and_updatedAt", (q) => q.eq("siteId", site._id))
        : ctx.db.query("conversations").withIndex("by_siteId_and_status_and_updatedAt", (q) => q.eq("siteId", site._id).eq("status", filter));
    const result = await conversations.order("desc").paginate(pageOpts);
    const page = [];
    for (const conversation of result.page) page.push(await inboxRow(ctx, conversation));
    return { ...result, page };
  },
});

/**
 * One conversation with its visitor context and its newest 100 messages (oldest first); earlier
 * ones through `listMessages`. Replies carry `streamId`: read a reply being written with
 * `inbox:getStreamBody`. Errors: `UNAUTHENTICATED`, `NOT_FOUND` (unknown, malformed or foreign id).
 */
export const getConversation = query({
  args: { conversationId: clientConversationIdValidator },
  returns: v.object({
    conversationId: v.id("conversations"),
    siteKey: v.string(),
    title: v.string(),
    status: conversationStatusValidator,
    updatedAt: v.number(),
    createdAt: v.number(),
    unread: v.boolean(),
    visitor: v.object({
      label: v.string(),
      customerId: v.optional(v.string()),
      pageUrl: v.optional(v.string()),
      language: v.optional(v.string()),
      /** When the visitor first signed in (ms). */
      firstSeenAt: v.number(),
    }),
    messages: v.array(operatorMessageValidator),
    hasOlderMessages: v.boolean(),
  }),
  handler: async (ctx, { conversationId }) => {
    const { site, conversation } = await requireOperatorOfConversation(ctx, conversationId);
    const newestFirst = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
      .order("desc")
      .take(CONVERSATION_MESSAGES + 1);
    const visitorUser = await ctx.db.get(conversation.userId);
    const identity = await visitorIdentity(ctx, conversation);
    return {
      conversationId: conversation._id,
      siteKey: site.key,
      title: conversation.title,
      status: statusOf(conversation),
      updatedAt: conversation.updatedAt,
      createdAt: conversation._creationTime,
      unread: isUnread(conversation),
      visitor: {
        ...identity,
        ...conversation.context,
        firstSeenAt: visitorUser?._creationTime ?? conversation._creationTime,
      },
      messages: newestFirst.slice(0, CONVERSATION_MESSAGES).reverse().map(toOperatorMessage),
      hasOlderMessages: newestFirst.length > CONVERSATION_MESSAGES,
    };
  },
});

/** A conversation's messages, NEWEST FIRST, paginated (for "load earlier"). Errors as `getConversation`. */
export const listMessages = query({
  args: { conversationId: clientConversationIdValidator, paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(operatorMessageValidator),
  handler: async (ctx, { conversationId, paginationOpts }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    const result = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
      .order("desc")
      .paginate(boundedPage(paginationOpts));
    return { ...result, page: result.page.map(toOperatorMessage) };
  },
});

/**
 * A reply's text so far and its status, as `chat:getStreamBody` answers the visitor, so the widget's
 * stream reader works unchanged in the console. `NOT_FOUND` unless the stream is a reply in this
 * conversation and the caller operates its site.
 */
export const getStreamBody = query({
  args: { conversationId: clientConversationIdValidator, streamId: clientStreamIdValidator },
  returns: streamBodyValidator,
  handler: async (ctx, { conversationId, streamId }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    const message = await messageForStream(ctx, streamId);
    if (message === null || message.conversationId !== conversation._id) throw chatError("NOT_FOUND", "No such stream.");
    return await readStreamBody(ctx, { ...message, streamId });
  },
});

/** Marks the conversation read for all the site's operators (until the visitor writes again). */
export const markRead = mutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    await ctx.db.patch(conversation._id, { operatorsReadAt: Date.now() });
    return null;
  },
});

/**
 * Marks a conversation `resolved` or `open` again (any operator of its site). A visitor's next
 * message reopens a resolved conversation.
 */
export const setStatus = mutation({
  args: { conversationId: clientConversationIdValidator, status: conversationStatusValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId, status }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    // Not updatedAt: the list is ordered by the conversation's activity, not by who tidied it.
    await ctx.db.patch(conversation._id, { status });
    return null;
  },
});

/**
 * Conversations of the site whose title or visitor text matches `query` (at most 20; a blank query
 * matches nothing), as rows like `listConversations`, best match first.
 */
export const search = query({
  args: { siteKey: v.string(), query: v.string() },
  returns: v.array(inboxRowValidator),
  handler: async (ctx, args) => {
    const { site } = await requireOperator(ctx, { siteKey: args.siteKey });
    const text = args.query.trim().slice(0, MAX_QUERY_LENGTH);
    if (text === "") return [];
    const hits = await ctx.db
      .query("conversations")
      .withSearchIndex("search_text", (q) => q.search("searchText", text).eq("siteId", site._id))
      .take(SEARCH_LIMIT);
    const rows = [];
    for (const conversation of hits) rows.push(await inboxRow(ctx, conversation));
    return rows;
  },
});

/** Pages hold 1 to {@link PAGE_SIZE_LIMIT} items: each row costs several reads. */
function boundedPage<T extends { numItems: number }>(opts: T): T {
  if (!Number.isInteger(opts.numItems) || opts.numItems < 1 || opts.numItems > PAGE_SIZE_LIMIT) {
    throw invalidArgument("paginationOpts.numItems", `paginationOpts.numItems must be an integer from 1 to ${PAGE_SIZE_LIMIT}.`);
  }
  return opts;
}
