import { expect, fixture, html } from "@open-wc/testing";
import { testBackend, waitFor } from "../../test/test-helpers.js";
import { finalReply, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import "../define.js";
import type { ConvexChat } from "../convex-chat/convex-chat.js";
import { consoleElement, freshConsole, has, part, parts, signUpOperator, SITE_B, type } from "../../test/console-test-helpers.js";

// SITE_B is shared with other files: the entry is removed at the end, so their replies stay ungrounded.
describe("<convex-chat-console> knowledge", () => {
  beforeEach(freshConsole);

  it("an owner adds a text (axe clean, en and fr); a visitor's question is answered from it with the source as a link; Remove takes it away", async () => {
    const { url, siteUrl } = await testBackend();
    const element = await consoleElement({ lang: "fr" });
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_B);
    part<HTMLButtonElement>(element, "[data-section=knowledge]").click();
    await waitFor(() => has(element, "[part=knowledge] [part=empty]"), "the empty knowledge page", 15_000);
    expect(part(element, "[data-section=knowledge]").textContent?.trim()).to.equal("Connaissances");
    await expect(element, "knowledge, fr").to.be.accessible();
    element.lang = "en";
    await element.updateComplete;

    const title = `Gift wrapping ${Math.random().toString(36).slice(2, 6)}`;
    type(element, "#knowledge-title", title);
    type(element, "#knowledge-link", "https://shop.example/help/gift-wrapping");
    type(
      element,
      "#knowledge-text",
      "We gift-wrap any order in recycled paper with a handwritten card for 3 euros. Choose gift wrapping at checkout.",
    );
    part<HTMLButtonElement>(element, "[part=knowledge-text-button]").click();
    const entry = await waitFor(
      () => parts(element, "[part=knowledge-entry]").find((li) => li.textContent?.includes(title)),
      "the entry listed",
      30_000,
    );
    expect(part(element, "[part=knowledge-notice]").textContent).to.equal(`“${title}” added.`);
    expect(entry.querySelector("a")?.getAttribute("href")).to.equal("https://shop.example/help/gift-wrapping");
    await expect(element, "knowledge with an entry").to.be.accessible();

    try {
      const chat = await fixture<ConvexChat>(
        html`<convex-chat convex-url=${url} site-url=${siteUrl} site-key=${SITE_B} storage="memory" mode="inline"></convex-chat>`,
      );
      await waitUntilReady(chat);
      await typeAndSend(chat, "Can you gift wrap my order?");
      const reply = await finalReply(chat);
      expect(reply.text).to.contain("3 euros");
      const link = await waitFor(
        () => chat.shadowRoot!.querySelector<HTMLAnchorElement>("[part=sources] [part=source-link]"),
        "the source under the reply",
        30_000,
      );
      expect(link.textContent).to.equal(title);
      expect(link.href).to.equal("https://shop.example/help/gift-wrapping");
      expect(link.rel).to.equal("noopener noreferrer");
      await expect(chat, "a reply with its sources").to.be.accessible();
    } finally {
      part<HTMLButtonElement>(element, `[data-entry-id] [part=remove-button]`).click();
      await waitFor(() => has(element, "[part=knowledge] [part=empty]"), "the entry removed", 30_000);
    }
  });
});
