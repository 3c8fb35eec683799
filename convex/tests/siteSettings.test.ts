// Owners change their site from the console through the same validation as sites:*; visitors
// see the greeting they set (chat:siteProfile).
import { beforeEach, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { signIdentity } from "../lib/hostIdentity";
import { DEMO_SITE_LIMITS } from "../lib/limitsConfig";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { createSite, SITE_KEY } from "./visitors.helpers";

let t: ChatTest;
let owner: Staff;
beforeEach(async () => {
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
  owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
});

const code = (c: string) => ({ data: expect.objectContaining({ code: c }) });

test("get shows the settings without the secret; update changes them and a new visitor sees the greeting", async () => {
  const before = await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY });
  expect(before).toMatchObject({
    siteKey: SITE_KEY,
    name: "Local demo",
    greeting: "Hi! Ask me anything.",
    enabled: true,
    hasIdentitySecret: false,
  });
  expect(before.allowedOrigins).toEqual(["http://localhost:*", "http://127.0.0.1:*"]);

  await owner.as.mutation(api.siteSettings.update, {
    siteKey: SITE_KEY,
    name: "  Demo shop ",
    greeting: "Bonjour !",
    assistantName: "Ada",
    accentColor: "#1A73E8",
    systemPrompt: "Be brief.",
    model: { model: "gpt-4o-mini", temperature: 0.5 },
    allowedOrigins: ["HTTPS://Shop.Example:443", "http://localhost:*"],
    limits: { visitorBurst: 5 },
  });
  const after = await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY });
  expect(after).toMatchObject({
    name: "Demo shop",
    greeting: "Bonjour !",
    assistantName: "Ada",
    accentColor: "#1A73E8",
    systemPrompt: "Be brief.",
    model: { model: "gpt-4o-mini", temperature: 0.5 },
    allowedOrigins: ["https://shop.example", "http://localhost:*"],
    limits: { visitorBurst: 5 },
  });
  // Stored as sites:* name it: the reply settings read model.name.
  expect((await t.query(internal.sites.get, { key: SITE_KEY }))?.model).toEqual({ name: "gpt-4o-mini", temperature: 0.5 });
  expect(await t.query(api.chat.siteProfile, { siteKey: SITE_KEY })).toEqual({
    name: "Demo shop",
    greeting: "Bonjour !",
    assistantName: "Ada",
    accentColor: "#1A73E8",
    humanHandoff: true,
  });

  // Empty values remove optional settings.
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, greeting: "", assistantName: " ", model: {}, limits: {} });
  const cleared = await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY });
  for (const field of ["greeting", "assistantName", "model"]) expect(cleared).not.toHaveProperty(field);
  // Every limit an owner sets goes; the site's daily token budget is the deployment operator's and stays.
  expect(cleared.limits).toEqual({ dailyTokenBudget: DEMO_SITE_LIMITS.dailyTokenBudget });
  expect(cleared.accentColor).toBe("#1A73E8");
});

const invalid: [string, Record<string, unknown>, string][] = [
  ["a * origin", { allowedOrigins: ["*"] }, "allowedOrigins"],
  ["a wildcard on a public suffix", { allowedOrigins: ["https://*.github.io"] }, "allowedOrigins"],
  ["an origin with a path", { allowedOrigins: ["https://shop.example/path"] }, "allowedOrigins"],
  ["a temperature of 3", { model: { temperature: 3 } }, "model.temperature"],
  ["a negative limit", { limits: { visitorBurst: -1 } }, "limits.visitorBurst"],
  // The site's share of the shared deployment's budget is the deployment operator's (sites:update).
  ["a daily token budget of its own choosing", { limits: { dailyTokenBudget: 10 ** 12 } }, "limits.dailyTokenBudget"],
  ["a blank name", { name: " " }, "name"],
  ["a color that is no hex color", { accentColor: "url(x)" }, "accentColor"],
  ["a greeting over 500 characters", { greeting: "x".repeat(501) }, "greeting"],
];
for (const [name, changes, field] of invalid) {
  test(`update refuses ${name} with INVALID_ARGUMENT on ${field}, writing nothing`, async () => {
    const before = await t.query(internal.sites.get, { key: SITE_KEY });
    await expect(owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, greeting: "changed", ...changes })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field },
    });
    expect(await t.query(internal.sites.get, { key: SITE_KEY })).toEqual(before);
  });
}

