// The site's knowledge base end to end on convex-test with @convex-dev/rag and the real local
// embedding model: owners add texts and pages (chunked; a changed page replaces its chunks), a
// visitor's question is answered from them with their sources, a site never reaches another's
// text, and a question nothing answers gets a plain "I don't know" and the offer of a person.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { KNOWLEDGE_LIMITS } from "../lib/knowledgeBase";
import { NO_ANSWER_REPLY } from "../providers/knowledge";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { ask, helpPage, startPageServer, useLocalEmbeddings } from "./knowledge.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { setEnv } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

const ORIGIN = "http://localhost:5173";
const code = (c: string) => ({ data: expect.objectContaining({ code: c }) });

const SHIPPING = [
  "We ship every order from our roastery in Lyon within two business days of payment.",
  "Delivery in France takes 2 to 3 business days with Colissimo. Delivery to the rest of the European Union takes 4 to 7 business days.",
  "Shipping is free for orders over 40 euros; below that it costs 4.90 euros in France and 9.90 euros elsewhere in the EU.",
].join("\n\n");
const RETURNS = [
  "You can return unopened coffee within 30 days of delivery for a full refund.",
  "Brewing equipment can be returned within 30 days if it is unused and in its original box.",
  "To start a return, email support@shop.example with your order number; we send a prepaid label.",
].join("\n\n");

let embeddings: Awaited<ReturnType<typeof useLocalEmbeddings>>;
beforeAll(async () => void (embeddings = await useLocalEmbeddings()));
afterAll(async () => await embeddings.restore());

let t: ChatTest;
let owner: Staff;
let visitor: Visitor;
beforeEach(async () => {
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
  owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
  visitor = await signInVisitor(t);
});

const addText = (as: Staff["as"], args: { title: string; text: string; url?: string }, siteKey = SITE_KEY) =>
  as.action(api.knowledge.addText, { siteKey, ...args });
const list = (as: Staff["as"], siteKey = SITE_KEY) => as.query(api.knowledge.list, { siteKey });

describe("answers from the site's knowledge", () => {
  test("a question is answered from the closest passage, with its source stored on the reply", async () => {
    await addText(owner.as, { title: "Shipping", url: "https://shop.example/help/shipping", text: SHIPPING });
    await addText(owner.as, { title: "Returns", url: "https://shop.example/help/returns", text: RETURNS });

    const { streamed, reply } = await ask(visitor, SITE_KEY, "How long does delivery to Germany take?", ORIGIN);
    expect(streamed).toContain("4 to 7 business days");
    expect(reply.content).toBe(streamed);
    expect(reply.sources?.[0]).toEqual({ title: "Shipping", url: "https://shop.example/help/shipping" });

    const returns = await ask(visitor, SITE_KEY, "Can I send back coffee I haven't opened?", ORIGIN, reply.conversationId);
    expect(returns.reply.content).toContain("30 days");
    expect(returns.reply.sources?.[0]?.title).toBe("Returns");
  });
});

describe("the no-answer path", () => {
  test("with knowledge but nothing relevant, the reply says so, offers a person and cites nothing; 'talk to a human' then hands over", async () => {
    await addText(owner.as, { title: "Shipping", text: SHIPPING });
    const { reply, sent } = await ask(visitor, SITE_KEY, "What is the capital of Mongolia?", ORIGIN);
    expect(reply.content).toBe(NO_ANSWER_REPLY);
    expect(reply.sources).toBeUndefined();
    const handover = await ask(visitor, SITE_KEY, "talk to a human", ORIGIN, sent.conversationId);
    expect(handover.reply.sources).toBeUndefined();
    const state = await visitor.as.query(api.chat.conversationState, { conversationId: sent.conversationId });
    expect(state.mode).toBe("waiting");
  });

  test("a site without knowledge answers as before (no retrieval, no sources)", async () => {
    const { reply } = await ask(visitor, SITE_KEY, "What is the capital of Mongolia?", ORIGIN);
    expect(reply.content).not.toBe(NO_ANSWER_REPLY);
    expect(reply.sources).toBeUndefined();
  });
});

