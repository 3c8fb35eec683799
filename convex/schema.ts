import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { roleValidator, streamStatusValidator } from "./validators";

export default defineSchema({
  ...authTables,
  conversations: defineTable({
    userId: v.id("users"),
    title: v.string(),
    /** Last activity (ms since epoch); orders the conversation list. */
    updatedAt: v.number(),
  }).index("by_userId_and_updatedAt", ["userId", "updatedAt"]),
  messages: defineTable({
    conversationId: v.id("conversations"),
    /** Owner, copied from the conversation so a stream's owner is one read away. */
    userId: v.id("users"),
    role: roleValidator,
    content: v.string(),
    /** Assistant replies only: the component stream the reply is generated into. */
    streamId: v.optional(v.string()),
    status: v.optional(streamStatusValidator),
    /** Why generation failed, when status is "error" or "timeout". */
    error: v.optional(v.string()),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_streamId", ["streamId"]),
});
