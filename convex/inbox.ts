// The operators' inbox: the conversations of the sites the caller operates, live. Every function
// derives the operator from auth (lib/operators.ts); visitors, anonymous callers and operators of
// other sites get NOT_FOUND (or UNAUTHENTICATED), never data.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { query, mutation, type QueryCtx } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
import { requireUserId } from "./lib/authed";
import { chatError, invalidArgument } from "./lib/errors";
import {
  assigneeName,
  inboxRow,
  inboxRowValidator,
  isUnread,
  operatorMessageValidator,
  statusOf,
  toOperatorMessage,
  visitorIdentity,
} from "./lib/inboxRows";
import {
  handBack as giveBack,
  modeOf,
  operatorReply,
  reopen as reopenConversation,
  resolve as resolveConversation,
  takeOver as takeOverConversation,
} from "./lib/conversationMode";
import { liveUntil, setTyping as markTyping, signalsOf, VISITOR_ONLINE_MS } from "./lib/conversationSignals";
import { operatorHeartbeat } from "./lib/operatorPresence";
import { MAX_MESSAGE_LENGTH } from "./validators";
import { requireOperator, requireOperatorOfConversation } from "./lib/operators";
import { messageForStream } from "./lib/ownership";
import { readStreamBody, readStreamBodyAfter } from "./lib/streamBody";
import { readNewestChunk } from "./lib/replyTail";
import {
  clientConversationIdValidator,
  clientStreamIdValidator,
  conversationModeValidator,
  conversationStatusValidator,
  operatorRoleValidator,
  streamBodyValidator,
  streamTailValidator,
  newestChunkValidator,
} from "./validators";

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
    const memberships = await ctx.db
      .query("operators")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(MY_SITES_LIMIT);
    const sites = [];
    for (const membership of memberships) {
      const site = await ctx.db.get(membership.siteId);
      if (site !== null) sites.push({ siteKey: site.key, name: site.name, role: membership.role });
    }
    return sites;
  },
});

/**
 * A site's conversations (Convex pagination, at most 100 a page). `filter`: `all`, `open` or
 * `resolved` (most recently active first), `waiting` (a person was asked for: the longest waiting
 * first), `mine` (assigned to the caller, most recently active first). Errors: `UNAUTHENTICATED`, `NOT_FOUND` (a site the caller
 * does not operate), `INVALID_ARGUMENT` (`paginationOpts.numItems`).
 */
