import { v } from "convex/values";
import { query } from "./_generated/server";
import type { Doc } from "./_generated/dataModel";
import { authedMutation, authedQuery } from "./lib/authed";
import { chatError, invalidArgument } from "./lib/errors";
import { statusOf } from "./lib/inboxRows";
import { aiMayAnswer } from "./lib/aiGate";
import { startedConversation, visitorWrote } from "./lib/conversationActivity";
import { modeOf, reopen, requestHuman as askForPerson } from "./lib/conversationMode";
import { clearTyping, liveUntil, setTyping as markTyping, signalsOf, visitorSeen } from "./lib/conversationSignals";
import { isPasswordUser, operatorRow } from "./lib/operators";
import { endAllSessions, eraseConversation } from "./lib/conversationErasure";
import { internal } from "./_generated/api";
import { operatorsOnline } from "./lib/operatorPresence";
import { toPublicMessage } from "./lib/publicMessage";
import { checkClientMessageId, earlierSend } from "./lib/idempotentSend";
import { ownConversation, ownStreamMessage } from "./lib/ownership";
import { checkCaps, checkTokenBudget, limitMessage, replyTokenAllowance } from "./lib/limits";
import { createPendingReply, replyInProgress, requestStop } from "./lib/replyLifecycle";
import { regenerateReply as regenerate } from "./lib/regenerateReply";
import { requireEnabledSite, siteByKey } from "./lib/sites";
import { requireVisitorOfSite } from "./lib/visitorSite";
import { readStreamBody, readStreamBodyAfter } from "./lib/streamBody";
import { readNewestChunk } from "./lib/replyTail";
import {
  CONVERSATION_LIST_LIMIT,
  clientConversationIdValidator,
  clientStreamIdValidator,
  MAX_MESSAGE_LENGTH,
  MESSAGE_LIST_LIMIT,
  conversationContextValidator,
  conversationModeValidator,
  conversationStatusValidator,
  publicConversationValidator,
  publicMessageValidator,
  streamBodyValidator,
  streamTailValidator,
  newestChunkValidator,
} from "./validators";

/**
 * Sends the caller's message and prepares the assistant's reply.
 *
 * Creates a conversation owned by the caller on the site `siteKey` when `conversationId` is
 * omitted (an existing one must belong to that site), stores the user
 * message, creates a component stream and an empty `pending` assistant message bound to it. The
 * reply is generated when a client POSTs `{ streamId }` to `/chat-stream`; one still not started
 * after `PENDING_REPLY_MAX_AGE_MS` (10 min) ends as `timeout`.
 *
 * Errors (ConvexError `data.code`): `UNAUTHENTICATED`, `EMPTY_MESSAGE` (blank after trimming),
 * `MESSAGE_TOO_LONG` (over {@link MAX_MESSAGE_LENGTH} characters after trimming), `NOT_FOUND`
 * (unknown or foreign conversation, or one of another site), `SITE_NOT_FOUND`, `SITE_DISABLED`,
 * `SITE_MISMATCH` (the visitor signed in on another site: sign in again on this one).
 * Abuse limits (lib/limits.ts): `CONVERSATION_FULL`, `TOO_MANY_CONVERSATIONS`, and
 * `RATE_LIMITED` with `retryAfterMs` (visitor or site pace, or the daily reply budget spent).
 * A rejected call writes nothing.
 *
 * `context` (`{ pageUrl?, language? }`) is stored on a new conversation for the site's operators:
 * the page URL cut to origin + path, a language tag; anything malformed is dropped, not refused.
 *
 * `clientMessageId` (1 to 64 of `[A-Za-z0-9_-]`, else `INVALID_CLIENT_ID`) makes the send
 * idempotent for this visitor: a repeat returns the first call's result and writes nothing, so a
 * send retried after a dropped connection or a reload creates one message and one reply.
 *
 * One reply at a time: a message sent while the conversation's AI reply is still being written
 * (pending or streaming) is stored at once, after it, and gets no reply of its own
 * (`assistantMessageId` and `streamId` null). When that reply ends, however it ends (done, stopped,
 * failed, timed out), ONE next reply is created for all the messages sent meanwhile; the model
 * reads them together (`replies:recentHistory`). It is listed as a `pending` reply: the tab that
 * sent them drives it (POST /chat-stream), or the server does (replyDriver.ts).
 *
 * Human handoff: while the conversation's mode is `waiting` or `human` (a person was asked for or
 * answers), the message is stored and NO AI reply is prepared: `assistantMessageId` and `streamId`
 * are null (drive no stream). A message reopens a resolved conversation (system line "Reopened")
 * and clears the visitor's typing mark.
 */
