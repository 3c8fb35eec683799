import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { authedMutation, authedQuery } from "./lib/authed";
import { chatError } from "./lib/errors";
import { ownConversation, ownStreamMessage } from "./lib/ownership";
import { asStreamId, streaming } from "./lib/streaming";
import {
  CONVERSATION_LIST_LIMIT,
  FINAL_STATUSES,
  clientConversationIdValidator,
  clientStreamIdValidator,
  MAX_MESSAGE_LENGTH,
  MESSAGE_LIST_LIMIT,
  TITLE_LENGTH,
  publicConversationValidator,
  publicMessageValidator,
  streamBodyValidator,
} from "./validators";

/**
 * Sends the caller's message and prepares the assistant's reply.
 *
 * Creates a conversation owned by the caller when `conversationId` is omitted, stores the user
 * message, creates a component stream and an empty `pending` assistant message bound to it. The
 * reply is generated when a client POSTs `{ streamId }` to `/chat-stream`.
 *
 * Errors (ConvexError `data.code`): `UNAUTHENTICATED`, `EMPTY_MESSAGE` (blank after trimming),
 * `MESSAGE_TOO_LONG` (over {@link MAX_MESSAGE_LENGTH} characters after trimming), `NOT_FOUND`
 * (unknown or foreign conversation). A rejected call writes nothing.
 */
export const sendMessage = authedMutation({
  args: { conversationId: v.optional(clientConversationIdValidator), text: v.string() },
  returns: v.object({
    conversationId: v.id("conversations"),
    userMessageId: v.id("messages"),
    assistantMessageId: v.id("messages"),
    streamId: v.string(),
  }),
  handler: async (ctx, args) => {
    const text = args.text.trim();
    if (text.length === 0) throw chatError("EMPTY_MESSAGE", "The message is empty.");
    if (text.length > MAX_MESSAGE_LENGTH) {
      throw chatError(
        "MESSAGE_TOO_LONG",
        `The message is ${text.length} characters long; the limit is ${MAX_MESSAGE_LENGTH}.`,
      );
    }
    const now = Date.now();
    let conversationId;
    if (args.conversationId === undefined) {
      const title = text.slice(0, TITLE_LENGTH);
      conversationId = await ctx.db.insert("conversations", { userId: ctx.userId, title, updatedAt: now });
    } else {
      conversationId = (await ownConversation(ctx, ctx.userId, args.conversationId))._id;
      await ctx.db.patch(conversationId, { updatedAt: now });
    }
    const owner = { conversationId, userId: ctx.userId };
    const userMessageId = await ctx.db.insert("messages", { ...owner, role: "user", content: text });
    const streamId: string = await streaming.createStream(ctx);
    const assistantMessageId = await ctx.db.insert("messages", {
      ...owner,
      role: "assistant",
      content: "",
      streamId,
      status: "pending",
    });
    return { conversationId, userMessageId, assistantMessageId, streamId };
  },
});

/**
 * The caller's messages in one conversation, oldest first: the newest {@link MESSAGE_LIST_LIMIT}.
 * An assistant message's `content` is final once its status is done/error/timeout; while it
 * streams, read the live text with `chat:getStreamBody`.
 */
export const listMessages = authedQuery({
  args: { conversationId: clientConversationIdValidator },
  returns: v.array(publicMessageValidator),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    const newestFirst = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
      .order("desc")
      .take(MESSAGE_LIST_LIMIT);
    return newestFirst.reverse().map(toPublicMessage);
  },
});

/** The caller's conversations, most recently active first: at most {@link CONVERSATION_LIST_LIMIT}. */
export const listConversations = authedQuery({
  args: {},
  returns: v.array(publicConversationValidator),
  handler: async (ctx) => {
    const conversations = await ctx.db
      .query("conversations")
      .withIndex("by_userId_and_updatedAt", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .take(CONVERSATION_LIST_LIMIT);
    return conversations.map(({ _id, _creationTime, title, updatedAt }) => ({
      _id,
      _creationTime,
      title,
      updatedAt,
    }));
  },
});

/**
 * The text of the caller's reply so far and its status, in the shape the component's `useStream`
 * hook expects. Once the reply has ended, the message's stored content and status are returned
 * (so an `error` keeps the partial text); before that, the component's persisted chunks.
 */
export const getStreamBody = authedQuery({
  args: { streamId: clientStreamIdValidator },
  returns: streamBodyValidator,
  handler: async (ctx, args) => {
    const message = await ownStreamMessage(ctx, ctx.userId, args.streamId);
    if (message.status !== undefined && FINAL_STATUSES.includes(message.status)) {
      return { text: message.content, status: message.status };
    }
    const body = await streaming.getStreamBody(ctx, asStreamId(args.streamId));
    // The component says "pending" until its first write; once a driver has claimed the reply it
    // is already generating, and readers must not try to drive it themselves.
    if (body.status === "pending" && message.status === "streaming") {
      return { text: body.text, status: "streaming" as const };
    }
    return body;
  },
});

function toPublicMessage(message: Doc<"messages">) {
  const { userId: _owner, lastActivityAt: _activity, ...rest } = message;
  return rest;
}
