/**
 * Issue 13: the browser's layout work per exchange over a long conversation, with the widget before
 * (4e5bdc7: the log's follow and the composer's auto-grow read layout on every update) and after
 * (no layout read in any update), side by side in one run. `npx tsx bench/conversation-layout.ts`
 * runs it alone (with its own backend).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { startBenchBackend, type BenchBackend } from "./backend.ts";
import { beforeDist } from "./before-build.ts";
import { ensureBuilt } from "./bundle-size.ts";
import { RENDER_BEFORE_COMMIT } from "./markdown-open-paragraph.ts";
import { ms, printFigure, type Figure } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
/** The demo site's limit of visitor messages per conversation (`BENCH_EXCHANGES` for a shorter run). */
const EXCHANGES = Number(process.env.BENCH_EXCHANGES) || 100;
const REPLY_CHARS = 300;
/** The widget measured as "before" (`BENCH_BEFORE_COMMIT`: any commit, e.g. the one before a change being measured). */
const BEFORE_COMMIT = process.env.BENCH_BEFORE_COMMIT ?? RENDER_BEFORE_COMMIT;
/** Exchanges averaged at each end of the conversation. */
const ENDS = 5;
const TIMEOUT_MS = 60_000;

type Variant = "before" | "after";

/** Serves a host page per variant with its script tag, and the variants' `dist/` files. */
async function startPages(backend: BenchBackend, dirs: Record<Variant, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const [, first, ...rest] = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).split("/");
    if (first === "page") {
      const variant = rest[0]?.replace(".html", "");
      if (variant !== "before" && variant !== "after") return void response.writeHead(404).end();
      const tag = `<script src="/${variant}/convex-chat.js" data-convex-url="${backend.url}" data-site-url="${backend.siteUrl}" data-site-key="demo" async></script>`;
      return void response
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
        .end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${variant}</title></head><body><h1>A host page</h1>${tag}</body></html>`,
        );
    }
    const dir = dirs[first as Variant];
    const file = dir && normalize(join(dir, ...rest));
    if (!file || !file.startsWith(dir)) return void response.writeHead(404).end();
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

interface Exchange {
  layouts: number;
  layoutMs: number;
  styleMs: number;
  updates: number;
}

/** One visitor's conversation of {@link EXCHANGES} exchanges in the floating chat; the layout work of each. */
async function converse(browser: Browser, url: string): Promise<Exchange[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => {
    const { metrics: list } = await cdp.send("Performance.getMetrics");
    const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
    return { layouts: get("LayoutCount"), layoutMs: get("LayoutDuration") * 1000, styleMs: get("RecalcStyleDuration") * 1000 };
  };
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.locator("convex-chat [part~=launcher]").click({ timeout: TIMEOUT_MS });
    const input = page.locator("convex-chat textarea");
    await page.waitForFunction(
      () => document.querySelector("convex-chat")?.shadowRoot?.querySelector("textarea")?.disabled === false,
      null,
      { timeout: TIMEOUT_MS },
    );
    const exchanges: Exchange[] = [];
    for (let i = 1; i <= EXCHANGES; i++) {
      await input.fill(`Exchange ${i}: tell me more; reply with ${REPLY_CHARS} characters.`);
      // Reply updates: each batch of DOM changes in the newest reply (one per rendered update).
      await page.evaluate(() => {
        const shadow = document.querySelector("convex-chat")!.shadowRoot!;
        const counter = { updates: 0 };
        const observer = new MutationObserver(() => (counter.updates += 1));
        observer.observe(shadow.querySelector("[part~=log]")!, { subtree: true, childList: true, characterData: true });
        Object.assign(window, { benchUpdates: { counter, observer } });
      });
      const start = await metrics();
      await input.press("Enter");
      await page.waitForFunction(
        (n) => {
          const replies = document.querySelector("convex-chat")!.shadowRoot!.querySelectorAll<HTMLElement>("article.assistant");
          return replies.length >= n && replies[n - 1].dataset.status === "done";
        },
        i,
        { timeout: TIMEOUT_MS, polling: 100 },
      );
      const end = await metrics();
      const updates = await page.evaluate(() => {
        const { counter, observer } = (window as unknown as { benchUpdates: { counter: { updates: number }; observer: MutationObserver } })
          .benchUpdates;
        observer.disconnect();
        return counter.updates;
      });
      exchanges.push({
        layouts: end.layouts - start.layouts,
        layoutMs: end.layoutMs - start.layoutMs,
        styleMs: end.styleMs - start.styleMs,
        updates,
      });
    }
    return exchanges;
  } finally {
    await context.close();
  }
}

const mean = (list: Exchange[], key: keyof Exchange) => list.reduce((sum, e) => sum + e[key], 0) / list.length;

export async function measureConversationLayout(backend: BenchBackend): Promise<Figure> {
  ensureBuilt();
  const pages = await startPages(backend, { before: beforeDist(BEFORE_COMMIT), after: join(root, "dist") });
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  const rows: string[] = [];
  try {
    // `BENCH_VARIANTS=after` measures this tree alone (while trying changes).
    for (const variant of (process.env.BENCH_VARIANTS?.split(",") ?? ["before", "after"]) as Variant[]) {
      const exchanges = await converse(browser, `${pages.url}/page/${variant}.html`);
      const [first, last] = [exchanges.slice(0, ENDS), exchanges.slice(-ENDS)];
      const describe = (list: Exchange[]) =>
        `${mean(list, "layouts").toFixed(0)} layouts, ${ms(mean(list, "layoutMs"))} layout + ${ms(mean(list, "styleMs"))} style ` +
        `(${(mean(list, "layoutMs") / mean(list, "updates")).toFixed(2)} ms layout per DOM update, ${mean(list, "updates").toFixed(0)} updates)`;
      rows.push(
        `${variant === "before" ? `before (${BEFORE_COMMIT})` : "after"}: exchanges #1–${ENDS} ${describe(first)}; ` +
          `#${EXCHANGES - ENDS + 1}–${EXCHANGES} ${describe(last)}; growth ×${(mean(last, "layoutMs") / mean(first, "layoutMs")).toFixed(1)} layout time`,
      );
    }
  } finally {
    await browser.close();
    pages.server.close();
  }
  return {
    title: `Issue 13 — layout work per exchange over a ${EXCHANGES}-exchange conversation, before and after (headless Chromium)`,
    results: rows,
    method:
      `A host page per variant with the script tag (before: commit ${BEFORE_COMMIT} built by vite from git into a temp ` +
      `directory; after: this tree's dist/), served from loopback; the local backend in a child process (timed policy). One ` +
      `visitor, a fresh browser context per variant (1280×800), opens the floating chat and sends ${EXCHANGES} messages in one ` +
      `conversation, each asking the offline responder for a ${REPLY_CHARS}-character reply and waiting for it to be done. Per ` +
      `exchange: CDP Performance.getMetrics LayoutCount, LayoutDuration and RecalcStyleDuration just before Enter and once the ` +
      `reply is done (so typing the message is not counted, sending and the whole reply are); "DOM updates" counts ` +
      `MutationObserver callbacks on the log over the exchange. Means over the first and the last ${ENDS} exchanges.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = await startBenchBackend({ env: { PERSIST_POLICY: "timed" }, name: "conversation-layout" });
  try {
    printFigure(13, await measureConversationLayout(backend));
  } finally {
    await backend.close();
  }
}
