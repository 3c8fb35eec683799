// Message and sign-in rates (lib/limits.ts), each on a site of its own with small limits. Time is
// moved forward with a fake clock (Date only: timers stay real), never waited for.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { SiteLimits } from "../lib/limitsConfig";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { expectRateLimited, refusal, rowCounts } from "./limits.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

const MINUTE = 60_000;
let t: ChatTest;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  t = await newConvexTest();
});
afterEach(() => {
  vi.useRealTimers();
});

function later(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}

async function siteWith(key: string, limits: SiteLimits) {
  await createSite(t, { key, limits });
  return key;
}

function send(visitor: Visitor, siteKey: string, text = "hello", conversationId?: string) {
  return visitor.as.mutation(api.chat.sendMessage, { siteKey, text, ...(conversationId ? { conversationId } : {}) });
}

describe("messages per visitor", () => {
  test("allows a burst, then refuses with RATE_LIMITED and the wait, writing nothing", async () => {
    const site = await siteWith("visitor-pace", { visitorMessagesPerMinute: 2, visitorBurst: 3 });
    const visitor = await signInVisitor(t, site);
    const first = await send(visitor, site);
    await send(visitor, site, "two", first.conversationId);
    await send(visitor, site, "three", first.conversationId);

    const before = await rowCounts(t);
    // One message per 30 s refills the bucket: the wait is at most that.
    await expectRateLimited(send(visitor, site, "four", first.conversationId), 30_000);
    await expectRateLimited(send(visitor, site, "a new conversation"), 30_000);
    expect(await rowCounts(t)).toEqual(before);

    later(30_000);
    await send(visitor, site, "four", first.conversationId);
    const messages = await visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId });
    expect(messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["hello", "two", "three", "four"]);
  });

  test("a retried send (same clientMessageId) gets its first answer even while the visitor is limited", async () => {
    const site = await siteWith("retries", { visitorMessagesPerMinute: 1, visitorBurst: 1 });
    const visitor = await signInVisitor(t, site);
    const args = { siteKey: site, text: "sent once", clientMessageId: "retry-1" };
    const first = await visitor.as.mutation(api.chat.sendMessage, args);
    await expectRateLimited(send(visitor, site, "another"), MINUTE);
    expect(await visitor.as.mutation(api.chat.sendMessage, args)).toEqual(first);
  });

  test("each visitor has a bucket of their own", async () => {
    const site = await siteWith("own-buckets", { visitorMessagesPerMinute: 1, visitorBurst: 1 });
    const [ann, bob] = [await signInVisitor(t, site), await signInVisitor(t, site)];
    await send(ann, site);
    await expectRateLimited(send(ann, site), MINUTE);
    await send(bob, site);
  });
});

describe("messages per site", () => {
  test("counts every visitor of the site together, and only that site", async () => {
    const site = await siteWith("busy-site", { siteMessagesPerMinute: 2 });
    const other = await siteWith("quiet-site", { siteMessagesPerMinute: 2 });
    const visitors = [await signInVisitor(t, site), await signInVisitor(t, site), await signInVisitor(t, site)];
    await send(visitors[0], site);
    await send(visitors[1], site);
    const before = await rowCounts(t);
    const refused = await expectRateLimited(send(visitors[2], site), MINUTE / 2);
    expect(refused.message).toMatch(/this chat/i);
    expect(await rowCounts(t)).toEqual(before);
    // Another site's budget is untouched.
    await send(await signInVisitor(t, other), other);

    later(MINUTE / 2);
    await send(visitors[2], site);
  });
});

describe("anonymous sign-ins per site", () => {
  const signIn = (siteKey?: string) =>
    t.action(api.auth.signIn, { provider: "anonymous", params: siteKey === undefined ? {} : { siteKey } });

  test("refuses new visitors over the site's rate with RATE_LIMITED, creating no user", async () => {
    const site = await siteWith("signins", { siteSignInsPerMinute: 2 });
    await signIn(site);
    const second = await signIn(site);
    const before = await rowCounts(t);
    await expectRateLimited(signIn(site), MINUTE / 2);
    expect(await rowCounts(t)).toEqual(before);

    // A refresh is not a new visitor: it still works while sign-ins are refused.
    const refreshed = await t.action(api.auth.signIn, { refreshToken: second.tokens!.refreshToken });
    expect(refreshed.tokens?.token).toMatch(/^ey/);
    // Another site admits its own visitors.
    await signIn(await siteWith("other-signins", { siteSignInsPerMinute: 1 }));

    later(MINUTE / 2);
    expect((await signIn(site)).tokens?.token).toMatch(/^ey/);
  });

  test("refuses a missing, unknown or disabled site", async () => {
    await createSite(t, { key: "closed", enabled: false });
    const before = await rowCounts(t);
    expect((await refusal(signIn())).code).toBe("SITE_NOT_FOUND");
    expect((await refusal(signIn("no-such-site"))).code).toBe("SITE_NOT_FOUND");
    expect((await refusal(signIn("closed"))).code).toBe("SITE_DISABLED");
    expect(await rowCounts(t)).toEqual(before);
  });
});
