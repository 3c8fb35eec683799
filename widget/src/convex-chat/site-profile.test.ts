// The site's settings reach the visitor: its name as the title (the `title` attribute wins), its
// assistant's name in the AI label and the replies' accessible name, its accent color (the page's
// --convex-chat-accent wins), its suggested questions as buttons that send; a disabled site shows
// no launcher. Settings are changed on the `switchable` site (web-test-runner.config.mjs).
import { expect, fixture, html } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { freshVisitor, testBackend, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, sendButton, shownMessages, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const SITE = "switchable";
const updateSite = (changes: Record<string, unknown>) => executeServerCommand("update-site", { key: SITE, ...changes });
const $ = (chat: ConvexChat, selector: string) => chat.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (chat: ConvexChat, selector: string) => [...chat.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

describe("<convex-chat> the site's settings", () => {
  before(() =>
    updateSite({
      name: "Juniper Tea",
      assistantName: "Ada",
      accentColor: "#0a7d33",
      suggestedQuestions: ["Do you ship to Canada?", "How do I brew green tea?"],
      enabled: true,
    }),
  );
  after(() => updateSite({ name: "Turned off by a test", enabled: true, clear: ["assistantName", "accentColor", "suggestedQuestions"] }));
  beforeEach(freshVisitor);

  it("title, accent, suggested questions that send, and the assistant's name on its replies", async () => {
    const chat = await chatFixture({ siteKey: SITE });
    await waitUntilReady(chat);
    await waitFor(() => $(chat, "[part=title]")?.textContent === "Juniper Tea", "the site's name as the title");
    await waitFor(() => getComputedStyle(sendButton(chat)).backgroundColor === "rgb(10, 125, 51)", "the site's accent on Send");
    const suggestions = await waitFor(() => $$(chat, "[part=suggestion]").length === 2 && $$(chat, "[part=suggestion]"), "two suggestions");
    expect(suggestions.map((b) => b.textContent)).to.deep.equal(["Do you ship to Canada?", "How do I brew green tea?"]);
    expect($(chat, "[part=suggestions]")!.getAttribute("aria-label")).to.equal("Suggested questions");

    suggestions[0].click();
    expect((await finalReply(chat)).status).to.equal("done");
    expect(shownMessages(chat)[0]).to.deep.equal({ role: "user", status: "done", text: "Do you ship to Canada?" });
    expect($(chat, "[part=suggestions]"), "gone once the conversation has messages").to.equal(null);
    const reply = $(chat, "article.assistant")!;
    expect(reply.querySelector("[part=author-name]")!.textContent).to.equal("Ada · AI");
    expect(reply.querySelector(".visually-hidden")!.textContent).to.equal("Ada, AI assistant:");
  });

  it("the title attribute and the page's accent win over the site's", async () => {
    const { url, siteUrl } = await testBackend();
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-url=${siteUrl} site-key=${SITE} title="Help"
      style="--convex-chat-accent: #ff0000"></convex-chat>`);
    await waitUntilReady(chat);
    await waitFor(() => $$(chat, "[part=suggestion]").length === 2, "the profile loaded");
    expect($(chat, "[part=title]")!.textContent).to.equal("Help");
    expect(getComputedStyle(sendButton(chat)).backgroundColor).to.equal("rgb(255, 0, 0)");
  });

  it("a disabled site shows no launcher", async () => {
    const { url, siteUrl } = await testBackend();
    const enabled = await fixture<ConvexChat>(
      html`<convex-chat mode="floating" convex-url=${url} site-url=${siteUrl} site-key=${SITE}></convex-chat>`,
    );
    await waitFor(() => $$(enabled, "[part=suggestion]").length === 2, "the profile loaded");
    expect($(enabled, "[part=launcher]")).to.not.equal(null);
    await updateSite({ enabled: false });
    try {
      await waitFor(() => $(enabled, "[part=launcher]") === null, "the launcher gone once the site is off");
      enabled.remove();
      const chat = await fixture<ConvexChat>(
        html`<convex-chat mode="floating" convex-url=${url} site-url=${siteUrl} site-key=${SITE}></convex-chat>`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect($(chat, "[part=launcher]")).to.equal(null);
      expect(chat.shadowRoot!.children.length === 0 || !$(chat, "[part=panel]")).to.equal(true);
    } finally {
      await updateSite({ enabled: true });
    }
  });
});
