// A visitor belongs to the site they signed in on (lib/visitorSite.ts): a visitor minted on a
// generous site cannot be spent on a strict one, where they would get fresh per-visitor buckets.
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { signIdentity } from "../lib/hostIdentity";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { refusal, rowCounts } from "./limits.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

const SECRET = "0123456789abcdef".repeat(4);
let t: ChatTest;

beforeEach(async () => {
  t = await newConvexTest();
  await createSite(t, { key: "generous", limits: { siteSignInsPerMinute: 1_000 }, identitySecret: SECRET });
  await createSite(t, { key: "strict", limits: { siteSignInsPerMinute: 1, visitorBurst: 1 } });
});

async function expectMismatch(visitor: Pick<Visitor, "as">, siteKey: string) {
  const before = await rowCounts(t);
  const sent = await refusal(visitor.as.mutation(api.chat.sendMessage, { siteKey, text: "hello" }));
  expect(sent).toMatchObject({ code: "SITE_MISMATCH", message: expect.stringMatching(/another site/) });
  const listed = await refusal(visitor.as.query(api.chat.listConversations, { siteKey }));
  expect(listed.code).toBe("SITE_MISMATCH");
  expect(await rowCounts(t)).toEqual(before);
}

describe("anonymous visitors", () => {
  test("are refused on any site but the one they signed in on, which still serves them", async () => {
    const minted = await signInVisitor(t, "generous");
    await expectMismatch(minted, "strict");

    const sent = await minted.as.mutation(api.chat.sendMessage, { siteKey: "generous", text: "hello" });
    const listed = await minted.as.query(api.chat.listConversations, { siteKey: "generous" });
    expect(listed.map((c) => c._id)).toEqual([sent.conversationId]);
  });

  test("the strict site's sign-in cap then bounds its visitors: the minted ones do not count", async () => {
    const own = await signInVisitor(t, "strict");
    await own.as.mutation(api.chat.sendMessage, { siteKey: "strict", text: "hello" });
    for (let i = 0; i < 3; i++) await expectMismatch(await signInVisitor(t, "generous"), "strict");
  });
});

test("a signed-identity customer is refused on another site", async () => {
  const expiresAt = Date.now() + 60_000;
  const signature = await signIdentity(SECRET, { siteKey: "generous", customerId: "c1", expiresAt });
  const result = await t.action(api.auth.signIn, {
    provider: "host-identity",
    params: { siteKey: "generous", customerId: "c1", expiresAt, signature },
  });
  const claims = decodeJwt(result.tokens!.token);
  const customer = { as: t.withIdentity({ subject: claims.sub!, issuer: claims.iss! }) };
  await expectMismatch(customer, "strict");
  await customer.as.mutation(api.chat.sendMessage, { siteKey: "generous", text: "mine" });
});

test("a user without a recorded site (made before sites were recorded) is refused everywhere", async () => {
  const legacy = await signInVisitor(t, "generous");
  await t.run(async (ctx) => ctx.db.patch(legacy.userId, { siteId: undefined }));
  await expectMismatch(legacy, "generous");
});
