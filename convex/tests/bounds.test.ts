import { beforeEach, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { HISTORY_CHARS, HISTORY_MESSAGES } from "../replies";
import { MESSAGE_LIST_LIMIT } from "../validators";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// Reads over user data are bounded: lists and the provider's history take the newest N only.

let t: ChatTest;
let visitor: Visitor;
let conversationId: Id<"conversations">;

beforeEach(async () => {
  t = await newConvexTest();
  visitor = await signInVisitor(t);
  ({ conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "start" }));
});

/**
 * Adds `count` messages numbered from 0, each `size` characters long, the visitor's and the AI's
 * in turn (visitor messages in a row would be read as one turn).
 */
async function addMessages(count: number, size = 1) {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      const content = `${i}`.padEnd(size, ".");
      await ctx.db.insert("messages", { conversationId, userId: visitor.userId, role: i % 2 === 0 ? "user" : "assistant", content });
    }
  });
}

test("listMessages returns the newest messages only, oldest first", async () => {
  await addMessages(MESSAGE_LIST_LIMIT + 5);
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId });
  expect(messages).toHaveLength(MESSAGE_LIST_LIMIT);
  expect(messages[0].content).toBe("5");
  expect(messages[messages.length - 1].content).toBe(`${MESSAGE_LIST_LIMIT + 4}`);
});

test("the provider's history is the newest messages within the count and character budgets", async () => {
  await addMessages(HISTORY_MESSAGES + 10);
  const history = await t.query(internal.replies.recentHistory, { conversationId, before: Date.now() + 1000 });
  expect(history).toHaveLength(HISTORY_MESSAGES);
  expect(history[history.length - 1].content).toBe(`${HISTORY_MESSAGES + 9}`);

  const size = Math.floor(HISTORY_CHARS / 3) + 1;
  await addMessages(5, size);
  const long = await t.query(internal.replies.recentHistory, { conversationId, before: Date.now() + 1000 });
  expect(long.map((turn) => turn.content.length)).toEqual([size, size]);
});
