import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { siteFields } from "./lib/sites";
import { publicMessageFields } from "./validators";

export default defineSchema({
  ...authTables,
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
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_streamId", ["streamId"])
    .index("by_userId_and_clientMessageId", ["userId", "clientMessageId"]),
});
