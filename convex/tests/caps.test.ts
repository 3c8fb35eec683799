// Caps on conversation length and on conversations per visitor (lib/limits.ts `checkCaps`).
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { DEFAULT_LIMITS } from "../lib/limitsConfig";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { refusal, rowCounts } from "./limits.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

let t: ChatTest;
beforeEach(async () => {
  t = await newConvexTest();
});

function send(visitor: Visitor, siteKey: string, text: string, conversationId?: string) {
  return visitor.as.mutation(api.chat.sendMessage, { siteKey, text, ...(conversationId ? { conversationId } : {}) });
}

describe("messages per conversation", () => {
  test("refuses a message over the cap with CONVERSATION_FULL; a new conversation still works", async () => {
    await createSite(t, { key: "short-talks", limits: { maxMessagesPerConversation: 2 } });
    const visitor = await signInVisitor(t, "short-talks");
    const first = await send(visitor, "short-talks", "one");
    await send(visitor, "short-talks", "two", first.conversationId);

    const before = await rowCounts(t);
    const full = await refusal(send(visitor, "short-talks", "three", first.conversationId));
    expect(full.code).toBe("CONVERSATION_FULL");
    expect(full.message).toContain("2 messages");
    expect(full.retryAfterMs).toBeUndefined();
    expect(await rowCounts(t)).toEqual(before);

    const fresh = await send(visitor, "short-talks", "three");
    expect(fresh.conversationId).not.toBe(first.conversationId);
  });

  test("defaults to a cap whose whole conversation fits in one listMessages page", () => {
    // Each visitor message has one reply; listMessages returns the newest 200.
    expect(DEFAULT_LIMITS.maxMessagesPerConversation * 2).toBeLessThanOrEqual(200);
  });
});

describe("conversations per visitor", () => {
  test("refuses a new conversation over the cap with TOO_MANY_CONVERSATIONS; existing ones continue", async () => {
    await createSite(t, { key: "few-talks", limits: { maxConversationsPerVisitor: 2 } });
    const visitor = await signInVisitor(t, "few-talks");
    const first = await send(visitor, "few-talks", "first");
    await send(visitor, "few-talks", "second");

    const before = await rowCounts(t);
    const refused = await refusal(send(visitor, "few-talks", "third"));
    expect(refused.code).toBe("TOO_MANY_CONVERSATIONS");
    expect(await rowCounts(t)).toEqual(before);

    await send(visitor, "few-talks", "still here", first.conversationId);
    // The cap is per visitor: someone else starts theirs.
    await send(await signInVisitor(t, "few-talks"), "few-talks", "hello");
  });

  test("another site is no way round the cap: the visitor belongs to the site they signed in on", async () => {
    await createSite(t, { key: "site-a", limits: { maxConversationsPerVisitor: 1 } });
    await createSite(t, { key: "site-b", limits: { maxConversationsPerVisitor: 1 } });
    const visitor = await signInVisitor(t, "site-a");
    await send(visitor, "site-a", "on a");
    expect((await refusal(send(visitor, "site-b", "on b"))).code).toBe("SITE_MISMATCH");
    expect((await refusal(send(visitor, "site-a", "again on a"))).code).toBe("TOO_MANY_CONVERSATIONS");
  });
});