test("rotateIdentitySecret returns a new secret once; signed identities then work with it", async () => {
  const { secret } = await owner.as.mutation(api.siteSettings.rotateIdentitySecret, { siteKey: SITE_KEY });
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  const settings = await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY });
  expect(settings.hasIdentitySecret).toBe(true);
  expect(JSON.stringify(settings)).not.toContain(secret);
  const { secret: next } = await owner.as.mutation(api.siteSettings.rotateIdentitySecret, { siteKey: SITE_KEY });
  expect(next).not.toBe(secret);
  const stored = await t.run(async (ctx) => (await ctx.db.query("sites").first())!.identitySecret);
  expect(stored).toBe(next);
  const identity = async (key: string) => {
    const expiresAt = Date.now() + 60_000;
    const signature = await signIdentity(key, { siteKey: SITE_KEY, customerId: "c1", expiresAt });
    return { provider: "host-identity", params: { siteKey: SITE_KEY, customerId: "c1", expiresAt, signature } };
  };
  expect((await t.action(api.auth.signIn, await identity(next))).tokens?.token).toMatch(/^ey/);
  await expect(t.action(api.auth.signIn, await identity(secret))).rejects.toMatchObject(code("IDENTITY_INVALID"));
});

test("agents get FORBIDDEN, other sites' owners and visitors NOT_FOUND, anonymous callers UNAUTHENTICATED", async () => {
  const agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
  await createSite(t, { key: "shop" });
  const foreignOwner = await newOperator(t, "shop", "owner", "boss@shop.test");
  const calls = [
    (as: Staff["as"]) => as.query(api.siteSettings.get, { siteKey: SITE_KEY }),
    (as: Staff["as"]) => as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, greeting: "hacked" }),
    (as: Staff["as"]) => as.mutation(api.siteSettings.rotateIdentitySecret, { siteKey: SITE_KEY }),
  ];
  for (const call of calls) {
    await expect(call(agent.as)).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(call(foreignOwner.as)).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(call(t)).rejects.toMatchObject(code("UNAUTHENTICATED"));
  }
  expect(await t.query(internal.sites.get, { key: SITE_KEY })).toMatchObject({
    greeting: "Hi! Ask me anything.",
    hasIdentitySecret: false,
  });
});

test("siteProfile answers for enabled sites only, without private settings", async () => {
  await createSite(t, { key: "shop", systemPrompt: "secret prompt", identitySecret: "s".repeat(40) });
  expect(await t.query(api.chat.siteProfile, { siteKey: "shop" })).toEqual({ name: "Site shop", humanHandoff: true });
  await t.mutation(internal.sites.update, { key: "shop", enabled: false });
  expect(await t.query(api.chat.siteProfile, { siteKey: "shop" })).toBeNull();
  expect(await t.query(api.chat.siteProfile, { siteKey: "nope" })).toBeNull();
});

test("siteProfile says whether the site offers a person, as its owners set it", async () => {
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, humanHandoff: false });
  expect(await t.query(api.chat.siteProfile, { siteKey: SITE_KEY })).toMatchObject({ humanHandoff: false });
  expect(await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY })).toMatchObject({ humanHandoff: false });
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, humanHandoff: true });
  expect(await t.query(api.chat.siteProfile, { siteKey: SITE_KEY })).toMatchObject({ humanHandoff: true });
});

test("suggested questions: set (trimmed), shown to visitors, checked (at most 4, each 1-80 characters), cleared by an empty list", async () => {
  await owner.as.mutation(api.siteSettings.update, {
    siteKey: SITE_KEY,
    suggestedQuestions: [" Do you ship to Canada? ", "How do I brew it?"],
  });
  expect(await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY })).toMatchObject({
    suggestedQuestions: ["Do you ship to Canada?", "How do I brew it?"],
  });
  expect(await t.query(api.chat.siteProfile, { siteKey: SITE_KEY })).toMatchObject({
    suggestedQuestions: ["Do you ship to Canada?", "How do I brew it?"],
  });

  const refusals: [string[], string][] = [
    [["a", "b", "c", "d", "e"], "suggestedQuestions"],
    [["fine", "x".repeat(81)], "suggestedQuestions.1"],
    [["   "], "suggestedQuestions.0"],
  ];
  for (const [suggestedQuestions, field] of refusals) {
    await expect(owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, suggestedQuestions })).rejects.toMatchObject({
      data: expect.objectContaining({ code: "INVALID_ARGUMENT", field }),
    });
    await expect(t.mutation(internal.sites.update, { key: SITE_KEY, suggestedQuestions })).rejects.toMatchObject({
      data: expect.objectContaining({ field }),
    });
  }
  expect((await t.query(api.chat.siteProfile, { siteKey: SITE_KEY }))?.suggestedQuestions, "nothing written").toHaveLength(2);

  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, suggestedQuestions: [] });
  expect(await owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY })).not.toHaveProperty("suggestedQuestions");
});