export const sendMessage = authedMutation({
  args: {
    siteKey: v.string(),
    conversationId: v.optional(clientConversationIdValidator),
    text: v.string(),
    clientMessageId: v.optional(v.string()),
    /** Where the visitor is (kept on a new conversation for the operators; sanitised, never refused). */
    context: v.optional(conversationContextValidator),
  },
  returns: v.object({
    conversationId: v.id("conversations"),
    userMessageId: v.id("messages"),
    /** Null when no AI reply was prepared (mode `waiting` or `human`, or a reply is being written). */
    assistantMessageId: v.union(v.id("messages"), v.null()),
    streamId: v.union(v.string(), v.null()),
  }),
  handler: async (ctx, args) => {
    const site = await requireEnabledSite(ctx, args.siteKey);
    await requireVisitorOfSite(ctx, ctx.userId, site);
    const text = args.text.trim();
    if (text.length === 0) throw chatError("EMPTY_MESSAGE", "The message is empty.");
    if (text.length > MAX_MESSAGE_LENGTH) {
      throw chatError("MESSAGE_TOO_LONG", `The message is ${text.length} characters long; the limit is ${MAX_MESSAGE_LENGTH}.`);
    }
    checkClientMessageId(args.clientMessageId);
    const earlier = await earlierSend(ctx, ctx.userId, args.clientMessageId);
    if (earlier !== null) return earlier;
    const now = Date.now();
    let conversationId;
    let aiAnswers = true;
    if (args.conversationId === undefined) {
      await checkCaps(ctx, site, ctx.userId, null);
      conversationId = await ctx.db.insert("conversations", {
        userId: ctx.userId,
        siteId: site._id,
        ...startedConversation(text, now, args.context),
        updatedAt: now,
        visitorMessageCount: 1,
      });
    } else {
      const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
      // Same answer as for a foreign id: a page of one site cannot probe another site's conversations.
      if (conversation.siteId !== site._id) throw chatError("NOT_FOUND", "No such conversation.");
      await checkCaps(ctx, site, ctx.userId, conversation);
      conversationId = conversation._id;
      aiAnswers = aiMayAnswer(conversation);
      await reopen(ctx, conversation);
      await clearTyping(ctx, conversationId, "visitor");
      const visitorMessageCount = (conversation.visitorMessageCount ?? 0) + 1;
      await ctx.db.patch(conversationId, { updatedAt: now, visitorMessageCount, ...visitorWrote(conversation, text, now) });
    }
    // Refusals throw, so the conversation written above is rolled back with everything else.
    // A person answers: no AI reply, so no token budget is needed.
    if (aiAnswers) await checkTokenBudget(ctx, replyTokenAllowance(site), site);
    await limitMessage(ctx, site, ctx.userId);
    const owner = { conversationId, userId: ctx.userId };
    const userMessageId = await ctx.db.insert("messages", {
      ...owner,
      role: "user",
      author: "visitor",
      content: text,
      clientMessageId: args.clientMessageId,
    });
    if (!aiAnswers) return { conversationId, userMessageId, assistantMessageId: null, streamId: null };
    // A reply is being written: this message waits for the next one, created when it ends and
    // answering every message sent meanwhile (lib/replyLifecycle.ts `endReply`). Never two at once.
    const conversation = await ctx.db.get(conversationId);
    if (conversation !== null && (await replyInProgress(ctx, conversation)) !== null) {
      return { conversationId, userMessageId, assistantMessageId: null, streamId: null };
    }
    const reply = await createPendingReply(ctx, owner);
    return { conversationId, userMessageId, assistantMessageId: reply.messageId, streamId: reply.streamId };
  },
});

/**
 * The caller's messages in one conversation, oldest first: the newest {@link MESSAGE_LIST_LIMIT}.
 * Each has `author` (`visitor` | `ai` | `operator` | `system`) and, for an operator's, `authorName`.
 * An assistant message's `content` is final once its status is done/error/timeout/stopped; while it
 * streams, read the live text with `chat:getStreamBody`. Convex re-sends all of them at every change:
 * a client that stays subscribed as the conversation grows reads it in parts instead, with
 * `messages:listPage` (history up to an anchor) and `messages:listAfter` (the live tail).
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

/**
 * The caller's conversations on the site `siteKey`, most recently active first: at most
 * {@link CONVERSATION_LIST_LIMIT}. Errors: `SITE_NOT_FOUND`, `SITE_DISABLED`, `SITE_MISMATCH`.
 */