export const listConversations = query({
  args: {
    siteKey: v.string(),
    filter: v.union(v.literal("all"), v.literal("open"), v.literal("resolved"), v.literal("waiting"), v.literal("mine")),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(inboxRowValidator),
  handler: async (ctx, { siteKey, filter, paginationOpts }) => {
    const { site, userId } = await requireOperator(ctx, { siteKey });
    const pageOpts = boundedPage(paginationOpts);
    const conversations = ctx.db.query("conversations");
    const query =
      filter === "all"
        ? conversations.withIndex("by_siteId_and_updatedAt", (q) => q.eq("siteId", site._id)).order("desc")
        : filter === "waiting"
          ? conversations
              .withIndex("by_siteId_and_mode_and_waitingSince", (q) => q.eq("siteId", site._id).eq("mode", "waiting"))
              .order("asc")
          : filter === "mine"
            ? conversations
                .withIndex("by_siteId_and_assigneeId_and_updatedAt", (q) => q.eq("siteId", site._id).eq("assigneeId", userId))
                .order("desc")
            : conversations
                .withIndex("by_siteId_and_status_and_updatedAt", (q) => q.eq("siteId", site._id).eq("status", filter))
                .order("desc");
    const result = await query.paginate(pageOpts);
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
    /** Who answers (see `inbox:takeOver`, `inbox:handBack`), since when a person is awaited, and by whom it is held. */
    mode: conversationModeValidator,
    waitingSince: v.optional(v.number()),
    assigneeName: v.optional(v.string()),
    /** Whether the caller holds it (mode `human`, assigned to them). */
    assignedToMe: v.boolean(),
    /** The address the visitor left for replies they miss. */
    contactEmail: v.optional(v.string()),
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
    const { site, conversation, userId } = await requireOperatorOfConversation(ctx, conversationId);
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
      mode: modeOf(conversation),
      waitingSince: conversation.waitingSince,
      assigneeName: await assigneeName(ctx, conversation),
      assignedToMe: conversation.assigneeId === userId,
      contactEmail: conversation.contactEmail,
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

/** The reply `streamId` of this conversation, for an operator of its site; otherwise `NOT_FOUND`. */
async function operatorStreamMessage(ctx: QueryCtx, conversationId: string, streamId: string) {
  const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
  const message = await messageForStream(ctx, streamId);
  if (message === null || message.conversationId !== conversation._id) throw chatError("NOT_FOUND", "No such stream.");
  return { ...message, streamId };
}

/**
 * A reply's text so far and its status, as `chat:getStreamBody` answers the visitor, so the widget's
 * stream reader works unchanged in the console. `NOT_FOUND` unless the stream is a reply in this
 * conversation and the caller operates its site.
 */
export const getStreamBody = query({
  args: { conversationId: clientConversationIdValidator, streamId: clientStreamIdValidator },
  returns: streamBodyValidator,
  handler: async (ctx, { conversationId, streamId }) => {
    return await readStreamBody(ctx, await operatorStreamMessage(ctx, conversationId, streamId));
  },
});

/**
 * The same reply read by cursor, as `chat:streamChunksAfter` answers the visitor: only the text
 * after the first `offset` characters, from `from`, and the status (the console's watch-only reader).
 * `NOT_FOUND` unless the stream is a reply in this conversation and the caller operates its site;
 * `INVALID_ARGUMENT` for an `offset` that is not a whole number ≥ 0.
 */
export const streamChunksAfter = query({
  args: { conversationId: clientConversationIdValidator, streamId: clientStreamIdValidator, offset: v.number() },
  returns: streamTailValidator,
  handler: async (ctx, { conversationId, streamId, offset }) => {
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidArgument("offset", "offset must be a whole number, 0 or more.");
    return await readStreamBodyAfter(ctx, await operatorStreamMessage(ctx, conversationId, streamId), offset);
  },
});

/**
 * The same reply's newest persisted piece, as `chat:streamTail` answers the visitor (the console's
 * watch-only reader follows it; `inbox:streamChunksAfter` fills what it missed). `NOT_FOUND`
 * unless the stream is a reply in this conversation and the caller operates its site.
 */
export const streamTail = query({
  args: { conversationId: clientConversationIdValidator, streamId: clientStreamIdValidator },
  returns: newestChunkValidator,
  handler: async (ctx, { conversationId, streamId }) => {
    return await readNewestChunk(ctx, await operatorStreamMessage(ctx, conversationId, streamId));
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
 * Marks a conversation `resolved` or `open` again (any operator of its site), as `inbox:resolve`
 * and `inbox:reopen` do (with their system lines). A visitor's next message reopens a resolved
 * conversation.
 */
export const setStatus = mutation({
  args: { conversationId: clientConversationIdValidator, status: conversationStatusValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId, status }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    // Not updatedAt: the list is ordered by the conversation's activity, not by who tidied it.
    if (status === "resolved") await resolveConversation(ctx, conversation);
    else await reopenConversation(ctx, conversation);
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

// Human handoff (issue 11). Every transition goes through lib/conversationMode.ts; these only
// check who is calling. Errors for all: `UNAUTHENTICATED`, `NOT_FOUND` (unknown, malformed or
// foreign conversation: visitors and operators of other sites get the same).

/** The caller as the name visitors see on their messages and system lines. */
function acting({ userId, operator }: { userId: Id<"users">; operator: { displayName: string } }) {
  return { userId, displayName: operator.displayName };
}

/**
 * The caller takes the conversation over: mode `human`, assigned to them, the line "<name>
 * joined"; an AI reply being written stops (its text so far kept, status `stopped`) and no AI
 * reply starts until `handBack`. Taking over one another operator holds reassigns it; one the
 * caller holds is left as it is.
 */
export const takeOver = mutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const access = await requireOperatorOfConversation(ctx, conversationId);
    await takeOverConversation(ctx, access.conversation, acting(access));
    return null;
  },
});

/**
 * The caller's message to the visitor (author `operator`, with their display name). Takes the
 * conversation over first when it is not held by a person (as `takeOver`). Clears the caller's
 * typing mark; the visitor is emailed if they have not seen it within 20 minutes and left an
 * address. Errors also: `EMPTY_MESSAGE`, `MESSAGE_TOO_LONG` (over 4,000 characters after trimming).
 */
export const reply = mutation({
  args: { conversationId: clientConversationIdValidator, text: v.string() },
  returns: v.object({ messageId: v.id("messages") }),
  handler: async (ctx, { conversationId, text }) => {
    const access = await requireOperatorOfConversation(ctx, conversationId);
    const trimmed = text.trim();
    if (trimmed.length === 0) throw chatError("EMPTY_MESSAGE", "The message is empty.");
    if (trimmed.length > MAX_MESSAGE_LENGTH) {
      throw chatError("MESSAGE_TOO_LONG", `The message is ${trimmed.length} characters long; the limit is ${MAX_MESSAGE_LENGTH}.`);
    }
    const messageId = await operatorReply(ctx, access.conversation, acting(access), trimmed);
    return { messageId };
  },
});

/**
 * Hands the conversation back to the AI: mode `ai`, unassigned, the line "<name> left" (when a
 * person held it). The AI answers the visitor's next message with the person's messages in its
 * history. Also declines a waiting conversation (no line).
 */
export const handBack = mutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const access = await requireOperatorOfConversation(ctx, conversationId);
    await giveBack(ctx, access.conversation, acting(access));
    return null;
  },
});

/** Resolves the conversation (line "Resolved"); a waiting one stops waiting. Nothing if already resolved. */
export const resolve = mutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    await resolveConversation(ctx, conversation);
    return null;
  },
});

