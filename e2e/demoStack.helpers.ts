// The stack the e2e tests drive: the built bundles, the local backend (child process), the demo
// host pages on their own origin, and a headless Chromium.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { startDemoServer } from "../demo/server.ts";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { spawnBackend, type SpawnedBackend } from "../scripts/spawn-backend.mjs";

export const root = resolve(import.meta.dirname, "..");

export interface DemoStack {
  backend: SpawnedBackend;
  demo: Awaited<ReturnType<typeof startDemoServer>>;
  browser: Browser;
  /** A page at `path` of the demo server in a context of its own (another person), recording page errors. */
  person(path: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Builds the widget and starts everything; `tokenDelayMs` paces the offline responder. */
export async function startDemoStack(tokenDelayMs: number): Promise<DemoStack> {
  // `npm test` builds once before its suites run side by side (CONVEX_CHAT_BUILT): a second build
  // here would empty dist/ under another suite's feet.
  if (process.env.CONVEX_CHAT_BUILT !== "1") {
    const build = spawnSync(resolve(root, "node_modules/.bin/vite"), ["build"], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const backend = await spawnBackend({ env: { OFFLINE_TOKEN_DELAY_MS: String(tokenDelayMs) } });
  const demo = await startDemoServer({ port: 0, convexUrl: backend.url, siteUrl: backend.siteUrl });
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  return {
    backend,
    demo,
    browser,
    async person(path) {
      // Closed with the browser in close().
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${demo.url}${path}`);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await demo.close();
      await backend.close();
    },
  };
}

/** Types `text` into the page's chat once it can be typed in, and sends it. */
export async function visitorSends(page: Page, text: string): Promise<void> {
  const input = page.locator("convex-chat textarea");
  await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
  await input.fill(text);
  await input.press("Enter");
}
