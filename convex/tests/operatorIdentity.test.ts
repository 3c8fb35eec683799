import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { signIdentity } from "../lib/hostIdentity";
import { signOperator } from "../lib/operatorIdentity";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { setEnv } from "./stream.helpers";
import { createSite } from "./visitors.helpers";

// A host site (the WordPress plugin's wp-admin inbox) signs one of its staff; the console signs in
// with it and is an agent of that site, and of no other.

const SECRET = "0123456789abcdef".repeat(4);
const OTHER_SECRET = "fedcba9876543210".repeat(4);
const HOUR = 60 * 60 * 1000;
const page = { numItems: 10, cursor: null };
let t: ChatTest;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  await createSite(t, { key: "shop", identitySecret: SECRET });
  await createSite(t, { key: "mall", identitySecret: OTHER_SECRET });
  await createSite(t, { key: "plain" });
});
afterEach(() => restoreEnv());

type Options = { siteKey?: string; secret?: string; expiresAt?: number; email?: string };

async function signedOperator(operatorId: string, options: Options = {}) {
  const siteKey = options.siteKey ?? "shop";
  const expiresAt = options.expiresAt ?? Date.now() + HOUR;
  const email = options.email ?? "editor@shop.example";
  const signature = await signOperator(options.secret ?? SECRET, { siteKey, operatorId, email, expiresAt });
  return { siteKey, operatorId, email, expiresAt, signature };
}

async function signIn(provider: string, params: Record<string, unknown>) {
  const result = await t.action(api.auth.signIn, { provider, params });
  const token = result.tokens?.token;
  if (!token) throw new Error(`no token: ${JSON.stringify(result)}`);
  const claims = decodeJwt(token);
  return { userId: claims.sub!.split("|")[0] as Id<"users">, as: t.withIdentity({ subject: claims.sub!, issuer: claims.iss! }) };
}

async function refusal(provider: string, params: Record<string, unknown>) {
  const error = await t.action(api.auth.signIn, { provider, params }).then(
    (result) => new Error(`signed in: ${JSON.stringify(result)}`),
    (e: unknown) => e,
  );
  return error as { data?: { code: string; message: string }; message: string };
}

test("a signed operator is an agent of that site, the same user on every sign-in, and sees its conversations", async () => {
  const expiresAt = Date.now() + HOUR;
  const visitor = await signIn("host-identity", {
    siteKey: "shop",
    customerId: "7",
    expiresAt,
    signature: await signIdentity(SECRET, { siteKey: "shop", customerId: "7", expiresAt }),
  });
  const { conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "Is it in stock?" });

  const first = await signIn("operator-identity", await signedOperator("12"));
  const again = await signIn("operator-identity", await signedOperator("12"));
  expect(again.userId).toBe(first.userId);
  expect(await first.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: "shop", name: "Site shop", role: "agent" }]);
  const operators = await t.run(
    async (ctx) =>
      await ctx.db
        .query("operators")
        .withIndex("by_userId", (q) => q.eq("userId", first.userId))
        .take(5),
  );
  expect(operators.map((o) => [o.role, o.displayName])).toEqual([["agent", "editor"]]);

  const inbox = await first.as.query(api.inbox.listConversations, { siteKey: "shop", filter: "all", paginationOpts: page });
  expect(inbox.page.map((row) => [row.conversationId, row.customerId])).toEqual([[conversationId, "7"]]);
  const opened = await first.as.query(api.inbox.getConversation, { conversationId });
  expect(opened.messages[0].content).toBe("Is it in stock?");
});

test("another operator id, or the same id on another site, is another user", async () => {
  const onShop = await signIn("operator-identity", await signedOperator("12"));
  const other = await signIn("operator-identity", await signedOperator("13"));
  const onMall = await signIn("operator-identity", await signedOperator("12", { siteKey: "mall", secret: OTHER_SECRET }));
  expect(new Set([onShop.userId, other.userId, onMall.userId]).size).toBe(3);
});

test("an operator of one site sees nothing of another", async () => {
  const operator = await signIn("operator-identity", await signedOperator("12"));
  const error = await operator.as
    .query(api.inbox.listConversations, { siteKey: "mall", filter: "all", paginationOpts: page })
    .catch((e) => e);
  expect(error.data?.code).toBe("NOT_FOUND");
});

