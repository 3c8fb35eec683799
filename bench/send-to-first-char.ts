/**
 * Issue 3: time from pressing Send (Enter in the composer) to the first reply character in the
 * DOM, measured inside the page, on the demo host page embedding the built script-tag bundle.
 */
import { chromium, type Page } from "playwright-core";
import { startDemoServer } from "../demo/server.ts";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import type { BenchBackend } from "./backend.ts";
import { ms, percentile, type Figure } from "./stats.ts";

const TIMEOUT_MS = 60_000;

/**
 * Arms the in-page clock: performance.now() at the Enter keydown (capture phase on the shadow
 * root, before the element's own handler), and a MutationObserver on the shadow DOM that stops
 * the clock when a new assistant message's text becomes non-empty. Resolves to the elapsed ms.
 */
function armClock(page: Page): Promise<void> {
  return page.evaluate(() => {
    const root = document.querySelector("convex-chat")!.shadowRoot!;
    const before = root.querySelectorAll("article.assistant").length;
    let pressedAt: number | undefined;
    root.addEventListener(
      "keydown",
      (e) => {
        if ((e as KeyboardEvent).key === "Enter") pressedAt ??= performance.now();
      },
      { capture: true },
    );
    (window as unknown as { benchFirstChar: Promise<number> }).benchFirstChar = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const replies = root.querySelectorAll("article.assistant");
        const text = replies.length > before ? (replies[replies.length - 1].querySelector(".text")?.textContent ?? "") : "";
        if (pressedAt === undefined || text.length === 0) return;
        observer.disconnect();
        resolve(performance.now() - pressedAt);
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true });
    });
  });
}

export async function measureSendToFirstChar(backend: BenchBackend, sends: number, tokenDelayMs: number): Promise<Figure> {
  const demo = await startDemoServer({ port: 0, convexUrl: backend.url, siteUrl: backend.siteUrl });
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  const samples: number[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    // The script tag inserts a floating chat: open it as a visitor would, with the launcher.
    await page.locator("convex-chat [part=launcher]").click({ timeout: TIMEOUT_MS });
    const input = page.locator("convex-chat textarea");
    await input.waitFor({ timeout: TIMEOUT_MS });
    await page.waitForFunction(() => !document.querySelector("convex-chat")!.shadowRoot!.querySelector("textarea")!.disabled, null, {
      timeout: TIMEOUT_MS,
    });
    for (let i = -1; i < sends; i++) {
      // i = -1: one warm-up send, not counted
      await armClock(page);
      await input.fill(`Send ${i + 2}: do you have a green tea for mornings?`);
      await input.press("Enter");
      const elapsed = await page.evaluate(() => (window as unknown as { benchFirstChar: Promise<number> }).benchFirstChar);
      await page.locator("convex-chat article.assistant").last().and(page.locator('[data-status="done"]')).waitFor({ timeout: TIMEOUT_MS });
      if (i >= 0) samples.push(elapsed);
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  return {
    title: "Issue 3 — pressing Send to the first reply character in the DOM (headless Chromium)",
    results: [
      `p50 ${ms(percentile(samples, 50))} over ${samples.length} sends (p95 ${ms(percentile(samples, 95))}, min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))})`,
    ],
    method:
      `demo host page (demo/server.ts, its own origin) embedding dist/convex-chat.js by script tag, headless Chromium ` +
      `(scripts/chromium.mjs) via playwright-core, local backend in a child process, all on 127.0.0.1; per send: playwright ` +
      `fills the composer and presses Enter; in the page, performance.now() at the Enter keydown (capture listener on the ` +
      `shadow root) and a MutationObserver on the shadow DOM stop the clock when the new assistant message's text is non-empty ` +
      `(sendMessage round trip + POST /chat-stream + first token + render); each reply finishes before the next send; one ` +
      `warm-up send not counted; one conversation. Offline responder at OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}.`,
  };
}
