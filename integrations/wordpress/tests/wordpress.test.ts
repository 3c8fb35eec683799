// The plugin on a real WordPress 6.1 (PHP 8.2 + MariaDB, booted on loopback by
// scripts/wordpress/boot.mjs), installed from the built zip through wp-admin's upload form,
// configured through its settings page, with the local backend and a real Chromium.
// Screenshots go to docs/ with UPDATE_SCREENSHOTS=1 (else to a temp folder).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, findChromium } from "../../../scripts/chromium.mjs";
import { spawnBackend, type SpawnedBackend } from "../../../scripts/spawn-backend.mjs";
import { bootWordPress, freePort } from "../../../scripts/wordpress/boot.mjs";
import { buildWordPressZip } from "../../../scripts/wordpress/build.mjs";

const root = resolve(import.meta.dirname, "../../..");
const shots = process.env.UPDATE_SCREENSHOTS ? join(root, "docs") : mkdtempSync(join(tmpdir(), "convex-chat-wp-shots-"));
const SITE_KEY = "wordpress";
const secret = randomBytes(32).toString("hex");
const alice = { user: "alice", password: randomBytes(9).toString("hex"), email: "alice@shop.test" };
const bob = { user: "bob", password: randomBytes(9).toString("hex"), email: "bob@shop.test" };

type WordPress = {
  url: string;
  dir: string;
  admin: { user: string; password: string };
  php(code: string): string;
  bootMs: number;
  close(): Promise<void>;
};
let wp: WordPress;
let backend: SpawnedBackend;
let browser: Browser;
let postUrl: string;
let shortcodeUrl: string;
const ids: Record<string, number> = {};

async function logIn(context: BrowserContext, user: { user: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${wp.url}/wp-login.php`);
  await page.fill("#user_login", user.user);
  await page.fill("#user_pass", user.password);
  await Promise.all([page.waitForNavigation(), page.click("#wp-submit")]);
  expect(await context.cookies()).toContainEqual(expect.objectContaining({ name: expect.stringMatching(/^wordpress_logged_in_/) }));
  return page;
}

/** Who the chat on the page signed in as: `customer:wordpress:<user id>` or `anonymous:wordpress`. */
async function chatSubject(page: Page): Promise<string> {
  // The chat signs in only once the visitor wants it (the loader, issue 13): open it first.
  await page.evaluate(() => (window as unknown as { ConvexChat?: { open(): void } }).ConvexChat?.open());
  let subject = "";
  await expect
    .poll(
      async () => {
        subject = await page.evaluate(() => {
          const key = Object.keys(localStorage).find((k) => k.startsWith("__convexChatSessionSubject_"));
          const jwt = Object.keys(localStorage).find((k) => k.startsWith("__convexAuthJWT_"));
          return key && jwt ? localStorage.getItem(key)! : "";
        });
        return subject;
      },
      { timeout: 30_000 },
    )
    .not.toBe("");
  return subject;
}

async function sendAndWait(page: Page, text: string, chat = "convex-chat[data-embedded]") {
  const input = page.locator(`${chat} textarea`);
  // The floating chat: open it (idempotent) — its panel, and so its field, shows only when open.
  if (chat === "convex-chat[data-embedded]")
    await page.evaluate(() => (window as unknown as { ConvexChat?: { open(): void } }).ConvexChat?.open());
  await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
  await input.fill(text);
  await input.press("Enter");
  const reply = page.locator(`${chat} article.assistant`).last();
  await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
}

async function conversationTitles(page: Page): Promise<string[]> {
  await page.locator("convex-chat[data-embedded] [part=conversations-button]").click();
  const list = page.locator("convex-chat[data-embedded] [part=conversation]");
  await expect.poll(() => list.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
  await page.waitForTimeout(500);
  return list.allTextContents();
}

beforeAll(async () => {
  // `npm test` has built dist/ already (CONVEX_CHAT_BUILT), once for every suite.
  buildWordPressZip({ skipVite: process.env.CONVEX_CHAT_BUILT === "1" });
  const port = await freePort();
  backend = await spawnBackend({
    env: {
      OFFLINE_TOKEN_DELAY_MS: "4",
      EXTRA_SITES: JSON.stringify([
        { key: SITE_KEY, name: "WordPress shop", allowedOrigins: [`http://127.0.0.1:${port}`], enabled: true, identitySecret: secret },
      ]),
    },
    logFile: join(tmpdir(), "convex-chat-wp-backend.log"),
  });
  wp = await bootWordPress({ port, config: { CONVEX_CHAT_IDENTITY_SECRET: secret } });
  console.log(`WordPress booted in ${wp.bootMs} ms at ${wp.url}`);
  for (const user of [alice, bob]) {
    ids[user.user] = Number(
      wp.php(
        `echo wp_insert_user( array( 'user_login' => '${user.user}', 'user_pass' => '${user.password}', 'user_email' => '${user.email}', 'role' => 'subscriber' ) );`,
      ),
    );
  }
  const post = Number(
    wp.php(
      `echo wp_insert_post( array( 'post_title' => 'Our teas', 'post_content' => 'Green, black and white teas.', 'post_status' => 'publish' ) );`,
    ),
  );
  const page = Number(
    wp.php(
      `echo wp_insert_post( array( 'post_type' => 'page', 'post_title' => 'Ask us', 'post_content' => '[convex_chat height="480px"]', 'post_status' => 'publish' ) );`,
    ),
  );
  postUrl = `${wp.url}/?p=${post}`;
  shortcodeUrl = `${wp.url}/?page_id=${page}`;
  browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });

  // The site owner installs the zip, activates it and fills the settings page, as a person would.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await logIn(context, wp.admin);
  await admin.goto(`${wp.url}/wp-admin/plugin-install.php?tab=upload`);
  await admin.setInputFiles("#pluginzip", join(root, "dist/convex-chat-wordpress.zip"));
  await Promise.all([admin.waitForNavigation(), admin.click("#install-plugin-submit")]);
  expect(await admin.content()).toContain("Plugin installed successfully");
  await Promise.all([admin.waitForNavigation(), admin.click("a:has-text('Activate Plugin')")]);
  await admin.goto(`${wp.url}/wp-admin/options-general.php?page=convex-chat`);
  await admin.fill("#convex_chat_convex_url", backend.url);
  await admin.fill("#convex_chat_site_url", backend.siteUrl);
  await admin.fill("#convex_chat_site_key", SITE_KEY);
  await Promise.all([admin.waitForNavigation(), admin.click("#submit")]);
  expect(await admin.content()).toContain("Settings saved.");
  await admin.screenshot({ path: join(shots, "wordpress-settings.png"), fullPage: true });
  await context.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await wp?.close();
  await backend?.close();
  if (!process.env.UPDATE_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
});

