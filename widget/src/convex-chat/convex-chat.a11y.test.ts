import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { SentenceReader } from "../core/announcer.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { finalReply, input, sendButton, shownMessages, statusLine, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { floatingChat, focused, isShown, launcher, panel, shellPart } from "../../test/shell-test-helpers.js";

const liveRegion = (chat: ConvexChat) => shellPart(chat, "[aria-live=polite]");

/** Every line the polite live region gains, in order. */
function recordAnnouncements(chat: ConvexChat) {
  const lines: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.textContent?.trim()) lines.push(node.textContent.trim());
  });
  observer.observe(liveRegion(chat), { childList: true });
  return { lines, stop: () => observer.disconnect() };
}

const streaming = (chat: ConvexChat) => shownMessages(chat).some((m) => m.role === "assistant" && m.status === "streaming");

for (const theme of ["light", "dark"] as const) {
  describe(`<convex-chat> accessibility (${theme})`, () => {
    beforeEach(freshVisitor);

    it("passes axe closed, open, while a reply streams, after it, and with a send error", async () => {
      const chat = await floatingChat();
      chat.theme = theme;
      await waitUntilReady(chat);
      await expect(chat, "closed").to.be.accessible();
      chat.open();
      await waitFor(() => isShown(panel(chat)), "the panel");
      await expect(chat, "open").to.be.accessible();
      await typeAndSend(chat, "Tell me about tea; reply with 2500 characters.");
      await waitFor(() => streaming(chat), "the reply to stream");
      await expect(chat, "streaming").to.be.accessible();
      await finalReply(chat);
      await expect(chat, "with a reply").to.be.accessible();

      input(chat).value = "a".repeat(5_000);
      input(chat).dispatchEvent(new InputEvent("input"));
      await chat.updateComplete;
      await waitFor(() => statusLine(chat).textContent?.includes("over the limit"), "the reason Send is disabled");
      expect(sendButton(chat).disabled).to.equal(true);
      await expect(chat, "error").to.be.accessible();
    });

    it("passes axe inline with a connection error banner", async () => {
      const chat = await fixture<ConvexChat>(html`<convex-chat theme=${theme}></convex-chat>`);
      expect(chat.shadowRoot!.querySelector("[part=error]")).to.not.equal(null);
      await expect(chat).to.be.accessible();
    });
  });
}

describe("<convex-chat> screen reader and keyboard", () => {
  beforeEach(freshVisitor);

  it("announces that a reply started, then whole sentences, never token by token", async () => {
    const chat = await floatingChat();
    await waitUntilReady(chat);
    chat.open();
    const heard = recordAnnouncements(chat);
    await typeAndSend(chat, "What should I brew tonight?");
    const reply = await finalReply(chat);
    await chat.updateComplete;
    heard.stop();

    expect(heard.lines[0]).to.match(/^The assistant is replying\./);
    const spoken = heard.lines.join(" ").replace(/^The assistant is replying\.\s*/, "");
    expect(spoken).to.equal(reply.text.replace(/\s+/g, " ").trim());
    // At most one announcement per sentence (plus "replying"), each ending on a sentence end.
    const sentences = new SentenceReader().finish(reply.text);
    expect(sentences.length).to.be.greaterThan(3);
    expect(heard.lines.length).to.be.at.most(sentences.length + 1);
    heard.lines.forEach((line) => expect(line).to.match(/[.!?"]$/));
  });

  it("every control is reachable with Tab, focus is visible, and focus stays in the composer after sending", async () => {
    const chat = await floatingChat();
    await waitUntilReady(chat);
    launcher(chat).focus();
    await sendKeys({ press: "Enter" });
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    await typeAndSend(chat, "Hello!");
    expect(focused(chat)).to.equal(input(chat));
    await finalReply(chat);

    // Tab from the launcher through the chat (and past it: the page wraps around to it again).
    const reached = new Set<Element>();
    launcher(chat).focus();
    reached.add(launcher(chat));
    for (let i = 0; i < 30; i++) {
      await sendKeys({ press: "Tab" });
      const element = focused(chat);
      if (!element) continue;
      reached.add(element);
      const outline = getComputedStyle(element).outlineStyle;
      expect(outline, `focus ring on ${element.outerHTML.slice(0, 60)}`).to.not.equal("none");
    }
    const controls = [...chat.shadowRoot!.querySelectorAll<HTMLElement>("button, textarea, [tabindex='0']")].filter(
      (element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0 && !element.closest("[inert]"),
    );
    const missed = controls.filter((element) => !reached.has(element)).map((element) => element.outerHTML.slice(0, 80));
    expect(missed).to.deep.equal([]);
  });
});
