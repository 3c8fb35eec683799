// Screenshots of the widget for the README: light and dark, desktop and phone, floating (closed and
// open with a streamed reply) and inline; and of the operators' console (inbox, conversation,
// settings; light and dark; a phone), and of both sides of a human handoff (the visitor's chat and
// the console, light and dark; the console on a phone). Builds, starts the offline backend and the
// demo pages on free ports, and writes docs/widget-*.png, docs/console-*.png and docs/handoff-*.png
// (or to the directory given: `tsx scripts/screenshots.ts /tmp/shots`; `--console` for the
// console's only, `--handoff` for the handoff's only).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { startDemoServer } from "../demo/server.ts";
import { chromiumArgs, findChromium } from "./chromium.mjs";
import { spawnBackend } from "./spawn-backend.mjs";
import { startCuttingProxy } from "./cutting-proxy.mjs";
import type {} from "../widget/src/define.ts"; // the elements' types in page callbacks

const root = resolve(import.meta.dirname, "..");
const out = resolve(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? resolve(root, "docs"));
mkdirSync(out, { recursive: true });

const build = spawnSync(resolve(root, "node_modules/.bin/vite"), ["build"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const backend = await spawnBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "4" } });
const demo = await startDemoServer({ port: 0, convexUrl: backend.url, siteUrl: backend.siteUrl });
const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });

const desktop = { viewport: { width: 1280, height: 860 } };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Waits until the newest reply on the page is final. */
async function replied(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector("convex-chat")?.shadowRoot;
      const replies = root?.querySelectorAll<HTMLElement>("article.assistant");
      const last = replies?.[replies.length - 1];
      return last && ["done", "error", "timeout", "stopped"].includes(last.dataset.status ?? "");
    },
    undefined,
    { timeout: 60_000 },
  );
}

async function shoot(
  name: string,
  options: {
    path: string;
    device: typeof desktop | typeof phone;
    theme: string;
    open: boolean;
    ask?: string;
    attributes?: Record<string, string>;
    closeWhileReplying?: boolean;
  },
) {
  const context = await browser.newContext({
    ...options.device,
    colorScheme: options.theme === "dark" ? "dark" : "light",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  await page.goto(`${demo.url}${options.path}`);
  const chat = page.locator("convex-chat");
  await chat.waitFor({ state: "attached" });
  const attributes = { theme: options.theme, ...options.attributes };
  await page.evaluate((attributes) => {
    for (const [name, value] of Object.entries(attributes)) document.querySelector("convex-chat")?.setAttribute(name, value);
  }, attributes);
  await page.locator("convex-chat textarea").waitFor({ state: "attached" });
  await page.waitForFunction(() => !document.querySelector("convex-chat")?.shadowRoot?.querySelector("textarea")?.disabled);
  if (options.open) {
    await page.evaluate(() => document.querySelector("convex-chat")?.open());
    if (options.ask) {
      await page.locator("convex-chat textarea").fill(options.ask);
      await page.locator("convex-chat textarea").press("Enter");
      // Closed while the reply is written: it lands as an unread badge on the launcher.
      if (options.closeWhileReplying) await page.evaluate(() => document.querySelector("convex-chat")?.close());
      await replied(page);
    }
    await page.evaluate(() => (document.querySelector("convex-chat")?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, `${name}.png`) });
  console.log(`  ${name}.png`);
  await context.close();
}

/** Visitors chat on the demo page first, so the console has conversations to show. */
async function visitorsChat(questions: string[]): Promise<void> {
  for (const question of questions) {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${demo.url}/module.html`);
    await page.waitForFunction(() => !document.querySelector("convex-chat")?.shadowRoot?.querySelector("textarea")?.disabled);
    await page.locator("convex-chat textarea").fill(question);
    await page.locator("convex-chat textarea").press("Enter");
    await replied(page);
    await context.close();
  }
}

/** The console signed in as the seeded owner, in `theme`, on `device`. */
async function consolePage(theme: string, device: typeof desktop | typeof phone) {
  const context = await browser.newContext({ ...device, colorScheme: theme === "dark" ? "dark" : "light", reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${demo.url}/console`);
  await page.evaluate((theme) => document.querySelector("convex-chat-console")?.setAttribute("theme", theme), theme);
  await page.locator("convex-chat-console input#email").fill("owner@demo.test");
  await page.locator("convex-chat-console input#password").fill(process.env.DEMO_OWNER_PASSWORD || "demo-owner-password");
  await page.locator("convex-chat-console button[type=submit]").click();
  await page.locator("convex-chat-console .row").first().waitFor({ timeout: 30_000 });
  return { context, page };
}

async function shootConsole(theme: string) {
  const { context, page } = await consolePage(theme, desktop);
  await page.screenshot({ path: resolve(out, `console-inbox-${theme}.png`) });
  console.log(`  console-inbox-${theme}.png`);
  await page.locator("convex-chat-console .row").first().click();
  await page.locator("convex-chat-console .transcript article.assistant").last().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, `console-conversation-${theme}.png`) });
  console.log(`  console-conversation-${theme}.png`);
  await page.locator("convex-chat-console nav button[data-section=settings]").click();
  await page.locator("convex-chat-console #greeting").waitFor();
  await page.locator("convex-chat-console #allowedOrigins").fill("https://shop.example\nhttps://*.github.io");
  await page.locator("convex-chat-console [part=save-button]").click();
  await page.locator("convex-chat-console [part=field-error]").waitFor();
  await page.screenshot({ path: resolve(out, `console-settings-${theme}.png`) });
  console.log(`  console-settings-${theme}.png`);
  await context.close();
}

