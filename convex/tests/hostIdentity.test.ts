import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { signIdentity } from "../lib/hostIdentity";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { setEnv } from "./stream.helpers";
import { createSite } from "./visitors.helpers";

// A host site signs its logged-in customer's id on its server; the widget signs in with it.

const SECRET = "0123456789abcdef".repeat(4);
const OTHER_SECRET = "fedcba9876543210".repeat(4);
const HOUR = 60 * 60 * 1000;
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

async function signed(customerId: string, options: { siteKey?: string; secret?: string; expiresAt?: number } = {}) {
  const siteKey = options.siteKey ?? "shop";
  const expiresAt = options.expiresAt ?? Date.now() + HOUR;
  const signature = await signIdentity(options.secret ?? SECRET, { siteKey, customerId, expiresAt });
  return { siteKey, customerId, expiresAt, signature };
}

/** Signs in as a new "device" with these params; returns the raw answer and an accessor. */
async function device(params: Record<string, unknown>) {
  const result = await t.action(api.auth.signIn, { provider: "host-identity", params });
  const token = result.tokens?.token;
  if (!token) throw new Error(`no token: ${JSON.stringify(result)}`);
  const claims = decodeJwt(token);
  return {
    result,
    userId: claims.sub!.split("|")[0] as Id<"users">,
    as: t.withIdentity({ subject: claims.sub!, issuer: claims.iss! }),
  };
}

async function refusal(params: Record<string, unknown>) {
  const error = await t.action(api.auth.signIn, { provider: "host-identity", params }).then(
    (result) => new Error(`signed in: ${JSON.stringify(result)}`),
    (e: unknown) => e,
  );
  return error as { data?: { code: string; message: string }; message: string };
}

test("a valid identity is the same user on every device, with the same conversations", async () => {
  const laptop = await device(await signed("customer-42"));
  const phone = await device(await signed("customer-42"));
  expect(phone.userId).toBe(laptop.userId);

  const sent = await laptop.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "Where is my order?" });
  const onPhone = await phone.as.query(api.chat.listConversations, { siteKey: "shop" });
  expect(onPhone.map((c) => c._id)).toEqual([sent.conversationId]);
  const messages = await phone.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
  expect(messages[0].content).toBe("Where is my order?");

  expect(JSON.stringify(laptop.result)).not.toContain(SECRET);
});

test("a customer id with a well-formed surrogate pair (an emoji) signs in", async () => {
  const emoji = await device(await signed("c\u{1F600}"));
  expect(emoji.userId).toBeTruthy();
});

test("the same customer id on another site, or another customer, is another user", async () => {
  const onShop = await device(await signed("customer-42"));
  const onMall = await device(await signed("customer-42", { siteKey: "mall", secret: OTHER_SECRET }));
  const other = await device(await signed("customer-43"));
  expect(new Set([onShop.userId, onMall.userId, other.userId]).size).toBe(3);
  await onShop.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "mine" });
  expect(await other.as.query(api.chat.listConversations, { siteKey: "shop" })).toEqual([]);
});

describe("refused sign-ins", () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    ["a tampered signature", async () => ({ ...(await signed("c1")), signature: (await signed("c2")).signature }), "IDENTITY_INVALID"],
    ["another customer's id under a valid signature", async () => ({ ...(await signed("c1")), customerId: "c2" }), "IDENTITY_INVALID"],
    [
      "a later expiry than the one signed",
      async () => {
        const identity = await signed("c1");
        return { ...identity, expiresAt: identity.expiresAt + HOUR };
      },
      "IDENTITY_INVALID",
    ],
    ["an expired identity", async () => signed("c1", { expiresAt: Date.now() - 1 }), "IDENTITY_EXPIRED"],
    ["an expiry more than 24 hours ahead", async () => signed("c1", { expiresAt: Date.now() + 25 * HOUR }), "IDENTITY_INVALID"],
    ["a signature made with another site's secret", async () => signed("c1", { secret: OTHER_SECRET }), "IDENTITY_INVALID"],
    [
      "a signature made for another site",
      async () => ({ ...(await signed("c1", { siteKey: "mall", secret: SECRET })), siteKey: "shop" }),
      "IDENTITY_INVALID",
    ],
    ["an unknown site", async () => signed("c1", { siteKey: "nope" }), "SITE_NOT_FOUND"],
    ["a site without an identity secret", async () => signed("c1", { siteKey: "plain" }), "IDENTITY_INVALID"],
    ["a signature that is not hex", async () => ({ ...(await signed("c1")), signature: "z".repeat(64) }), "IDENTITY_INVALID"],
    [
      "a missing signature",
      async () => {
        const { signature: _omitted, ...rest } = await signed("c1");
        return rest;
      },
      "IDENTITY_INVALID",
    ],
    ["an expiry as a string", async () => ({ ...(await signed("c1")), expiresAt: String(Date.now() + HOUR) }), "IDENTITY_INVALID"],
    ["an empty customer id", async () => signed(""), "IDENTITY_INVALID"],
    // TextEncoder turns a lone surrogate into U+FFFD, so "c\uD800" and "c\uDBFF" (and "c\uFFFD")
    // would share one signature: ill-formed ids are refused before any HMAC.
    ["a customer id with a lone high surrogate", async () => signed("c\uD800"), "IDENTITY_INVALID"],
    ["a customer id with a lone low surrogate", async () => signed("\uDC00c"), "IDENTITY_INVALID"],
    [
      "another lone surrogate under the first one's signature",
      async () => ({ ...(await signed("c\uD800")), customerId: "c\uDBFF" }),
      "IDENTITY_INVALID",
    ],
  ];
  for (const [name, params, code] of cases) {
    test(name, async () => {
      const error = await refusal(await params());
      expect(error.data?.code, error.message).toBe(code);
      expect(error.data?.message).toMatch(/\w/);
      expect(JSON.stringify(error.data)).not.toContain(SECRET);
      expect(JSON.stringify(error.data)).not.toContain(OTHER_SECRET);
    });
  }

  test("a disabled site", async () => {
    await t.mutation(internal.sites.update, { key: "shop", enabled: false });
    expect((await refusal(await signed("c1"))).data?.code).toBe("SITE_DISABLED");
  });

  test("refusals create no user", async () => {
    await refusal({ ...(await signed("c1")), signature: "0".repeat(64) });
    expect(await t.run(async (ctx) => (await ctx.db.query("users").take(5)).length)).toBe(0);
  });
});
