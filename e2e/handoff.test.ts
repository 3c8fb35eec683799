// End to end, human handoff with two people side by side in two browser contexts on the built
// bundles: a visitor on the demo host page and the site's owner in the console at /console. The
// owner takes over while the AI is writing a long reply (its text so far is kept, marked stopped,
// on both sides), the visitor sees them join, type and answer, live; the owner hands back and the
// AI answers again; the visitor asks for a person (the console's waiting filter shows it); the
// owner resolves; the visitor writes again and it reopens.
// The AI does not answer while a person is asked for (mode `waiting`), so a take-over mid-reply
// happens while the AI answers; the visitor's "Talk to a person" comes after the hand back.
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack, visitorSends, type DemoStack } from "./demoStack.helpers.ts";

let stack: DemoStack;
/** The seeded owner of `demo` (local-backend/src/demo-seed.ts). */
const OWNER = "Demo Owner";

beforeAll(async () => {
  // 12 ms a word: a 12,000-character reply takes ~25 s, time enough to take over in the middle.
  stack = await startDemoStack(12);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const texts = (locator: Locator) =>
  locator.evaluateAll((nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, " ").trim() ?? ""));

describe("human handoff, visitor and console side by side", () => {
  it("takes over mid-reply, answers live, hands back, waits, resolves and reopens", async () => {
    const owner = await stack.person("/console");
    const desk = owner.page.locator("convex-chat-console");
    await desk.locator("#email").fill("owner@demo.test");
    await desk.locator("#password").fill("demo-owner-password");
    await desk.locator("[part=submit-button]").click();
    await desk.locator("[part=inbox]").waitFor({ timeout: 30_000 });

    const visitor = await stack.person("/module.html");
    const chat = visitor.page.locator("convex-chat");
    const question = "Tell me everything about oolong; reply with 12000 characters.";
    await visitorSends(visitor.page, question);
    const row = desk.locator(".row").filter({ hasText: question });
    await row.waitFor({ timeout: 30_000 });
    await row.click();

    // The AI is writing (seen growing in the console); the owner takes over in the middle of it.
    const deskReply = desk.locator("[part~=ai]").first();
    await expect
      .poll(
        async () =>
          (await deskReply.getAttribute("data-status")) === "streaming" &&
          ((await deskReply.locator(".text").textContent()) ?? "").length > 300,
        { timeout: 30_000 },
      )
      .toBe(true);
    await desk.locator("[part=take-over-button]").click();
    await expect.poll(() => deskReply.getAttribute("data-status"), { timeout: 15_000 }).toBe("stopped");
    await desk.locator("[part=reply-stopped]").waitFor();
    expect(await desk.locator("[part=mode]").getAttribute("data-mode")).toBe("human");
    // Its text so far is kept, the same on both sides, and visible to the visitor as stopped.
    const visitorReply = chat.locator("article.assistant[data-author=ai]").first();
    await expect.poll(() => visitorReply.getAttribute("data-status"), { timeout: 15_000 }).toBe("stopped");
    const kept = (await deskReply.locator(".text").textContent()) ?? "";
    expect(kept.length).toBeGreaterThan(300);
    expect(kept.length).toBeLessThan(12_000);
    await expect.poll(() => visitorReply.locator(".text").textContent(), { timeout: 15_000 }).toBe(kept);
    expect(await visitorReply.isVisible()).toBe(true);

    // The visitor sees who joined and who answers now.
    await expect.poll(() => texts(chat.locator("[part~=system-line]")), { timeout: 15_000 }).toContain(`${OWNER} joined`);
    await expect.poll(() => chat.locator("[part=handoff-status]").textContent()).toContain(`${OWNER} is answering.`);

    // The owner types: the visitor sees it; the reply arrives live and the indicator goes.
    await desk.locator("#reply-input").pressSequentially("Hello! I'm Demo", { delay: 20 });
    await expect.poll(() => chat.locator("[part=typing-indicator]").textContent(), { timeout: 15_000 }).toContain(`${OWNER} is typing…`);
    await desk.locator("#reply-input").pressSequentially(", happy to help with oolong.", { delay: 5 });
    await desk.locator("#reply-input").press("Enter");
    const personReply = chat.locator("article.operator");
    await expect
      .poll(() => personReply.locator(".text").textContent(), { timeout: 15_000 })
      .toBe("Hello! I'm Demo, happy to help with oolong.");
    expect(await personReply.locator("[part=author-name]").textContent()).toBe(OWNER);
    await expect.poll(() => chat.locator("[part=typing-indicator]").count(), { timeout: 15_000 }).toBe(0);

    // Handed back: the AI answers the next question again.
    await desk.locator("[part=hand-back-button]").click();
    await expect.poll(() => texts(chat.locator("[part~=system-line]")), { timeout: 15_000 }).toContain(`${OWNER} left`);
    await expect.poll(() => desk.locator("[part=mode]").getAttribute("data-mode")).toBe("ai");
    await visitorSends(visitor.page, "Which one for a quiet evening? Reply with 300 characters.");
    const aiAgain = chat.locator("article.assistant[data-author=ai]").nth(1);
    await expect.poll(() => aiAgain.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    await expect.poll(() => desk.locator("[part~=ai]").nth(1).getAttribute("data-status"), { timeout: 15_000 }).toBe("done");
    expect(await desk.locator("[part~=ai]").nth(1).locator(".text").textContent()).toBe(await aiAgain.locator(".text").textContent());

    // The visitor asks for a person: waiting, in the console's waiting filter.
    await chat.locator("[part=handoff-button]").click();
    await expect
      .poll(() => chat.locator("[part=handoff-status] .handoff-title").textContent(), { timeout: 15_000 })
      .toBe("Waiting for a person");
    await desk.locator("[data-filter=waiting]").click();
    const waiting = desk.locator(".row").filter({ hasText: question });
    await expect.poll(() => waiting.getAttribute("part"), { timeout: 15_000 }).toContain("waiting-row");
    expect(await waiting.locator("[part=waiting-mark]").textContent()).toMatch(/^Waiting/);
    expect(await desk.locator("[part=mode]").getAttribute("data-mode")).toBe("waiting");

    // Resolved by the owner; the visitor writes again: open again, "Reopened" on both sides.
    await desk.locator("[part=resolve-button]").click();
    await desk.locator("[part=reopen-button]").waitFor({ timeout: 15_000 });
    await expect.poll(() => texts(chat.locator("[part~=system-line]")), { timeout: 15_000 }).toContain("Resolved");
    await visitorSends(visitor.page, "Sorry, one more question about shipping.");
    await desk.locator("[part=resolve-button]").waitFor({ timeout: 15_000 });
    expect(await desk.locator("[part=resolved-mark]").count()).toBe(0);
    await expect.poll(() => texts(desk.locator("[part=system-line]")), { timeout: 15_000 }).toContain("Reopened");
    await expect.poll(() => texts(chat.locator("[part~=system-line]")), { timeout: 15_000 }).toContain("Reopened");
    await desk.locator("[data-filter=open]").click();
    await desk.locator(".row").filter({ hasText: question }).waitFor({ timeout: 15_000 });

    expect([...owner.errors, ...visitor.errors]).toEqual([]);
  }, 240_000);
});