/** Reopens a resolved conversation (line "Reopened"). Nothing if it is open. */
export const reopen = mutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    await reopenConversation(ctx, conversation);
    return null;
  },
});

/**
 * The caller is typing a reply (`typing: true`, every ~2 s while they type) or stopped; the
 * visitor sees "<name> is typing" for 5 s after the last write (`chat:conversationState`'s
 * `operatorTypingUntil`). Throttled server-side; sending (`reply`) clears it.
 */
export const setTyping = mutation({
  args: { conversationId: clientConversationIdValidator, typing: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, typing }) => {
    const { conversation, operator } = await requireOperatorOfConversation(ctx, conversationId);
    await markTyping(ctx, conversation._id, "operator", typing, operator.displayName);
    return null;
  },
});

/**
 * The caller's console is open on the site: send every ~20 s (`away: true` when the tab is hidden
 * or the operator set themselves away). Operators seen within 60 s and not away are online for
 * visitors (`chat:conversationState`'s `operatorsOnline`). Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const heartbeat = mutation({
  args: { siteKey: v.string(), away: v.optional(v.boolean()) },
  returns: v.null(),
  handler: async (ctx, { siteKey, away }) => {
    const { site, userId } = await requireOperator(ctx, { siteKey });
    await operatorHeartbeat(ctx, site._id, userId, away ?? false);
    return null;
  },
});

/**
 * What the visitor is doing now: typing (`typingUntil`, ms: hide it once the clock passes it) and
 * whether their page is open (`onPage`, true until `onPageUntil` unless a heartbeat extends it;
 * `lastSeenAt` the last heartbeat), plus the caller-side operator typing mark.
 */
export const visitorActivity = query({
  args: { conversationId: clientConversationIdValidator },
  returns: v.object({
    typingUntil: v.optional(v.number()),
    onPage: v.boolean(),
    onPageUntil: v.optional(v.number()),
    lastSeenAt: v.optional(v.number()),
    operatorTypingUntil: v.optional(v.number()),
    operatorTypingName: v.optional(v.string()),
  }),
  handler: async (ctx, { conversationId }) => {
    const { conversation } = await requireOperatorOfConversation(ctx, conversationId);
    const signals = await signalsOf(ctx, conversation._id);
    const lastSeenAt = signals?.visitorSeenAt;
    const onPageUntil = lastSeenAt === undefined ? undefined : lastSeenAt + VISITOR_ONLINE_MS;
    const operatorTypingUntil = liveUntil(signals?.operatorTypingUntil);
    return {
      typingUntil: liveUntil(signals?.visitorTypingUntil),
      onPage: onPageUntil !== undefined && onPageUntil > Date.now(),
      onPageUntil,
      lastSeenAt,
      operatorTypingUntil,
      operatorTypingName: operatorTypingUntil === undefined ? undefined : signals?.operatorTypingName,
    };
  },
});

/** Pages hold 1 to {@link PAGE_SIZE_LIMIT} items: each row costs several reads. */
function boundedPage<T extends { numItems: number }>(opts: T): T {
  if (!Number.isInteger(opts.numItems) || opts.numItems < 1 || opts.numItems > PAGE_SIZE_LIMIT) {
    throw invalidArgument("paginationOpts.numItems", `paginationOpts.numItems must be an integer from 1 to ${PAGE_SIZE_LIMIT}.`);
  }
  return opts;
}