describe("chunking and replacing", () => {
  test("a long text is split into passages, each retrievable on its own", async () => {
    const sections = [
      "Our espresso blend Nocturne is roasted dark, with notes of cocoa and molasses. It makes a thick crema and stands up to milk in a cappuccino or a flat white. We recommend 18 grams in for 36 grams out in about 28 seconds.",
      "The Ethiopian Yirgacheffe is a light roast with jasmine and bergamot notes, best as pour-over. Grind it medium-fine, use water just off the boil and let it bloom for 30 seconds before the main pour.",
      "Decaf Colombia is decaffeinated with the sugar-cane process and keeps its caramel sweetness. It is a good choice in the evening and works in every brewer, from moka pots to French presses.",
      "Gift cards are sent by email within minutes of purchase and can be used for two years on anything in the shop. You choose the amount, from 20 to 200 euros, and can add a personal message for the recipient.",
    ];
    const added = await addText(owner.as, { title: "Catalogue", text: sections.join("\n\n") });
    expect(added.chunks).toBeGreaterThanOrEqual(4);
    expect(added.chars).toBe(sections.join("\n\n").length);
    const { reply } = await ask(visitor, SITE_KEY, "Do you sell gift cards?", ORIGIN);
    expect(reply.content).toContain("Gift cards are sent by email");
    expect(reply.content).not.toContain("Nocturne");
  });

  test("re-adding a changed page (same URL) replaces its chunks: one entry, only the new text answers", async () => {
    const url = "https://shop.example/help/shipping";
    const first = await addText(owner.as, { title: "Shipping", url, text: "Orders are delivered in 9 business days everywhere." });
    const second = await addText(owner.as, {
      title: "Shipping (updated)",
      url,
      text: "Orders are delivered in 2 business days everywhere.",
    });
    expect(second.entryId).not.toBe(first.entryId);
    const entries = await list(owner.as);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entryId: second.entryId, title: "Shipping (updated)", url });
    const { reply } = await ask(visitor, SITE_KEY, "How many days until my order is delivered?", ORIGIN);
    expect(reply.content).toContain("2 business days");
    expect(reply.content).not.toContain("9 business days");
    expect(reply.sources).toEqual([{ title: "Shipping (updated)", url }]);
  });

  test("remove deletes the entry and its passages: the question is then unanswered", async () => {
    const added = await addText(owner.as, { title: "Returns", text: RETURNS });
    await addText(owner.as, { title: "Shipping", text: SHIPPING });
    await owner.as.action(api.knowledge.remove, { siteKey: SITE_KEY, entryId: added.entryId });
    expect((await list(owner.as)).map((e) => e.title)).toEqual(["Shipping"]);
    const { reply } = await ask(visitor, SITE_KEY, "How do I return unopened coffee?", ORIGIN);
    expect(reply.content).not.toContain("30 days");
    await expect(owner.as.action(api.knowledge.remove, { siteKey: SITE_KEY, entryId: added.entryId })).rejects.toMatchObject(
      code("NOT_FOUND"),
    );
  });
});

describe("site isolation", () => {
  test("a site never retrieves another's text, and another site's entry is NOT_FOUND to its owner", async () => {
    await createSite(t, { key: "other", allowedOrigins: ["https://other.example"] });
    const otherOwner = await newOperator(t, "other", "owner", "owner@other.example");
    const secret = await addText(otherOwner.as, { title: "Other's returns", text: RETURNS }, "other");
    await addText(owner.as, { title: "Shipping", text: SHIPPING });

    const { reply } = await ask(visitor, SITE_KEY, "Can I return unopened coffee within 30 days?", ORIGIN);
    expect(reply.content).not.toContain("full refund");
    expect(JSON.stringify(reply)).not.toContain("Other's returns");
    expect((await list(owner.as)).map((e) => e.title)).toEqual(["Shipping"]);
    await expect(owner.as.action(api.knowledge.remove, { siteKey: SITE_KEY, entryId: secret.entryId })).rejects.toMatchObject(
      code("NOT_FOUND"),
    );
    expect(await list(otherOwner.as, "other")).toHaveLength(1);
  });
});

describe("bounds", () => {
  test("bad input is refused with the field at fault and writes nothing", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ title: " ", text: "x" }, "title"],
      [{ title: "t".repeat(KNOWLEDGE_LIMITS.titleChars + 1), text: "x" }, "title"],
      [{ title: "Empty", text: " \n " }, "text"],
      [{ title: "Huge", text: "word ".repeat(KNOWLEDGE_LIMITS.textChars / 5 + 1) }, "text"],
      [{ title: "Script", text: "x", url: "javascript:alert(1)" }, "url"],
      [{ title: "Relative", text: "x", url: "/help" }, "url"],
    ];
    for (const [args, field] of cases) {
      await expect(addText(owner.as, args as never), field).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field } });
    }
    expect(await list(owner.as)).toEqual([]);
  });

  test("a deployment without an embedding model refuses with KNOWLEDGE_UNAVAILABLE", async () => {
    const restore = setEnv({ EMBEDDINGS_BASE_URL: undefined });
    try {
      await expect(addText(owner.as, { title: "T", text: "x" })).rejects.toMatchObject(code("KNOWLEDGE_UNAVAILABLE"));
    } finally {
      restore();
    }
  });
});

