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
