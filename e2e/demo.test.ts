// End to end: the built script-tag bundle on the demo host page (its own origin), the real local
// backend, a real Chromium. Type, send, watch the reply stream in, take a screenshot (kept as
// docs/screenshot-demo.png only when UPDATE_SCREENSHOT=1, so a test run leaves the tree alone).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, startDemoStack, type DemoStack } from "./demoStack.helpers.ts";

let stack: DemoStack;
const scratch = mkdtempSync(resolve(tmpdir(), "convex-chat-e2e-"));

beforeAll(async () => {
  stack = await startDemoStack(12);
}, 120_000);

afterAll(async () => {
  await stack?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Opens a page that fails the test on any uncaught error. */
async function open(path: string): Promise<{ page: Page; errors: string[]; warnings: string[] }> {
  const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  await page.goto(`${stack.demo.url}${path}`);
  return { page, errors, warnings };
}

interface ReplyState {
  status: string;
  length: number;
}

/**
 * Sends a message like a visitor and returns every state the reply showed (recorded in the page on
 * each DOM change, so no state is missed however fast the reply is) and its final text.
 */
async function chatOnce(page: Page, question: string) {
  const input = page.locator("convex-chat textarea");
  await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.evaluate(() => {
    const root = document.querySelector("convex-chat")!.shadowRoot!;
    const states: ReplyState[] = [];
    (window as unknown as { __replyStates: ReplyState[] }).__replyStates = states;
    const before = root.querySelectorAll("article.assistant").length;
    new MutationObserver(() => {
      const replies = root.querySelectorAll<HTMLElement>("article.assistant");
      if (replies.length <= before) return;
      const reply = replies[replies.length - 1];
      const state = { status: reply.dataset.status ?? "", length: reply.querySelector(".text")?.textContent?.length ?? 0 };
      const last = states.at(-1);
      if (state.status !== last?.status || state.length !== last?.length) states.push(state);
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await input.fill(question);
  await input.press("Enter");
  const reply = page.locator("convex-chat article.assistant").last();
  await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
  const final = (await reply.locator(".text").textContent()) ?? "";
  const states = await page.evaluate(() => (window as unknown as { __replyStates: ReplyState[] }).__replyStates);
  return { states, final };
}

describe("demo host page", () => {
  it("embeds the chat with one script tag; a message streams a reply across origins", async () => {
    const { page, errors } = await open("/");
    expect(new URL(stack.demo.url).origin).not.toBe(new URL(stack.backend.siteUrl).origin);
    // The script tag inserts a floating chat: the visitor opens it with the launcher.
    await page.locator("convex-chat [part=launcher]").click();
    const { states, final } = await chatOnce(page, "Which tea would you recommend for the evening?");

    // The reply grew in the page before it was complete.
    const partial = states.filter((state) => state.status === "streaming" && state.length > 0 && state.length < final.length);
    expect(new Set(partial.map((state) => state.length)).size).toBeGreaterThan(1);
    expect(states.at(-1)).toEqual({ status: "done", length: final.length });
    const shown = await page.locator("convex-chat article.user .text").allTextContents();
    expect(shown).toEqual(["Which tea would you recommend for the evening?"]);
    const screenshot =
      process.env.UPDATE_SCREENSHOT === "1" ? resolve(root, "docs/screenshot-demo.png") : resolve(scratch, "screenshot-demo.png");
    mkdirSync(resolve(screenshot, ".."), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the ES module page places <convex-chat> itself and keeps the conversation across a reload", async () => {
    const { page, errors } = await open("/module.html");
    const { final } = await chatOnce(page, "Do you ship abroad?");
    await page.reload();
    const reply = page.locator("convex-chat article.assistant").last();
    await expect.poll(() => reply.locator(".text").textContent(), { timeout: 30_000 }).toBe(final);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a second copy of the script (loader or widget) neither throws nor adds a second chat", async () => {
    const { page, errors, warnings } = await open("/");
    await page.locator("convex-chat [part=launcher]").waitFor();
    const addScript = (src: string) =>
      page.evaluate(
        ({ src, convexUrl, siteUrl }) =>
          new Promise((loaded) => {
            const copy = Object.assign(document.createElement("script"), { src, onload: loaded });
            Object.assign(copy.dataset, { convexUrl, siteUrl, siteKey: "demo" });
            document.head.append(copy);
          }),
        { src, convexUrl: stack.backend.url, siteUrl: stack.backend.siteUrl },
      );
    // A second loader before the widget loaded: nothing drawn twice, nothing loaded yet.
    await addScript("/dist/convex-chat.js?copy=2");
    expect(await page.locator("convex-chat").count()).toBe(1);
    expect(await page.evaluate(() => customElements.get("convex-chat"))).toBe(undefined);
    // Intent loads the widget once; the drawn launcher becomes the element's own.
    await page.locator("convex-chat [part=launcher]").hover();
    await expect.poll(() => page.evaluate(() => !!customElements.get("convex-chat")), { timeout: 10_000 }).toBe(true);
    await page.locator("convex-chat [part=launcher]").click();
    await expect.poll(() => page.locator("convex-chat textarea").isEnabled(), { timeout: 30_000 }).toBe(true);
    // A copy of the widget's own script (e.g. an old tag left on the page): still one chat.
    await addScript("/dist/convex-chat-widget.js?copy=3");
    expect(await page.locator("convex-chat").count()).toBe(1);
    expect(await page.locator("convex-chat [part=launcher]").count()).toBe(1);
    expect(warnings.some((w) => w.includes("already defined"))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
