// Issue 5: the script-tag bundle on a page served with a strict Content-Security-Policy and Trusted
// Types (demo/csp.html, policy from demo/server.ts). A real Chromium opens the chat, sends, sees the
// streamed reply, and the page records no securitypolicyviolation and no console error.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, startDemoStack, type DemoStack } from "./demoStack.helpers.ts";

// The build forces Lit's production export condition (vite.config.ts), whatever NODE_ENV is.
let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack(5);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

describe("strict CSP page", () => {
  it("serves csp.html with the policy", async () => {
    const response = await fetch(`${stack.demo.url}/csp.html`);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain(`connect-src ${new URL(stack.backend.url).origin}`);
    expect(policy).toContain("require-trusted-types-for 'script'");
    expect(policy).not.toContain("unsafe");
    expect((await fetch(`${stack.demo.url}/`)).headers.get("content-security-policy")).toBe(null);
  });

  it("the chat opens, sends and streams a reply with zero policy violations", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // Injected by the browser (not an inline script), before the page's own scripts run.
    await page.addInitScript(() => {
      (window as unknown as { __globalsBefore: string[] }).__globalsBefore = Object.getOwnPropertyNames(window);
      (window as unknown as { __symbolMetadataBefore: symbol | undefined }).__symbolMetadataBefore = Symbol.metadata;
      const seen: Violation[] = [];
      (window as unknown as { __violations: Violation[] }).__violations = seen;
      document.addEventListener(
        "securitypolicyviolation",
        (event) => {
          seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
        },
        true,
      );
    });
    await page.goto(`${stack.demo.url}/csp.html`);
    const violations = () => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

    const launcher = page.locator("convex-chat [part=launcher]");
    await launcher.click();
    const input = page.locator("convex-chat textarea");
    await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
    await input.fill("Does the chat work under a strict policy?");
    await input.press("Enter");
    const reply = page.locator("convex-chat article.assistant").last();
    await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    expect((await reply.textContent())?.length).toBeGreaterThan(50);
    // Styles applied (adopted style sheets are not blocked by style-src): the launcher is round.
    expect(await launcher.evaluate((element) => getComputedStyle(element).borderRadius)).toBe("50%");

    expect(await violations()).toEqual([]);
    // The only global the script adds is window.ConvexChat (issue 4): Lit's shared registries
    // (litPropertyMetadata, *Versions) and its Symbol.metadata polyfill stay inside the bundle
    // (scripts/lit-globals-plugin.ts). Names the recorder above added are not counted.
    const added = await page.evaluate(() => {
      const before = new Set((window as unknown as { __globalsBefore: string[] }).__globalsBefore);
      const recorder = new Set(["__globalsBefore", "__symbolMetadataBefore", "__violations"]);
      return Object.getOwnPropertyNames(window)
        .filter((name) => !before.has(name) && !recorder.has(name))
        .sort();
    });
    expect(added).toEqual(["ConvexChat"]);
    expect(
      await page.evaluate(
        () => Symbol.metadata === (window as unknown as { __symbolMetadataBefore: symbol | undefined }).__symbolMetadataBefore,
      ),
    ).toBe(true);
    // ASCII only: a classic script is decoded in the host page's charset when its server names none.
    for (const bundle of ["dist/convex-chat.js", "dist/convex-chat-widget.js"]) {
      expect(readFileSync(resolve(root, bundle), "latin1").match(/[^\x00-\x7f]/g)).toBe(null);
    }
    // No styles in the page's head.
    expect(await page.evaluate(() => document.querySelectorAll("style").length)).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The recorder works and the policy is in force: inline style and raw HTML sinks are refused.
    const refused = await page.evaluate(() => {
      document.body.setAttribute("style", "color: red");
      try {
        document.body.insertAdjacentHTML("beforeend", "<b>x</b>");
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toBe(true);
    await expect
      .poll(async () => (await violations()).map((v) => v.directive).sort())
      .toEqual(["require-trusted-types-for", "style-src-attr"]);
    await page.close();
  });
});