export const listConversations = authedQuery({
  args: { siteKey: v.string() },
  returns: v.array(publicConversationValidator),
  handler: async (ctx, args) => {
    const site = await requireEnabledSite(ctx, args.siteKey);
    await requireVisitorOfSite(ctx, ctx.userId, site);
    const conversations = await ctx.db
      .query("conversations")
      .withIndex("by_userId_and_siteId_and_updatedAt", (q) => q.eq("userId", ctx.userId).eq("siteId", site._id))
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
 * hook expects (lib/streamBody.ts).
 */
export const getStreamBody = authedQuery({
  args: { streamId: clientStreamIdValidator },
  returns: streamBodyValidator,
  handler: async (ctx, args) => {
    const message = await ownStreamMessage(ctx, ctx.userId, args.streamId);
    return await readStreamBody(ctx, { ...message, streamId: args.streamId });
  },
});

/**
 * The caller's reply read by cursor: only the text after the first `offset` characters the reader
 * already has, from `from` (= `offset`, or 0 when the reader must replace its copy), and the status.
 * A watching tab re-subscribes with the new length after each answer, so each character crosses the
 * network about once (`chat:getStreamBody` re-sends the whole text at every persisted chunk).
 * Errors: `UNAUTHENTICATED`, `NOT_FOUND` (unknown or foreign stream), `INVALID_ARGUMENT` (`offset`
 * not a whole number ≥ 0).
 */
export const streamChunksAfter = authedQuery({
  args: { streamId: clientStreamIdValidator, offset: v.number() },
  returns: streamTailValidator,
  handler: async (ctx, args) => {
    if (!Number.isSafeInteger(args.offset) || args.offset < 0) throw invalidArgument("offset", "offset must be a whole number, 0 or more.");
    const message = await ownStreamMessage(ctx, ctx.userId, args.streamId);
    return await readStreamBodyAfter(ctx, { ...message, streamId: args.streamId }, args.offset);
  },
});

/**
 * What a tab watching the caller's reply follows: one subscription, which receives each persisted
 * piece once. While the reply is written, its newest piece (`text` from character `from`; empty
 * before the first) and `length`, the characters persisted so far; once it has ended, its final
 * status, the final text's `length` and that text from where its last persisted piece began. A
 * watcher whose text is shorter than `from` (it missed a piece: updates may skip versions), or
 * whose length differs from an ended reply's, reads what it lacks once with
 * `chat:streamChunksAfter` (widget: core/cursor-reader.ts).
 * Errors: `UNAUTHENTICATED`, `NOT_FOUND` (unknown or foreign stream).
 */
export const streamTail = authedQuery({
  args: { streamId: clientStreamIdValidator },
  returns: newestChunkValidator,
  handler: async (ctx, args) => {
    const message = await ownStreamMessage(ctx, ctx.userId, args.streamId);
    return await readNewestChunk(ctx, { ...message, streamId: args.streamId });
  },
});

/**
 * Stops the caller's reply: generation ends within one chunk and every viewer sees the text so far
 * with status `stopped` (`chat:getStreamBody` reports it as `done`, the component's finished
 * state). A reply nobody is generating ends at once (pending) or within seconds (streaming).
 * Does nothing to a reply that has already ended. Errors: `UNAUTHENTICATED`, `NOT_FOUND`
 * (unknown or foreign stream).
 */
export const stopReply = authedMutation({
  args: { streamId: clientStreamIdValidator },
  returns: v.null(),
  handler: async (ctx, args) => {
    const message = await ownStreamMessage(ctx, ctx.userId, args.streamId);
    await requestStop(ctx, message, { by: "visitor" });
    return null;
  },
});

/**
 * Generates the caller's newest reply again: a new `pending` reply to the same question, returned
 * as `{ messageId, streamId }` (drive it like a sent message's). For the conversation's newest AI
 * reply that failed, timed out or was stopped (Retry, Regenerate): the question is not sent again.
 * The old reply stays, marked as replaced, and is left out of what the model reads.
 *
 * Errors: `UNAUTHENTICATED`; `NOT_FOUND` (unknown or foreign conversation, or a message that is no
 * AI reply of it); `SITE_DISABLED`; `SITE_MISMATCH`; `INVALID_ARGUMENT` (field `messageId`: not the
 * newest reply, not ended early, or a person answers); `RATE_LIMITED` with `retryAfterMs` (the
 * visitor's message pace, or the daily budget). A refused call writes nothing.
 */
export const regenerateReply = authedMutation({
  args: { conversationId: clientConversationIdValidator, messageId: v.string() },
  returns: v.object({ messageId: v.id("messages"), streamId: v.string() }),
  handler: async (ctx, args) => await regenerate(ctx, ctx.userId, args),
});

/**
 * What a visitor's widget shows of a site before any message: its name, greeting, assistant name
 * and accent color, as its owners set them, and whether it offers a person (`humanHandoff`, on
 * unless turned off: the widget hides "Talk to a person" before any conversation exists). Needs no
 * sign-in (the site key is public); null for an unknown or disabled site. Never returns settings
 * visitors must not see (prompt, secret, limits).
 */
export const siteProfile = query({
  args: { siteKey: v.string() },
  returns: v.union(
    v.object({
      name: v.string(),
      greeting: v.optional(v.string()),
      assistantName: v.optional(v.string()),
      accentColor: v.optional(v.string()),
      humanHandoff: v.boolean(),
      suggestedQuestions: v.optional(v.array(v.string())),
    }),
    v.null(),
  ),
  handler: async (ctx, { siteKey }) => {
    const site = await siteByKey(ctx, siteKey);
    if (site === null || !site.enabled) return null;
    const { name, greeting, assistantName, accentColor, suggestedQuestions } = site;
    return { name, greeting, assistantName, accentColor, suggestedQuestions, humanHandoff: site.humanHandoff ?? true };
  },
});

/** Longest contact email accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The visitor asks for a person ("Talk to a person"): the conversation waits for one (mode
 * `waiting`; the AI answers no more, a reply being written is stopped) and the site's operators
 * are emailed if nobody reads it within 3 minutes. Works before any message: without
 * `conversationId` it starts a conversation (titled "Asked for a person"). Returns its id.
 * Nothing changes when a person was already asked for or answers. Errors: `UNAUTHENTICATED`,
 * `HANDOFF_DISABLED` (the site turned "Talk to a person" off), `NOT_FOUND`, `SITE_*` and the
 * conversation caps as `sendMessage`.
 */
export const requestHuman = authedMutation({
  args: { siteKey: v.string(), conversationId: v.optional(clientConversationIdValidator) },
  returns: v.object({ conversationId: v.id("conversations") }),
  handler: async (ctx, args) => {
    const site = await requireEnabledSite(ctx, args.siteKey);
    await requireVisitorOfSite(ctx, ctx.userId, site);
    if (site.humanHandoff === false) throw chatError("HANDOFF_DISABLED", "This site does not offer a person to talk to.");
    let conversation: Doc<"conversations"> | null;
    if (args.conversationId === undefined) {
      await checkCaps(ctx, site, ctx.userId, null);
      const now = Date.now();
      const id = await ctx.db.insert("conversations", {
        userId: ctx.userId,
        siteId: site._id,
        title: "Asked for a person",
        updatedAt: now,
        status: "open",
        // Unread for operators from the start: someone is waiting.
        lastVisitorMessageAt: now,
        visitorMessageCount: 0,
      });
      conversation = await ctx.db.get(id);
    } else {
      conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
      if (conversation.siteId !== site._id) throw chatError("NOT_FOUND", "No such conversation.");
    }
    await askForPerson(ctx, conversation!, { by: "visitor" });
    return { conversationId: conversation!._id };
  },
});

/**
 * What the visitor's widget shows about who answers: `mode` (`ai` | `waiting` | `human`),
 * `status`, the answering operator's name, the operator typing mark (`operatorTypingUntil`, ms:
 * hide it once the clock passes it), whether an operator of the site is online now
 * (`operatorsOnline`, true until `operatorsOnlineUntil` unless a heartbeat extends it: when
 * nobody is, ask for an email), the contact email left, and whether the site offers a person at
 * all (`humanHandoff`). Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const conversationState = authedQuery({
  args: { conversationId: clientConversationIdValidator },
  returns: v.object({
    mode: conversationModeValidator,
    status: conversationStatusValidator,
    assigneeName: v.optional(v.string()),
    waitingSince: v.optional(v.number()),
    operatorTypingUntil: v.optional(v.number()),
    operatorTypingName: v.optional(v.string()),
    operatorsOnline: v.boolean(),
    operatorsOnlineUntil: v.optional(v.number()),
    contactEmail: v.optional(v.string()),
    visitorReadAt: v.optional(v.number()),
    humanHandoff: v.boolean(),
  }),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    const site = await ctx.db.get(conversation.siteId);
    const assignee = conversation.assigneeId === undefined ? null : await operatorRow(ctx, conversation.siteId, conversation.assigneeId);
    const signals = await signalsOf(ctx, conversation._id);
    const typingUntil = liveUntil(signals?.operatorTypingUntil);
    const presence = await operatorsOnline(ctx, conversation.siteId);
    return {
      mode: modeOf(conversation),
      status: statusOf(conversation),
      assigneeName: assignee?.displayName,
      waitingSince: conversation.waitingSince,
      operatorTypingUntil: typingUntil,
      operatorTypingName: typingUntil === undefined ? undefined : signals?.operatorTypingName,
      operatorsOnline: presence.online,
      operatorsOnlineUntil: presence.onlineUntil,
      contactEmail: conversation.contactEmail,
      visitorReadAt: conversation.visitorReadAt,
      humanHandoff: site?.humanHandoff ?? true,
    };
  },
});

/**
 * The visitor is typing (`typing: true`, send it every ~2 s while they type) or stopped. Shown to
 * operators for 5 s after the last write; writes are throttled server-side (none while the mark
 * has more than 3 s left). Sending a message clears it. Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const setTyping = authedMutation({
  args: { conversationId: clientConversationIdValidator, typing: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    await markTyping(ctx, conversation._id, "visitor", args.typing);
    return null;
  },
});

/**
 * The visitor's page is open on the conversation: send every ~20 s while it is (operators see the
 * visitor "on the page" for 60 s after the last one). Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const heartbeat = authedMutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    await visitorSeen(ctx, conversation._id);
    return null;
  },
});

/**
 * The visitor has seen the conversation up to now: an operator's reply older than this is not
 * emailed to them. Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const markRead = authedMutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    await ctx.db.patch(conversation._id, { visitorReadAt: Date.now() });
    return null;
  },
});

/**
 * Where an operator's reply the visitor has not seen within 20 minutes is emailed (optional; an
 * empty string removes it). Stored lower case. Errors: `INVALID_ARGUMENT` with `field: "email"`
 * (not an address, or over 254 characters), `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const setContactEmail = authedMutation({
  args: { conversationId: clientConversationIdValidator, email: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    const email = args.email.trim().toLowerCase();
    if (email !== "" && (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email))) {
      throw invalidArgument("email", "Enter an email address like name@example.com.");
    }
    await ctx.db.patch(conversation._id, { contactEmail: email === "" ? undefined : email });
    return null;
  },
});

/**
 * Deletes one of the caller's conversations: a reply still being written is stopped (its text is
 * discarded with the rest), and from this call's commit nothing of the conversation is readable by
 * the visitor, another tab or an operator (`NOT_FOUND` everywhere). Its messages and their streams
 * are deleted in bounded batches right after. Errors: `UNAUTHENTICATED`, `NOT_FOUND`.
 */
export const deleteConversation = authedMutation({
  args: { conversationId: clientConversationIdValidator },
  returns: v.null(),
  handler: async (ctx, args) => {
    const conversation = await ownConversation(ctx, ctx.userId, args.conversationId);
    await eraseConversation(ctx, conversation);
    return null;
  },
});

/**
 * Erases the caller's data: every session of theirs ends now (all tabs and devices are signed
 * out), then all their conversations on every site, their accounts and the visitor itself are
 * deleted in bounded batches by scheduled functions. A signed-identity customer who signs in again
 * starts afresh. The widget's `signOut({ erase: true })` calls it. Site staff (password accounts)
 * are removed by their site's owners instead: `FORBIDDEN`. Errors: `UNAUTHENTICATED`, `FORBIDDEN`.
 */
export const eraseMyData = authedMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    if (await isPasswordUser(ctx, ctx.userId)) throw chatError("FORBIDDEN", "Staff accounts are removed by their site's owners.");
    await endAllSessions(ctx, ctx.userId);
    await ctx.scheduler.runAfter(0, internal.erasure.eraseUser, { userId: ctx.userId });
    return null;
  },
});
