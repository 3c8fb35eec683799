import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { publicMessageFields } from "./validators";

export default defineSchema({
  ...authTables,
  conversations: defineTable({
    userId: v.id("users"),
    title: v.string(),
    /** Last activity (ms since epoch); orders the conversation list. */
    updatedAt: v.number(),
  }).index("by_userId_and_updatedAt", ["userId", "updatedAt"]),
  messages: defineTable({
    ...publicMessageFields,
    /** Owner, copied from the conversation so a stream's owner is one read away. */
    userId: v.id("users"),
    /** Assistant replies being generated: last sign of progress (ms), read by the reply watchdog. */
    lastActivityAt: v.optional(v.number()),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_streamId", ["streamId"]),
});