async function shootConsolePhone() {
  const { context, page } = await consolePage("light", phone);
  await page.locator("convex-chat-console .row").first().click();
  await page.locator("convex-chat-console .transcript article.assistant").last().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, "console-conversation-mobile.png") });
  console.log("  console-conversation-mobile.png");
  await context.close();
}

/**
 * A handoff seen from both sides: a visitor (floating chat) asks the AI, then asks for a person;
 * the owner takes over from the console's waiting filter, answers, and starts typing the next line.
 */
async function shootHandoff(theme: string) {
  const visitorContext = await browser.newContext({
    ...desktop,
    colorScheme: theme === "dark" ? "dark" : "light",
    reducedMotion: "reduce",
  });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${demo.url}/`);
  await visitor.evaluate((theme) => document.querySelector("convex-chat")?.setAttribute("theme", theme), theme);
  // The script tag loads the widget on intent: its API opens the chat (and loads it) first.
  await visitor.evaluate(() => (window as unknown as { ConvexChat: { open(): void } }).ConvexChat.open());
  await visitor.waitForFunction(() => document.querySelector("convex-chat")?.shadowRoot?.querySelector("textarea")?.disabled === false);
  const chat = visitor.locator("convex-chat");
  await chat.locator("textarea").fill("My parcel arrived damaged, can someone help?");
  await chat.locator("textarea").press("Enter");
  await replied(visitor);
  await chat.locator("[part=handoff-button]").click();
  await chat.locator("[part=handoff-status]").waitFor();

  const { context, page } = await consolePage(theme, desktop);
  const desk = page.locator("convex-chat-console");
  await desk.locator("[data-filter=waiting]").click();
  await desk.locator(".row[part~=waiting-row]").first().click();
  await desk.locator("[part=take-over-button]").click();
  await desk.locator("[part=mode][data-mode=human]").waitFor();
  await desk.locator("[data-filter=mine]").click(); // now the owner's: listed under Mine
  await desk
    .locator("#reply-input")
    .fill("I'm sorry about that! Could you send a photo of the parcel? I'll arrange a replacement right away.");
  await desk.locator("#reply-input").press("Enter");
  await chat.locator("article.operator").waitFor();
  // The visitor answers and the owner starts the next line: each side sees the other typing.
  await chat.locator("textarea").pressSequentially("Sure, here", { delay: 10 });
  await desk.locator("[part=visitor-typing]").waitFor();
  await desk.locator("#reply-input").pressSequentially("Thanks, one moment", { delay: 10 });
  await chat.locator("[part=typing-indicator]").waitFor();
  for (const each of [visitor, page]) await each.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForTimeout(300);
  const suffix = theme === "light" ? "" : "-dark";
  await visitor.screenshot({ path: resolve(out, `handoff-visitor${suffix}.png`) });
  console.log(`  handoff-visitor${suffix}.png`);
  await page.screenshot({ path: resolve(out, `handoff-console${suffix}.png`) });
  console.log(`  handoff-console${suffix}.png`);
  if (theme === "light") {
    // The same conversation from the owner's phone: the waiting filter's list, then the conversation.
    const phoneView = await consolePage(theme, phone);
    await phoneView.page.locator("convex-chat-console [data-filter=mine]").click();
    await phoneView.page.locator("convex-chat-console .row").first().click();
    await phoneView.page.locator("convex-chat-console [part=mode][data-mode=human]").waitFor();
    await phoneView.page.waitForTimeout(300);
    await phoneView.page.screenshot({ path: resolve(out, "handoff-console-mobile.png") });
    console.log("  handoff-console-mobile.png");
    await phoneView.context.close();
  }
  await context.close();
  await visitorContext.close();
}

/**
 * The connection states (docs/widget-connection-*.png): the demo page served through proxies that
 * cut and refuse connections, as a backend that stops and restarts: a reply waiting for the
 * connection with a message queued, reconnecting, and back with both answered.
 */
async function shootConnection() {
  const [sync, site] = await Promise.all([startCuttingProxy(backend.url), startCuttingProxy(backend.siteUrl)]);
  const proxied = await startDemoServer({ port: 0, convexUrl: sync.url, siteUrl: site.url });
  const context = await browser.newContext({ ...desktop, reducedMotion: "reduce" });
  const page = await context.newPage();
  try {
    await page.goto(`${proxied.url}/`);
    await page.locator("convex-chat textarea").waitFor({ state: "attached" });
    await page.waitForFunction(
      () =>
        document.querySelector("convex-chat")?.shadowRoot?.querySelector<HTMLElement>("[part=composer]")?.dataset.session === "signed-in",
    );
    await page.evaluate(() => document.querySelector("convex-chat")?.open());
    await page.locator("convex-chat textarea").fill("Please reply with 3000 characters.");
    await page.locator("convex-chat textarea").press("Enter");
    await page.waitForFunction(
      () => (document.querySelector("convex-chat")?.shadowRoot?.querySelector("article.assistant")?.textContent?.length ?? 0) > 400,
    );
    const down = () => [sync, site].forEach((proxy) => (proxy.setRefusing(true), proxy.cut()));
    down();
    await page
      .waitForFunction(
        () =>
          document.querySelector("convex-chat")?.shadowRoot?.querySelector<HTMLElement>("[part=connection-dot]")?.dataset.state ===
          "reconnecting",
        undefined,
        { polling: 10, timeout: 5_000 },
      )
      .then(() => page.screenshot({ path: resolve(out, "widget-connection-reconnecting.png") }))
      .then(
        () => console.log("  widget-connection-reconnecting.png"),
        () => console.log("  (reconnecting passed too quickly to shoot)"),
      );
    await page.waitForFunction(
      () =>
        document.querySelector("convex-chat")?.shadowRoot?.querySelector<HTMLElement>("[part=connection-dot]")?.dataset.state === "offline",
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(() => !!document.querySelector("convex-chat")?.shadowRoot?.querySelector("[part=send-button]") || true);
    await page.screenshot({ path: resolve(out, "widget-connection-offline.png") });
    console.log("  widget-connection-offline.png");
    [sync, site].forEach((proxy) => proxy.setRefusing(false));
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await replied(page);
    await page.locator("convex-chat textarea").fill("Do you ship to Canada?");
    await page.locator("convex-chat textarea").press("Enter");
    await page.waitForTimeout(200);
    down();
    await page.waitForFunction(
      () => !!document.querySelector("convex-chat")?.shadowRoot?.querySelector("[part=reply-waiting]"),
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      () =>
        document.querySelector("convex-chat")?.shadowRoot?.querySelector<HTMLElement>("[part=connection-dot]")?.dataset.state === "offline",
      undefined,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: resolve(out, "widget-connection-waiting.png") });
    console.log("  widget-connection-waiting.png");
    [sync, site].forEach((proxy) => proxy.setRefusing(false));
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForFunction(
      () =>
        document.querySelector("convex-chat")?.shadowRoot?.querySelector<HTMLElement>("[part=connection-dot]")?.dataset.state ===
        "connected",
      undefined,
      { timeout: 30_000 },
    );
    await replied(page);
    await page.evaluate(() => (document.querySelector("convex-chat")?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: resolve(out, "widget-connection-back.png") });
    console.log("  widget-connection-back.png");
  } finally {
    await context.close();
    await proxied.close();
    await Promise.all([sync.close(), site.close()]);
  }
}

try {
  if (process.argv.includes("--connection")) {
    await shootConnection();
  } else if (process.argv.includes("--handoff")) {
    for (const theme of ["light", "dark"]) await shootHandoff(theme);
  } else {
    await visitorsChat(["Do you ship to Canada?", "Which tea would you recommend for a quiet evening?"]);
    for (const theme of ["light", "dark"]) await shootConsole(theme);
    await shootConsolePhone();
  }
  if (!["--console", "--handoff", "--connection"].some((flag) => process.argv.includes(flag))) {
    for (const theme of ["light", "dark"]) await shootHandoff(theme);
    const ask = "Which tea would you recommend for a quiet evening?";
    for (const theme of ["light", "dark"]) {
      await shoot(`widget-${theme}-desktop`, { path: "/", device: desktop, theme, open: true, ask });
      await shoot(`widget-${theme}-mobile`, { path: "/", device: phone, theme, open: true, ask });
    }
    await shoot("widget-closed-desktop", {
      path: "/",
      device: desktop,
      theme: "light",
      open: true,
      ask: "Reply with 800 characters, please.",
      closeWhileReplying: true,
    });
    await shoot("widget-inline-desktop", { path: "/module.html", device: desktop, theme: "light", open: true, ask: "Do you ship abroad?" });
    if (process.argv.includes("--all")) {
      await shoot("widget-hostile-desktop", { path: "/hostile.html", device: desktop, theme: "light", open: true, ask: "Still fine?" });
      await shoot("widget-rtl-desktop", {
        path: "/",
        device: desktop,
        theme: "light",
        open: true,
        ask: "שלום",
        attributes: { lang: "he" },
      });
    }
    await shootConnection();
  }
} finally {
  await browser.close();
  await demo.close();
  await backend.close();
}
