// convex-chat/react in a real React app: e2e/fixtures/react-app.ts bundled with React from npm, run
// in Chromium against the local backend. Props reach the element as properties, events reach the
// on* props as their classes, a re-render updates the element, a ref gives the element's methods.
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { spawnBackend, type SpawnedBackend } from "../scripts/spawn-backend.mjs";
import type {} from "./fixtures/react-app.ts"; // its `window` fields in page callbacks

let backend: SpawnedBackend;
let server: Server;
let browser: Browser;
let page: Page;

/** Bundles the fixture app (React's production build) into one script. */
async function bundleApp(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: "warn",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    resolve: { conditions: ["module", "browser", "production"] },
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, "fixtures/react-app.ts"), formats: ["es"], fileName: () => "app.js" },
    },
  });
  const [result] = Array.isArray(output) ? output : [output];
  const chunk = "output" in result ? result.output.find((item) => item.type === "chunk") : undefined;
  if (!chunk || chunk.type !== "chunk") throw new Error("the fixture produced no bundle");
  return chunk.code;
}

beforeAll(async () => {
  const [app, spawned] = await Promise.all([
    bundleApp(),
    spawnBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "2", OFFLINE_REPLY_CHARS: "60" } }),
  ]);
  backend = spawned;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React</title></head><body><script type="module" src="/app.js"></script></body></html>`;
  server = createServer((request, response) => {
    const isApp = request.url?.startsWith("/app.js");
    response.writeHead(200, { "Content-Type": isApp ? "text/javascript" : "text/html" }).end(isApp ? app : html);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/?convexUrl=${encodeURIComponent(backend.url)}&siteUrl=${encodeURIComponent(backend.siteUrl)}`);
  await page.waitForFunction(() => window.chat !== null);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  await backend?.close();
});

/** The events the app's handlers received for `prop`, once at least `count` arrived. */
async function received(prop: string, count = 1) {
  await page.waitForFunction(([p, n]) => window.received.filter((r) => r.prop === p).length >= n, [prop, count] as const);
  return page.evaluate((p) => window.received.filter((r) => r.prop === p), prop);
}

describe("convex-chat/react", () => {
  it("renders the registered element with props set as properties, not attributes", async () => {
    const shown = await page.evaluate(() => {
      const chat = window.chat!;
      return {
        isElement: chat instanceof (customElements.get("convex-chat") as CustomElementConstructor),
        siteKey: chat.siteKey,
        mode: chat.getAttribute("mode"),
        strings: chat.strings,
        stringsAttribute: chat.getAttribute("strings"),
        sendLabel: chat.shadowRoot?.querySelector("[part~=send-button]")?.textContent?.trim() ?? null,
      };
    });
    expect(shown).toMatchObject({
      isElement: true,
      siteKey: "demo",
      mode: "floating",
      strings: { send: "Ask away" },
      stringsAttribute: null,
    });
    await page.evaluate(() => window.chat!.open());
    await page.waitForFunction(() => window.chat!.shadowRoot?.querySelector("[part~=send-button]")?.textContent?.includes("Ask away"));
  });

  it("hands onReady and onOpen their events", async () => {
    expect((await received("onReady"))[0].className).toBe("ConvexChatReadyEvent");
    expect((await received("onOpen"))[0].className).toBe("ConvexChatOpenEvent");
  });

  it("hands onSend, onReplyStart and onReplyEnd the send and its reply", async () => {
    await page.evaluate(() => window.chat!.send("Hello from React"));
    const [send] = await received("onSend");
    expect(send).toMatchObject({
      className: "ConvexChatSendEvent",
      fields: { conversationId: expect.any(String), streamId: expect.any(String) },
    });
    const [start] = await received("onReplyStart");
    expect(start).toMatchObject({ className: "ConvexChatReplyStartEvent", fields: { streamId: send.fields.streamId } });
    const [end] = await received("onReplyEnd");
    expect(end).toMatchObject({ className: "ConvexChatReplyEndEvent", fields: { messageId: start.fields.messageId, status: "done" } });
    expect(String(end.fields.text).length).toBeGreaterThan(0);
  });

  it("hands onError a refused send", async () => {
    const refusal = await page.evaluate(() =>
      window.chat!.send("x".repeat(5_000)).then(
        () => "sent",
        (error: Error) => error.message,
      ),
    );
    const [error] = await received("onError");
    expect(error).toMatchObject({
      className: "ConvexChatErrorEvent",
      fields: { source: "send", code: "MESSAGE_TOO_LONG", message: refusal },
    });
  });

  it("updates the element when the app re-renders, and onClose follows close()", async () => {
    await page.evaluate(() => window.setTitle("Questions?"));
    await page.waitForFunction(() => window.chat!.title === "Questions?");
    await page.evaluate(() => window.chat!.close());
    expect((await received("onClose"))[0].className).toBe("ConvexChatCloseEvent");
  });
});
