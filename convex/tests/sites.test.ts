import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { DEMO_MAX_OUTPUT_TOKENS } from "../lib/limitsConfig";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;
let server: OpenAIServer | undefined;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined, OPENAI_MODEL: undefined, SYSTEM_PROMPT: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  restoreEnv();
});

const SECRET = "s".repeat(40);

describe("operator functions", () => {
  test("create normalises origins; get returns the site without its identity secret", async () => {
    await createSite(t, {
      key: "shop",
      allowedOrigins: ["HTTPS://Shop.Example.com:443", "https://*.example.net", "https://shop.example.com"],
      identitySecret: SECRET,
      model: { name: "m", temperature: 0.5, maxOutputTokens: 100 },
    });
    const site = await t.query(internal.sites.get, { key: "shop" });
    expect(site).toMatchObject({
      key: "shop",
      allowedOrigins: ["https://shop.example.com", "https://*.example.net"],
      hasIdentitySecret: true,
      enabled: true,
    });
    expect(JSON.stringify(site)).not.toContain(SECRET);
    expect(await t.query(internal.sites.get, { key: "nope" })).toBeNull();
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ["a key with spaces", { key: "my shop" }, "key", /Site key/],
    ["an origin with a path", { key: "a", allowedOrigins: ["https://a.example/shop"] }, "allowedOrigins", /not an origin/],
    ["a * origin", { key: "a", allowedOrigins: ["*"] }, "allowedOrigins", /every page/],
    ["a port wildcard on a public host", { key: "a", allowedOrigins: ["https://a.example:*"] }, "allowedOrigins", /port wildcard/],
    ["a wildcard on a public suffix", { key: "a", allowedOrigins: ["https://*.github.io"] }, "allowedOrigins", /public suffix "github.io"/],
    ["a temperature of 3", { key: "a", model: { temperature: 3 } }, "model.temperature", /temperature/],
    ["maxOutputTokens 0", { key: "a", model: { maxOutputTokens: 0 } }, "model.maxOutputTokens", /maxOutputTokens/],
    ["a negative limit", { key: "a", limits: { visitorBurst: -1 } }, "limits.visitorBurst", /limits.visitorBurst/],
    ["a short identity secret", { key: "a", identitySecret: "short" }, "identitySecret", /identitySecret/],
    ["a blank name", { key: "a", name: "  " }, "name", /name/],
    ["an accent color that is no hex color", { key: "a", accentColor: "red;}" }, "accentColor", /hex color/],
    ["a greeting over 500 characters", { key: "a", greeting: "x".repeat(501) }, "greeting", /at most 500/],
    ["an assistant name over 60 characters", { key: "a", assistantName: "x".repeat(61) }, "assistantName", /at most 60/],
  ];
  for (const [name, site, field, why] of invalid) {
    test(`create refuses ${name} with INVALID_ARGUMENT on ${field} and writes nothing`, async () => {
      await expect(createSite(t, site as never)).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT", field, message: expect.stringMatching(why) },
      });
      expect(await t.query(internal.sites.get, { key: site.key as string })).toBeNull();
    });
  }

  test("create refuses a taken key; update changes, validates and clears fields", async () => {
    await createSite(t, { key: "shop", greeting: "Hello", identitySecret: SECRET });
    await expect(createSite(t, { key: "shop" })).rejects.toThrow(/already exists/);
    await t.mutation(internal.sites.update, {
      key: "shop",
      allowedOrigins: ["https://new.example"],
      clear: ["greeting", "identitySecret"],
    });
    const updated = await t.query(internal.sites.get, { key: "shop" });
    expect(updated).toMatchObject({ allowedOrigins: ["https://new.example"], hasIdentitySecret: false });
    expect(updated).not.toHaveProperty("greeting");
    await expect(t.mutation(internal.sites.update, { key: "shop", allowedOrigins: ["new.example"] })).rejects.toMatchObject({
      data: { field: "allowedOrigins", message: expect.stringMatching(/not an origin/) },
    });
    await expect(t.mutation(internal.sites.update, { key: "shop", allowedOrigins: ["https://*.vercel.app"] })).rejects.toMatchObject({
      data: { field: "allowedOrigins", message: expect.stringMatching(/public suffix "vercel.app"/) },
    });
    await expect(t.mutation(internal.sites.update, { key: "shop", greeting: "Hi", clear: ["greeting"] })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "greeting" },
    });
    await expect(t.mutation(internal.sites.update, { key: "nope", enabled: false })).rejects.toThrow(/No site/);
    expect((await t.query(internal.sites.get, { key: "shop" }))?.allowedOrigins).toEqual(["https://new.example"]);
  });

  test("ensureDemoSite is idempotent", async () => {
    const first = await t.mutation(internal.sites.ensureDemoSite, {});
    expect(await t.mutation(internal.sites.ensureDemoSite, {})).toBe(first);
    expect((await t.query(internal.sites.get, { key: SITE_KEY }))?.allowedOrigins).toEqual(["http://localhost:*", "http://127.0.0.1:*"]);
  });
});

