// Long conversations made in one step, for the widget's browser tests and the benchmarks (through
// the local backend's IPC or `npx convex run`): a visitor would need minutes and the rate limits'
// leave to write them. Internal: no client can call it.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { chatError } from "./lib/errors";

/** Most exchanges one call adds (each is two messages, written in one transaction). */
const MAX_SEED_EXCHANGES = 200;

/**
 * Adds `exchanges` finished exchanges to an existing conversation, after its messages: a visitor
 * message "`prefix` N" and the AI's done reply "Answer to `prefix` N." (N from 1), counted in the
 * conversation's visitor messages as sent ones would be. Returns how many messages it wrote.
 */
export const seedExchanges = internalMutation({
  args: { conversationId: v.id("conversations"), exchanges: v.number(), prefix: v.optional(v.string()) },
  returns: v.number(),
  handler: async (ctx, { conversationId, exchanges, prefix = "Question" }) => {
    if (!Number.isInteger(exchanges) || exchanges < 1 || exchanges > MAX_SEED_EXCHANGES) {
      throw chatError("INVALID_ARGUMENT", `exchanges must be an integer from 1 to ${MAX_SEED_EXCHANGES}.`);
    }
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null) throw chatError("NOT_FOUND", "No such conversation.");
    const owner = { conversationId, userId: conversation.userId };
    for (let n = 1; n <= exchanges; n++) {
      await ctx.db.insert("messages", { ...owner, role: "user", author: "visitor", content: `${prefix} ${n}` });
      await ctx.db.insert("messages", { ...owner, role: "assistant", author: "ai", content: `Answer to ${prefix} ${n}.`, status: "done" });
    }
    const visitorMessageCount = (conversation.visitorMessageCount ?? 0) + exchanges;
    await ctx.db.patch(conversationId, { visitorMessageCount, updatedAt: Date.now() });
    return 2 * exchanges;
  },
});
