/**
 * Issue 13, "a conversation costs its new text": what one exchange (a question, its reply streamed
 * to the end) costs the visitor's tab at the conversation's 1st and 100th exchange, before (main
 * at {@link MAIN_BEFORE}: `chat:listMessages`, the newest 200 re-sent at every change) and after
 * (the paged log: core/message-pages.ts), both built and run in Chromium against one backend.
 * Bytes are WebSocket frames received by the tab; the reply's HTTP stream (POST /chat-stream, which
 * the tab drives) is counted apart; layout is Chromium's LayoutDuration/LayoutCount over the exchange.
 * `npx tsx bench/exchange-bytes.ts` runs it alone (with its own backend).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { startBenchBackend, type BenchBackend } from "./backend.ts";
import { beforeDist } from "./before-build.ts";
import { ensureBuilt } from "./bundle-size.ts";
import { kib, ms, percentile, printFigure, type Figure } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
/** Today's main before the paged log. */
export const MAIN_BEFORE = "4e5bdc7";
/** Exchanges written at once between the first and the measured 100th. */
const SEEDED = 98;
/** Each variant's conversation is made and measured this many times (medians). */
const RUNS = 3;
/** The exchange is over once the reply is final and the tab received nothing for this long. */
const QUIET_MS = 1_500;
const DEADLINE_MS = 60_000;

type Variant = "before" | "after";
interface ExchangeCost {
  wsBytes: number;
  wsFrames: number;
  httpBytes: number;
  layoutMs: number;
  layouts: number;
}
interface Run {
  first: ExchangeCost;
  hundredth: ExchangeCost;
}

