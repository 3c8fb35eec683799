// Issue 13: a page view costs nothing until the visitor wants to chat. The demo page's script tag
// (the loader) in a real Chromium against the local backend, every request and socket recorded, the
// backend's write counter read before and after.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack, type DemoStack } from "./demoStack.helpers.ts";

let stack: DemoStack;
let context: BrowserContext;

beforeAll(async () => {
  stack = await startDemoStack(5);
  // One context for the whole file: its storage is the visitor coming back.
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

const commits = async () => ((await (await fetch(`${stack.backend.url}/_stats`)).json()) as { commits: number }).commits;

/** Opens the demo page recording its requests and sockets; `settle` lets idle work run. */
async function visit(): Promise<{ page: Page; requests: string[]; sockets: string[]; errors: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const sockets: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  page.on("websocket", (socket) => sockets.push(socket.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${stack.demo.url}/`, { waitUntil: "load" });
  return { page, requests, sockets, errors };
}

/** Waits past the loader's idle callback (2 s timeout at most) and any work it starts. */
const settle = (page: Page) => page.waitForTimeout(3_000);

describe("a page view without intent", () => {
  it("a first-time visitor who never opens the chat: the launcher, no WebSocket, no sign-in, no write", async () => {
    const before = await commits();
    const { page, requests, sockets, errors } = await visit();
    await expect.poll(() => page.locator("convex-chat [part~=launcher]").isVisible()).toBe(true);
    await settle(page);
    const demo = new URL(stack.demo.url).origin;
    expect(requests).toEqual([`GET ${demo}/`, `GET ${demo}/site.css`, `GET ${demo}/dist/convex-chat.js`]);
    expect(sockets).toEqual([]);
    expect(await page.evaluate(() => customElements.get("convex-chat"))).toBe(undefined);
    expect(await commits()).toBe(before);
    expect(errors).toEqual([]);

    // Intent: the pointer over the launcher loads the widget from beside the loader, which signs in.
    await page.locator("convex-chat [part~=launcher]").hover();
    await expect.poll(() => requests.includes(`GET ${demo}/dist/convex-chat-widget.js`)).toBe(true);
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  it("a click before anything loaded opens the panel", async () => {
    const { page, errors } = await visit();
    await page.locator("convex-chat [part~=launcher]").click();
    await expect.poll(() => page.locator("convex-chat").getAttribute("open"), { timeout: 10_000 }).toBe("");
    await expect.poll(() => page.locator("convex-chat textarea").isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator("convex-chat").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("ConvexChat.send() before anything loaded loads the chat, sends, and its promise resolves", async () => {
    const { page, errors } = await visit();
    await page.evaluate(() =>
      (window as unknown as { ConvexChat: { send(text: string): Promise<void> } }).ConvexChat.send("Hello from the page"),
    );
    expect(await page.locator("convex-chat").getAttribute("open")).toBe("");
    await expect
      .poll(() => page.locator("convex-chat article.assistant").last().getAttribute("data-status"), { timeout: 30_000 })
      .toBe("done");
    // A refusal comes back through the same promise.
    const refused = await page.evaluate(() =>
      (window as unknown as { ConvexChat: { send(text: string): Promise<void> } }).ConvexChat.send("").then(
        () => "resolved",
        (error: { code?: string }) => error.code,
      ),
    );
    expect(refused).toBe("EMPTY_MESSAGE");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a returning visitor with a conversation in progress: loaded at idle, the token reused (no refresh, no write)", async () => {
    const before = await commits();
    const { page, requests, sockets, errors } = await visit();
    // Nobody touches the page: the loader loads the widget at idle, which shows the conversation.
    await expect
      .poll(() => page.locator("convex-chat article.user .text").first().textContent(), { timeout: 15_000 })
      .toBe("Hello from the page");
    await settle(page);
    expect(sockets).toHaveLength(1);
    // No token refresh (an http action) and no sign-in: nothing written.
    expect(requests.filter((request) => request.startsWith("POST"))).toEqual([]);
    expect(await commits()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a returning visitor with no conversation in progress: nothing loads, no message download", async () => {
    const { page: first } = await visit();
    // The session stays; the current conversation is forgotten (as after "New conversation").
    await first.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith("__convexChatSiteConversation_")) localStorage.removeItem(key);
    });
    await first.close();
    const before = await commits();
    const { page, requests, sockets } = await visit();
    await settle(page);
    expect(requests.some((request) => request.includes("convex-chat-widget.js"))).toBe(false);
    expect(sockets).toEqual([]);
    expect(await commits()).toBe(before);
    await page.close();
  });
});