describe("convex-chat on WordPress", () => {
  it("PHPUnit: the signer (shared vectors) and the settings sanitizer, on this WordPress", () => {
    const result = spawnSync("phpunit", ["-c", join(root, "integrations/wordpress/phpunit.xml")], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, WP_LOAD: join(wp.dir, "wp-load.php"), WP_HOST: new URL(wp.url).host },
    });
    console.log(result.stdout, result.stderr);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/OK \(\d+ tests/);
  });

  it("the settings page saved the deployment URL and site key", () => {
    const saved = wp.php(`$s = convex_chat_settings(); echo $s['site_key'], '|', $s['convex_url'];`);
    expect(saved).toBe(`${SITE_KEY}|${backend.url}`);
  });

  it("an anonymous visitor chats on a post with the floating chat (the bundled, deferred script)", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(postUrl);
    const html = await response!.text();
    expect(html).toMatch(
      /<script[^>]*data-convex-url="[^"]+"[^>]*src=['"][^'"]*\/wp-content\/plugins\/convex-chat\/assets\/convex-chat\.js/,
    );
    expect(html).toMatch(/<script[^>]* defer/);
    expect(html).not.toContain("identity-url");
    await page.locator("convex-chat [part=launcher]").click();
    await sendAndWait(page, "Do you sell green tea?");
    expect(await chatSubject(page)).toBe(`anonymous:${SITE_KEY}`);
    await page.screenshot({ path: join(shots, "wordpress-front.png") });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the shortcode page shows the inline chat", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(shortcodeUrl);
    const inline = page.locator('convex-chat[mode="inline"]:not([data-embedded])');
    await expect.poll(() => inline.count()).toBe(1);
    expect((await inline.boundingBox())!.height).toBeCloseTo(480, -1);
    await sendAndWait(page, "Hello from the page", 'convex-chat[mode="inline"]:not([data-embedded])');
    await context.close();
  });

  it("a logged-in user is one signed visitor on two browsers; the HTML holds no signature; logging out makes a new visitor", async () => {
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const onLaptop = await logIn(laptop, alice);
    const response = await onLaptop.goto(postUrl);
    const html = await response!.text();
    expect(await chatSubject(onLaptop)).toBe(`customer:${SITE_KEY}:${ids.alice}`);

    // The signature the page's chat used is nowhere in the HTML (only the route's URL and nonce).
    const identityUrl = /data-identity-url="([^"]+)"/
      .exec(html)![1]
      .replace(/&amp;/g, "&")
      .replace(/&#038;/g, "&");
    const answer = await onLaptop.evaluate(async (url) => {
      const r = await fetch(url, { credentials: "include" });
      return { status: r.status, cache: r.headers.get("cache-control"), body: await r.json() };
    }, identityUrl);
    expect(answer.status).toBe(200);
    expect(answer.cache).toContain("no-store");
    expect(answer.body.customerId).toBe(String(ids.alice));
    expect(html).not.toContain(answer.body.signature);
    expect(html).not.toMatch(/[0-9a-f]{64}/);

    // chatSubject opened the chat (a click on the launcher would close it again).
    await sendAndWait(onLaptop, "Where is my order 1042?");

    const onPhone = await logIn(phone, alice);
    await onPhone.goto(postUrl);
    expect(await chatSubject(onPhone)).toBe(`customer:${SITE_KEY}:${ids.alice}`);
    // chatSubject opened the chat (a click on the launcher would close it again).
    expect((await conversationTitles(onPhone)).join("\n")).toContain("Where is my order 1042?");

    // A cached copy of Alice's page served to someone else: the nonce is hers, the cookie is not.
    for (const who of ["logged out", "bob"] as const) {
      const other = await browser.newContext();
      const page = who === "bob" ? await logIn(other, bob) : await other.newPage();
      await page.route(postUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
      await page.goto(postUrl);
      expect(await chatSubject(page), who).toBe(`anonymous:${SITE_KEY}`);
      await other.close();
    }

    // Logging out (WordPress's own link): the chat is a new anonymous visitor without Alice's conversations.
    const logout = await onLaptop.locator("#wp-admin-bar-logout a").getAttribute("href");
    await onLaptop.goto(logout!);
    await onLaptop.goto(postUrl);
    expect(await chatSubject(onLaptop)).toBe(`anonymous:${SITE_KEY}`);
    // chatSubject opened the chat (a click on the launcher would close it again).
    expect((await conversationTitles(onLaptop)).join("\n")).not.toContain("Where is my order 1042?");
    await laptop.close();
    await phone.close();
  });

  it("the identity routes answer 401 to logged-out requests, uncached", async () => {
    for (const route of ["identity", "operator-identity"]) {
      const response = await fetch(`${wp.url}/?rest_route=/convex-chat/v1/${route}`);
      expect(response.status, route).toBe(401);
      expect(response.headers.get("cache-control"), route).toContain("no-store");
    }
  });

  it("the wp-admin Chat inbox shows the conversation, signed in with the operator identity", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await logIn(context, wp.admin);
    await admin.goto(`${wp.url}/wp-admin/admin.php?page=convex-chat-inbox`);
    const consoleElement = admin.locator("convex-chat-console");
    const logs: string[] = [];
    admin.on("console", (message) => logs.push(message.text()));
    admin.on("pageerror", (error) => logs.push(error.message));
    await expect
      .poll(() => consoleElement.locator("[part=inbox]").count(), { timeout: 30_000 })
      .toBe(1)
      .catch(async (error) => {
        throw new Error(
          `${error}\n${await consoleElement.evaluate((e) => e.shadowRoot?.textContent ?? "no shadow root")}\n${logs.join("\n")}`,
        );
      });
    expect(await consoleElement.locator("#password").count()).toBe(0);
    const row = consoleElement.locator(".row", { hasText: "Where is my order 1042?" });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.textContent()).toContain(String(ids.alice));
    await row.click();
    await expect
      .poll(() => consoleElement.locator("[part=transcript], [part=conversation]").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await admin.waitForTimeout(500);
    await admin.screenshot({ path: join(shots, "wordpress-inbox.png") });

    // A subscriber has no inbox, and the route refuses them.
    const visitor = await browser.newContext();
    const page = await logIn(visitor, bob);
    const denied = await page.goto(`${wp.url}/wp-admin/admin.php?page=convex-chat-inbox`);
    expect(denied!.status()).toBe(403);
    await visitor.close();
    await context.close();
  });
});