describe("conversations belong to one site", () => {
  beforeEach(async () => {
    await createSite(t, { key: "shop" });
  });

  test("sendMessage refuses an unknown site and a disabled one, writing nothing", async () => {
    await expect(visitor.as.mutation(api.chat.sendMessage, { siteKey: "nope", text: "hi" })).rejects.toMatchObject({
      data: { code: "SITE_NOT_FOUND" },
    });
    await t.mutation(internal.sites.update, { key: "shop", enabled: false });
    await expect(visitor.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "hi" })).rejects.toMatchObject({
      data: { code: "SITE_DISABLED" },
    });
    await expect(visitor.as.query(api.chat.listConversations, { siteKey: "shop" })).rejects.toMatchObject({
      data: { code: "SITE_DISABLED" },
    });
    const written = await t.run(async (ctx) => (await ctx.db.query("messages").take(10)).length);
    expect(written).toBe(0);
  });

  test("a conversation continues only on its own site, and each site lists only its own", async () => {
    // A visitor belongs to one site (visitorSite.test.ts), so crossing takes a visitor of each.
    const shopper = await signInVisitor(t, "shop");
    const onShop = await shopper.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "on shop" });
    const onDemo = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "on demo" });
    await expect(
      shopper.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: onShop.conversationId, text: "crossing" }),
    ).rejects.toMatchObject({ data: { code: "SITE_MISMATCH" } });
    await expect(
      visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: onShop.conversationId, text: "crossing" }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    expect((await shopper.as.query(api.chat.listConversations, { siteKey: "shop" })).map((c) => c._id)).toEqual([onShop.conversationId]);
    expect((await visitor.as.query(api.chat.listConversations, { siteKey: SITE_KEY })).map((c) => c._id)).toEqual([onDemo.conversationId]);
    await expect(visitor.as.query(api.chat.listConversations, { siteKey: "nope" })).rejects.toMatchObject({
      data: { code: "SITE_NOT_FOUND" },
    });
    const messages = await shopper.as.query(api.chat.listMessages, { conversationId: onShop.conversationId });
    expect(messages.map((m) => m.content)).toEqual(["on shop", ""]);
  });
});

test("replies are generated with the site's system prompt and model settings", async () => {
  server = await startOpenAIServer({ pieces: ["Hi."] });
  setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: "env-model", SYSTEM_PROMPT: "Env prompt." });
  await createSite(t, {
    key: "tea",
    systemPrompt: "You sell tea.",
    model: { name: "site-model", temperature: 0.2, maxOutputTokens: 300 },
  });
  const teaDrinker = await signInVisitor(t, "tea");
  const tea = await teaDrinker.as.mutation(api.chat.sendMessage, { siteKey: "tea", text: "Hello" });
  await readChunks(await teaDrinker.as.fetch("/chat-stream?site=tea", streamPost(tea.streamId!)));
  expect(server.requests[0].body).toMatchObject({
    model: "site-model",
    temperature: 0.2,
    max_tokens: 300,
    messages: [
      { role: "system", content: "You sell tea." },
      { role: "user", content: "Hello" },
    ],
  });

  // A site without settings gets the deployment's: no temperature is sent, and the demo site's token cap.
  const demo = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hello" });
  await readChunks(await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamPost(demo.streamId!)));
  expect(server.requests[1].body.model).toBe("env-model");
  expect(server.requests[1].body.messages[0]).toEqual({ role: "system", content: "Env prompt." });
  expect(server.requests[1].body).not.toHaveProperty("temperature");
  expect(server.requests[1].body.max_tokens).toBe(DEMO_MAX_OUTPUT_TOKENS);
});

function streamPost(streamId: string): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ streamId }) };
}