describe("knowledge:addUrl", () => {
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let siteKey: string;
  beforeEach(async () => {
    pages = await startPageServer({
      "/help/shipping": { body: helpPage("Shipping", SHIPPING.split("\n\n")) },
      "/help/returns": { body: helpPage("Returns", RETURNS.split("\n\n")) },
      "/sitemap.xml": (origin) => ({
        type: "application/xml",
        body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${origin}/help/shipping</loc></url><url><loc>${origin}/help/returns</loc></url>
<url><loc>https://elsewhere.example/page</loc></url><url><loc>${origin}/missing</loc></url></urlset>`,
      }),
      "/moved": (origin) => ({ status: 301, location: `${origin}/help/returns` }),
      "/escape": { status: 302, location: "http://localhost:1/secret" },
      "/huge": { type: "text/plain", body: "a".repeat(1_100_000) },
    });
    siteKey = "shop";
    await createSite(t, { key: siteKey, allowedOrigins: [pages.origin] });
    owner = await newOperator(t, siteKey, "owner", "owner@shop.example");
  });
  afterEach(async () => await pages.close());

  test("a page: its title and text without navigation or scripts, keyed by its URL", async () => {
    const result = await owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/help/shipping#top` });
    expect(result.added).toEqual([expect.objectContaining({ title: "Shipping", url: `${pages.origin}/help/shipping` })]);
    const again = await owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/help/shipping` });
    expect(await list(owner.as, siteKey)).toEqual([expect.objectContaining({ entryId: again.added[0].entryId })]);
    const shopVisitor = await signInVisitor(t, siteKey);
    const { reply } = await ask(shopVisitor, siteKey, "Is shipping free?", pages.origin);
    expect(reply.content).toContain("free for orders over 40 euros");
    expect(reply.content).not.toMatch(/tracking|Home/);
    expect(reply.sources).toEqual([{ title: "Shipping", url: `${pages.origin}/help/shipping` }]);
  });

  test("a sitemap: its pages on the site's origins are added, the others skipped with a reason", async () => {
    const result = await owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/sitemap.xml` });
    expect(result.added.map((e) => e.title)).toEqual(["Shipping", "Returns"]);
    expect(result.skipped).toEqual([
      { url: "https://elsewhere.example/page", reason: expect.stringContaining("not among this site's allowed origins") },
      { url: `${pages.origin}/missing`, reason: expect.stringContaining("HTTP 404") },
    ]);
    expect(pages.requests).not.toContain("/page");
  });

  test("origins: another origin is refused before any request; a redirect may not leave the site's origins", async () => {
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey, url: "http://localhost:1/help" })).rejects.toMatchObject(
      code("ORIGIN_NOT_ALLOWED"),
    );
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey: SITE_KEY, url: `${pages.origin}/help/shipping` })).rejects.toMatchObject(
      code("NOT_FOUND"),
    );
    expect(pages.requests).toEqual([]);
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/escape` })).rejects.toMatchObject(
      code("ORIGIN_NOT_ALLOWED"),
    );
    const moved = await owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/moved` });
    expect(moved.added[0]).toMatchObject({ title: "Returns", url: `${pages.origin}/help/returns` });
  });

  test("failures: not found, too large, not a URL", async () => {
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/nothing` })).rejects.toMatchObject(
      code("FETCH_FAILED"),
    );
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey, url: `${pages.origin}/huge` })).rejects.toMatchObject(
      code("FETCH_FAILED"),
    );
    await expect(owner.as.action(api.knowledge.addUrl, { siteKey, url: "file:///etc/passwd" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "url" },
    });
    expect(await list(owner.as, siteKey)).toEqual([]);
  });
});

describe("chunkText", () => {
  test("a paragraph per passage; headings join the next paragraph; long paragraphs split between sentences", async () => {
    const { chunkText, CHUNK_CHARS } = await import("../lib/knowledgeBase");
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something about brewing.`).join(" ");
    const chunks = chunkText(`# Brewing\n\n${"A first paragraph about water temperature and grind size. ".repeat(3)}\n\n${long}\n\nEnd.`);
    expect(chunks[0]).toMatch(/^# Brewing\nA first paragraph/);
    expect(chunks.slice(1, -1).every((c) => c.length <= CHUNK_CHARS.max && /\.$/.test(c))).toBe(true);
    expect(chunks.slice(1).join(" ")).toContain(long.slice(0, 200));
    expect(chunks.at(-1)).toMatch(/End\.$/);
    expect(chunkText("x".repeat(2_000)).map((c) => c.length)).toEqual([800, 800, 400]);
  });
});

describe("a model provider", () => {
  test("the OpenAI-compatible request carries the passages as numbered sources and the rules", async () => {
    const { startOpenAIServer } = await import("./openaiServer.helpers");
    const openai = await startOpenAIServer({ pieces: ["Delivery to Germany takes 4 to 7 business days."] });
    const restore = setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl });
    try {
      await addText(owner.as, { title: "Shipping", url: "https://shop.example/help/shipping", text: SHIPPING });
      const { reply } = await ask(visitor, SITE_KEY, "How long does delivery to Germany take?", ORIGIN);
      const system = openai.requests[0].body.messages[0];
      expect(system.role).toBe("system");
      expect(system.content).toContain("[1] Shipping (https://shop.example/help/shipping)");
      expect(system.content).toContain("4 to 7 business days");
      expect(system.content).toContain("say so plainly and offer to bring in a person");
      expect(reply.sources).toEqual([{ title: "Shipping", url: "https://shop.example/help/shipping" }]);
    } finally {
      restore();
      await openai.close();
    }
  });
});
