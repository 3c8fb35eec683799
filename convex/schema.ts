import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { stopRequesterValidator } from "./lib/replyStatus";
import { siteFields } from "./lib/sites";
import { publicMessageFields } from "./validators";

export default defineSchema({
  ...authTables,
  /** Convex Auth's users, plus the site each visitor belongs to (lib/visitorSite.ts). */
  users: defineTable({
    ...authTables.users.validator.fields,
    /** The site the visitor signed in on; they may use no other. Set at sign-in by both providers. */
    siteId: v.optional(v.id("sites")),
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
  }).index("by_userId_and_siteId_and_updatedAt", ["userId", "siteId", "updatedAt"]),
  messages: defineTable({
    ...publicMessageFields,
    /** Owner, copied from the conversation so a stream's owner is one read away. */
    userId: v.id("users"),
    /** Assistant replies being generated: last sign of progress (ms), read by the reply watchdog. */
    lastActivityAt: v.optional(v.number()),
    /** Assistant replies: when the visitor asked to stop (`chat:stopReply`); generation polls it. */
    stopRequestedAt: v.optional(v.number()),
    /** Assistant replies: who asked to stop (lib/replyLifecycle.ts `requestStop`). */
    stopRequestedBy: v.optional(stopRequesterValidator),
    /** Assistant replies: daily-budget tokens reserved when claimed, settled when the reply ends. */
    reservedTokens: v.optional(v.number()),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_streamId", ["streamId"])
    .index("by_userId_and_clientMessageId", ["userId", "clientMessageId"]),
});
