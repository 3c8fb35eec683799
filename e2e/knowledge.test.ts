// End to end on the built bundles: the demo site's owner adds a text in the console's Knowledge
// page; a visitor on the demo host page asks about it and the reply answers from it, with the
// text's title under the reply as a link to its page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack, type DemoStack } from "./demoStack.helpers.ts";

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack(0);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe("the site's knowledge, from the console to a visitor's answer", () => {
  it("an owner adds a text; a visitor's question is answered from it with the source link", async () => {
    const owner = await stack.person("/console");
    const console_ = owner.page.locator("convex-chat-console");
    await console_.locator("#email").fill("owner@demo.test");
    await console_.locator("#password").fill("demo-owner-password");
    await console_.locator("[part=submit-button]").click();
    await console_.locator("[data-section=knowledge]").click({ timeout: 30_000 });
    await console_.locator("[part=knowledge] [part=empty]").waitFor({ timeout: 30_000 });
    await console_.locator("#knowledge-title").fill("Tasting workshops");
    await console_.locator("#knowledge-link").fill(`${stack.demo.url}/help/workshops.html`);
    await console_
      .locator("#knowledge-text")
      .fill(
        "We hold tea tasting workshops in our Lyon shop every Saturday at 10 am. A workshop lasts 90 minutes, costs 25 euros and is limited to eight people; book a seat by email.",
      );
    await console_.locator("[part=knowledge-text-button]").click();
    await console_.locator("[part=knowledge-entry]").filter({ hasText: "Tasting workshops" }).waitFor({ timeout: 30_000 });

    const visitor = await stack.person("/module.html");
    const input = visitor.page.locator("convex-chat textarea");
    await expect.poll(() => input.isEnabled(), { timeout: 30_000 }).toBe(true);
    await input.fill("Do you run tea tasting workshops?");
    await input.press("Enter");
    const reply = visitor.page.locator("convex-chat article.assistant").last();
    await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    expect(await reply.locator(".text").textContent()).toContain("every Saturday at 10 am");
    const link = reply.locator("[part=source-link]");
    expect(await link.textContent()).toBe("Tasting workshops");
    expect(await link.getAttribute("href")).toBe(`${stack.demo.url}/help/workshops.html`);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");

    expect([...owner.errors, ...visitor.errors]).toEqual([]);
  }, 180_000);
});
