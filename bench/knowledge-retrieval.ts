/**
 * Figure 9: retrieval over the demo site's knowledge base (demo/help/*.html, seeded as `npm start`
 * does), on a fixed question set: hit@3 (the page that answers is among the passages a reply is
 * grounded on, at most three, after the relevance threshold), off-topic questions correctly left
 * unanswered, and the retrieval latency (embedding the question over HTTP + vector search).
 * Runs on its own: `npx tsx bench/knowledge-retrieval.ts`.
 */
import { fileURLToPath } from "node:url";
import { seedDemo } from "../local-backend/src/demo-seed.ts";
import { startLocalBackend } from "../local-backend/src/index.ts";
import { seedDemoKnowledge } from "../demo/knowledge-seed.ts";
import { startDemoServer } from "../demo/server.ts";
import { percentile, ms, type Figure } from "./stats.ts";

/** Questions a visitor might ask, each with the page that answers it (by its title's first word). */
export const QUESTIONS: [question: string, page: "Shipping" | "Returns" | "Brewing"][] = [
  ["How long does delivery take in France?", "Shipping"],
  ["When will my order be shipped?", "Shipping"],
  ["Do you deliver to Germany, and how long does it take?", "Shipping"],
  ["How much is shipping?", "Shipping"],
  ["Is delivery free?", "Shipping"],
  ["Can I track my parcel?", "Shipping"],
  ["My package never arrived, what should I do?", "Shipping"],
  ["Do you ship to the United States?", "Shipping"],
  ["Do I pay customs duties in the UK?", "Shipping"],
  ["Can you deliver to a parcel locker?", "Shipping"],
  ["Can I return tea I don't like?", "Returns"],
  ["How do I get a refund?", "Returns"],
  ["I opened the tea, can I still send it back?", "Returns"],
  ["How do I start a return?", "Returns"],
  ["Who pays for return shipping?", "Returns"],
  ["My teapot arrived broken", "Returns"],
  ["How long until I get my money back?", "Returns"],
  ["Can I return a teapot I never used?", "Returns"],
  ["Can I cancel my subscription?", "Returns"],
  ["Are gift cards refundable?", "Returns"],
  ["What temperature should the water be for green tea?", "Brewing"],
  ["How long should I steep black tea?", "Brewing"],
  ["How many times can I reuse oolong leaves?", "Brewing"],
  ["Does rooibos have caffeine?", "Brewing"],
  ["How much tea should I use per cup?", "Brewing"],
  ["How do I make chai?", "Brewing"],
  ["Why does my green tea taste bitter?", "Brewing"],
  ["How should I store my tea?", "Brewing"],
  ["Should I add milk before or after steeping?", "Brewing"],
  ["Does tap water change the taste?", "Brewing"],
];

/** Questions the pages do not answer: a reply should say so rather than cite a page. */
export const OFF_TOPIC = [
  "What is the capital of Mongolia?",
  "Can you write me a poem about the sea?",
  "Who won the football world cup in 1998?",
  "How do I reset my router?",
  "What's the weather like tomorrow?",
  "Explain quantum entanglement simply.",
];

type Passage = { title: string; score: number };

export async function measureKnowledgeRetrieval(): Promise<Figure> {
  const backend = await startLocalBackend({ log: () => {} });
  const demo = await startDemoServer({ port: 0, convexUrl: backend.url, siteUrl: backend.siteUrl });
  try {
    await seedDemo(backend);
    const seedStart = performance.now();
    await seedDemoKnowledge((name, args) => backend.runAction(name, args as never), demo.url);
    const seedMs = performance.now() - seedStart;
    const ask = async (question: string) => {
      const start = performance.now();
      const passages = (await backend.runAction("knowledgeSearch:passagesFor", { siteKey: "demo", question })) as Passage[] | null;
      if (passages === null) throw new Error("the demo site has no knowledge: seeding failed");
      return { passages, elapsed: performance.now() - start };
    };
    await ask("warm-up question"); // the model loads on the first request
    const latencies: number[] = [];
    let hits = 0;
    let firstHits = 0;
    const misses: string[] = [];
    for (const [question, page] of QUESTIONS) {
      const { passages, elapsed } = await ask(question);
      latencies.push(elapsed);
      const titles = passages.slice(0, 3).map((p) => p.title.split(" ")[0]);
      if (titles.includes(page)) hits++;
      else misses.push(`"${question}" → ${titles.join(", ") || "nothing"}`);
      if (titles[0] === page) firstHits++;
    }
    let unanswered = 0;
    for (const question of OFF_TOPIC) {
      const { passages, elapsed } = await ask(question);
      latencies.push(elapsed);
      if (passages.length === 0) unanswered++;
    }
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;
    return {
      title: "Knowledge retrieval on the demo help pages (3 pages, local embedding model)",
      results: [
        `hit@3: ${pct(hits, QUESTIONS.length)}   hit@1: ${pct(firstHits, QUESTIONS.length)}`,
        `off-topic questions left unanswered: ${pct(unanswered, OFF_TOPIC.length)}`,
        `retrieval latency: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))} (${latencies.length} questions)`,
        `seeding the 3 pages (fetch, chunk, embed, store): ${ms(seedMs)}`,
        ...misses.map((m) => `missed: ${m}`),
      ],
      method:
        "in-process local backend with its loopback /v1/embeddings (Universal Sentence Encoder lite, 512 dims, " +
        "TensorFlow.js on the CPU); knowledgeSearch:passagesFor runs the reply's retrieval (embed the question, " +
        "@convex-dev/rag vector search, relevance threshold and margin, at most 3 passages); a hit is the answering " +
        "page among them; latency is the whole internal action call, one question at a time.",
    };
  } finally {
    await demo.close();
    await backend.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printFigure } = await import("./stats.ts");
  printFigure(9, await measureKnowledgeRetrieval());
}
