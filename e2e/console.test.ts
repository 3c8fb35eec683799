// End to end, two people in two browser contexts on the built bundles: a visitor chats on the demo
// host page; the site's owner, signed in to the console at /console, sees the conversation appear
// without reloading, watches the AI's reply grow, changes the greeting, and a new visitor sees it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack, visitorSends, type DemoStack } from "./demoStack.helpers.ts";

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack(12);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe("the console and a visitor, live", () => {
  it("the owner sees a visitor's conversation appear and its reply stream in; a greeting they set reaches a new visitor", async () => {
    const owner = await stack.person("/console");
    const console_ = owner.page.locator("convex-chat-console");
    await console_.locator("#email").fill("owner@demo.test");
    await console_.locator("#password").fill("demo-owner-password");
    await console_.locator("[part=submit-button]").click();
    await console_.locator("[part=inbox]").waitFor({ timeout: 30_000 });
    await expect.poll(() => console_.locator("[part=empty]").textContent(), { timeout: 30_000 }).toBe("No conversations yet.");

    // A visitor asks on the demo's help page; the row appears in the open console, unread.
    const visitor = await stack.person("/module.html");
    await visitorSends(visitor.page, "Do you have a smoky oolong?");
    const row = console_.locator(".row").filter({ hasText: "Do you have a smoky oolong?" });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute("part")).toContain("unread-row");
    await row.click();
    await console_.locator("[part~=ai]").first().waitFor();
    // Where the visitor was: the page's origin and path (no query), and its language.
    const context = (await console_.locator("[part=visitor-context]").textContent()) ?? "";
    expect(context).toContain(`${stack.demo.url}/module.html`);
    expect(context).toMatch(/Language\s*en/);
    await expect.poll(() => console_.locator("[part~=ai]").first().getAttribute("data-status"), { timeout: 60_000 }).toBe("done");

    // The owner watches the next reply grow: every length the console's DOM shows is recorded in the page.
    await owner.page.evaluate(() => {
      const root = document.querySelector("convex-chat-console")!.shadowRoot!;
      const lengths: number[] = [];
      (window as unknown as { lengths: number[] }).lengths = lengths;
      new MutationObserver(() => {
        const replies = root.querySelectorAll("[part~=ai] .text");
        if (replies.length >= 2) lengths.push(replies[replies.length - 1].textContent?.length ?? 0);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await visitorSends(visitor.page, "Tell me about oolong; reply with 3000 characters.");
    const reply = console_.locator("[part~=ai]").nth(1);
    await reply.waitFor({ timeout: 30_000 });
    await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    const final = ((await reply.locator(".text").textContent()) ?? "").length;
    const lengths = await owner.page.evaluate(() => (window as unknown as { lengths: number[] }).lengths);
    const intermediate = new Set(lengths.filter((length) => length > 0 && length < final));
    expect(intermediate.size).toBeGreaterThan(2);
    expect(final).toBeGreaterThan(2500);
    // The visitor's page shows the same text.
    const visitorText = await visitor.page.locator("convex-chat article.assistant .text").last().textContent();
    expect(await reply.locator(".text").textContent()).toBe(visitorText);

    // The owner changes the greeting; a new visitor (another context) sees it in an empty chat.
    await console_.locator("[data-section=settings]").click();
    await console_.locator("#greeting").fill("Welcome to Juniper & Oak! Ask us about any tea.");
    await console_.locator("[part=save-button]").click();
    await expect.poll(() => console_.locator("[part=save-status]").textContent(), { timeout: 30_000 }).toBe("Saved.");
    const newcomer = await stack.person("/");
    await newcomer.page.locator("convex-chat [part=launcher]").click();
    await expect
      .poll(() => newcomer.page.locator("convex-chat [part=greeting]").textContent(), { timeout: 30_000 })
      .toBe("Welcome to Juniper & Oak! Ask us about any tea.");

    expect([...owner.errors, ...visitor.errors, ...newcomer.errors]).toEqual([]);
  }, 180_000);
});