async function startPages(backend: BenchBackend, dirs: Record<Variant, string>): Promise<{ url: string; server: Server }> {
  const page = (variant: Variant) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${variant}</title></head><body><h1>A host page</h1>` +
    `<script>addEventListener("convex-chat-send", (e) => { window.conversationId = e.conversationId; });</script>` +
    `<script src="/${variant}/convex-chat.js" data-convex-url="${backend.url}" data-site-url="${backend.siteUrl}" data-site-key="demo" async></script></body></html>`;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const [, first, ...rest] = path.split("/");
    if (first === "page" && (rest[0] === "before.html" || rest[0] === "after.html")) {
      return void response
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
        .end(page(rest[0].replace(".html", "") as Variant));
    }
    const dir = dirs[first as Variant];
    if (!dir || rest.length === 0) return void response.writeHead(404).end();
    const file = normalize(join(dir, ...rest));
    if (!file.startsWith(dir)) return void response.writeHead(404).end();
    try {
      const type = extname(file) === ".js" ? "text/javascript" : "application/octet-stream";
      response.writeHead(200, { "Content-Type": type, "Access-Control-Allow-Origin": "*" }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Counts what the tab receives: WebSocket frames, the reply streams' HTTP bodies. */
class TabWire {
  wsBytes = 0;
  wsFrames = 0;
  httpBytes = 0;
  lastFrameAt = Date.now();
  private readonly streams = new Set<string>();

  constructor(cdp: CDPSession) {
    cdp.on("Network.webSocketFrameReceived", ({ response }: { response: { opcode: number; payloadData: string } }) => {
      // Text frames carry UTF-8 text; binary ones base64.
      this.wsBytes +=
        response.opcode === 1 ? Buffer.byteLength(response.payloadData, "utf8") : Buffer.from(response.payloadData, "base64").length;
      this.wsFrames += 1;
      this.lastFrameAt = Date.now();
    });
    cdp.on("Network.requestWillBeSent", ({ requestId, request }: { requestId: string; request: { url: string; method: string } }) => {
      if (request.method === "POST" && request.url.includes("/chat-stream")) this.streams.add(requestId);
    });
    // A streamed body arrives in pieces (loadingFinished reports none of them for a read stream).
    cdp.on("Network.dataReceived", ({ requestId, dataLength }: { requestId: string; dataLength: number }) => {
      if (this.streams.has(requestId)) this.httpBytes += dataLength;
    });
  }

  reset(): void {
    Object.assign(this, { wsBytes: 0, wsFrames: 0, httpBytes: 0 });
  }

  async quiet(): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    while (Date.now() - this.lastFrameAt < QUIET_MS) {
      if (Date.now() > deadline) throw new Error("the tab never went quiet");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function layoutMetrics(cdp: CDPSession): Promise<{ layoutMs: number; layouts: number }> {
  const { metrics }: { metrics: { name: string; value: number }[] } = await cdp.send("Performance.getMetrics");
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { layoutMs: metric("LayoutDuration") * 1000, layouts: metric("LayoutCount") };
}

/** Opens the page and the chat; resolves once the visitor is signed in and `lastText` is shown. */
async function openChat(page: Page, url: string, lastText?: string): Promise<{ cdp: CDPSession; wire: TabWire }> {
  const cdp = await page.context().newCDPSession(page);
  const wire = new TabWire(cdp);
  await cdp.send("Network.enable");
  await cdp.send("Performance.enable");
  await page.goto(url, { waitUntil: "load" });
  await page.locator("convex-chat [part~=launcher]").click();
  await page.locator("convex-chat [part=composer][data-session=signed-in]").waitFor({ timeout: DEADLINE_MS });
  if (lastText) await page.locator("convex-chat article.message .text", { hasText: lastText }).last().waitFor({ timeout: DEADLINE_MS });
  await wire.quiet();
  return { cdp, wire };
}

/** Sends `question` and waits for its reply to end and the tab to go quiet; what it cost. */
async function exchange(page: Page, cdp: CDPSession, wire: TabWire, question: string): Promise<ExchangeCost> {
  const before = await layoutMetrics(cdp);
  wire.reset();
  await page.locator("convex-chat textarea").fill(question);
  await page.locator("convex-chat textarea").press("Enter");
  await page.waitForFunction(
    (q) => {
      const articles = [...(document.querySelector("convex-chat")?.shadowRoot?.querySelectorAll<HTMLElement>("article.message") ?? [])];
      const asked = articles.findIndex((a) => a.querySelector(".text")?.textContent === q);
      const reply = asked >= 0 ? articles[asked + 1] : undefined;
      return reply !== undefined && ["done", "error", "timeout", "stopped"].includes(reply.dataset.status ?? "");
    },
    question,
    { timeout: DEADLINE_MS },
  );
  await wire.quiet();
  const after = await layoutMetrics(cdp);
  return {
    wsBytes: wire.wsBytes,
    wsFrames: wire.wsFrames,
    httpBytes: wire.httpBytes,
    layoutMs: after.layoutMs - before.layoutMs,
    layouts: after.layouts - before.layouts,
  };
}

/** A new visitor's conversation: exchange #1 measured, 98 written at once, a reload, #100 measured. */
async function conversation(browser: Browser, backend: BenchBackend, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    let page = await context.newPage();
    let tab = await openChat(page, url);
    const first = await exchange(page, tab.cdp, tab.wire, "Question 1");
    const conversationId = await page.evaluate<string>("window.conversationId");
    await backend.runMutation("conversationSeed:seedExchanges", { conversationId, exchanges: SEEDED, prefix: "Seeded question" });
    await page.close();
    page = await context.newPage();
    tab = await openChat(page, url, `Answer to Seeded question ${SEEDED}.`);
    const shown = await page.locator("convex-chat article.message").count();
    const hundredth = await exchange(page, tab.cdp, tab.wire, "Question 100");
    if (shown < 2) throw new Error("the reloaded tab shows no messages");
    return { first, hundredth };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => percentile(values, 50);

export async function measureExchangeBytes(backend: BenchBackend): Promise<Figure> {
  ensureBuilt();
  const dirs = { before: beforeDist(MAIN_BEFORE), after: join(root, "dist") };
  const pages = await startPages(backend, dirs);
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  const rows: string[] = [];
  const ratios: Record<Variant, number> = { before: NaN, after: NaN };
  try {
    for (const variant of ["before", "after"] as Variant[]) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await conversation(browser, backend, `${pages.url}/page/${variant}.html`));
      const m = (pick: (r: Run) => number) => median(runs.map(pick));
      const line = (n: string, pick: (r: Run) => ExchangeCost) =>
        `${variant.padEnd(6)} exchange #${n.padEnd(3)}: WebSocket ${kib(m((r) => pick(r).wsBytes)).padStart(9)} in ${m((r) => pick(r).wsFrames)} frames; ` +
        `HTTP stream ${kib(m((r) => pick(r).httpBytes))}; layout ${ms(m((r) => pick(r).layoutMs))} in ${m((r) => pick(r).layouts)} layouts`;
      rows.push(
        line("1", (r) => r.first),
        line("100", (r) => r.hundredth),
      );
      ratios[variant] = m((r) => r.hundredth.wsBytes) / m((r) => r.first.wsBytes);
      rows.push(
        `${variant.padEnd(6)} #100 / #1 WebSocket bytes: ${ratios[variant].toFixed(2)}×` +
          ` (each run: ${runs.map((r) => (r.hundredth.wsBytes / r.first.wsBytes).toFixed(2)).join(", ")}); layout #100 / #1: ${(m((r) => r.hundredth.layoutMs) / m((r) => r.first.layoutMs)).toFixed(2)}×`,
      );
    }
    rows.push(`target: after, #100 at most 1.5× #1: ${ratios.after <= 1.5 ? "met" : "NOT met"}`);
  } finally {
    await browser.close();
    pages.server.close();
  }
  return {
    title: "Issue 13 — exchange #1 vs #100: bytes to the visitor's tab and layout time, before (chat:listMessages) and after (paged log)",
    results: rows,
    method:
      `Chromium (playwright-core, CDP), the embed script of main ${MAIN_BEFORE} (before, built from git) and of this tree (after) ` +
      `against one local backend (offline responder); a new visitor opens the panel and sends "Question 1" (exchange #1), ` +
      `then ${SEEDED} finished exchanges are written at once (internal conversationSeed:seedExchanges), the tab reloads showing ` +
      `them, and it sends "Question 100" (exchange #100). An exchange runs from Enter until its reply is final in the log and ` +
      `the tab received no frame for ${QUIET_MS} ms. WebSocket: payload bytes of every frame the tab received ` +
      `(Network.webSocketFrameReceived: query updates, mutation answers, pings). HTTP stream: the bytes of the ` +
      `POST /chat-stream response body the tab drives (Network.dataReceived; the reply's text; not in the WebSocket figure). Layout: the change of ` +
      `Performance.getMetrics LayoutDuration and LayoutCount over the same span. Medians of ${RUNS} conversations per variant.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = await startBenchBackend({ env: { PERSIST_POLICY: "timed" }, name: "exchange" });
  try {
    printFigure(14, await measureExchangeBytes(backend));
  } finally {
    await backend.close();
  }
}
