import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { stopRequesterValidator } from "./lib/replyStatus";
import { siteFields } from "./lib/sites";
import {
  conversationContextValidator,
  conversationModeValidator,
  conversationStatusValidator,
  messageAuthorFields,
  operatorRoleValidator,
  publicMessageFields,
} from "./validators";

export default defineSchema({
  ...authTables,
  /** Convex Auth's users, plus the site each visitor belongs to (lib/visitorSite.ts). */
  users: defineTable({
    ...authTables.users.validator.fields,
    /** The site the visitor signed in on; they may use no other. Set at sign-in by both providers. */
    siteId: v.optional(v.id("sites")),
    /**
     * When the visitor's reply was first claimed through the stream route from a page its site
     * allows (or a server): the server drives replies (replyDriver.ts) only for such visitors, so a
     * page the site does not allow gets none (its browser's stream requests are refused).
     */
    streamRouteVerifiedAt: v.optional(v.number()),
  })
    .index("email", ["email"])
    .index("phone", ["phone"]),
  /** The websites the widget is embedded on (created by the operator: convex/sites.ts). */
  sites: defineTable(siteFields).index("by_key", ["key"]),
  conversations: defineTable({
    userId: v.id("users"),
    /** The site the conversation was started on; it can only be continued there. */
    siteId: v.id("sites"),
    title: v.string(),
    /** Last activity (ms since epoch); orders the conversation list. */
    updatedAt: v.number(),
    /** Visitor messages sent in it, checked against the site's maxMessagesPerConversation. */
    visitorMessageCount: v.optional(v.number()),
    /** For the operators' inbox; unset reads as "open". A visitor's message reopens it. */
    status: v.optional(conversationStatusValidator),
    /** When the visitor last wrote (ms); newer than `operatorsReadAt` = unread for operators. */
    lastVisitorMessageAt: v.optional(v.number()),
    /** When an operator last opened it (`inbox:markRead`); shared by the site's operators. */
    operatorsReadAt: v.optional(v.number()),
    /** Title and the visitor's recent text, capped (lib/conversationActivity.ts): what `inbox:search` searches. */
    searchText: v.optional(v.string()),
    /** Where the conversation started, as the widget reported it (sanitised). */
    context: v.optional(conversationContextValidator),
    /** Who answers (lib/conversationMode.ts, the only writer); unset reads as "ai". */
    mode: v.optional(conversationModeValidator),
    /** The operator (user id) who took the conversation over; set in mode "human". */
    assigneeId: v.optional(v.id("users")),
    /** When a person was asked for (mode "waiting"); orders the inbox's `waiting` filter. */
    waitingSince: v.optional(v.number()),
    /** When the visitor last read the conversation (`chat:markRead`). */
    visitorReadAt: v.optional(v.number()),
    /** Where an operator's unseen reply is emailed (`chat:setContactEmail`), lower case. */
    contactEmail: v.optional(v.string()),
    /** When an operator last wrote in it (ms). */
    lastOperatorMessageAt: v.optional(v.number()),
    /**
     * The AI reply being written in it (pending or streaming), if any: a visitor's message sent
     * meanwhile waits for the next reply (lib/replyLifecycle.ts, the only writer).
     */
    replyInProgressId: v.optional(v.id("messages")),
    /** When the site's operators were last emailed about it (30 min cooldown, lib/handoffEmails.ts). */
    operatorsEmailedAt: v.optional(v.number()),
    /** When the visitor was last emailed an unseen reply. */
    visitorEmailedAt: v.optional(v.number()),
  })
    .index("by_userId_and_siteId_and_updatedAt", ["userId", "siteId", "updatedAt"])
    .index("by_siteId_and_updatedAt", ["siteId", "updatedAt"])
    .index("by_siteId_and_status_and_updatedAt", ["siteId", "status", "updatedAt"])
    .index("by_siteId_and_mode_and_waitingSince", ["siteId", "mode", "waitingSince"])
    .index("by_siteId_and_assigneeId_and_updatedAt", ["siteId", "assigneeId", "updatedAt"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["siteId"] }),
  /** Site staff: a password user bound to a site with a role (lib/operators.ts). */
  operators: defineTable({
    userId: v.id("users"),
    siteId: v.id("sites"),
    role: operatorRoleValidator,
    displayName: v.string(),
  })
    .index("by_userId", ["userId"])
    .index("by_siteId_and_userId", ["siteId", "userId"]),
  /**
   * What changes every few seconds in a conversation, kept off the conversation document so the
   * inbox's lists do not re-run on every keystroke: typing marks (each an expiry, hidden by clients
   * after it) and when the visitor's page last said it is open (lib/conversationSignals.ts).
   */
  conversationSignals: defineTable({
    conversationId: v.id("conversations"),
    visitorTypingUntil: v.optional(v.number()),
    operatorTypingUntil: v.optional(v.number()),
    operatorTypingName: v.optional(v.string()),
    visitorSeenAt: v.optional(v.number()),
  }).index("by_conversationId", ["conversationId"]),
  /** Operators' heartbeats per site: online when seen within a minute and not away (lib/operatorPresence.ts). */
  operatorPresence: defineTable({
    siteId: v.id("sites"),
    userId: v.id("users"),
    lastSeenAt: v.number(),
    away: v.boolean(),
  })
    .index("by_siteId_and_userId", ["siteId", "userId"])
    .index("by_siteId_and_lastSeenAt", ["siteId", "lastSeenAt"]),
  /** One-time codes that make their redeemer an operator of a site (invitations.ts). */
  invitations: defineTable({
    siteId: v.id("sites"),
    /** Lower case; only a password user with this email may redeem it. */
    email: v.string(),
    role: operatorRoleValidator,
    /** SHA-256 (hex) of the code; the code itself is shown once and never stored. */
    codeHash: v.string(),
    expiresAt: v.number(),
    /** The owner who created it; unset when made with `npx convex run operators:invite`. */
    createdBy: v.optional(v.id("users")),
    redeemedAt: v.optional(v.number()),
  })
    .index("by_codeHash", ["codeHash"])
    .index("by_siteId", ["siteId"]),
  messages: defineTable({
    ...publicMessageFields,
    ...messageAuthorFields,
    /** Operator messages: the operator's user id (never exposed to visitors). */
    authorId: v.optional(v.id("users")),
    /** Owner, copied from the conversation so a stream's owner is one read away. */
    userId: v.id("users"),
    /** Assistant replies being generated: last sign of progress (ms), read by the reply watchdog. */
    lastActivityAt: v.optional(v.number()),
    /** Assistant replies: when the visitor asked to stop (`chat:stopReply`); generation polls it. */
    stopRequestedAt: v.optional(v.number()),
    /** Assistant replies: who asked to stop (lib/replyLifecycle.ts `requestStop`). */
    stopRequestedBy: v.optional(stopRequesterValidator),
    /**
     * Assistant replies: a browser page the site does not allow asked for it (the stream route
     * refused it); the server's own drive (replyDriver.ts) then never generates it for that page.
     */
    refusedOriginAt: v.optional(v.number()),
    /** Assistant replies: daily-budget tokens reserved when claimed, settled when the reply ends. */
    reservedTokens: v.optional(v.number()),
    /** Assistant replies that ended: where their last persisted piece began (lib/replyTail.ts). */
    lastPieceFrom: v.optional(v.number()),
    /** Assistant replies generated again (`chat:regenerateReply`): the reply that replaced this one. */
    supersededBy: v.optional(v.id("messages")),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_streamId", ["streamId"])
    .index("by_userId_and_clientMessageId", ["userId", "clientMessageId"]),
  /**
   * The newest persisted piece of each reply being written (lib/replyTail.ts): what watching tabs
   * follow. Written with each piece, deleted when the reply ends or is erased.
   */
  replyTails: defineTable({
    messageId: v.id("messages"),
    streamId: v.string(),
    /** Where `text` starts in the reply (characters persisted before it). */
    from: v.number(),
    text: v.string(),
  }).index("by_streamId", ["streamId"]),
});