test("a signed operator is an agent, never an owner: no settings, no secret rotation", async () => {
  const operator = await signIn("operator-identity", await signedOperator("1"));
  for (const call of [
    () => operator.as.query(api.siteSettings.get, { siteKey: "shop" }),
    () => operator.as.mutation(api.siteSettings.rotateIdentitySecret, { siteKey: "shop" }),
  ]) {
    expect((await call().catch((e) => e)).data?.code).toBe("FORBIDDEN");
  }
});

test("a signed operator is never a visitor: the chat refuses them on their own site", async () => {
  const operator = await signIn("operator-identity", await signedOperator("12"));
  const error = await operator.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "hi" }).catch((e) => e);
  expect(error.data?.code).toBe("SITE_MISMATCH");
});

test("a signed operator cannot redeem an invitation to another site", async () => {
  const { code } = await t.mutation(internal.operators.invite, { siteKey: "mall", email: "editor@shop.example", role: "owner" });
  const operator = await signIn("operator-identity", await signedOperator("12"));
  const error = await operator.as.mutation(api.invitations.redeem, { code }).catch((e) => e);
  expect(error.data?.code).toBe("FORBIDDEN");
  expect(await operator.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: "shop", name: "Site shop", role: "agent" }]);
});

describe("refused operator sign-ins", () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    [
      "a tampered signature",
      async () => ({ ...(await signedOperator("1")), signature: (await signedOperator("2")).signature }),
      "IDENTITY_INVALID",
    ],
    ["another operator id under a valid signature", async () => ({ ...(await signedOperator("1")), operatorId: "2" }), "IDENTITY_INVALID"],
    [
      "another email under a valid signature",
      async () => ({ ...(await signedOperator("1")), email: "boss@shop.example" }),
      "IDENTITY_INVALID",
    ],
    ["an expired identity", async () => signedOperator("1", { expiresAt: Date.now() - 1 }), "IDENTITY_EXPIRED"],
    ["an expiry more than 24 hours ahead", async () => signedOperator("1", { expiresAt: Date.now() + 25 * HOUR }), "IDENTITY_INVALID"],
    ["a signature made with another site's secret", async () => signedOperator("1", { secret: OTHER_SECRET }), "IDENTITY_INVALID"],
    [
      "a signature made for another site",
      async () => ({ ...(await signedOperator("1", { siteKey: "mall", secret: SECRET })), siteKey: "shop" }),
      "IDENTITY_INVALID",
    ],
    ["an unknown site", async () => signedOperator("1", { siteKey: "nope" }), "SITE_NOT_FOUND"],
    ["a site without an identity secret", async () => signedOperator("1", { siteKey: "plain" }), "IDENTITY_INVALID"],
    ["an email that is not one", async () => signedOperator("1", { email: "nobody" }), "IDENTITY_INVALID"],
    ["an operator id with a colon", async () => signedOperator("1:x"), "IDENTITY_INVALID"],
    [
      "a visitor's signature presented as an operator's",
      async () => {
        const expiresAt = Date.now() + HOUR;
        // The visitor message for customer "1:editor@shop.example" reads like the operator fields.
        const customerId = "1:editor@shop.example";
        const signature = await signIdentity(SECRET, { siteKey: "shop", customerId, expiresAt });
        return { siteKey: "shop", operatorId: "1", email: "editor@shop.example", expiresAt, signature };
      },
      "IDENTITY_INVALID",
    ],
  ];
  for (const [name, params, code] of cases) {
    test(name, async () => {
      const error = await refusal("operator-identity", await params());
      expect(error.data?.code, error.message).toBe(code);
      expect(JSON.stringify(error.data)).not.toContain(SECRET);
    });
  }

  test("an operator's signature presented as a visitor's", async () => {
    const operator = await signedOperator("1");
    for (const customerId of ["1", "1:editor@shop.example", `operator/v1:shop:1:editor@shop.example`]) {
      const error = await refusal("host-identity", {
        siteKey: "shop",
        customerId,
        expiresAt: operator.expiresAt,
        signature: operator.signature,
      });
      expect(error.data?.code, customerId).toBe("IDENTITY_INVALID");
    }
  });

  test("a disabled site", async () => {
    await t.mutation(internal.sites.update, { key: "shop", enabled: false });
    expect((await refusal("operator-identity", await signedOperator("1"))).data?.code).toBe("SITE_DISABLED");
  });

  test("refusals create no user and no operator", async () => {
    await refusal("operator-identity", { ...(await signedOperator("1")), signature: "0".repeat(64) });
    expect(await t.run(async (ctx) => (await ctx.db.query("users").take(5)).length)).toBe(0);
    expect(await t.run(async (ctx) => (await ctx.db.query("operators").take(5)).length)).toBe(0);
  });
});
