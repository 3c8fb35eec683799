// A site with a visitor and two operators, for the human handoff's tests.
import { ConvexError } from "convex/values";
import { expect } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

export type Desk = { t: ChatTest; visitor: Visitor; owner: Staff; agent: Staff };

/** The demo site with a signed-in visitor, its owner (`owner@demo.test`) and an agent (`agent@demo.test`). */
export async function newDesk(): Promise<Desk> {
  const t = await newConvexTest();
  const visitor = await signInVisitor(t);
  const owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
  const agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
  return { t, visitor, owner, agent };
}

/** The visitor's messages as they read them: author, name and text. */
export async function transcript(visitor: Visitor, conversationId: string) {
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId });
  return messages.map((m) => ({
    author: m.author,
    ...(m.authorName ? { authorName: m.authorName } : {}),
    content: m.content,
    status: m.status,
  }));
}

/** Expects a ConvexError with this code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(ConvexError);
  expect((error as ConvexError<{ code: string }>).data.code).toBe(code);
}
